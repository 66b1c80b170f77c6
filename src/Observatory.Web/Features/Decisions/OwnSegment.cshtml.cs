using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Decisions;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Decisions;

/// <summary>Changes a segment of an organisation's own wheel (its name and guiding questions), or removes it. Contributors only.</summary>
[Authorize]
public sealed class OwnSegmentModel(OrganisationWheels wheels) : PageModel
{
    public OrganisationWheelRecord Record { get; private set; } = null!;

    public WheelSegment Segment { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Questions { get; set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, string wheel, string segment, CancellationToken ct)
    {
        if (await LoadAsync(slug, wheel, segment, ct) is { } refused)
        {
            return refused;
        }
        Name = Segment.Name;
        Questions = string.Join('\n', Segment.Questions);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string wheel, string segment, CancellationToken ct)
    {
        if (await LoadAsync(slug, wheel, segment, ct) is { } refused)
        {
            return refused;
        }
        var before = Record.Row.LatestVersion;
        if (!(await wheels.ChangeSegmentAsync(slug, wheel, segment, new SegmentInput(Name, [Questions]), ct)).Succeeded(out var record, out var refusal))
        {
            return this.Refuse(DecisionText.ForForm(refusal, f => f.StartsWith("questions", StringComparison.Ordinal) ? "questions" : f), Errors) ?? Page();
        }
        TempData["Notice"] = record.Row.LatestVersion == before
            ? "Nothing was changed, so no new version was saved."
            : $"{Name?.Trim()} was saved: this is version {record.Row.LatestVersion} of the wheel.";
        return LocalRedirect(DecisionText.OwnWheelPage(slug, wheel));
    }

    public async Task<IActionResult> OnPostRemoveAsync(string slug, string wheel, string segment, CancellationToken ct)
    {
        if (await LoadAsync(slug, wheel, segment, ct) is { } refused)
        {
            return refused;
        }
        if (!(await wheels.RemoveSegmentAsync(slug, wheel, segment, ct)).Succeeded(out var record, out var refusal))
        {
            Name = Segment.Name;
            Questions = string.Join('\n', Segment.Questions);
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = $"{Segment.Name} was removed: this is version {record.Row.LatestVersion} of the wheel.";
        return LocalRedirect(DecisionText.OwnWheelPage(slug, wheel));
    }

    private async Task<IActionResult?> LoadAsync(string slug, string wheel, string segment, CancellationToken ct)
    {
        if (!(await wheels.GetAsync(slug, wheel, cancellationToken: ct)).Succeeded(out var record, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        if (!record.CanEdit || record.Wheel.Segment(segment) is not { } part)
        {
            // Viewers are not offered a form.
            return NotFound();
        }
        Record = record;
        Segment = part;
        return null;
    }
}
