using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Plans;

namespace Observatory.Web.Features.Plans;

/// <summary>What every page of one plan loads: the plan as the visitor may see it (not found otherwise) and its grid.</summary>
public abstract class PlanPageModel(RecoveryPlans plans) : PageModel
{
    protected RecoveryPlans Plans => plans;

    public PlanRecord Record { get; private set; } = null!;
    public PlanGrid Grid { get; private set; } = null!;
    public FormErrors Errors { get; } = new();

    public string PlanPath => PlanText.Path(Record.Plan.Id);

    protected async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (!(await plans.GetAsync(id, cancellationToken)).Succeeded(out var record, out _))
        {
            return false;
        }
        Record = record;
        Grid = await plans.GridAsync(record, cancellationToken);
        await OnLoadedAsync(record, cancellationToken);
        return true;
    }

    /// <summary>What a page loads beside the plan, once the visitor is known to see it.</summary>
    protected virtual Task OnLoadedAsync(PlanRecord record, CancellationToken cancellationToken) => Task.CompletedTask;
}
