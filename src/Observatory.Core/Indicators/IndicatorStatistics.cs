namespace Observatory.Indicators;

public enum Direction
{
    Improving,
    Worsening,
    NoChange,

    /// <summary>Changed, but the indicator has no better direction (context measures such as museums per head).</summary>
    Changed,

    NotEnoughData,
}

/// <summary>Where one value sits among all comparable areas: quartile and distance from the median — context, not a rank.</summary>
public sealed record Position(int Quartile, double Median, double DistanceFromMedian, int Of);

/// <summary>Pure calculations over observations, shared by area and indicator pages and the API.</summary>
public static class IndicatorStatistics
{
    /// <summary>
    /// Direction of travel from the previous period to the latest, read through the indicator's polarity. A
    /// change smaller than half a unit of the published precision is no change (the source cannot tell it apart).
    /// </summary>
    public static Direction DirectionOfTravel(IndicatorDefinition indicator, double? previous, double? latest)
    {
        if (previous is not { } a || latest is not { } b)
        {
            return Direction.NotEnoughData;
        }
        var tolerance = 0.5 * Math.Pow(10, -indicator.DecimalPlaces);
        if (Math.Abs(b - a) < tolerance)
        {
            return Direction.NoChange;
        }
        return indicator.Polarity switch
        {
            Polarity.HigherIsBetter => b > a ? Direction.Improving : Direction.Worsening,
            Polarity.LowerIsBetter => b < a ? Direction.Improving : Direction.Worsening,
            _ => Direction.Changed,
        };
    }

    public static string Describe(Direction direction) => direction switch
    {
        Direction.Improving => "Improving",
        Direction.Worsening => "Getting worse",
        Direction.NoChange => "No change",
        Direction.Changed => "Changed",
        _ => "Not enough data",
    };

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// The quartile (1 = lowest values) of <paramref name="value"/> among <paramref name="values"/>, and its distance
    /// from their median. Quartile 1 holds the lowest quarter whatever the polarity: pages say which end is better.
    /// </summary>
    public static Position? PositionOf(double value, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var below = values.Count(v => v < value);
        var equal = values.Count(v => v == value);
        var percentile = (below + 0.5 * equal) / values.Count;
        var quartile = Math.Clamp((int)Math.Floor(percentile * 4) + 1, 1, 4);
        var median = Median(values);
        return new Position(quartile, median, value - median, values.Count);
    }
}
