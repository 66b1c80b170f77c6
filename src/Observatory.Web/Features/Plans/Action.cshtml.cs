using Microsoft.AspNetCore.Mvc;
using Observatory.Plans;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Plans;

/// <summary>One action: what it is, who leads it with whom, when, what it serves and draws on, and its dated updates; editors report on it here.</summary>
public sealed class ActionModel(RecoveryPlans plans) : PlanPageModel(plans)
{
    public ActionView Action { get; private set; } = null!;

    [BindProperty]
    public string? On { get; set; }

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, long actionId, CancellationToken cancellationToken) =>
        await LoadActionAsync(id, actionId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUpdateAsync(long id, long actionId, CancellationToken cancellationToken)
    {
        if (!await LoadActionAsync(id, actionId, cancellationToken))
        {
            return NotFound();
        }
        if (!(await Plans.AddActionUpdateAsync(id, actionId, new ActionUpdateInput(On, Status, Note), cancellationToken)).Succeeded(out _, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = "The update was recorded.";
        return LocalRedirect($"{PlanPath}/actions/{actionId}");
    }

    /// <summary>The names of the elements the action serves, in the plan's framework or the 4Rs.</summary>
    public IEnumerable<string> ElementNames() =>
        RecoveryPlans.Refs(Action.Action.Elements).Select(r => Grid.Lines.Select(l => l.Element).Concat(Grid.Pillars).FirstOrDefault(e => e.Ref == r)?.Name ?? r.ToString());

    private async Task<bool> LoadActionAsync(long id, long actionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Record.Action(actionId) is not { } action)
        {
            return false;
        }
        Action = action;
        return true;
    }
}
