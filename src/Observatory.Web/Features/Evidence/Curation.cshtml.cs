using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;

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
        Queue = await curation.QueueAsync(current.Actor, cancellationToken);
        Reports = await curation.OpenReportsAsync(current.Actor, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostResolveAsync(long reportId, CancellationToken cancellationToken)
    {
        try
        {
            await curation.ResolveReportAsync(current.Actor, reportId, cancellationToken);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or KeyNotFoundException)
        {
            return EvidencePageSupport.Refusal(ex);
        }
        TempData["Notice"] = "The problem report was marked resolved.";
        return LocalRedirect("/evidence/curation");
    }
}
