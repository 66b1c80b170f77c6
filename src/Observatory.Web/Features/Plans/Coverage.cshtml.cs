using Microsoft.AspNetCore.Mvc;
using Observatory.Plans;

namespace Observatory.Web.Features.Plans;

/// <summary>The plan's own gap map: each element with the plan's actions and targets for it, beside the evidence library's published items for the same element.</summary>
public sealed class CoverageModel(RecoveryPlans plans) : PlanPageModel(plans)
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();
}
