using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Registers;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>The sector view of the applications register, for anyone: products per service area with the councils running each, and contracts ending in the next two years.</summary>
public sealed class SectorModel(ApplicationsRegister register, CurrentActor current, AccountDirectory directory) : PageModel
{
    public SectorView View { get; private set; } = null!;

    public ServiceAreas Areas => register.Areas;

    /// <summary>The slug of the viewer's first organisation, for a link to its own entries.</summary>
    public string? Member { get; private set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string? service, CancellationToken ct)
    {
        if (!(await register.SectorAsync(service, null, ct)).Succeeded(out var view, out var refusal))
        {
            if (this.Refuse(refusal, Errors) is { } failed)
            {
                return failed;
            }
            view = (await register.SectorAsync(null, null, ct)).Value;
        }
        View = view;
        if (current.Actor.Roles.Keys.Order().FirstOrDefault() is > 0 and var first)
        {
            Member = (await directory.OrganisationAsync(first, ct))?.Slug;
        }
        return Page();
    }
}
