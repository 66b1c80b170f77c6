using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Decisions;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Decisions;

/// <summary>
/// Delegating segments of a draft decision: an editor chooses a member of the organisation (from its members, not typed)
/// and the segments they will answer for every option, and can take a segment back. Editors only.
/// </summary>
[Authorize]
public sealed class DelegationModel(OrganisationDecisions decisions) : PageModel
{
    public DecisionRecord Record { get; private set; } = null!;

    public IReadOnlyList<Delegatable> Members { get; private set; } = [];

    [BindProperty]
    public string? Delegate { get; set; }

    [BindProperty]
    public List<string> Segments { get; set; } = [];

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        long? person = long.TryParse(Delegate, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
        if (!(await decisions.DelegateAsync(id, person, Segments, ct)).Succeeded(out var record, out var refusal))
        {
            return this.Refuse(DecisionText.ForForm(refusal, f => f.StartsWith("segments", StringComparison.Ordinal) ? "segments" : f), Errors) ?? Page();
        }
        var name = record.Delegations.FirstOrDefault(d => d.PersonId == person)?.Name ?? "them";
        TempData["Notice"] = Segments.Count == 1
            ? $"{record.Wheel.Segment(Segments[0])?.Name} was delegated to {name}."
            : $"{Segments.Count} segments were delegated to {name}.";
        return LocalRedirect(DecisionText.DelegationPage(id));
    }

    public async Task<IActionResult> OnPostTakeBackAsync(long id, string? segment, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }
        if (!(await decisions.TakeBackAsync(id, segment ?? "", ct)).Succeeded(out var record, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = $"{record.Wheel.Segment(segment ?? "")?.Name} is no longer delegated.";
        return LocalRedirect(DecisionText.DelegationPage(id));
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!(await decisions.GetAsync(id, ct)).Succeeded(out var record, out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        if (!record.CanDelegate || !(await decisions.DelegatableAsync(id, ct)).Succeeded(out var members, out _))
        {
            // Only an editor of a draft delegates; anyone else is not offered the form.
            return NotFound();
        }
        Record = record;
        Members = members;
        return null;
    }
}
