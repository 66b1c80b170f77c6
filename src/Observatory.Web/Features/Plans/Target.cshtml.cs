using Microsoft.AspNetCore.Mvc;
using Observatory.Plans;
using Observatory.Rendering.Charts;

namespace Observatory.Web.Features.Plans;

/// <summary>One target: its baseline, the straight line to the target, and every published value since, as a chart and a table.</summary>
public sealed class TargetModel(RecoveryPlans plans) : PlanPageModel(plans)
{
    public TargetView Target { get; private set; } = null!;
    public Chart Chart { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, long targetId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Record.Target(targetId) is not { } target)
        {
            return NotFound();
        }
        Target = target;
        var actual = target.Series.Where(v => v.Period.CompareTo(target.Baseline.Period) >= 0)
            .Select(v => new TrendPoint(v.Period, v.Value)).ToList();
        var trajectory = new List<TrendPoint> { new(target.Baseline.Period, target.Baseline.Value), new(target.Goal.Period, target.Goal.Value) };
        Chart = IndicatorCharts.Trend("target-chart", $"{target.Indicator.Name} in {target.Area.Name}: published values against the plan's trajectory",
            [new TrendSeries("actual", "Published", actual), new TrendSeries("trajectory", "Trajectory", trajectory)], target.Indicator.FormatValue, target.Label);
        return Page();
    }

    /// <summary>Every period from the baseline on, with the published value and where the straight line is then.</summary>
    public IEnumerable<(global::Observatory.Indicators.Period Period, double? Published, double Trajectory)> Rows() =>
        Target.Series.Select(v => v.Period).Where(p => p.CompareTo(Target.Baseline.Period) >= 0).Append(Target.Goal.Period).Distinct().Order()
            .Select(p => (p, Target.Series.Where(v => v.Period == p).Select(v => (double?)v.Value).FirstOrDefault(), TargetProgress.Trajectory(Target.Baseline, Target.Goal, p)));
}
