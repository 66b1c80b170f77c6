using Observatory.Frameworks;
using Observatory.Indicators;

namespace Observatory.Portraits;

/// <summary>The two rings of the Doughnut.</summary>
public enum Ring
{
    /// <summary>The social foundation: below it is a shortfall.</summary>
    Social,

    /// <summary>The ecological ceiling: beyond it is an overshoot.</summary>
    Ecological,
}

/// <summary>
/// How a value becomes a ratio on which 1 is the threshold or boundary (<see cref="PortraitRules.Normalise"/>). On the
/// social ring a ratio of 1 or more is achieved; on the ecological ring a ratio above 1 is an overshoot.
/// </summary>
public enum Normalisation
{
    /// <summary>The dataset already holds the ratio (O'Neill 2018, Fanning 2022 publish only normalised values).</summary>
    PublishedRatio,

    /// <summary>value ÷ threshold, turned round (threshold ÷ value) when lower is better on the social ring.</summary>
    RatioToBoundary,

    /// <summary>(value − baseline) ÷ (threshold − baseline): Doughnut 3.0's pre-industrial baselines.</summary>
    BaselineAnchoredRatio,

    /// <summary>(value − worst) ÷ (threshold − worst), the worst being the worst place in the set (or a given one).</summary>
    MinMaxToThreshold,

    /// <summary>The value is the percentage of people deprived: (100 − value) ÷ (100 − threshold).</summary>
    ShareDeprived,
}

/// <summary>Where a dimension stands. NoData is a state of its own, never read as within.</summary>
/// <remarks>
/// A byte: a batch holds one for every place and dimension (945,000 for a small-area set), and at a byte a
/// dimension's column of 45,000 stays under the large object heap, whose fresh pages cost more to touch than the
/// statuses cost to compute.
/// </remarks>
public enum DimensionStatus : byte
{
    Shortfall,
    Within,
    Overshoot,
    NoData,
}

/// <summary>Which places a definition draws.</summary>
public enum PortraitPlaces
{
    /// <summary>Countries by ISO 3166 alpha-3 code, from a shipped national dataset.</summary>
    Countries,

    /// <summary>The current UK councils (<see cref="Places.PlaceRegistry.Councils"/>), from the observations store.</summary>
    UkCouncils,

    /// <summary>The world as one place (code WLD), from a shipped global dataset.</summary>
    World,
}

/// <summary>The four lenses of DEAL's City Portraits (data/frameworks/deal-city-portrait-lenses.yaml).</summary>
public enum DealLens
{
    LocalSocial,
    LocalEcological,
    GlobalSocial,
    GlobalEcological,
}

/// <summary>
/// What kind of line a threshold is, so a reader never mistakes a national policy target for a planetary boundary.
/// </summary>
public enum ThresholdBasis
{
    /// <summary>A per-person share of a planetary boundary (the ecological ceiling as Rockström, Steffen and Raworth draw it).</summary>
    PlanetaryBoundary,

    /// <summary>A minimum every person needs, as the social foundation's papers set it.</summary>
    SocialMinimum,

    /// <summary>A published government target or ambition, read where no boundary or minimum exists (as DEAL's local lenses do).</summary>
    PolicyTarget,

    /// <summary>A target a council or partnership set for its own place (the local-targets lens).</summary>
    LocalAspiration,
}

/// <summary>
/// A threshold or boundary, its kind and why it applies. <see cref="Baseline"/> only for baseline-anchored ratios.
/// </summary>
public sealed record PortraitThreshold(double Value, string? Unit, string Source, string Rationale, double? Baseline = null, double? Worst = null,
    ThresholdBasis Kind = ThresholdBasis.SocialMinimum);

/// <summary>
/// One indicator standing for (part of) a dimension. National definitions name the data column (<see cref="Column"/>,
/// wide files) or code (<see cref="Code"/>, long files); council definitions name a catalogue indicator.
/// </summary>
public sealed record PortraitIndicator
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required Normalisation Normalisation { get; init; }

    /// <summary>Which way is better; for catalogue indicators the catalogue's polarity unless the definition says.</summary>
    public required Polarity Polarity { get; init; }

    /// <summary>Null only for published ratios, whose threshold is 1 by construction.</summary>
    public PortraitThreshold? Threshold { get; init; }

    /// <summary>
    /// The kind of the threshold: the threshold's own, or for a published ratio the kind its paper reads it against
    /// (a social minimum on the social ring, a planetary boundary on the ecological).
    /// </summary>
    public ThresholdBasis ThresholdKind { get; init; }

    public string? Column { get; init; }
    public string? Code { get; init; }

    /// <summary>The indicator catalogue id, for council definitions.</summary>
    public string? IndicatorId { get; init; }

    public string? Unit { get; init; }
    public int Line { get; init; }
}

/// <summary>One segment of the portrait: a Doughnut dimension (or a paper's indicator standing for one).</summary>
public sealed record PortraitDimension
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required ElementRef Element { get; init; }
    public required Ring Ring { get; init; }
    public required IReadOnlyList<DealLens> Lenses { get; init; }
    public IReadOnlyList<ElementRef> Related { get; init; } = [];

    /// <summary>Empty for a dimension the definition cannot yet measure; it is shown as no data, with <see cref="NoDataReason"/>.</summary>
    public required IReadOnlyList<PortraitIndicator> Indicators { get; init; }

    public string? NoDataReason { get; init; }
    public int Line { get; init; }
}

/// <summary>How a national data file is laid out.</summary>
public enum PortraitDataLayout
{
    /// <summary>One row per place (and period), one column per indicator.</summary>
    Wide,

    /// <summary>One row per place, period and indicator, with the indicator's code and value in named columns.</summary>
    Long,
}

/// <summary>How a data file names places.</summary>
public enum PlaceNaming
{
    /// <summary>ISO 3166 alpha-3 codes, checked against the place registry.</summary>
    Iso3,

    /// <summary>Country names as O'Neill et al. 2018 write them (places/countries.csv, oneill2018_name).</summary>
    Oneill2018Name,

    /// <summary>Country names as Fanning et al. 2022 write them (fanning2022_name).</summary>
    Fanning2022Name,

    /// <summary>Taken as written (the world's WLD).</summary>
    Code,
}

/// <summary>A shipped file (relative to data/doughnut/) that holds a national definition's values.</summary>
public sealed record PortraitDataFile
{
    public required string File { get; init; }
    public required PortraitDataLayout Layout { get; init; }
    public required PlaceNaming PlaceNaming { get; init; }

    /// <summary>The column holding the place: its header, or (when null) its 1-based position <see cref="PlaceColumnNumber"/>.</summary>
    public string? PlaceColumn { get; init; }

    public int PlaceColumnNumber { get; init; }

    /// <summary>The column holding the year, or null when the whole file is one <see cref="Year"/>.</summary>
    public string? PeriodColumn { get; init; }

    public int? Year { get; init; }
    public string? CodeColumn { get; init; }
    public string? ValueColumn { get; init; }

    /// <summary>"historical", "projection"…: said on every portrait drawn from the file.</summary>
    public required string Series { get; init; }

    /// <summary>Null for central values; "lower" or "upper" for an interval's bounds.</summary>
    public string? Bound { get; init; }

    public int Line { get; init; }
}

/// <summary>
/// A portrait definition (data/portraits/&lt;id&gt;.yaml): which indicators stand for which dimension, with which
/// threshold and normalisation, for which places. See docs/data-formats.md.
/// </summary>
public sealed record PortraitDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Citation { get; init; }
    public string? Doi { get; init; }
    public string? Url { get; init; }
    public required PortraitPlaces Places { get; init; }

    /// <summary>Decimal places ratios are rounded to before status is read (two in O'Neill et al. 2018 and Fanning et al. 2022).</summary>
    public required int Decimals { get; init; }

    public required IReadOnlyList<DealLens> Lenses { get; init; }
    public IReadOnlyList<PortraitDataFile> Data { get; init; } = [];
    public required IReadOnlyList<PortraitDimension> Dimensions { get; init; }
    public string SourceFile { get; init; } = "";

    private IReadOnlyList<PortraitIndicator>? _indicators;

    /// <summary>Every indicator in dimension order: the column order of <see cref="PortraitColumns"/>.</summary>
    public IReadOnlyList<PortraitIndicator> Indicators => _indicators ??= [.. Dimensions.SelectMany(d => d.Indicators)];

    public IEnumerable<PortraitDimension> Ring(Ring ring) => Dimensions.Where(d => d.Ring == ring);
}
