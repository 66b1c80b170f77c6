using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Decisions;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Decisions;

/// <summary>
/// One of an organisation's own wheels at a version (the latest unless ?version= names another): its segments with
/// their guiding questions, links to change each, a form to add one, and every version's change. Members only.
/// </summary>
[Authorize]
public sealed class OwnWheelModel(OrganisationWheels wheels) : PageModel
{
    public OrganisationWheelRecord Record { get; private set; } = null!;

    [BindProperty]
    public string? Ring { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Questions { get; set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, string wheel, int? version, CancellationToken ct) => await LoadAsync(slug, wheel, version, ct) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(string slug, string wheel, CancellationToken ct)
    {
        if (!(await wheels.AddSegmentAsync(slug, wheel, Ring, new SegmentInput(Name, [Questions]), ct)).Succeeded(out var record, out var refusal))
        {
            return await LoadAsync(slug, wheel, null, ct) ?? this.Refuse(DecisionText.ForForm(refusal, f => f.StartsWith("questions", StringComparison.Ordinal) ? "questions" : f), Errors) ?? Page();
        }
        TempData["Notice"] = $"{Name?.Trim()} was added: this is version {record.Row.LatestVersion} of the wheel.";
        return LocalRedirect(DecisionText.OwnWheelPage(slug, wheel));
    }

    private async Task<IActionResult?> LoadAsync(string slug, string wheel, int? version, CancellationToken ct)
    {
        if (!(await wheels.GetAsync(slug, wheel, version, ct)).Succeeded(out var record, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        Record = record;
        Ring ??= record.Wheel.Rings[0].Id;
        return null;
    }
}
