using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Auditing;
using Observatory.Decisions;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Decisions;

/// <summary>
/// A decision: its options' wheels side by side, every score in a table with the place's status beside each segment,
/// warnings in words where an option worsens a segment already in shortfall or overshoot, and its recorded history.
/// Laid out for A4 when printed. Members submit and approvers publish here.
/// </summary>
public sealed class ShowModel(OrganisationDecisions decisions) : PageModel
{
    public DecisionRecord Record { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct)
    {
        if (!(await decisions.SubmitAsync(id, ct)).Succeeded(out _, out var refusal))
        {
            return await LoadAsync(id, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = "The decision was submitted: an approver can now publish it.";
        return LocalRedirect(DecisionText.Page(id));
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken ct)
    {
        if (!(await decisions.PublishAsync(id, ct)).Succeeded(out _, out var refusal))
        {
            return await LoadAsync(id, ct) ?? this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = "The decision was published: anyone can now read it.";
        return LocalRedirect(DecisionText.Page(id));
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        if (!(await decisions.GetAsync(id, ct)).Succeeded(out var record, out var refusal) || !(await decisions.HistoryAsync(id, ct)).Succeeded(out var history, out refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        Record = record;
        History = history;
        return null;
    }
}
