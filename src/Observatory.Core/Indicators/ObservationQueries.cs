using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Indicators;

public sealed record ObservationPoint(string IndicatorId, string AreaCode, Period Period, double? Value, double? Lci95, double? Uci95,
    string? Status, string? Note, string? OriginalCode, string Disaggregation = "");

/// <summary>
/// Reads observations for pages, the API and exports. Headline series come from the
/// <see cref="HeadlineObservationStore"/> (read once per import); breakdowns, asked for only by exports, from the
/// database.
/// </summary>
public sealed class ObservationQueries(ObservatoryDbContext db, HeadlineObservationStore headlines)
{
    public async Task<IReadOnlyList<ObservationPoint>> ForIndicatorAsync(string indicatorId, IReadOnlyCollection<string>? areas = null, Period? period = null,
        bool allBreakdowns = false, CancellationToken cancellationToken = default)
    {
        if (!allBreakdowns)
        {
            return (await headlines.CurrentAsync(cancellationToken)).ForIndicator(indicatorId, areas, period);
        }
        var query = db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicatorId);
        if (areas is { Count: > 0 })
        {
            query = query.Where(o => areas.Contains(o.AreaCode));
        }
        if (period is { } p)
        {
            query = query.Where(o => o.PeriodStart == p.Start && o.PeriodDuration == p.Duration);
        }
        return await Project(query).ToListAsync(cancellationToken);
    }

    /// <summary>Every headline observation of the given areas, all indicators: what an area page shows.</summary>
    public async Task<IReadOnlyList<ObservationPoint>> ForAreasAsync(IReadOnlyCollection<string> areas, CancellationToken cancellationToken = default) =>
        (await headlines.CurrentAsync(cancellationToken)).ForAreas(areas);

    /// <summary>The periods an indicator has headline values for, oldest first.</summary>
    public async Task<IReadOnlyList<Period>> PeriodsAsync(string indicatorId, CancellationToken cancellationToken = default) =>
        (await headlines.CurrentAsync(cancellationToken)).Periods(indicatorId);

    /// <summary>The headline observations of the latest import, for reading many indicators or areas at once.</summary>
    public ValueTask<HeadlineObservations> HeadlinesAsync(CancellationToken cancellationToken = default) => headlines.CurrentAsync(cancellationToken);

    private static IQueryable<ObservationPoint> Project(IQueryable<Observation> query) =>
        query.OrderBy(o => o.AreaCode).ThenBy(o => o.PeriodStart).ThenBy(o => o.PeriodDuration)
            .Select(o => new ObservationPoint(o.IndicatorId, o.AreaCode, new Period(o.PeriodStart, o.PeriodDuration), o.Value, o.Lci95, o.Uci95, o.Status, o.Note, o.OriginalCode, o.Disaggregation));
}
