namespace Observatory.Indicators;

/// <summary>How much data one indicator holds: its latest period and how many councils have a value in it.</summary>
/// <param name="Latest">The latest period with council values, or the latest period of all when no council has one.</param>
public sealed record IndicatorCoverageSummary(string IndicatorId, Period? Latest, int CouncilsWithData, int Periods);

/// <summary>
/// What the indicator catalogue page and API list beside each indicator, and the period an indicator page shows
/// first: worked out once per import with the <see cref="HeadlineObservations"/>, not per request.
/// </summary>
public sealed class IndicatorCoverage(HeadlineObservationStore headlines)
{
    public async Task<IReadOnlyDictionary<string, IndicatorCoverageSummary>> AllAsync(CancellationToken cancellationToken = default) =>
        (await headlines.CurrentAsync(cancellationToken)).AllCoverage();

    /// <summary>
    /// The period a page shows first: the latest in which councils have values (a national figure published
    /// ahead of the local ones would otherwise leave the map empty), else the latest of all.
    /// </summary>
    public async Task<Period?> DefaultPeriodAsync(string indicatorId, CancellationToken cancellationToken = default) =>
        (await headlines.CurrentAsync(cancellationToken)).Coverage(indicatorId)?.Latest;
}
