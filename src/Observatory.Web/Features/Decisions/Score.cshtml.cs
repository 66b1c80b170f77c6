using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Decisions;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Decisions;

/// <summary>Scores one option on one segment: short and long term, why, mitigations, evidence and who answered. One thing per page.</summary>
[Authorize]
public sealed class ScoreModel(OrganisationDecisions decisions) : PageModel
{
    public DecisionRecord Record { get; private set; } = null!;

    public DecisionOption Option { get; private set; } = null!;

    public WheelSegment Segment { get; private set; } = null!;

    [BindProperty]
    public string? ShortTerm { get; set; }

    [BindProperty]
    public string? LongTerm { get; set; }

    [BindProperty]
    public string? Rationale { get; set; }

    [BindProperty]
    public string? Mitigations { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    [BindProperty]
    public string? AnsweredBy { get; set; }

    /// <summary>The evidence library items and indicators tagged to the segment's Doughnut element, offered as checkboxes.</summary>
    public IReadOnlyList<EvidenceChoice> Choices { get; private set; } = [];

    /// <summary>The links of the offered items that are ticked.</summary>
    [BindProperty]
    public List<string> Picked { get; set; } = [];

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(long id, string option, string segment, CancellationToken ct)
    {
        if (await LoadAsync(id, option, segment, ct) is { } refused)
        {
            return refused;
        }
        if (Record.ScoreOf(Option.Key, Segment.Id) is { } score)
        {
            ShortTerm = DecisionWords.ScoreSlug(score.ShortTerm);
            LongTerm = DecisionWords.ScoreSlug(score.LongTerm);
            Rationale = score.Rationale;
            Mitigations = score.Mitigations;
            // Links to offered items show as ticked boxes; anything else stays in the box for typed links.
            Picked = [.. score.Links.Where(l => Choices.Any(c => c.Link == l))];
            Evidence = string.Join('\n', score.Links.Where(l => !Picked.Contains(l)));
            AnsweredBy = score.AnsweredBy;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string option, string segment, CancellationToken ct)
    {
        if (await LoadAsync(id, option, segment, ct) is { } refused)
        {
            return refused;
        }
        var input = new ScoreInput(ShortTerm, LongTerm, Rationale, Mitigations, [.. Picked, .. (Evidence is null ? Array.Empty<string>() : [Evidence])], AnsweredBy);
        if (!(await decisions.ScoreAsync(id, Option.Key, Segment.Id, input, ct)).Succeeded(out _, out var refusal))
        {
            return this.Refuse(DecisionText.ForForm(refusal, f => f.StartsWith("evidence", StringComparison.Ordinal) ? "evidence" : f), Errors) ?? Page();
        }
        TempData["Notice"] = $"Option {Option.Key} was scored on {Segment.Name.ToLowerInvariant()}.";
        return LocalRedirect(DecisionText.Page(id));
    }

    private async Task<IActionResult?> LoadAsync(long id, string option, string segment, CancellationToken ct)
    {
        if (!(await decisions.GetAsync(id, ct)).Succeeded(out var record, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        if (!record.MayContribute && !record.DelegatedToYou.Contains(segment))
        {
            // Readers of a published decision, and the organisation's viewers, are not offered a form; a delegate is
            // offered the segments given to them.
            return NotFound();
        }
        if (record.Options.FirstOrDefault(o => string.Equals(o.Key, option, StringComparison.OrdinalIgnoreCase)) is not { } chosen || record.Wheel.Segment(segment) is not { } part)
        {
            return NotFound();
        }
        Record = record;
        Option = chosen;
        Segment = part;
        Choices = await decisions.EvidenceChoicesAsync(part, ct);
        return null;
    }
}
