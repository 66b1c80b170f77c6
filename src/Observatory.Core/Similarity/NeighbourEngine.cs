namespace Observatory.Similarity;

/// <summary>
/// One area's neighbour: its slot, distance and the search's raw score (100 the same, 0 as far as the farthest). People
/// are shown <see cref="NeighbourEngine.MatchScore"/> instead, which outliers cannot squeeze to 99.
/// </summary>
public sealed record Neighbour(int Area, double Distance, double Score);

/// <summary>
/// Exact k nearest neighbours over standardised indicators (docs/similar-areas.md): z-scores over the reference set,
/// weighted Euclidean distance, every pair compared, no approximation.
/// </summary>
public static class NeighbourEngine
{
    /// <summary>
    /// The share of the indicators' total weight two areas must both have for their distance to count. Below it
    /// they are not compared at all: a distance from one or two indicators would make a poorly measured area look
    /// close to everything.
    /// </summary>
    public const double MinimumSharedWeight = 0.5;

    /// <summary>Each row as z-scores over the reference areas with a value (population sd); a row with no spread is all 0, NaN kept.</summary>
    public static double[][] Standardise(double[][] values, ReadOnlySpan<bool> reference)
    {
        var result = new double[values.Length][];
        for (var r = 0; r < values.Length; r++)
        {
            var row = values[r];
            double sum = 0, n = 0;
            for (var a = 0; a < row.Length; a++)
            {
                if (reference[a] && !double.IsNaN(row[a]))
                {
                    sum += row[a];
                    n++;
                }
            }
            var mean = n > 0 ? sum / n : 0;
            double squares = 0;
            for (var a = 0; a < row.Length; a++)
            {
                if (reference[a] && !double.IsNaN(row[a]))
                {
                    squares += (row[a] - mean) * (row[a] - mean);
                }
            }
            var sd = n > 0 ? Math.Sqrt(squares / n) : 0;
            result[r] = new double[row.Length];
            for (var a = 0; a < row.Length; a++)
            {
                result[r][a] = double.IsNaN(row[a]) ? double.NaN : sd > 0 ? (row[a] - mean) / sd : 0;
            }
        }
        return result;
    }

    /// <summary>
    /// The weighted Euclidean distance between two areas over the indicators both have, scaled up by the share of
    /// weight missing so that fewer shared indicators do not make areas look closer:
    /// d = √((W / W_shared) · Σ_shared w_i (z_ai − z_bi)²). NaN when they share less than <see cref="MinimumSharedWeight"/>
    /// of the weight. Symmetric by construction.
    /// </summary>
    public static double Distance(double[][] z, ReadOnlySpan<double> weights, int a, int b)
    {
        double total = 0, shared = 0, sum = 0;
        for (var r = 0; r < z.Length; r++)
        {
            total += weights[r];
            var x = z[r][a];
            var y = z[r][b];
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                continue;
            }
            shared += weights[r];
            sum += weights[r] * (x - y) * (x - y);
        }
        if (total <= 0 || shared < MinimumSharedWeight * total)
        {
            return double.NaN;
        }
        return Math.Sqrt(total / shared * sum);
    }

    /// <summary>
    /// The <paramref name="k"/> candidates nearest to <paramref name="area"/>, nearest first, ties by slot; never
    /// the area itself, never one it cannot be compared with. Match score = 100 × (1 − d / d_max), d_max the
    /// area's distance to its farthest comparable candidate, rounded to 0.1.
    /// </summary>
    public static IReadOnlyList<Neighbour> Nearest(double[][] z, ReadOnlySpan<double> weights, int area, int k, ReadOnlySpan<bool> candidates) =>
        Nearest(z, weights, [area], k, candidates)[0];

    /// <summary>
    /// <see cref="Nearest(double[][], ReadOnlySpan{double}, int, int, ReadOnlySpan{bool})"/> for each of
    /// <paramref name="areas"/> (in that order), the areas shared out over the processor's cores.
    /// </summary>
    public static IReadOnlyList<Neighbour>[] Nearest(double[][] z, ReadOnlySpan<double> weights, IReadOnlyList<int> areas, int k, ReadOnlySpan<bool> candidates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var search = new NeighbourSearch(z, weights, candidates);
        var result = new IReadOnlyList<Neighbour>[areas.Count];
        var batches = (areas.Count + NeighbourSearch.Batch - 1) / NeighbourSearch.Batch;
        if (batches <= 1)
        {
            search.Nearest(areas, 0, k, result);
        }
        else
        {
            Parallel.For(0, batches, b => search.Nearest(areas, b * NeighbourSearch.Batch, k, result));
        }
        return result;
    }

    /// <summary>
    /// The distance a match score is measured against: the median of <paramref name="area"/>'s distances to the
    /// candidates it can be compared with (the mean of the middle two for an even count); 0 when there are none.
    /// </summary>
    /// <remarks>
    /// Why the median and not the farthest (<see cref="Neighbour.Score"/>): over skewed indicators a handful of
    /// outlying councils set the farthest distance. In the digital connectivity set, where nearly every council has
    /// near-complete 4G coverage, Wigan's farthest council is 11.8 away and its median one 0.97, so against the
    /// farthest all of its ten nearest scored 99.3 to 99.6 and every council's nearest about 99: the score said
    /// nothing. Against the median, a council's neighbours are placed on the scale of a typical council, which
    /// outliers cannot stretch; the order of neighbours (by distance) is unchanged. A percentile rank of the
    /// distance was considered and rejected: it is the rank again (the 10th nearest of 360 always scores 97.5),
    /// whatever the distances.
    /// </remarks>
    public static double TypicalDistance(double[][] z, ReadOnlySpan<double> weights, int area, ReadOnlySpan<bool> candidates)
    {
        var distances = new List<double>(candidates.Length);
        for (var b = 0; b < candidates.Length; b++)
        {
            if (b != area && candidates[b] && Distance(z, weights, area, b) is var d && !double.IsNaN(d))
            {
                distances.Add(d);
            }
        }
        if (distances.Count == 0)
        {
            return 0;
        }
        distances.Sort();
        var mid = distances.Count / 2;
        return distances.Count % 2 == 1 ? distances[mid] : (distances[mid - 1] + distances[mid]) / 2;
    }

    /// <summary>
    /// Match score = 100 × max(0, 1 − d / d_typical), rounded to 0.1: 100 identical, 50 half as far apart as the
    /// typical council (<see cref="TypicalDistance"/>), 0 as far as it or farther; 100 when every council is alike.
    /// </summary>
    public static double MatchScore(double distance, double typical) =>
        typical > 0 ? Math.Round(100 * Math.Max(0, 1 - (distance / typical)), 1, MidpointRounding.AwayFromZero) : 100;

    /// <summary>How many entries two neighbour lists share.</summary>
    public static int Overlap(IEnumerable<string> a, IEnumerable<string> b) =>
        a.Intersect(b, StringComparer.OrdinalIgnoreCase).Count();
}
