using Observatory.Places;

namespace Observatory.Indicators;

/// <summary>
/// One indicator as an area page shows it: the area's series, its latest value and direction of travel, the
/// area's region and nation for the same period, and where it sits among the councils — context, never a rank.
/// </summary>
/// <param name="Series">The area's values in period order, all of the latest value's duration, so a three-year
/// average is never drawn beside single years.</param>
/// <param name="RegionValue">The region's value for <see cref="Latest"/>'s period, when the region has one.</param>
/// <param name="Position">Among current councils with a value for the same period; null when none has one.</param>
public sealed record AreaIndicator(
    IndicatorDefinition Indicator,
    IndicatorDataset Dataset,
    IReadOnlyList<ObservationPoint> Series,
    ObservationPoint Latest,
    ObservationPoint? Previous,
    Direction Direction,
    double? RegionValue,
    double? NationValue,
    Position? Position);

/// <summary>Builds an area's key indicators from its observations: pure, so pages and the API agree.</summary>
public static class AreaIndicators
{
    /// <summary>
    /// Every catalogue indicator with at least one value for <paramref name="areaCode"/>, in catalogue order.
    /// </summary>
    /// <param name="observations">Headline observations of the area, its region and its nation (any others are ignored).</param>
    /// <param name="councilValues">The values of the current councils for an indicator and period.</param>
    public static IReadOnlyList<AreaIndicator> Summarise(IndicatorCatalogue catalogue, string areaCode, string? regionCode, string? nationCode,
        IEnumerable<ObservationPoint> observations, Func<IndicatorDefinition, Period, IReadOnlyList<double>> councilValues)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(councilValues);
        var byIndicator = observations.Where(o => o.Disaggregation.Length == 0).ToLookup(o => o.IndicatorId, StringComparer.Ordinal);
        var rows = new List<AreaIndicator>();
        foreach (var indicator in catalogue.Indicators)
        {
            var points = byIndicator[indicator.Id].ToList();
            var own = points.Where(p => Same(p.AreaCode, areaCode) && p.Value is not null).OrderBy(p => p.Period).ToList();
            if (own.Count == 0 || catalogue.FindDataset(indicator.DatasetId) is not { } dataset)
            {
                continue;
            }
            var latest = own[^1];
            var series = own.Where(p => p.Period.Duration == latest.Period.Duration).ToList();
            var previous = series.Count > 1 ? series[^2] : null;
            var peers = councilValues(indicator, latest.Period);
            rows.Add(new AreaIndicator(
                indicator,
                dataset,
                series,
                latest,
                previous,
                IndicatorStatistics.DirectionOfTravel(indicator, previous?.Value, latest.Value),
                regionCode is null ? null : ValueAt(points, regionCode, latest.Period),
                nationCode is null ? null : ValueAt(points, nationCode, latest.Period),
                IndicatorStatistics.PositionOf(latest.Value!.Value, peers)));
        }
        return rows;
    }

    /// <summary>
    /// "Best quarter of 296 councils in England; 1.2 above the median". Quarters are named from the indicator's
    /// polarity (best, second-best, second-worst, worst), or by value (highest … lowest) when neither direction is
    /// better, never by number: a "1st quartile" reads as best when it holds the lowest values.
    /// </summary>
    /// <param name="councils">What the councils compared are, "councils in England"; "councils" when not given.</param>
    public static string DescribePosition(IndicatorDefinition indicator, Position position, string? councils = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(position);
        var quarter = QuarterName(indicator, position);
        var distance = Math.Abs(position.DistanceFromMedian);
        // What rounds to nothing at the published precision is the median, as far as the source can tell.
        var atMedian = Math.Round((decimal)distance, indicator.DecimalPlaces, MidpointRounding.AwayFromZero) == 0;
        var side = atMedian ? "at the median" : $"{DescribeDifference(indicator, distance)} {(position.DistanceFromMedian > 0 ? "above" : "below")} the median";
        return $"{char.ToUpperInvariant(quarter[0])}{quarter[1..]} of {position.Of} {councils ?? "councils"}; {side}";
    }

    /// <summary>"best quarter", "second-worst quarter"; "highest quarter" … "lowest quarter" where neither direction is better.</summary>
    public static string QuarterName(IndicatorDefinition indicator, Position position)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(position);
        return indicator.Polarity switch
        {
            Polarity.HigherIsBetter or Polarity.LowerIsBetter => QuarterFromWorst(indicator, position) switch
            {
                4 => "best quarter",
                3 => "second-best quarter",
                2 => "second-worst quarter",
                _ => "worst quarter",
            },
            _ => position.Quartile switch
            {
                4 => "highest quarter",
                3 => "second-highest quarter",
                2 => "second-lowest quarter",
                _ => "lowest quarter",
            },
        };
    }

    /// <summary>
    /// The quarter counted from the worst (1) to the best (4) where the indicator has a better direction; from the
    /// lowest values to the highest where it has none.
    /// </summary>
    public static int QuarterFromWorst(IndicatorDefinition indicator, Position position)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(position);
        return indicator.Polarity == Polarity.LowerIsBetter ? 5 - position.Quartile : position.Quartile;
    }

    /// <summary>
    /// A difference between two values: in the indicator's unit, except that a difference of percentages is in
    /// percentage points (10% to 12% is 2 points, not 2%).
    /// </summary>
    public static string DescribeDifference(IndicatorDefinition indicator, double difference)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (indicator.Unit != "%")
        {
            return indicator.FormatValue(difference);
        }
        var number = indicator with { Unit = null };
        var text = number.FormatValue(difference);
        return text == "1" ? "1 percentage point" : $"{text} percentage points";
    }

    /// <summary>The period as people write it for this indicator: "2024/25" for a financial year, "2023" for a calendar one.</summary>
    public static string PeriodLabel(IndicatorDefinition indicator, Period period)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return period.Label(indicator.PeriodFormat switch
        {
            PeriodFormat.FinancialYear => "financial-year",
            PeriodFormat.AcademicYear => "academic-year",
            _ => null,
        });
    }

    private static double? ValueAt(List<ObservationPoint> points, string areaCode, Period period) =>
        points.FirstOrDefault(p => Same(p.AreaCode, areaCode) && p.Period == period)?.Value;

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
