using Observatory.Indicators;

namespace Observatory.Plans;

/// <summary>Where a target stands against the latest published value.</summary>
public enum TargetStatus
{
    /// <summary>No value for a period after the baseline's has been published yet.</summary>
    NoNewData,

    /// <summary>The latest value is worse than the straight line from baseline to target at its period.</summary>
    OffTrack,

    /// <summary>The latest value is at or better than the straight line from baseline to target at its period.</summary>
    OnTrack,

    /// <summary>The latest value is at or better than the target itself.</summary>
    Achieved,
}

/// <summary>A value for a period: a baseline, a target, the latest published figure.</summary>
public readonly record struct PeriodValue(Period Period, double Value);

/// <summary>What the rule found, with the trajectory's value at the latest period so a page can show it.</summary>
public sealed record TargetAssessment(TargetStatus Status, PeriodValue? Latest, double? Expected);

/// <summary>
/// The progress rule, stated once and used by every page, API answer and export. Time runs from the middle of the
/// baseline period to the middle of the target period; the trajectory is the straight line between the two values.
/// With no value for a period after the baseline's, there is nothing to judge (no new data). Otherwise the latest
/// value is achieved when it is at or better than the target, on track when it is at or better than the trajectory
/// at the latest period, and off track when it is worse. "Better" follows the indicator's polarity; for an
/// indicator with none, the direction from baseline to target says which way the plan wants it to move.
/// </summary>
public static class TargetProgress
{
    /// <summary>The rule in plain English, as the pages state it.</summary>
    public const string Rule =
        "We compare the latest published value with a straight line drawn from the baseline to the target. "
        + "A target is achieved when the latest value is at or better than the target; on track when it is at or better than where the line says it should be by then; "
        + "off track when it is worse; and has no new data when nothing has been published for a period after the baseline. "
        + "Whether higher or lower is better follows the indicator; the status is worked out again whenever new data are imported.";

    public static TargetAssessment Assess(Polarity polarity, PeriodValue baseline, PeriodValue target, PeriodValue? latest)
    {
        if (latest is not { } now || now.Period.CompareTo(baseline.Period) <= 0)
        {
            return new TargetAssessment(TargetStatus.NoNewData, latest, null);
        }
        var higherIsBetter = polarity switch
        {
            Polarity.HigherIsBetter => true,
            Polarity.LowerIsBetter => false,
            _ => target.Value >= baseline.Value,
        };
        var expected = Trajectory(baseline, target, now.Period);
        // A hair's tolerance, so a value exactly on the line is not put off track by the last bit of a sum.
        bool AtOrBetter(double value, double than)
        {
            var tolerance = 1e-9 * Math.Max(1, Math.Abs(than));
            return higherIsBetter ? value >= than - tolerance : value <= than + tolerance;
        }
        var status = AtOrBetter(now.Value, target.Value) ? TargetStatus.Achieved
            : AtOrBetter(now.Value, expected) ? TargetStatus.OnTrack
            : TargetStatus.OffTrack;
        return new TargetAssessment(status, now, expected);
    }

    /// <summary>The straight line's value at <paramref name="at"/>; the target's value from its period on.</summary>
    public static double Trajectory(PeriodValue baseline, PeriodValue target, Period at)
    {
        var (from, to, x) = (Middle(baseline.Period), Middle(target.Period), Middle(at));
        if (to <= from || x >= to)
        {
            return target.Value;
        }
        if (x <= from)
        {
            return baseline.Value;
        }
        return baseline.Value + (target.Value - baseline.Value) * (x - from) / (to - from);
    }

    /// <summary>
    /// The middle of a period in years (2020.5 for 2020), so a three-year average sits in its middle year. Measured in
    /// calendar years rather than days, so every year weighs the same and a value exactly on the line reads as on it.
    /// </summary>
    public static double Middle(Period period) =>
        period.IsInstant ? Years(period.Start) : (Years(period.Start) + Years(period.End.AddDays(1))) / 2;

    private static double Years(DateOnly date) => date.Year + (date.DayOfYear - 1) / (double)(DateTime.IsLeapYear(date.Year) ? 366 : 365);

    public static string Name(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "achieved",
        TargetStatus.OnTrack => "on track",
        TargetStatus.OffTrack => "off track",
        _ => "no new data",
    };

    /// <summary>The status as the API and exports write it.</summary>
    public static string Code(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "achieved",
        TargetStatus.OnTrack => "on-track",
        TargetStatus.OffTrack => "off-track",
        _ => "no-new-data",
    };
}
