using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Observatory.Plans;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Plans;

/// <summary>
/// A plan's overview: its grid of areas of focus against the 4Rs with counts and status, its targets with progress
/// from the latest data, its actions; and, for its editors, the forms that add targets and actions and move it on.
/// </summary>
public sealed class ShowModel(RecoveryPlans plans, SocialValueCommitments socialValue) : PlanPageModel(plans)
{
    /// <summary>The plan's social value commitments and their totals by theme.</summary>
    public SocialValueRecord SocialValue { get; private set; } = null!;

    protected override async Task OnLoadedAsync(PlanRecord record, CancellationToken cancellationToken) =>
        SocialValue = (await socialValue.GetAsync(record.Plan.Id, cancellationToken)).Value;

    [BindProperty]
    public string? Indicator { get; set; }

    [BindProperty]
    public string? Area { get; set; }

    [BindProperty]
    public string? BaselinePeriod { get; set; }

    [BindProperty]
    public string? TargetPeriod { get; set; }

    [BindProperty]
    public string? TargetValue { get; set; }

    [BindProperty]
    public List<string> Elements { get; set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Owner { get; set; }

    [BindProperty]
    public string? Partners { get; set; }

    [BindProperty]
    public string? StartOn { get; set; }

    [BindProperty]
    public string? DueOn { get; set; }

    [BindProperty]
    public string? Evidence { get; set; }

    /// <summary>The address of the organisation to make, or stop being, a partner.</summary>
    [BindProperty]
    public string? Organisation { get; set; }

    public IReadOnlyList<global::Observatory.Indicators.IndicatorDefinition> Indicators => Plans.Indicators;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTargetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        double? value = double.TryParse(TargetValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var outcome = await Plans.AddTargetAsync(id, new TargetInput(Indicator, Area, BaselinePeriod, TargetPeriod, value, Elements), cancellationToken);
        return Done(outcome, "The target was added.");
    }

    public async Task<IActionResult> OnPostActionAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var input = new ActionInput(Title, Description, Owner, PlanText.Lines(Partners ?? ""), StartOn, DueOn, "not-started", Elements,
            (Evidence ?? "").Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return Done(await Plans.AddActionAsync(id, input, cancellationToken), "The action was added.");
    }

    public async Task<IActionResult> OnPostPartnerAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Done(await Plans.AddPartnerAsync(id, Organisation, cancellationToken), "The partner was added: its members can now see the plan, and its editors change it.") : NotFound();

    public async Task<IActionResult> OnPostRemovePartnerAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Done(await Plans.RemovePartnerAsync(id, Organisation, cancellationToken), "The partner was removed from the plan.") : NotFound();

    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Done(await Plans.SubmitAsync(id, cancellationToken), "The plan was sent to your organisation's approvers.") : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Done(await Plans.PublishAsync(id, cancellationToken), "The plan was published: anyone can now read it.") : NotFound();

    private IActionResult Done(Outcomes.Outcome<PlanRecord> outcome, string notice)
    {
        if (!outcome.Succeeded(out _, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        TempData["Notice"] = notice;
        return LocalRedirect(PlanPath);
    }
}
