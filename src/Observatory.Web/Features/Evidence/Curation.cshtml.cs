using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Evidence;

/// <summary>The curators' desk: items waiting for review, and problems readers have reported.</summary>
[Authorize]
public sealed class CurationModel(EvidenceCuration curation, CurrentActor current) : PageModel
{
    public IReadOnlyList<CurationQueueEntry> Queue { get; private set; } = [];
    public IReadOnlyList<OpenProblemReport> Reports { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!EvidenceAccess.CanCurate(current.Actor))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (!(await curation.QueueAsync(current.Actor, cancellationToken)).Succeeded(out var queue, out var refusal)
            || !(await curation.OpenReportsAsync(current.Actor, cancellationToken)).Succeeded(out var reports, out refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        (Queue, Reports) = (queue, reports);
        return Page();
    }

    public async Task<IActionResult> OnPostResolveAsync(long reportId, CancellationToken cancellationToken)
    {
        if (!(await curation.ResolveReportAsync(current.Actor, reportId, cancellationToken)).Succeeded(out var refusal))
        {
            return StatusCode(refusal.StatusCode());
        }
        TempData["Notice"] = "The problem report was marked resolved.";
        return LocalRedirect("/evidence/curation");
    }
}
