using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Registers;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>One application entry, for whoever may see it: its organisation, councils when shared with them, everyone once published.</summary>
public sealed class ApplicationModel(ApplicationsRegister register) : PageModel
{
    public ApplicationView View { get; private set; } = null!;

    public ServiceAreas Areas => register.Areas;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!(await register.GetAsync(id, ct)).Succeeded(out var view, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        View = view;
        return Page();
    }
}
