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

    /// <summary>"2nd quartile of 361; 1.2 above the median" — quartile 1 holds the lowest values.</summary>
    public static string DescribePosition(IndicatorDefinition indicator, Position position)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(position);
        var quartile = position.Quartile switch { 1 => "1st", 2 => "2nd", 3 => "3rd", _ => "4th" };
        var distance = Math.Abs(position.DistanceFromMedian);
        // What rounds to nothing at the published precision is the median, as far as the source can tell.
        var atMedian = Math.Round((decimal)distance, indicator.DecimalPlaces, MidpointRounding.AwayFromZero) == 0;
        var side = atMedian ? "at the median" : $"{DescribeDifference(indicator, distance)} {(position.DistanceFromMedian > 0 ? "above" : "below")} the median";
        return $"{quartile} quartile of {position.Of}; {side}";
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
