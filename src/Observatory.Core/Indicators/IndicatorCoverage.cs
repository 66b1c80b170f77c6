using Microsoft.EntityFrameworkCore;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Indicators;

/// <summary>How much data one indicator holds: its latest period and how many councils have a value in it.</summary>
/// <param name="Latest">The latest period with council values, or the latest period of all when no council has one.</param>
public sealed record IndicatorCoverageSummary(string IndicatorId, Period? Latest, int CouncilsWithData, int Periods);

/// <summary>
/// What the indicator catalogue page and API list beside each indicator. Grouped queries over every headline
/// value, not one per indicator; the answer is kept until the next import, the only thing that writes values.
/// </summary>
public sealed class IndicatorCoverage(ObservatoryDbContext db, PlaceRegistry places, IndicatorCoverage.Cache cache)
{
    /// <summary>The last answer and the import it was computed after; one per process (a singleton).</summary>
    public sealed class Cache
    {
        // A reference, swapped whole, so a reader on another request never sees half of an update.
        internal Snapshot? Latest;

        internal sealed record Snapshot(long LastImport, IReadOnlyDictionary<string, IndicatorCoverageSummary> Summaries);
    }

    public async Task<IReadOnlyDictionary<string, IndicatorCoverageSummary>> AllAsync(CancellationToken cancellationToken = default)
    {
        // An import writes its record and its values in one transaction, so the newest import id says whether
        // any value changed since the answer was kept.
        var lastImport = await db.IndicatorImports.AsNoTracking().MaxAsync(i => (long?)i.Id, cancellationToken) ?? 0;
        if (cache.Latest is { } kept && kept.LastImport == lastImport)
        {
            return kept.Summaries;
        }
        var summaries = await ComputeAsync(cancellationToken);
        cache.Latest = new Cache.Snapshot(lastImport, summaries);
        return summaries;
    }

    private async Task<IReadOnlyDictionary<string, IndicatorCoverageSummary>> ComputeAsync(CancellationToken cancellationToken)
    {
        var councils = places.Councils.Select(c => c.Code).ToList();
        var counts = await db.Observations.AsNoTracking()
            .Where(o => o.Disaggregation == "" && o.Value != null && councils.Contains(o.AreaCode))
            .GroupBy(o => new { o.IndicatorId, o.PeriodStart, o.PeriodDuration })
            .Select(g => new { g.Key.IndicatorId, g.Key.PeriodStart, g.Key.PeriodDuration, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var periods = await db.Observations.AsNoTracking()
            .Where(o => o.Disaggregation == "")
            .Select(o => new { o.IndicatorId, o.PeriodStart, o.PeriodDuration }).Distinct()
            .ToListAsync(cancellationToken);
        var councilCounts = counts.ToLookup(c => c.IndicatorId);
        return periods.GroupBy(p => p.IndicatorId).ToDictionary(g => g.Key, g =>
        {
            var latestWithCouncils = councilCounts[g.Key].MaxBy(c => new Period(c.PeriodStart, c.PeriodDuration));
            return latestWithCouncils is not null
                ? new IndicatorCoverageSummary(g.Key, new Period(latestWithCouncils.PeriodStart, latestWithCouncils.PeriodDuration), latestWithCouncils.Count, g.Count())
                : new IndicatorCoverageSummary(g.Key, g.Select(p => new Period(p.PeriodStart, p.PeriodDuration)).Max(), 0, g.Count());
        });
    }

    /// <summary>
    /// The period a page shows first: the latest in which councils have values (a national figure published
    /// ahead of the local ones would otherwise leave the map empty), else the latest of all.
    /// </summary>
    public async Task<Period?> DefaultPeriodAsync(string indicatorId, CancellationToken cancellationToken = default)
    {
        var councils = places.Councils.Select(c => c.Code).ToList();
        var withCouncils = await db.Observations.AsNoTracking()
            .Where(o => o.IndicatorId == indicatorId && o.Disaggregation == "" && o.Value != null && councils.Contains(o.AreaCode))
            .Select(o => new { o.PeriodStart, o.PeriodDuration }).Distinct().ToListAsync(cancellationToken);
        if (withCouncils.Count > 0)
        {
            return withCouncils.Select(p => new Period(p.PeriodStart, p.PeriodDuration)).Max();
        }
        var all = await new ObservationQueries(db).PeriodsAsync(indicatorId, cancellationToken);
        return all.Count > 0 ? all[^1] : null;
    }
}
