using Microsoft.EntityFrameworkCore;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Portraits;

/// <summary>
/// Builds portraits: national ones from the shipped datasets (held in memory), council ones from the observations
/// store. For councils each indicator takes its latest value for a period starting on or before the end of the
/// period asked for (or its latest of all when none is asked for), and says which period that is.
/// </summary>
public sealed class PortraitService(PortraitDefinitions definitions, NationalPortraitData national, PlaceRegistry places, ObservatoryDbContext db)
{
    /// <summary>The periods a national definition can be drawn for; empty for councils, whose periods are per value.</summary>
    public IReadOnlyList<NationalYear> PeriodsOf(string definitionId) => national.YearsOf(definitionId);

    /// <summary>
    /// One place's portrait; null when the definition, the place or (for a national definition) the period is not
    /// known. A national definition without a period gives its latest historical year.
    /// </summary>
    public async Task<Portrait?> ForPlaceAsync(string placeCode, string definitionId, Period? period = null,
        IReadOnlyDictionary<string, ThresholdOverride>? localThresholds = null, CancellationToken cancellationToken = default)
    {
        if (definitions.Find(definitionId) is not { } definition)
        {
            return null;
        }
        if (definition.Places == PortraitPlaces.UkCouncils)
        {
            if (places.Find(placeCode) is not { IsCouncil: true } council)
            {
                return null;
            }
            // Min–max needs the worst council, so only then are all councils read for one portrait.
            var needsAll = definition.Indicators.Any(i => i.Normalisation == Normalisation.MinMaxToThreshold && i.Threshold?.Worst is null);
            var batch = await CouncilBatchAsync(definition, period, needsAll ? null : [council.Code], localThresholds, cancellationToken);
            return batch.For(council.Code);
        }
        return (await ForAllPlacesAsync(definitionId, period, localThresholds, cancellationToken))?.For(placeCode);
    }

    /// <summary>Every place of the definition at once, computed over columns.</summary>
    public async Task<PortraitBatch?> ForAllPlacesAsync(string definitionId, Period? period = null,
        IReadOnlyDictionary<string, ThresholdOverride>? localThresholds = null, CancellationToken cancellationToken = default)
    {
        if (definitions.Find(definitionId) is not { } definition)
        {
            return null;
        }
        if (definition.Places == PortraitPlaces.UkCouncils)
        {
            return await CouncilBatchAsync(definition, period, null, localThresholds, cancellationToken);
        }
        var year = period is { } p
            ? national.Find(definitionId, p.Start.Year)
            : national.YearsOf(definitionId).LastOrDefault(y => y.Series == "historical") ?? national.YearsOf(definitionId).LastOrDefault();
        return year is null ? null : PortraitEngine.Compute(definition, year.Columns, year.Period, year.Series, localThresholds);
    }

    private async Task<PortraitBatch> CouncilBatchAsync(PortraitDefinition definition, Period? period, IReadOnlyList<string>? only,
        IReadOnlyDictionary<string, ThresholdOverride>? localThresholds, CancellationToken cancellationToken)
    {
        var codes = only ?? [.. places.Councils.Select(c => c.Code)];
        var columns = new PortraitColumns(codes, definition.Indicators.Count, periods: true);
        var placeIndex = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);
        var columnsOf = definition.Indicators.Select((i, n) => (i.IndicatorId, n)).Where(x => x.IndicatorId is not null)
            .GroupBy(x => x.IndicatorId!).ToDictionary(g => g.Key, g => g.Select(x => x.n).ToArray());
        var ids = columnsOf.Keys.ToList();
        var query = db.Observations.AsNoTracking().Where(o => ids.Contains(o.IndicatorId) && o.Disaggregation == "" && o.Value != null);
        if (only is not null)
        {
            query = query.Where(o => only.Contains(o.AreaCode));
        }
        if (period is { } p)
        {
            var end = p.End;
            query = query.Where(o => o.PeriodStart <= end);
        }
        var rows = await query.Select(o => new { o.IndicatorId, o.AreaCode, o.PeriodStart, o.PeriodDuration, o.Value }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (!placeIndex.TryGetValue(row.AreaCode, out var place))
            {
                continue;
            }
            var observed = new Period(row.PeriodStart, row.PeriodDuration);
            foreach (var column in columnsOf[row.IndicatorId])
            {
                if (columns.Periods![column][place] is not { } held || observed.CompareTo(held) > 0)
                {
                    columns.Values[column][place] = row.Value!.Value;
                    columns.Periods[column][place] = observed;
                }
            }
        }
        return PortraitEngine.Compute(definition, columns.Compact(), period, null, localThresholds);
    }
}
