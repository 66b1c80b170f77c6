using System.Globalization;
using Observatory.Frameworks;

namespace Observatory.Indicators;

/// <summary>Which way is better. The sources never say (ELS metadata has no polarity), so the catalogue does.</summary>
public enum Polarity
{
    HigherIsBetter,
    LowerIsBetter,
    Neither,
}

public enum ThresholdKind
{
    /// <summary>A social foundation: falling below it is a shortfall.</summary>
    Floor,

    /// <summary>An ecological ceiling: rising above it is an overshoot.</summary>
    Ceiling,

    /// <summary>A policy target, such as a national coverage goal.</summary>
    Target,
}

/// <summary>How a shipped data file is laid out, and so what an indicator's <c>label</c> means in it.</summary>
public enum DataFormat
{
    /// <summary>ONS Explore Local Statistics: label is the exact <c>indicator</c> column value.</summary>
    Els,

    /// <summary>Open SDG: label is the indicator id (e.g. "3-9-1"); <c>select</c> picks the series.</summary>
    OpenSdg,

    /// <summary>The Observatory's own tidy CSV: label is the catalogue id.</summary>
    Tidy,
}

/// <summary>How a period is labelled for people; the stored period is always an ISO 8601 instant or interval.</summary>
public enum PeriodFormat
{
    Year,
    AcademicYear,
    FinancialYear,
    Month,
    OneYear,
    TwoYear,
    ThreeYear,
    FiveYear,
    Instant,

    /// <summary>One total over several years (energy certificates lodged over a decade), not an average.</summary>
    Cumulative,
}

public sealed record Threshold(ThresholdKind Kind, double Value, string Source, string Rationale);

/// <summary>Who published a dataset and on what terms.</summary>
public sealed record IndicatorSource(string Organisation, string Url, string Licence, string Attribution, DateOnly? Released);

/// <summary>A shipped file that seeds a dataset; <see cref="File"/> is relative to data/indicators/.</summary>
public sealed record IndicatorDataFile(string File, DataFormat Format);

/// <summary>One source dataset (one ELS slug, one Open SDG indicator, one mySociety file) and the indicators it holds.</summary>
public sealed record IndicatorDataset
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Topic { get; init; }
    public required IndicatorSource Source { get; init; }
    public required IReadOnlyList<IndicatorDataFile> Data { get; init; }
    public required DataFormat Format { get; init; }
    public required IReadOnlyList<IndicatorDefinition> Indicators { get; init; }

    /// <summary>The catalogue file it was read from, for messages.</summary>
    public required string SourceFile { get; init; }
}

/// <summary>
/// One coherent series: what it measures, how to show it, which way is better, which framework elements it is
/// evidence for, and any floor, ceiling or target to compare it with.
/// </summary>
public sealed record IndicatorDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>How the source files name this series; its meaning depends on <see cref="Format"/>.</summary>
    public required string Label { get; init; }

    /// <summary>Open SDG only: column → value filters that pick this series. Empty means the headline series.</summary>
    public IReadOnlyDictionary<string, string> Select { get; init; } = new Dictionary<string, string>();

    public required string Description { get; init; }
    public required string Measure { get; init; }

    /// <summary>The display unit ("%", "£", "years"); null for a plain number such as a ratio or score.</summary>
    public string? Unit { get; init; }

    /// <summary>Units the source files write for this series where they differ from <see cref="Unit"/>.</summary>
    public IReadOnlyList<string> SourceUnits { get; init; } = [];

    public required int DecimalPlaces { get; init; }
    public required Polarity Polarity { get; init; }
    public required string PolarityReason { get; init; }
    public required PeriodFormat PeriodFormat { get; init; }
    public string? Caveats { get; init; }
    public required IReadOnlyList<ElementRef> Evidences { get; init; }
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];

    public required string DatasetId { get; init; }
    public required DataFormat Format { get; init; }

    /// <summary>Where the entry starts in its catalogue file, for messages about it.</summary>
    public string SourceFile { get; init; } = "";

    public int Line { get; init; }
    public int Column { get; init; }

    /// <summary>
    /// The units an importer may accept for this series: those the source writes, or the display unit when the
    /// source writes the same. Anything else means the file is not what the catalogue describes.
    /// </summary>
    public IReadOnlyList<string> AcceptedSourceUnits => SourceUnits.Count > 0 ? SourceUnits : Unit is null ? [] : [Unit];

    /// <summary>"74.2%", "£712", "6.5 out of 10", "8.3": one rule for every indicator, so tables read alike.</summary>
    public string FormatValue(double value)
    {
        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }
        // Through decimal, so 63.25 and 0.15 round up as the publishers' own tables do, not to even or to the
        // binary value just below.
        var number = Math.Abs(value) < 1e15
            ? Math.Round((decimal)Math.Abs(value), DecimalPlaces, MidpointRounding.AwayFromZero).ToString("N" + DecimalPlaces, CultureInfo.InvariantCulture)
            : Math.Abs(value).ToString("N" + DecimalPlaces, CultureInfo.InvariantCulture);
        // Rounding can turn a small negative into zero; "-0.0" would read as a real negative value.
        var sign = value < 0 && number.Any(c => c is >= '1' and <= '9') ? "-" : "";
        return Unit switch
        {
            null => sign + number,
            "£" => sign + "£" + number,
            "%" => sign + number + "%",
            _ => $"{sign}{number} {Unit}",
        };
    }
}
