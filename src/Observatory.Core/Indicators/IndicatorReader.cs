using System.Globalization;
using System.Text.RegularExpressions;
using Observatory.Content;
using Observatory.Frameworks;
using YamlDotNet.RepresentationModel;

namespace Observatory.Indicators;

/// <summary>
/// Reads one indicator catalogue file (data/indicators/catalogue/&lt;dataset&gt;.yaml) and checks it against the
/// rules in docs/data-formats.md, reporting every problem with its file, line and field. Rules that span files
/// (ids and labels unique across the catalogue) are checked by <see cref="IndicatorCatalogue"/>.
/// </summary>
public static partial class IndicatorReader
{
    /// <summary>The topics datasets are grouped under, in the order pages show them.</summary>
    public static readonly IReadOnlyList<string> Topics =
    [
        "Economy",
        "Housing",
        "Education and skills",
        "Health and wellbeing",
        "Environment",
        "Connectivity and access",
        "Culture and community",
    ];

    /// <summary>Licences shipped data may carry; each needs its own attribution, so an unknown one is refused.</summary>
    public static readonly IReadOnlyList<string> Licences = ["OGL-3.0", "CC-BY-4.0"];

    public static readonly IReadOnlyDictionary<string, Polarity> Polarities = new Dictionary<string, Polarity>
    {
        ["higher-is-better"] = Polarity.HigherIsBetter,
        ["lower-is-better"] = Polarity.LowerIsBetter,
        ["neither"] = Polarity.Neither,
    };

    public static readonly IReadOnlyDictionary<string, DataFormat> Formats = new Dictionary<string, DataFormat>
    {
        ["els"] = DataFormat.Els,
        ["opensdg"] = DataFormat.OpenSdg,
        ["tidy"] = DataFormat.Tidy,
    };

    public static readonly IReadOnlyDictionary<string, PeriodFormat> PeriodFormats = new Dictionary<string, PeriodFormat>
    {
        ["year"] = PeriodFormat.Year,
        ["academic-year"] = PeriodFormat.AcademicYear,
        ["financial-year"] = PeriodFormat.FinancialYear,
        ["month"] = PeriodFormat.Month,
        ["1-year"] = PeriodFormat.OneYear,
        ["2-year"] = PeriodFormat.TwoYear,
        ["3-year"] = PeriodFormat.ThreeYear,
        ["5-year"] = PeriodFormat.FiveYear,
        ["instant"] = PeriodFormat.Instant,
        ["cumulative"] = PeriodFormat.Cumulative,
    };

    public static readonly IReadOnlyDictionary<string, ThresholdKind> ThresholdKinds = new Dictionary<string, ThresholdKind>
    {
        ["floor"] = ThresholdKind.Floor,
        ["ceiling"] = ThresholdKind.Ceiling,
        ["target"] = ThresholdKind.Target,
    };

    public const int MaxDecimalPlaces = 6;

    private static readonly string[] DatasetKeys = ["dataset", "name", "topic", "source", "data", "indicators"];
    private static readonly string[] SourceKeys = ["organisation", "url", "licence", "attribution", "released"];
    private static readonly string[] DataKeys = ["file", "format"];
    private static readonly string[] IndicatorKeys =
    [
        "id", "name", "label", "select", "description", "measure", "unit", "sourceUnits", "decimalPlaces", "polarity",
        "polarityReason", "periodFormat", "caveats", "evidences", "thresholds",
    ];
    private static readonly string[] ThresholdKeys = ["kind", "value", "source", "rationale"];

    /// <summary>
    /// Reads one dataset. <paramref name="expectedId"/> is the file name without <c>.yaml</c>;
    /// <paramref name="dataFileExists"/> answers for a path relative to data/indicators/.
    /// </summary>
    public static (IndicatorDataset? Dataset, IReadOnlyList<ContentProblem> Problems) ReadDataset(
        string file, string text, string expectedId, Func<ElementRef, bool> elementExists, Func<string, bool> dataFileExists)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", DatasetKeys);
        var id = doc.FileId(root, "dataset", expectedId);
        var topic = doc.RequiredString(root, "topic", "");
        if (topic.Length > 0 && !Topics.Contains(topic))
        {
            doc.Problem(doc.Get(root, "topic"), "topic", $"'{topic}' is not one of: {string.Join("; ", Topics)}");
        }
        var source = ReadSource(doc, root);
        var (data, format) = ReadDataFiles(doc, root, dataFileExists);
        var indicators = new List<IndicatorDefinition>();
        foreach (var (map, path) in doc.MappingList(root, "indicators", "", required: true))
        {
            indicators.Add(ReadIndicator(doc, map, path, id, format, data, elementExists));
        }
        var dataset = new IndicatorDataset
        {
            Id = id,
            Name = doc.RequiredString(root, "name", ""),
            Topic = topic,
            Source = source,
            Data = data,
            Format = format,
            Indicators = indicators,
            SourceFile = file,
        };
        return doc.Problems.Count == 0 ? (dataset, doc.Problems) : (null, doc.Problems);
    }

    private static IndicatorSource ReadSource(YamlFile doc, YamlMappingNode root)
    {
        var node = doc.Get(root, "source");
        if (node is not YamlMappingNode map)
        {
            doc.Problem(node ?? root, "source", node is null ? "is required" : "must be a mapping with organisation, url, licence and attribution");
            return new IndicatorSource("", "", "", "", null);
        }
        doc.RejectUnknownKeys(map, "source", SourceKeys);
        var url = doc.RequiredString(map, "url", "source");
        if (url.Length > 0 && !url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal))
        {
            doc.Problem(doc.Get(map, "url"), "source.url", $"'{url}' must be a web address starting https:// or http://");
        }
        var licence = doc.RequiredString(map, "licence", "source");
        if (licence.Length > 0 && !Licences.Contains(licence))
        {
            doc.Problem(doc.Get(map, "licence"), "source.licence", $"'{licence}' is not one of: {string.Join(", ", Licences)}");
        }
        DateOnly? released = null;
        if (doc.OptionalString(map, "released", "source") is { } text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                released = date;
            }
            else
            {
                doc.Problem(doc.Get(map, "released"), "source.released", $"'{text}' must be an ISO date (yyyy-mm-dd)");
            }
        }
        return new IndicatorSource(
            doc.RequiredString(map, "organisation", "source"),
            url,
            licence,
            doc.RequiredString(map, "attribution", "source"),
            released);
    }

    private static (List<IndicatorDataFile> Files, DataFormat Format) ReadDataFiles(YamlFile doc, YamlMappingNode root, Func<string, bool> dataFileExists)
    {
        var files = new List<IndicatorDataFile>();
        DataFormat? first = null;
        foreach (var (map, path) in doc.MappingList(root, "data", "", required: true))
        {
            doc.RejectUnknownKeys(map, path, DataKeys);
            var file = doc.RequiredString(map, "file", path);
            if (file.Length > 0)
            {
                if (!IsPlainRelativePath(file))
                {
                    doc.Problem(doc.Get(map, "file"), YamlFile.Join(path, "file"), $"'{file}' must be a path under data/indicators/ written with forward slashes, without '..'");
                }
                else if (!dataFileExists(file))
                {
                    doc.Problem(doc.Get(map, "file"), YamlFile.Join(path, "file"), $"'{file}' does not exist under data/indicators/");
                }
            }
            var format = doc.Choice(map, "format", path, Formats);
            if (format is { } f)
            {
                // A label means different things in each format, so one dataset cannot mix them.
                if (first is { } expected && f != expected)
                {
                    doc.Problem(doc.Get(map, "format"), YamlFile.Join(path, "format"), $"every data file of a dataset must have the same format (the first is '{YamlFile.Spelling(Formats, expected)}')");
                }
                first ??= f;
                files.Add(new IndicatorDataFile(file, f));
            }
        }
        return (files, first ?? DataFormat.Els);
    }

    private static bool IsPlainRelativePath(string path) =>
        !path.StartsWith('/') && !path.Contains('\\') && !path.Contains(':') && path.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    private static IndicatorDefinition ReadIndicator(
        YamlFile doc, YamlMappingNode map, string path, string datasetId, DataFormat format, IReadOnlyList<IndicatorDataFile> data, Func<ElementRef, bool> elementExists)
    {
        doc.RejectUnknownKeys(map, path, IndicatorKeys);
        var id = doc.RequiredId(map, "id", path);
        var label = doc.RequiredString(map, "label", path);
        var labelNode = doc.Get(map, "label");
        var labelPath = YamlFile.Join(path, "label");
        switch (format)
        {
            case DataFormat.Tidy when label.Length > 0 && id.Length > 0 && label != id:
                doc.Problem(labelNode, labelPath, $"'{label}' must equal the id '{id}' in a tidy dataset (the tidy file's indicator column holds the id)");
                break;
            case DataFormat.OpenSdg when label.Length > 0 && !SdgIdPattern().IsMatch(label):
                doc.Problem(labelNode, labelPath, $"'{label}' must be an Open SDG indicator id such as '3-9-1'");
                break;
            case DataFormat.OpenSdg when label.Length > 0 && !data.Any(d => d.File.EndsWith($"/indicator_{label}.csv", StringComparison.Ordinal)):
                doc.Problem(labelNode, labelPath, $"'{label}' names no data file of this dataset (expected one ending /indicator_{label}.csv)");
                break;
        }
        var select = ReadSelect(doc, map, path, format);
        var decimalPlaces = ReadDecimalPlaces(doc, map, path);
        var polarity = doc.Choice(map, "polarity", path, Polarities);
        var periodFormat = doc.Choice(map, "periodFormat", path, PeriodFormats);
        return new IndicatorDefinition
        {
            Id = id,
            Name = doc.RequiredString(map, "name", path),
            Label = label,
            Select = select,
            Description = doc.RequiredString(map, "description", path),
            Measure = doc.RequiredString(map, "measure", path),
            Unit = doc.OptionalString(map, "unit", path),
            SourceUnits = doc.OptionalStringList(map, "sourceUnits", path),
            DecimalPlaces = decimalPlaces,
            Polarity = polarity ?? Polarity.Neither,
            PolarityReason = doc.RequiredString(map, "polarityReason", path),
            PeriodFormat = periodFormat ?? PeriodFormat.Year,
            Caveats = doc.OptionalString(map, "caveats", path),
            Evidences = ReadEvidences(doc, map, path, elementExists),
            Thresholds = ReadThresholds(doc, map, path),
            DatasetId = datasetId,
            Format = format,
            SourceFile = doc.File,
            Line = (int)map.Start.Line,
            Column = (int)map.Start.Column,
        };
    }

    private static Dictionary<string, string> ReadSelect(YamlFile doc, YamlMappingNode map, string path, DataFormat format)
    {
        var select = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = doc.Get(map, "select");
        var selectPath = YamlFile.Join(path, "select");
        if (node is null)
        {
            return select;
        }
        if (node is not YamlMappingNode selectMap)
        {
            doc.Problem(node, selectPath, "must be a mapping of column: value");
            return select;
        }
        foreach (var (k, v) in selectMap.Children)
        {
            if (k is YamlScalarNode { Value: { Length: > 0 } column } && v is YamlScalarNode { Value: { } value } && value.Trim().Length > 0)
            {
                select[column.Trim()] = value.Trim();
            }
            else
            {
                // A blank cell already means "all" in Open SDG, so a blank filter would say nothing.
                doc.Problem(k, selectPath, "each filter must be a column name and a non-empty value");
            }
        }
        if (select.Count > 0 && format != DataFormat.OpenSdg)
        {
            doc.Problem(node, selectPath, "is only for Open SDG datasets, whose files hold several series under one indicator id");
        }
        return select;
    }

    private static int ReadDecimalPlaces(YamlFile doc, YamlMappingNode map, string path)
    {
        var text = doc.RequiredString(map, "decimalPlaces", path);
        if (text.Length == 0)
        {
            return 0;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var places) || places > MaxDecimalPlaces)
        {
            doc.Problem(doc.Get(map, "decimalPlaces"), YamlFile.Join(path, "decimalPlaces"), $"'{text}' must be a whole number from 0 to {MaxDecimalPlaces}");
            return 0;
        }
        return places;
    }

    private static List<ElementRef> ReadEvidences(YamlFile doc, YamlMappingNode map, string path, Func<ElementRef, bool> elementExists)
    {
        var evidences = new List<ElementRef>();
        var key = YamlFile.Join(path, "evidences");
        if (doc.Get(map, "evidences") is not YamlSequenceNode seq)
        {
            if (doc.Get(map, "evidences") is { } other)
            {
                doc.Problem(other, key, "must be a list of framework-id/element-id");
            }
            else
            {
                doc.Problem(map, key, "is required: name the framework elements this indicator is evidence for");
            }
            return evidences;
        }
        if (seq.Children.Count == 0)
        {
            doc.Problem(seq, key, "must not be empty: name the framework elements this indicator is evidence for");
        }
        var i = 0;
        foreach (var item in seq.Children)
        {
            var itemPath = $"{key}[{i++}]";
            var text = (item as YamlScalarNode)?.Value?.Trim();
            if (!ElementRef.TryParse(text, out var reference))
            {
                doc.Problem(item, itemPath, $"'{text}' must be framework-id/element-id");
            }
            else if (!elementExists(reference))
            {
                doc.Problem(item, itemPath, $"'{text}' names no element of the framework catalogue");
            }
            else if (evidences.Contains(reference))
            {
                doc.Problem(item, itemPath, $"'{text}' is listed twice");
            }
            else
            {
                evidences.Add(reference);
            }
        }
        return evidences;
    }

    private static List<Threshold> ReadThresholds(YamlFile doc, YamlMappingNode map, string path)
    {
        var thresholds = new List<Threshold>();
        foreach (var (thresholdMap, thresholdPath) in doc.MappingList(map, "thresholds", path, required: false))
        {
            doc.RejectUnknownKeys(thresholdMap, thresholdPath, ThresholdKeys);
            var kind = doc.Choice(thresholdMap, "kind", thresholdPath, ThresholdKinds);
            var valueText = doc.RequiredString(thresholdMap, "value", thresholdPath);
            double value = 0;
            if (valueText.Length > 0 && !double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                doc.Problem(doc.Get(thresholdMap, "value"), YamlFile.Join(thresholdPath, "value"), $"'{valueText}' must be a number");
            }
            var source = doc.RequiredString(thresholdMap, "source", thresholdPath);
            var rationale = doc.RequiredString(thresholdMap, "rationale", thresholdPath);
            if (kind is { } k)
            {
                thresholds.Add(new Threshold(k, value, source, rationale));
            }
        }
        return thresholds;
    }

    [GeneratedRegex("^[0-9]+(-[0-9a-z]+)+$")]
    private static partial Regex SdgIdPattern();
}
