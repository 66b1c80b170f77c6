using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Indicators;

/// <summary>
/// Every headline observation of one import state, indexed the ways pages read them: by indicator and period (a
/// map, the quarters among councils), by indicator and area (a series), by area (an area page). Read in one query
/// after each import and then shared by every request, so a page showing forty indicators for a council costs no
/// query per indicator. Immutable: a newer import makes a new one.
/// </summary>
public sealed class HeadlineObservations
{
    private static readonly IReadOnlyList<ObservationPoint> None = [];
    private readonly Dictionary<string, Series> _byIndicator;
    private readonly Dictionary<string, ObservationPoint[]> _byArea;
    private readonly Dictionary<string, IndicatorCoverageSummary> _coverage;
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _derived = new(StringComparer.Ordinal);

    /// <summary>The newest import these observations include (0 when nothing has been imported).</summary>
    public long LastImport { get; }

    private HeadlineObservations(long lastImport, Dictionary<string, Series> byIndicator, Dictionary<string, ObservationPoint[]> byArea)
    {
        LastImport = lastImport;
        _byIndicator = byIndicator;
        _byArea = byArea;
        _coverage = byIndicator.ToDictionary(p => p.Key, p => p.Value.Coverage, StringComparer.Ordinal);
    }

    /// <summary>How many headline observations are held.</summary>
    public int Count => _byIndicator.Values.Sum(s => s.All.Length);

    /// <summary>
    /// An indicator's headline observations, in area then period order (as the store returns them); only those of
    /// <paramref name="areas"/> (exact codes) when given, only <paramref name="period"/>'s when given.
    /// </summary>
    public IReadOnlyList<ObservationPoint> ForIndicator(string indicatorId, IReadOnlyCollection<string>? areas = null, Period? period = null)
    {
        if (!_byIndicator.TryGetValue(indicatorId, out var series))
        {
            return None;
        }
        if (areas is { Count: > 0 })
        {
            IEnumerable<ObservationPoint> chosen = areas.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .SelectMany(a => series.ByArea.GetValueOrDefault(a) ?? []);
            if (period is { } p)
            {
                chosen = chosen.Where(o => o.Period == p);
            }
            return [.. chosen];
        }
        if (period is { } only)
        {
            return series.ByPeriod.GetValueOrDefault(only) ?? None;
        }
        return series.All;
    }

    /// <summary>Every headline observation of the given areas, all indicators, in area then period order.</summary>
    public IReadOnlyList<ObservationPoint> ForAreas(IReadOnlyCollection<string> areas) =>
        [.. areas.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).SelectMany(a => _byArea.GetValueOrDefault(a) ?? [])];

    /// <summary>The periods an indicator has headline observations for, oldest first.</summary>
    public IReadOnlyList<Period> Periods(string indicatorId) =>
        _byIndicator.TryGetValue(indicatorId, out var series) ? series.Periods : [];

    /// <summary>The values of the current councils (and only those) for an indicator in one period, lowest first.</summary>
    public IReadOnlyList<double> CouncilValues(string indicatorId, Period period) =>
        _byIndicator.TryGetValue(indicatorId, out var series) ? series.CouncilValues.GetValueOrDefault(period) ?? [] : [];

    /// <summary>What the catalogue lists beside an indicator; null when it has no headline observation.</summary>
    public IndicatorCoverageSummary? Coverage(string indicatorId) =>
        _byIndicator.TryGetValue(indicatorId, out var series) ? series.Coverage : null;

    /// <summary>Every indicator with headline observations, with its coverage.</summary>
    public IReadOnlyDictionary<string, IndicatorCoverageSummary> AllCoverage() => _coverage;

    /// <summary>
    /// What a capability works out from these observations alone (an area's profile, a set's standardised
    /// matrix), worked out once and kept with them, so it goes when a newer import replaces them. The key must name
    /// everything else the answer depends on. Worked out once however many ask at the same time; a failure is not kept.
    /// </summary>
    public async Task<T> DerivedAsync<T>(string key, Func<Task<T>> compute) where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        var entry = _derived.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await compute()));
        try
        {
            return (T)await entry.Value;
        }
        catch
        {
            _derived.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(key, entry));
            throw;
        }
    }

    /// <summary><see cref="DerivedAsync{T}"/> for what is worked out without waiting on anything.</summary>
    public T Derived<T>(string key, Func<T> compute) where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        return DerivedAsync(key, () => Task.FromResult(compute())).GetAwaiter().GetResult();
    }

    /// <summary>Reads every headline observation in one query; <paramref name="lastImport"/> is what they include.</summary>
    internal static async Task<HeadlineObservations> LoadAsync(ObservatoryDbContext db, PlaceRegistry places, long lastImport, CancellationToken cancellationToken)
    {
        var byIndicator = await ReadSeriesAsync(db, places, only: null, cancellationToken);
        return new HeadlineObservations(lastImport, byIndicator, ByArea(byIndicator.Values));
    }

    /// <summary>
    /// These observations with <paramref name="indicators"/> read again and every other indicator's kept as it is:
    /// what the imports after <see cref="LastImport"/> up to <paramref name="lastImport"/> can have changed, since an
    /// import writes only the indicators its file held. A national import of one indicator then reads a few thousand
    /// rows rather than every indicator's, so the first page after it is not held up by the rest.
    /// </summary>
    internal async Task<HeadlineObservations> WithAsync(ObservatoryDbContext db, PlaceRegistry places, IReadOnlyCollection<string> indicators, long lastImport, CancellationToken cancellationToken)
    {
        var read = await ReadSeriesAsync(db, places, indicators, cancellationToken);
        var byIndicator = new Dictionary<string, Series>(_byIndicator, StringComparer.Ordinal);
        foreach (var indicator in indicators)
        {
            if (read.TryGetValue(indicator, out var series))
            {
                byIndicator[indicator] = series;
            }
            else
            {
                byIndicator.Remove(indicator);
            }
        }
        return new HeadlineObservations(lastImport, byIndicator, ByArea(byIndicator.Values));
    }

    private static async Task<Dictionary<string, Series>> ReadSeriesAsync(ObservatoryDbContext db, PlaceRegistry places, IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        var headline = db.Observations.AsNoTracking().Where(o => o.Disaggregation == "");
        if (only is not null)
        {
            headline = headline.Where(o => only.Contains(o.IndicatorId));
        }
        var rows = await headline
            .Select(o => new { o.IndicatorId, o.AreaCode, o.PeriodStart, o.PeriodDuration, o.Value, o.Lci95, o.Uci95, o.Status, o.Note, o.OriginalCode })
            .ToListAsync(cancellationToken);
        // The same few hundred codes and durations repeat on every row: keep one copy of each.
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string s) => strings.TryGetValue(s, out var kept) ? kept : strings[s] = s;
        var points = rows.Select(o => new ObservationPoint(Shared(o.IndicatorId), Shared(o.AreaCode), new Period(o.PeriodStart, Shared(o.PeriodDuration)),
            o.Value, o.Lci95, o.Uci95, o.Status, o.Note, o.OriginalCode is null ? null : Shared(o.OriginalCode))).ToList();
        rows.Clear();
        points.Sort(AreaThenPeriod);
        var councils = places.Councils.Select(c => c.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return points.GroupBy(p => p.IndicatorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Series.Of(g.Key, [.. g], councils), StringComparer.Ordinal);
    }

    private static int AreaThenPeriod(ObservationPoint a, ObservationPoint b)
    {
        var c = string.CompareOrdinal(a.AreaCode, b.AreaCode);
        return c != 0 ? c : a.Period.CompareTo(b.Period);
    }

    /// <summary>Every indicator's observations of each area, in period order (indicators in name order within a period).</summary>
    private static Dictionary<string, ObservationPoint[]> ByArea(IEnumerable<Series> series)
    {
        var byArea = new Dictionary<string, List<ObservationPoint>>(StringComparer.Ordinal);
        foreach (var one in series.OrderBy(s => s.All.Length > 0 ? s.All[0].IndicatorId : "", StringComparer.Ordinal))
        {
            foreach (var (area, points) in one.ByArea)
            {
                if (!byArea.TryGetValue(area, out var list))
                {
                    byArea[area] = list = [];
                }
                list.AddRange(points);
            }
        }
        // A stable sort, so indicators keep their name order within a period.
        return byArea.ToDictionary(p => p.Key, p => p.Value.OrderBy(o => o.Period).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>One indicator's observations and what is derived from them once rather than per request.</summary>
    private sealed class Series
    {
        public required ObservationPoint[] All { get; init; }
        public required Dictionary<string, ObservationPoint[]> ByArea { get; init; }
        public required Dictionary<Period, ObservationPoint[]> ByPeriod { get; init; }
        public required Period[] Periods { get; init; }
        public required Dictionary<Period, double[]> CouncilValues { get; init; }
        public required IndicatorCoverageSummary Coverage { get; init; }

        public static Series Of(string indicatorId, ObservationPoint[] all, HashSet<string> councils)
        {
            var byPeriod = all.GroupBy(p => p.Period).ToDictionary(g => g.Key, g => g.ToArray());
            var councilValues = byPeriod.ToDictionary(p => p.Key,
                p => p.Value.Where(o => o.Value is not null && councils.Contains(o.AreaCode)).Select(o => o.Value!.Value).Order().ToArray());
            var periods = byPeriod.Keys.Order().ToArray();
            // The latest period in which councils have values (a national figure published ahead of the local ones
            // would otherwise leave the map empty), else the latest of all: as IndicatorCoverage always said.
            var latestWithCouncils = Enumerable.Reverse(periods).Where(p => councilValues[p].Length > 0).Select(p => (Period?)p).FirstOrDefault();
            return new Series
            {
                All = all,
                ByArea = all.GroupBy(p => p.AreaCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal),
                ByPeriod = byPeriod,
                Periods = periods,
                CouncilValues = councilValues,
                Coverage = latestWithCouncils is { } l
                    ? new IndicatorCoverageSummary(indicatorId, l, councilValues[l].Length, periods.Length)
                    : new IndicatorCoverageSummary(indicatorId, periods.Length > 0 ? periods[^1] : null, 0, periods.Length),
            };
        }
    }
}

/// <summary>
/// Keeps the <see cref="HeadlineObservations"/> of the latest import for the whole process (a singleton). Whenever the
/// <see cref="DataVersion"/> has moved since the model was checked, one small query asks for the newest import: only
/// imports write observations, each with its import record in the same transaction, so an unchanged newest import
/// means unchanged observations and the model is kept (an evidence edit or a sign-in costs no rebuild). One rebuild at
/// a time; a request never gets a model checked before the version it started at, so once an import has committed
/// no page anywhere shows what it replaced.
/// </summary>
public sealed class HeadlineObservationStore(IServiceScopeFactory scopes, DataVersion version, PlaceRegistry places)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Swapped whole, so a reader on another request never sees half of an update.
    private volatile Checked? _latest;

    /// <summary>The model as of data version <paramref name="Version"/>, when <paramref name="Imports"/> imports had committed.</summary>
    private sealed record Checked(long Version, HeadlineObservations Model, int Imports);

    /// <summary>The observations as of at least the data version now.</summary>
    public async ValueTask<HeadlineObservations> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var wanted = version.Current;
        if (_latest is { } kept && kept.Version >= wanted)
        {
            return kept.Model;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            kept = _latest;
            if (kept is not null && kept.Version >= wanted)
            {
                return kept.Model;
            }
            // Read before the queries: whatever committed before it is in what they read, and whatever commits after
            // moves the version past it, so the next request checks again.
            var at = version.Current;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            var lastImport = await db.IndicatorImports.AsNoTracking().MaxAsync(i => (long?)i.Id, cancellationToken) ?? 0;
            var imports = await db.IndicatorImports.AsNoTracking().CountAsync(cancellationToken);
            var model = kept is null ? await HeadlineObservations.LoadAsync(db, places, lastImport, cancellationToken)
                : kept.Model.LastImport == lastImport && kept.Imports == imports ? kept.Model
                : await ChangedSinceAsync(db, kept, lastImport, imports, cancellationToken);
            _latest = new Checked(at, model, imports);
            return model;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The model with what the imports since it was read changed read again: only their indicators. Everything is read
    /// again, as at the start, when that cannot be known for sure: an import that did not record what it held, or one
    /// that committed after a later-numbered import (two imports at once), which the count of imports gives away.
    /// </summary>
    private async Task<HeadlineObservations> ChangedSinceAsync(ObservatoryDbContext db, Checked kept, long lastImport, int imports, CancellationToken cancellationToken)
    {
        var since = kept.Model.LastImport;
        var held = await db.IndicatorImports.AsNoTracking().Where(i => i.Id > since && i.Id <= lastImport)
            .Select(i => i.Indicators).ToListAsync(cancellationToken);
        if (held.Count == 0 || kept.Imports + held.Count != imports || held.Any(string.IsNullOrEmpty))
        {
            return await HeadlineObservations.LoadAsync(db, places, lastImport, cancellationToken);
        }
        var indicators = held.SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        return await kept.Model.WithAsync(db, places, indicators, lastImport, cancellationToken);
    }
}
