using Observatory.Accounts;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Plans;

/// <summary>What a plan is made with: a title, the place, the span of years and the framework it is arranged by (the areas of focus when none is named).</summary>
public sealed record PlanInput(string? Title, string? Summary, string? Place, int? StartYear, int? EndYear, string? Framework = null);

/// <summary>
/// A target: the indicator, the area (the plan's place when none is named), the baseline period (the latest
/// published when none is named; its value always comes from the store), the target period ("2030", or an ISO
/// period) and value, and the framework elements it serves ("place-making/health", "four-rs/renew").
/// </summary>
public sealed record TargetInput(string? Indicator, string? Area, string? BaselinePeriod, string? TargetPeriod, double? TargetValue, IReadOnlyList<string>? Elements = null);

/// <summary>An action: dates as yyyy-mm-dd, status as not-started, on-track, at-risk, late, done or dropped, and the evidence items' slugs.</summary>
public sealed record ActionInput(string? Title, string? Description, string? Owner, IReadOnlyList<string>? Partners, string? StartOn, string? DueOn, string? Status,
    IReadOnlyList<string>? Elements = null, IReadOnlyList<string>? Evidence = null);

/// <summary>A dated report on an action: its status and what happened; today when no date is given.</summary>
public sealed record ActionUpdateInput(string? On, string? Status, string? Note);

/// <summary>A target with what the store now says: the indicator, the area, every published value and the rule's verdict.</summary>
public sealed record TargetView(PlanTarget Target, IndicatorDefinition Indicator, Place Area, IReadOnlyList<PeriodValue> Series, TargetAssessment Assessment)
{
    public PeriodValue Baseline => new(Target.BaselinePeriod, Target.BaselineValue);

    public PeriodValue Goal => new(Target.TargetPeriod, Target.TargetValue);

    public string Label(Period period) => AreaIndicators.PeriodLabel(Indicator, period);
}

public sealed record ActionView(PlanAction Action, IReadOnlyList<PlanActionUpdate> Updates, IReadOnlyList<(string Slug, string Title)> Evidence);

/// <summary>One row of the plan's grid: an element of its framework, and per pillar of the 4Rs the actions and targets serving both.</summary>
public sealed record PlanGridRow(FrameworkElement Element, IReadOnlyList<PlanGridCell> Cells, int Actions, int Targets, int EvidenceItems);

public sealed record PlanGridCell(int Actions, int Targets, IReadOnlyDictionary<TargetStatus, int> TargetStatuses);

public sealed record PlanGrid(Framework Rows, string RowKind, IReadOnlyList<FrameworkElement> Pillars, IReadOnlyList<PlanGridRow> Lines)
{
    /// <summary>The elements with no action and no target: the plan's own gaps.</summary>
    public IReadOnlyList<PlanGridRow> Gaps => [.. Lines.Where(r => r.Actions == 0 && r.Targets == 0)];
}

/// <summary>A plan as the actor may see it, with everything its pages show and what the actor may do with it.</summary>
public sealed record PlanRecord(Plan Plan, Organisation Organisation, Place Place, Framework Framework, IReadOnlyList<TargetView> Targets, IReadOnlyList<ActionView> Actions,
    bool CanEdit, bool CanSubmit, bool CanPublish)
{
    /// <summary>The organisations working on the plan beside the one that leads it, by name.</summary>
    public IReadOnlyList<Organisation> Partners { get; init; } = [];

    /// <summary>Whether the actor may add and remove partners: the lead organisation's editors.</summary>
    public bool CanManagePartners { get; init; }

    public TargetView? Target(long id) => Targets.FirstOrDefault(t => t.Target.Id == id);

    public ActionView? Action(long id) => Actions.FirstOrDefault(a => a.Action.Id == id);
}

public sealed record PlanSummary(Plan Plan, string OrganisationName, string PlaceName);
