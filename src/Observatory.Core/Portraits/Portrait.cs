using Observatory.Frameworks;
using Observatory.Indicators;

namespace Observatory.Portraits;

/// <summary>
/// A threshold set locally in place of the definition's, with the reason (a council's own target, a
/// local-targets lens). Keyed by dimension id, or "dimension-id/indicator-id" for one indicator of a dimension.
/// </summary>
public sealed record ThresholdOverride(double Value, string Reason);

/// <summary>One indicator of a dimension for one place: the value, what it is read against, and where it stands.</summary>
public sealed record IndicatorResult
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The catalogue indicator (council definitions).</summary>
    public string? IndicatorId { get; init; }

    public required Normalisation Normalisation { get; init; }

    /// <summary>The value as the data give it: the raw value, or for a published ratio the ratio itself.</summary>
    public double? Value { get; init; }

    public double? ValueLower { get; init; }
    public double? ValueUpper { get; init; }
    public string? Unit { get; init; }

    /// <summary>The period the value comes from, which for councils may be earlier than the one asked for.</summary>
    public Period? Period { get; init; }

    /// <summary>The threshold applied: the definition's, or a local one (then <see cref="LocalReason"/> says why).</summary>
    public PortraitThreshold? Threshold { get; init; }

    /// <summary>What kind of line the value is read against: a boundary, a minimum, a policy target or a local aspiration.</summary>
    public ThresholdBasis ThresholdKind { get; init; }

    public string? LocalReason { get; init; }

    /// <summary>The normalised value, rounded to the definition's decimals; 1 is the threshold.</summary>
    public double? Ratio { get; init; }

    /// <summary>The ratio at the bounds of the value's interval, where the data give one (Fanning 2022 projections).</summary>
    public double? RatioLower { get; init; }

    public double? RatioUpper { get; init; }
    public required DimensionStatus Status { get; init; }

    /// <summary>
    /// How far short of the threshold (social) or beyond the boundary (ecological), on the ratio scale (0.25 = a
    /// quarter of the threshold); 0 when within; null without data.
    /// </summary>
    public double? Size { get; init; }
}

/// <summary>One dimension of a portrait for one place.</summary>
public sealed record DimensionResult
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required ElementRef Element { get; init; }
    public required Ring Ring { get; init; }
    public required IReadOnlyList<DealLens> Lenses { get; init; }

    /// <summary>Shortfall or overshoot when any indicator with data is; NoData when none has data.</summary>
    public required DimensionStatus Status { get; init; }

    public double? Size => Deciding?.Size;
    public required IReadOnlyList<IndicatorResult> Indicators { get; init; }

    /// <summary>Why nothing measures the dimension, when the definition says.</summary>
    public string? NoDataReason { get; init; }

    /// <summary>
    /// The indicator that decides the status: the one with data furthest from the threshold on the wrong side
    /// (lowest social ratio, highest ecological ratio).
    /// </summary>
    public IndicatorResult? Deciding => Ring == Ring.Social
        ? Indicators.Where(i => i.Ratio is not null).MinBy(i => i.Ratio)
        : Indicators.Where(i => i.Ratio is not null).MaxBy(i => i.Ratio);

    public double? Value => Deciding?.Value;
    public PortraitThreshold? Threshold => Deciding?.Threshold ?? Indicators.FirstOrDefault()?.Threshold;

    /// <summary>The kind of the deciding indicator's threshold (or the first indicator's); null when nothing measures the dimension.</summary>
    public ThresholdBasis? ThresholdKind => (Deciding ?? Indicators.FirstOrDefault())?.ThresholdKind;
    public double? Ratio => Deciding?.Ratio;
}

/// <summary>
/// A place's portrait under one definition and period: every dimension (none dropped), and the counts the papers
/// report, each of those with data.
/// </summary>
public sealed record Portrait
{
    public required string DefinitionId { get; init; }
    public required string PlaceCode { get; init; }

    /// <summary>The period asked for; null for the latest values.</summary>
    public Period? Period { get; init; }

    /// <summary>"historical" or "projection" for national datasets; null for councils.</summary>
    public string? Series { get; init; }

    public required IReadOnlyList<DimensionResult> Dimensions { get; init; }
    public required int SocialAchieved { get; init; }
    public required int SocialWithData { get; init; }
    public required int EcologicalTransgressed { get; init; }
    public required int EcologicalWithData { get; init; }

    public int SocialTotal => Dimensions.Count(d => d.Ring == Ring.Social);
    public int EcologicalTotal => Dimensions.Count(d => d.Ring == Ring.Ecological);

    public DimensionResult? Find(string dimensionId) => Dimensions.FirstOrDefault(d => d.Id == dimensionId);
}
