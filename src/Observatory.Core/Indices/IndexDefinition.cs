using Observatory.Frameworks;
using Observatory.Indicators;

namespace Observatory.Indices;

/// <summary>How an oriented indicator is put on a common scale over the reference set (the methods of docs/data-formats.md, "Composite index definitions").</summary>
public enum IndexNormalisation
{
    /// <summary><c>(x − min) / (max − min) × scale</c>: 0 the worst reference area, <c>scale</c> the best.</summary>
    MinMax,

    /// <summary><c>(x − mean) / sd</c>, sd over the reference set (population form).</summary>
    ZScore,

    /// <summary><c>clamp(5 + k·z, 0, 10)</c>: the Thriving Places style, 5 the reference mean, k stated by the definition.</summary>
    ZScoreCapped,

    /// <summary><c>100 + 10·z</c>, as the ONS Health Index: 10 points is one standard deviation.</summary>
    HealthIndex,

    /// <summary>Rank scaled to 0–1 with 1 the best (<c>1 − (r − 1)/(n − 1)</c>), times <c>scale</c>.</summary>
    Rank,

    /// <summary>
    /// The English IMD's exponential transform of the rank, turned so higher is better: <c>100 − X</c> with
    /// <c>X = −23·ln(1 − R·(1 − e^(−100/23)))</c> and <c>R = (r − 1)/(n − 1)</c>, r = 1 the best.
    /// </summary>
    RankExponential,

    /// <summary><c>(x − median) / MAD</c>, MAD the median absolute deviation (unscaled), as Oflog shows its measures.</summary>
    MedianMad,
}

public enum IndexAggregation
{
    Mean,
    WeightedMean,
    Geometric,
}

/// <summary>The areas and period that fix min, max, mean and spread. Only the current councils are offered today.</summary>
public enum IndexReferenceSet
{
    CurrentCouncils,
}

/// <summary>One indicator inside a domain: its weight and the direction that counts as better.</summary>
public sealed record IndexIndicator
{
    public required string IndicatorId { get; init; }
    public required double Weight { get; init; }
    public required Polarity Polarity { get; init; }

    /// <summary>Set when the definition overrides the catalogue's polarity, with why.</summary>
    public string? PolarityReason { get; init; }

    /// <summary>A fixed period for this indicator; null takes the reference-period rule.</summary>
    public Period? Period { get; init; }

    public int Line { get; init; }
}

/// <summary>
/// A node of the hierarchy: the headline, a domain or a sub-domain. It holds either child nodes or indicators;
/// one holding neither is a domain nothing measures yet, shown as no data rather than dropped.
/// </summary>
public sealed record IndexNode
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public double Weight { get; init; } = 1;
    public IndexAggregation Aggregation { get; init; } = IndexAggregation.Mean;

    /// <summary>How many children (nodes or indicators) must have a value for this node to have one.</summary>
    public int MinimumCoverage { get; init; } = 1;

    public ElementRef? Element { get; init; }
    public string? Description { get; init; }
    public string? NoDataReason { get; init; }
    public IReadOnlyList<IndexNode> Children { get; init; } = [];
    public IReadOnlyList<IndexIndicator> Indicators { get; init; } = [];
    public int Line { get; init; }

    public bool HasNoMeasures => Children.Count == 0 && Indicators.Count == 0;

    public int ChildCount => Children.Count + Indicators.Count;

    public IEnumerable<IndexNode> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}

/// <summary>A composite index as data (data/indices/&lt;id&gt;.yaml; format in docs/data-formats.md).</summary>
public sealed record IndexDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Summary { get; init; }
    public string? Method { get; init; }
    public required IndexNormalisation Normalisation { get; init; }

    /// <summary>The k of the capped z-score: points per standard deviation.</summary>
    public double K { get; init; } = 2;

    /// <summary>The top of the min–max and rank scales (1, 10 or 100).</summary>
    public double Scale { get; init; } = 1;

    public IndexReferenceSet ReferenceSet { get; init; } = IndexReferenceSet.CurrentCouncils;

    /// <summary>Null: each indicator's latest period (or its own fixed one). Otherwise the period every indicator takes.</summary>
    public Period? ReferencePeriod { get; init; }

    public required int Decimals { get; init; }
    public required IndexNode Headline { get; init; }
    public required string SourceFile { get; init; }

    /// <summary>The domains directly under the headline.</summary>
    public IReadOnlyList<IndexNode> Domains => Headline.Children;

    /// <summary>Every distinct indicator, in the order first met: the rows of the index's matrix.</summary>
    public IReadOnlyList<IndexIndicator> Indicators =>
        [.. Headline.SelfAndDescendants().SelectMany(n => n.Indicators).DistinctBy(i => i.IndicatorId)];

    /// <summary>True when the normalised values can never be negative, which the geometric mean needs.</summary>
    public static bool IsNonNegative(IndexNormalisation normalisation) =>
        normalisation is IndexNormalisation.MinMax or IndexNormalisation.ZScoreCapped or IndexNormalisation.Rank
            or IndexNormalisation.RankExponential;
}
