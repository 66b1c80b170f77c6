using Observatory.Indicators;
using Observatory.Places;
using Observatory.Portraits.Engine;

namespace Observatory.Portraits;

/// <summary>
/// Builds portraits: national ones from the shipped datasets (held in memory), council ones from the observations
/// store. For councils each indicator takes its latest value for a period starting on or before the end of the
/// period asked for (or its latest of all when none is asked for), and says which period that is.
/// </summary>
public sealed class PortraitService(PortraitDefinitions definitions, NationalPortraitData national, PlaceRegistry places, HeadlineObservationStore headlines)
{
    /// <summary>The periods a national definition can be drawn for; empty for councils, whose periods are per value.</summary>
    public IReadOnlyList<NationalYear> PeriodsOf(string definitionId) => national.YearsOf(definitionId);

    /// <summary>
    /// One place's portrait, by <see cref="PortraitRules"/>; null when the definition, the place or (for a national
    /// definition) the period is not known. A national definition without a period gives its latest historical year.
    /// </summary>
    /// <remarks>
    /// One place needs no batch: a council's values are read for that council alone (for every council only when a
    /// min–max indicator needs the worst of them), a country's from the year's columns already in memory.
    /// </remarks>
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
            var needsAll = definition.Indicators.Any(i => i.Normalisation == Normalisation.MinMaxToThreshold && i.Threshold?.Worst is null);
            var columns = await CouncilColumnsAsync(definition, period, needsAll ? null : [council.Code], cancellationToken);
            return PortraitRules.For(definition, columns, localThresholds).PortraitOf(council.Code, period);
        }
        return YearOf(definitionId, period) is { } year
            ? PortraitRules.For(definition, year.Columns, localThresholds).PortraitOf(placeCode, year.Period, year.Series)
            : null;
    }

    /// <summary>Every place of the definition at once, computed over columns by the batch engine.</summary>
    public async Task<PortraitBatch?> ForAllPlacesAsync(string definitionId, Period? period = null,
        IReadOnlyDictionary<string, ThresholdOverride>? localThresholds = null, CancellationToken cancellationToken = default)
    {
        if (definitions.Find(definitionId) is not { } definition)
        {
            return null;
        }
        if (definition.Places == PortraitPlaces.UkCouncils)
        {
            var columns = await CouncilColumnsAsync(definition, period, null, cancellationToken);
            return PortraitEngine.Compute(definition, columns, period, null, localThresholds);
        }
        return YearOf(definitionId, period) is { } year
            ? PortraitEngine.Compute(definition, year.Columns, year.Period, year.Series, localThresholds)
            : null;
    }

    /// <summary>The national year asked for, or the latest historical one (else the latest of any series).</summary>
    private NationalYear? YearOf(string definitionId, Period? period) => period is { } p
        ? national.Find(definitionId, p.Start.Year)
        : national.YearsOf(definitionId).LastOrDefault(y => y.Series == "historical") ?? national.YearsOf(definitionId).LastOrDefault();

    /// <summary>
    /// The councils' values (all of them, or <paramref name="only"/> those) from the headline observations kept since
    /// the last import: each the latest for a period starting on or before the end of the one asked for, with its
    /// period, in columns compacted once filled.
    /// </summary>
    private async Task<PortraitColumns> CouncilColumnsAsync(PortraitDefinition definition, Period? period, IReadOnlyList<string>? only,
        CancellationToken cancellationToken)
    {
        var codes = only ?? [.. places.Councils.Select(c => c.Code)];
        var columns = new PortraitColumns(codes, definition.Indicators.Count, periods: true);
        var placeIndex = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);
        var columnsOf = definition.Indicators.Select((i, n) => (i.IndicatorId, n)).Where(x => x.IndicatorId is not null)
            .GroupBy(x => x.IndicatorId!).ToDictionary(g => g.Key, g => g.Select(x => x.n).ToArray());
        var observations = await headlines.CurrentAsync(cancellationToken);
        var end = period?.End;
        foreach (var (indicatorId, indicatorColumns) in columnsOf)
        {
            foreach (var row in observations.ForIndicator(indicatorId, only))
            {
                if (row.Value is not { } value || end is { } e && row.Period.Start > e || !placeIndex.TryGetValue(row.AreaCode, out var place))
                {
                    continue;
                }
                foreach (var column in indicatorColumns)
                {
                    if (columns.Periods![column][place] is not { } held || row.Period.CompareTo(held) > 0)
                    {
                        columns.Values[column][place] = value;
                        columns.Periods[column][place] = row.Period;
                    }
                }
            }
        }
        return columns.Compact();
    }
}
