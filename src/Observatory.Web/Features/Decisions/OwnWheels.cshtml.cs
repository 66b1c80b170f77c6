using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Decisions;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Decisions;

/// <summary>An organisation's own decision wheels, and a form to copy a shipped wheel (or one of its own) to edit. Members only.</summary>
[Authorize]
public sealed class OwnWheelsModel(OrganisationWheels wheels) : PageModel
{
    public OrganisationWheelList List { get; private set; } = null!;

    [BindProperty]
    public string? CopyOf { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        CopyOf = DecisionWheels.DefaultId;
        return await LoadAsync(slug, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!(await wheels.CopyAsync(slug, CopyOf, Title, ct)).Succeeded(out var record, out var refusal))
        {
            return await LoadAsync(slug, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = $"{record.Wheel.Title} was made. Change its segments and guiding questions below.";
        return LocalRedirect($"/organisations/{slug}/decision-wheels/{record.Row.WheelId}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (!(await wheels.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        List = list;
        return null;
    }
}
