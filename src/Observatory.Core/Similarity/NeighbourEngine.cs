namespace Observatory.Similarity;

/// <summary>One area's neighbour: its slot, distance and match score (100 the same, 0 as far as the farthest).</summary>
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

    /// <summary>How many entries two neighbour lists share.</summary>
    public static int Overlap(IEnumerable<string> a, IEnumerable<string> b) =>
        a.Intersect(b, StringComparer.OrdinalIgnoreCase).Count();
}
