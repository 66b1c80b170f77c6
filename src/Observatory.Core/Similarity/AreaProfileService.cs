using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Similarity;

/// <summary>
/// What an area page says about how a place is doing: its key indicators against its region, its nation and the
/// councils of its nation, and the plain sentences written from them.
/// </summary>
/// <param name="ComparedWith">What the quarters rank the area among: "councils in England"; "councils" for a UK-wide area.</param>
/// <param name="SimilarCouncils">The councils the last sentence compares with, most similar first; empty when none.</param>
public sealed record AreaProfile(IReadOnlyList<AreaIndicator> Indicators, IReadOnlyList<string> Summary, string ComparedWith, IReadOnlyList<Place> SimilarCouncils);

/// <summary>
/// Builds an area's key indicators and its summary from the headline observations kept since the last import (no
/// query of its own): the area's, region's and nation's observations, the councils' values for the area's latest
/// period of each indicator, and the area's most similar councils under the default set.
/// </summary>
public sealed class AreaProfileService(PlaceRegistry places, IndicatorCatalogue catalogue, ObservationQueries observations, SimilarAreaService similar)
{
    /// <summary>How many similar councils the summary compares with, as the similar-councils page shows by default.</summary>
    public const int SimilarCount = 10;

    /// <summary>The area's profile, worked out once per import and kept with the observations it was read from.</summary>
    public async Task<AreaProfile> ForAsync(Place area, Place? region, Place? nation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(area);
        var headlines = await observations.HeadlinesAsync(cancellationToken);
        // Shared by every request that asks meanwhile, so one reader leaving must not cancel it for the others.
        return await headlines.DerivedAsync($"area-profile:{area.Code}:{region?.Code}:{nation?.Code}", () => ComputeAsync(headlines, area, region, nation, CancellationToken.None))
            .WaitAsync(cancellationToken);
    }

    private async Task<AreaProfile> ComputeAsync(HeadlineObservations headlines, Place area, Place? region, Place? nation, CancellationToken cancellationToken)
    {
        var codes = new[] { area.Code, region?.Code, nation?.Code }.OfType<string>().ToList();
        var points = headlines.ForAreas(codes);
        // Quarters are among the councils of the area's own nation: nations measure some things differently, and
        // a resident compares with the councils they hear about.
        var councils = places.Councils.Where(c => area.Nation is null || c.Nation == area.Nation).Select(c => c.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var comparedWith = area.Nation is null ? "councils" : $"councils in {area.Nation}";
        var found = area.IsCouncil ? await similar.FindAsync(area.Code, SimilarCount, cancellationToken: cancellationToken) : null;
        var peers = found?.Neighbours.Select(n => n.Place.Code).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];

        var councilValues = new Dictionary<(string, Period), IReadOnlyList<double>>();
        var similarValues = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        // Each indicator's values in the area's latest period, from the observations kept since the last import.
        foreach (var (indicatorId, period) in points.Where(p => p.AreaCode.Equals(area.Code, StringComparison.OrdinalIgnoreCase) && p.Value is not null)
            .GroupBy(p => p.IndicatorId).Select(g => (g.Key, g.Max(p => p.Period))))
        {
            var all = headlines.ForIndicator(indicatorId, period: period).Where(o => o.Value is not null).ToList();
            councilValues[(indicatorId, period)] = [.. all.Where(o => councils.Contains(o.AreaCode)).Select(o => o.Value!.Value)];
            similarValues[indicatorId] = [.. all.Where(o => peers.Contains(o.AreaCode)).Select(o => o.Value!.Value)];
        }
        var indicators = AreaIndicators.Summarise(catalogue, area.Code, region?.Code, nation?.Code, points,
            (indicator, period) => councilValues.GetValueOrDefault((indicator.Id, period)) ?? []);
        var summary = AreaSummary.Write(area.Name, nation?.Name, area.IsCouncil ? comparedWith : null, indicators,
            peers.Count > 0 ? new SimilarCouncilValues(peers.Count, similarValues) : null);
        return new AreaProfile(indicators, summary, comparedWith, [.. found?.Neighbours.Select(n => n.Place) ?? []]);
    }
}
