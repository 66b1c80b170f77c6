using Observatory.Indicators;

namespace Observatory.Indices;

/// <summary>
/// The values an index is computed from: one row per indicator, one slot per area, NaN for no value. Built once
/// by <see cref="IndexService"/> (or by hand in tests) so the engine never touches the database.
/// </summary>
public sealed class IndexMatrix
{
    public IndexMatrix(IReadOnlyList<string> areas, IReadOnlyList<string> indicatorIds, bool[]? reference = null)
    {
        Areas = areas;
        IndicatorIds = indicatorIds;
        Values = [.. indicatorIds.Select(_ => Enumerable.Repeat(double.NaN, areas.Count).ToArray())];
        Periods = new Period?[indicatorIds.Count];
        Reference = reference ?? [.. Enumerable.Repeat(true, areas.Count)];
        if (Reference.Length != areas.Count)
        {
            throw new ArgumentException("the reference flags must match the areas", nameof(reference));
        }
    }

    public IReadOnlyList<string> Areas { get; }
    public IReadOnlyList<string> IndicatorIds { get; }

    /// <summary>[indicator][area], as published (not oriented).</summary>
    public double[][] Values { get; }

    /// <summary>The period each indicator's values are for; null when it has none.</summary>
    public Period?[] Periods { get; }

    /// <summary>Which areas fix the scale: min, max, mean, spread, ranks.</summary>
    public bool[] Reference { get; }

    public int Row(string indicatorId)
    {
        for (var i = 0; i < IndicatorIds.Count; i++)
        {
            if (IndicatorIds[i] == indicatorId)
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>How one indicator moved one area's headline: its values, weight and contribution.</summary>
/// <param name="Weight">The indicator's share of the headline for this area: the product of weight shares down the hierarchy, over the parts with data.</param>
/// <param name="Contribution">How far the indicator moved the headline away from <see cref="IndexExplanation.Baseline"/>.</param>
public sealed record IndexContribution(IReadOnlyList<IndexNode> Path, IndexIndicator Indicator, double Value, double Normalised, double ReferenceMean,
    double Weight, double Contribution);

/// <summary>
/// Why an area scored what it did. <see cref="Baseline"/> is the score an area with the same coverage would have
/// with every indicator at the reference-set mean of its normalised value; the contributions sum to the score
/// minus the baseline exactly. With complete data and mean or weighted-mean aggregation the baseline is the
/// reference-set mean of the headline.
/// </summary>
public sealed record IndexExplanation(string Area, double Score, double Baseline, IReadOnlyList<IndexContribution> Contributions);

/// <summary>One index for every area of a matrix: the headline, every domain, and what went into them.</summary>
public sealed class IndexResult
{
    private readonly Dictionary<string, int> _areaIndex;
    private readonly Dictionary<IndexNode, int> _nodeIndex;

    internal IndexResult(IndexDefinition definition, IndexMatrix matrix, IReadOnlyList<IndexNode> nodes, double[][] nodeValues,
        double[][] normalised, double[] means, int[] rows)
    {
        Definition = definition;
        Matrix = matrix;
        Nodes = nodes;
        NodeValues = nodeValues;
        Normalised = normalised;
        IndicatorMeans = means;
        Rows = rows;
        _areaIndex = matrix.Areas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.OrdinalIgnoreCase);
        _nodeIndex = nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, (IEqualityComparer<IndexNode>)ReferenceEqualityComparer.Instance);
    }

    public IndexDefinition Definition { get; }
    public IndexMatrix Matrix { get; }

    /// <summary>The headline first, then every domain and sub-domain, depth first in file order.</summary>
    public IReadOnlyList<IndexNode> Nodes { get; }

    /// <summary>[node][area]; NaN where the missing-data rule leaves no score.</summary>
    public double[][] NodeValues { get; }

    /// <summary>[matrix row][area], oriented so higher is better and on the index's scale.</summary>
    public double[][] Normalised { get; }

    /// <summary>The reference-set mean of each matrix row's normalised value.</summary>
    public double[] IndicatorMeans { get; }

    /// <summary>The matrix row of each of <see cref="IndexDefinition.Indicators"/>.</summary>
    internal int[] Rows { get; }

    public double[] Headline => NodeValues[0];

    public int? AreaIndex(string code) => _areaIndex.TryGetValue(code, out var i) ? i : null;

    public double[] ValuesOf(IndexNode node) => NodeValues[_nodeIndex[node]];

    /// <summary>The reference-set mean of the headline, over the areas that have one.</summary>
    public double HeadlineMean => IndexEngine.Mean(Headline, Matrix.Reference);

    /// <summary>How many of the headline's domains have a value for the area.</summary>
    public int DomainsWithData(int area) => Definition.Domains.Count(d => !double.IsNaN(ValuesOf(d)[area]));

    public IndexExplanation Explain(int area) => IndexEngine.Explain(this, area);
}

/// <summary>
/// Composite indices as pure functions over arrays (docs/data-formats.md, "Composite index definitions"): orient every indicator so higher is
/// better, normalise it over the reference set, aggregate up the hierarchy applying each node's minimum coverage,
/// and explain each score by its indicators' contributions.
/// </summary>
public static class IndexEngine
{
    /// <summary>The IMD's exponential constant: 23, so that X runs 0–100 and the most deprived tenth spans about half of it.</summary>
    public const double ExponentialConstant = 23;

    /// <summary>Negates lower-is-better values so that, from here on, higher is always better.</summary>
    public static double[] Orient(ReadOnlySpan<double> values, Polarity polarity)
    {
        var result = values.ToArray();
        if (polarity == Polarity.LowerIsBetter)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = -result[i];
            }
        }
        return result;
    }

    /// <summary>The English IMD transform of a scaled rank R ∈ [0, 1] (1 = most deprived): X = −23·ln(1 − R·(1 − e^(−100/23))).</summary>
    public static double RankExponential(double r) => -ExponentialConstant * Math.Log(1 - r * (1 - Math.Exp(-100 / ExponentialConstant)));

    /// <summary>
    /// Puts oriented values on a common scale, with every statistic taken over the reference areas that have a
    /// value. A reference set with no spread (every value equal) carries no information, so every area gets the
    /// scale's neutral point (the middle of min–max, z = 0, 5 of 10, 100, the middle rank).
    /// </summary>
    public static double[] Normalise(ReadOnlySpan<double> oriented, ReadOnlySpan<bool> reference, IndexNormalisation normalisation, double k = 2, double scale = 1)
    {
        var refValues = new List<double>();
        for (var i = 0; i < oriented.Length; i++)
        {
            if (reference[i] && !double.IsNaN(oriented[i]))
            {
                refValues.Add(oriented[i]);
            }
        }
        var result = new double[oriented.Length];
        if (refValues.Count == 0)
        {
            Array.Fill(result, double.NaN);
            return result;
        }
        refValues.Sort();
        var n = refValues.Count;
        var mean = refValues.Average();
        var sd = Math.Sqrt(refValues.Sum(v => (v - mean) * (v - mean)) / n);
        var min = refValues[0];
        var max = refValues[^1];
        var median = Median(refValues);
        var mad = Median([.. refValues.Select(v => Math.Abs(v - median)).Order()]);
        for (var i = 0; i < oriented.Length; i++)
        {
            var x = oriented[i];
            if (double.IsNaN(x))
            {
                result[i] = double.NaN;
                continue;
            }
            var z = sd > 0 ? (x - mean) / sd : 0;
            result[i] = normalisation switch
            {
                IndexNormalisation.MinMax => (max > min ? (x - min) / (max - min) : 0.5) * scale,
                IndexNormalisation.ZScore => z,
                IndexNormalisation.ZScoreCapped => Math.Clamp(5 + k * z, 0, 10),
                IndexNormalisation.HealthIndex => 100 + 10 * z,
                IndexNormalisation.Rank => (1 - ScaledRank(refValues, x, reference[i])) * scale,
                IndexNormalisation.RankExponential => 100 - RankExponential(ScaledRank(refValues, x, reference[i])),
                IndexNormalisation.MedianMad => mad > 0 ? (x - median) / mad : 0,
                _ => throw new ArgumentOutOfRangeException(nameof(normalisation)),
            };
        }
        return result;
    }

    /// <summary>
    /// R = (r − 1)/(n − 1), r the rank among the reference values with 1 the best and ties sharing their mean rank,
    /// so R = 0 is the best area and R = 1 the worst (the IMD's "most deprived"). An area outside the reference set
    /// is ranked as if it joined it without moving anyone.
    /// </summary>
    public static double ScaledRank(IReadOnlyList<double> sortedReference, double x, bool inReference)
    {
        var n = sortedReference.Count;
        if (n < 2)
        {
            return 0.5;
        }
        var below = LowerBound(sortedReference, x);
        var equal = LowerBound(sortedReference, Math.BitIncrement(x)) - below;
        var better = n - below - equal;
        var tiesBesideSelf = inReference ? equal - 1 : equal;
        var rank = 1 + better + tiesBesideSelf / 2.0;
        return Math.Clamp((rank - 1) / (n - 1), 0, 1);
    }

    /// <summary>
    /// Aggregates the children present (non-NaN); fewer than <paramref name="minimum"/> present gives NaN. Mean
    /// ignores the weights; weighted mean and geometric re-share them over the children present.
    /// </summary>
    public static double Aggregate(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, IndexAggregation aggregation, int minimum)
    {
        var shares = Shares(values, weights, aggregation, minimum);
        if (shares is null)
        {
            return double.NaN;
        }
        return Combine(values, shares, aggregation);
    }

    /// <summary>Each present child's share of its parent; null when the missing-data rule leaves no value.</summary>
    private static double[]? Shares(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, IndexAggregation aggregation, int minimum)
    {
        var present = 0;
        var total = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                present++;
                total += aggregation == IndexAggregation.Mean ? 1 : weights[i];
            }
        }
        if (present == 0 || present < minimum)
        {
            return null;
        }
        var shares = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            shares[i] = double.IsNaN(values[i]) ? 0 : (aggregation == IndexAggregation.Mean ? 1 : weights[i]) / total;
        }
        return shares;
    }

    private static double Combine(ReadOnlySpan<double> values, double[] shares, IndexAggregation aggregation)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            if (shares[i] == 0)
            {
                continue;
            }
            if (aggregation == IndexAggregation.Geometric)
            {
                if (values[i] <= 0)
                {
                    return 0;
                }
                sum += shares[i] * Math.Log(values[i]);
            }
            else
            {
                sum += shares[i] * values[i];
            }
        }
        return aggregation == IndexAggregation.Geometric ? Math.Exp(sum) : sum;
    }

    /// <summary>The index for every area of the matrix. The matrix must hold a row for every indicator the definition names.</summary>
    public static IndexResult Compute(IndexDefinition definition, IndexMatrix matrix)
    {
        var indicators = definition.Indicators;
        var rows = indicators.Select(i => matrix.Row(i.IndicatorId)).ToArray();
        if (rows.Any(r => r < 0))
        {
            throw new ArgumentException($"the matrix has no row for {string.Join(", ", indicators.Where((_, n) => rows[n] < 0).Select(i => i.IndicatorId))}", nameof(matrix));
        }
        var normalised = new double[matrix.IndicatorIds.Count][];
        var means = new double[matrix.IndicatorIds.Count];
        for (var r = 0; r < matrix.IndicatorIds.Count; r++)
        {
            var polarity = indicators.FirstOrDefault(i => i.IndicatorId == matrix.IndicatorIds[r])?.Polarity ?? Polarity.HigherIsBetter;
            normalised[r] = Normalise(Orient(matrix.Values[r], polarity), matrix.Reference, definition.Normalisation, definition.K, definition.Scale);
            means[r] = Mean(normalised[r], matrix.Reference);
        }
        var nodes = definition.Headline.SelfAndDescendants().ToList();
        var nodeValues = nodes.Select(_ => new double[matrix.Areas.Count]).ToArray();
        var index = nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, (IEqualityComparer<IndexNode>)ReferenceEqualityComparer.Instance);
        for (var a = 0; a < matrix.Areas.Count; a++)
        {
            Evaluate(definition.Headline, a, matrix, normalised, nodeValues, index);
        }
        return new IndexResult(definition, matrix, nodes, nodeValues, normalised, means, rows);
    }

    private static double Evaluate(IndexNode node, int area, IndexMatrix matrix, double[][] normalised, double[][] nodeValues, Dictionary<IndexNode, int> index)
    {
        var (values, weights) = ChildValues(node, area, matrix, normalised, (child, a) => Evaluate(child, a, matrix, normalised, nodeValues, index));
        var value = node.HasNoMeasures ? double.NaN : Aggregate(values, weights, node.Aggregation, node.MinimumCoverage);
        nodeValues[index[node]][area] = value;
        return value;
    }

    private static (double[] Values, double[] Weights) ChildValues(IndexNode node, int area, IndexMatrix matrix, double[][] rowValues, Func<IndexNode, int, double> child)
    {
        if (node.Children.Count > 0)
        {
            return ([.. node.Children.Select(c => child(c, area))], [.. node.Children.Select(c => c.Weight)]);
        }
        return ([.. node.Indicators.Select(i => rowValues[matrix.Row(i.IndicatorId)][area])], [.. node.Indicators.Select(i => i.Weight)]);
    }

    internal static IndexExplanation Explain(IndexResult result, int area)
    {
        var contributions = new List<IndexContribution>();
        var score = result.Headline[area];
        if (double.IsNaN(score))
        {
            return new IndexExplanation(result.Matrix.Areas[area], score, double.NaN, []);
        }
        var baseline = Baseline(result, result.Definition.Headline, area);
        Distribute(result, result.Definition.Headline, area, multiplier: 1, weight: 1, [], contributions);
        return new IndexExplanation(result.Matrix.Areas[area], score, baseline, contributions);
    }

    /// <summary>The node's value had every indicator the area has been at its reference mean, over the same children.</summary>
    private static double Baseline(IndexResult result, IndexNode node, int area)
    {
        var (values, weights) = ChildValues(node, area, result.Matrix, result.Normalised, (c, a) => result.ValuesOf(c)[a]);
        var shares = Shares(values, weights, node.Aggregation, node.MinimumCoverage);
        if (shares is null)
        {
            return double.NaN;
        }
        var baselines = node.Children.Count > 0
            ? node.Children.Select((c, i) => shares[i] == 0 ? double.NaN : Baseline(result, c, area)).ToArray()
            : node.Indicators.Select(i => result.IndicatorMeans[result.Matrix.Row(i.IndicatorId)]).ToArray();
        return Combine(baselines, shares, node.Aggregation);
    }

    /// <summary>
    /// Hands each node's difference from its baseline down to its children, so the leaves' contributions sum to
    /// the headline's difference exactly. A mean passes each child its share; a geometric mean splits by each
    /// child's share of the change in logarithms, scaled by the logarithmic mean of value and baseline.
    /// </summary>
    private static void Distribute(IndexResult result, IndexNode node, int area, double multiplier, double weight, IReadOnlyList<IndexNode> path, List<IndexContribution> into)
    {
        var (values, weights) = ChildValues(node, area, result.Matrix, result.Normalised, (c, a) => result.ValuesOf(c)[a]);
        var shares = Shares(values, weights, node.Aggregation, node.MinimumCoverage)!;
        var childBaselines = node.Children.Count > 0
            ? node.Children.Select((c, i) => shares[i] == 0 ? double.NaN : Baseline(result, c, area)).ToArray()
            : node.Indicators.Select(i => result.IndicatorMeans[result.Matrix.Row(i.IndicatorId)]).ToArray();
        var value = Combine(values, shares, node.Aggregation);
        var baseline = Combine(childBaselines, shares, node.Aggregation);
        var here = ReferenceEquals(node, result.Definition.Headline) ? path : [.. path, node];
        var logs = node.Aggregation == IndexAggregation.Geometric && value > 0 && baseline > 0
            && Enumerable.Range(0, values.Length).All(i => shares[i] == 0 || (values[i] > 0 && childBaselines[i] > 0));
        // A zero in a geometric mean has no logarithm: then the node's change is shared in proportion to each
        // child's weighted change, which still sums exactly.
        var linearChange = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            linearChange += shares[i] == 0 ? 0 : shares[i] * (values[i] - childBaselines[i]);
        }
        var rescale = node.Aggregation == IndexAggregation.Geometric && !logs && Math.Abs(linearChange) > 1e-15 ? (value - baseline) / linearChange : 1;
        for (var i = 0; i < values.Length; i++)
        {
            if (shares[i] == 0)
            {
                continue;
            }
            var childMultiplier = logs
                ? multiplier * shares[i] * LogMean(value, baseline) * LogSlope(values[i], childBaselines[i])
                : multiplier * shares[i] * rescale;
            if (node.Children.Count > 0)
            {
                Distribute(result, node.Children[i], area, childMultiplier, weight * shares[i], here, into);
            }
            else
            {
                var indicator = node.Indicators[i];
                var row = result.Matrix.Row(indicator.IndicatorId);
                into.Add(new IndexContribution(here, indicator, result.Matrix.Values[row][area], values[i], childBaselines[i], weight * shares[i],
                    childMultiplier * (values[i] - childBaselines[i])));
            }
        }
    }

    /// <summary>(a − b)/(ln a − ln b), and a when they are equal.</summary>
    private static double LogMean(double a, double b) => Math.Abs(a - b) < 1e-12 * Math.Max(Math.Abs(a), 1) ? a : (a - b) / (Math.Log(a) - Math.Log(b));

    /// <summary>(ln a − ln b)/(a − b), and 1/a when they are equal.</summary>
    private static double LogSlope(double a, double b) => 1 / LogMean(a, b);

    /// <summary>The mean of the reference areas' values that are not NaN; NaN when none.</summary>
    public static double Mean(ReadOnlySpan<double> values, ReadOnlySpan<bool> reference)
    {
        var sum = 0.0;
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (reference[i] && !double.IsNaN(values[i]))
            {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? double.NaN : sum / n;
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static int LowerBound(IReadOnlyList<double> sorted, double x)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
