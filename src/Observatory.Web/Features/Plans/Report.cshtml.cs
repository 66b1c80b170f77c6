using Microsoft.AspNetCore.Mvc;
using Observatory.Plans;
using Observatory.Rendering.Charts;

namespace Observatory.Web.Features.Plans;

/// <summary>The plan's progress on A4 for a board or scrutiny committee: every target with its chart and table, every action with its latest update, and the gaps.</summary>
public sealed class ReportModel(RecoveryPlans plans, TimeProvider clock) : PlanPageModel(plans)
{
    public IReadOnlyList<(TargetView Target, Chart Chart)> Charts { get; private set; } = [];
    public string Made { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Made = clock.GetUtcNow().ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Charts = [.. Record.Targets.Select((t, i) => (t, IndicatorCharts.Trend($"target-chart-{i + 1}", $"{t.Indicator.Name} in {t.Area.Name}: published values against the trajectory",
            [new TrendSeries("actual", "Published", [.. t.Series.Where(v => v.Period.CompareTo(t.Baseline.Period) >= 0).Select(v => new TrendPoint(v.Period, v.Value))]),
             new TrendSeries("trajectory", "Trajectory", [new TrendPoint(t.Baseline.Period, t.Baseline.Value), new TrendPoint(t.Goal.Period, t.Goal.Value)])],
            t.Indicator.FormatValue, t.Label)))];
        return Page();
    }
}
