using Observatory.Indicators;
using Observatory.Indices;
using Observatory.Places;

namespace Observatory.Similarity;

/// <summary>One similar council. Score and distance are null for ONS's lists, which publish only the order.</summary>
/// <param name="Values">The council's value of each of <see cref="SimilarAreas.Indicators"/>, in that order (null where it
/// has none): what makes it similar. Empty for ONS's lists, whose inputs ONS does not publish.</param>
public sealed record SimilarArea(Place Place, int Rank, double? Score, double? Distance, IReadOnlyList<double?> Values);

/// <summary>An indicator a computed list was measured on, with its period and the area's own value.</summary>
public sealed record SimilarIndicator(IndicatorDefinition Indicator, double Weight, SetTransform Transform, Period? Period, double? Value);

/// <summary>A council's similar councils under one set: computed from indicators, or ONS's published list.</summary>
/// <param name="TypicalDistance">The area's median distance to the councils it can be compared with, against which the
/// match scores are measured (<see cref="NeighbourEngine.MatchScore"/>); null for ONS's lists.</param>
public sealed record SimilarAreas(Place Area, string SetId, string SetName, string? SetDescription, bool Published,
    IReadOnlyList<SimilarArea> Neighbours, IReadOnlyList<SimilarIndicator> Indicators, double? TypicalDistance = null);

/// <summary>
/// Similar councils: exact nearest neighbours over an indicator set, standardised over the current councils, or
/// ONS's published statistical nearest neighbours. Only current councils have similar areas.
/// </summary>
public sealed class SimilarAreaService(SimilarAreaSets sets, PlaceRegistry places, IndicatorCatalogue catalogue, CouncilMatrix matrices, HeadlineObservationStore headlines)
{
    public const int MaxK = 50;

    /// <summary>The k most similar councils to <paramref name="code"/>; null when it is not a current council or the set is unknown.</summary>
    public async Task<SimilarAreas?> FindAsync(string code, int k, string? setId = null, CancellationToken cancellationToken = default)
    {
        if (places.Find(code) is not { IsCouncil: true, IsCurrent: true } area)
        {
            return null;
        }
        setId ??= sets.Default.Id;
        if (sets.FindOns(setId) is { } ons)
        {
            var list = ons.Lists.GetValueOrDefault(area.Code) ?? [];
            return new SimilarAreas(area, ons.Id, ons.Name, null, true,
                [.. list.Take(k).Select(places.Find).OfType<Place>().Select((p, i) => new SimilarArea(p, i + 1, null, null, []))], []);
        }
        if (sets.Find(setId) is not { } set)
        {
            return null;
        }
        var (z, weights, matrix) = await StandardisedAsync(set, cancellationToken);
        var self = matrix.Areas.ToList().FindIndex(a => a.Equals(area.Code, StringComparison.OrdinalIgnoreCase));
        var neighbours = NeighbourEngine.Nearest(z, weights, self, k, matrix.Reference);
        var typical = NeighbourEngine.TypicalDistance(z, weights, self, matrix.Reference);
        return new SimilarAreas(area, set.Id, set.Name, set.Description, false,
            [.. neighbours.Select((n, i) => new SimilarArea(places.Find(matrix.Areas[n.Area])!, i + 1, NeighbourEngine.MatchScore(n.Distance, typical), n.Distance,
                ValuesOf(matrix, n.Area)))],
            [.. set.Indicators.Select((s, r) => new SimilarIndicator(catalogue.Find(s.IndicatorId)!, s.Weight, s.Transform, matrix.Periods[r],
                double.IsNaN(matrix.Values[r][self]) ? null : matrix.Values[r][self]))], typical);
    }

    /// <summary>
    /// For every current council ONS lists, how many of its 20 nearest under <paramref name="setId"/> are among
    /// ONS's 20 under <paramref name="onsModel"/>: a sanity figure, since ONS used 29 inputs the Observatory does not all hold.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> OnsOverlapAsync(string? setId = null, string onsModel = "ons-global", int k = 20, CancellationToken cancellationToken = default)
    {
        var set = sets.Find(setId ?? sets.Default.Id) ?? throw new ArgumentException($"no set '{setId}'", nameof(setId));
        var ons = sets.FindOns(onsModel) ?? throw new ArgumentException($"no ONS model '{onsModel}'", nameof(onsModel));
        var (z, weights, matrix) = await StandardisedAsync(set, cancellationToken);
        var listed = Enumerable.Range(0, matrix.Areas.Count).Where(a => ons.Lists.GetValueOrDefault(matrix.Areas[a]) is { Count: > 0 }).ToList();
        var nearest = NeighbourEngine.Nearest(z, weights, listed, k, matrix.Reference);
        var result = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < listed.Count; i++)
        {
            var area = matrix.Areas[listed[i]];
            result[area] = NeighbourEngine.Overlap(nearest[i].Select(n => matrix.Areas[n.Area]), ons.Lists[area].Take(k));
        }
        return result;
    }

    private static IReadOnlyList<double?> ValuesOf(IndexMatrix matrix, int area) =>
        [.. matrix.Values.Select(row => double.IsNaN(row[area]) ? (double?)null : row[area])];

    /// <summary>A set's councils standardised: worked out once per import and kept with its observations.</summary>
    private async Task<(double[][] Z, double[] Weights, IndexMatrix Matrix)> StandardisedAsync(SimilarAreaSet set, CancellationToken cancellationToken)
    {
        var observations = await headlines.CurrentAsync(cancellationToken);
        return observations.Derived($"similar-set:{set.Id}", () =>
        {
            var matrix = matrices.Build(observations, [.. set.Indicators.Select(i => new MatrixRow(i.IndicatorId))]);
            var transformed = set.Indicators.Select((s, r) => s.Transform == SetTransform.Log
                ? matrix.Values[r].Select(v => v > 0 ? Math.Log(v) : double.NaN).ToArray()
                : matrix.Values[r]).ToArray();
            return new Standardised(NeighbourEngine.Standardise(transformed, matrix.Reference), [.. set.Indicators.Select(i => i.Weight)], matrix);
        }).AsTuple();
    }

    private sealed record Standardised(double[][] Z, double[] Weights, IndexMatrix Matrix)
    {
        public (double[][] Z, double[] Weights, IndexMatrix Matrix) AsTuple() => (Z, Weights, Matrix);
    }
}
