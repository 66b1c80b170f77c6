using System.Globalization;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;
using YamlDotNet.RepresentationModel;

namespace Observatory.Portraits;

/// <summary>What a definition is checked against: the framework catalogue, the indicator catalogue and the data files.</summary>
/// <param name="RingOf">The ring a framework element belongs to, or null when it is not part of the Doughnut.</param>
/// <param name="Indicator">A catalogue indicator by id.</param>
/// <param name="DataHeader">The header row of a file under data/doughnut/, or null when there is no such file.</param>
/// <param name="DoughnutDimensions">Every dimension of the Doughnut's two rings, for definitions that must cover them all.</param>
public sealed record PortraitContext(
    Func<ElementRef, bool> ElementExists,
    Func<ElementRef, Ring?> RingOf,
    Func<string, IndicatorDefinition?> Indicator,
    Func<string, IReadOnlyList<string>?> DataHeader,
    IReadOnlyList<ElementRef> DoughnutDimensions);

/// <summary>
/// Reads one portrait definition (data/portraits/&lt;id&gt;.yaml) and checks it against the rules in
/// docs/data-formats.md, reporting every problem with file, line and field.
/// </summary>
public static class PortraitReader
{
    public static readonly IReadOnlyDictionary<string, Ring> Rings = new Dictionary<string, Ring>
    {
        ["social"] = Ring.Social,
        ["ecological"] = Ring.Ecological,
    };

    public static readonly IReadOnlyDictionary<string, Normalisation> Normalisations = new Dictionary<string, Normalisation>
    {
        ["published-ratio"] = Normalisation.PublishedRatio,
        ["ratio-to-boundary"] = Normalisation.RatioToBoundary,
        ["baseline-anchored-ratio"] = Normalisation.BaselineAnchoredRatio,
        ["min-max-to-threshold"] = Normalisation.MinMaxToThreshold,
        ["share-deprived"] = Normalisation.ShareDeprived,
    };

    public static readonly IReadOnlyDictionary<string, PortraitPlaces> PlaceSets = new Dictionary<string, PortraitPlaces>
    {
        ["countries"] = PortraitPlaces.Countries,
        ["uk-councils"] = PortraitPlaces.UkCouncils,
        ["world"] = PortraitPlaces.World,
    };

    public static readonly IReadOnlyDictionary<string, DealLens> Lenses = new Dictionary<string, DealLens>
    {
        ["local-social"] = DealLens.LocalSocial,
        ["local-ecological"] = DealLens.LocalEcological,
        ["global-social"] = DealLens.GlobalSocial,
        ["global-ecological"] = DealLens.GlobalEcological,
    };

    public static readonly IReadOnlyDictionary<string, PortraitDataLayout> Layouts = new Dictionary<string, PortraitDataLayout>
    {
        ["wide"] = PortraitDataLayout.Wide,
        ["long"] = PortraitDataLayout.Long,
    };

    public static readonly IReadOnlyDictionary<string, PlaceNaming> PlaceNamings = new Dictionary<string, PlaceNaming>
    {
        ["iso3"] = PlaceNaming.Iso3,
        ["oneill2018-name"] = PlaceNaming.Oneill2018Name,
        ["fanning2022-name"] = PlaceNaming.Fanning2022Name,
        ["code"] = PlaceNaming.Code,
    };

    /// <summary>The DEAL lenses framework, whose element ids are the lens names.</summary>
    public const string LensFramework = "deal-city-portrait-lenses";

    public const int MaxDecimals = 6;

    private static readonly string[] RootKeys = ["id", "name", "citation", "doi", "url", "places", "decimals", "lenses", "complete", "data", "dimensions"];
    private static readonly string[] DataKeys = ["file", "layout", "place-column", "place-column-number", "place-names", "period-column", "year", "code-column", "value-column", "series", "bound"];
    private static readonly string[] DimensionKeys = ["id", "name", "element", "ring", "lenses", "related", "indicators", "no-data"];
    private static readonly string[] IndicatorKeys = ["id", "name", "column", "code", "indicator", "normalisation", "polarity", "unit", "threshold"];
    private static readonly string[] ThresholdKeys = ["kind", "value", "unit", "source", "rationale", "baseline", "worst"];

    /// <summary>The kinds of threshold, as definitions and the API write them.</summary>
    public static readonly IReadOnlyDictionary<string, ThresholdBasis> ThresholdKinds = new Dictionary<string, ThresholdBasis>
    {
        ["planetary-boundary"] = ThresholdBasis.PlanetaryBoundary,
        ["social-minimum"] = ThresholdBasis.SocialMinimum,
        ["policy-target"] = ThresholdBasis.PolicyTarget,
        ["local-aspiration"] = ThresholdBasis.LocalAspiration,
    };

    /// <summary>The API's and CSV's word for a kind of threshold.</summary>
    public static string ThresholdKindSlug(ThresholdBasis kind) => ThresholdKinds.First(k => k.Value == kind).Key;

    public static (PortraitDefinition? Definition, IReadOnlyList<ContentProblem> Problems) Read(string file, string text, string expectedId, PortraitContext context)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", RootKeys);
        var id = doc.FileId(root, "id", expectedId);
        var places = doc.Choice(root, "places", "", PlaceSets) ?? PortraitPlaces.Countries;
        var decimals = doc.Whole(root, "decimals", "", 0, MaxDecimals) ?? 2;
        var lenses = ReadLenses(doc, root, "", context, null);
        var url = doc.OptionalString(root, "url", "");
        if (url is not null && !url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal))
        {
            doc.Problem(doc.Get(root, "url"), "url", $"'{url}' must be a web address starting https:// or http://");
        }
        var data = new List<PortraitDataFile>();
        foreach (var (map, path) in doc.MappingList(root, "data", "", required: places != PortraitPlaces.UkCouncils))
        {
            data.Add(ReadDataFile(doc, map, path, context));
        }
        if (places == PortraitPlaces.UkCouncils && data.Count > 0)
        {
            doc.Problem(doc.Get(root, "data"), "data", "is only for national definitions: council values come from the observations store");
        }
        var headers = data.Select(d => (d, context.DataHeader(d.File))).ToList();
        var dimensions = new List<PortraitDimension>();
        foreach (var (map, path) in doc.MappingList(root, "dimensions", "", required: true))
        {
            dimensions.Add(ReadDimension(doc, map, path, places, lenses, headers, context));
        }
        CheckUnique(doc, dimensions.Select(d => (d.Id, d.Line)), "dimensions", "dimension");
        CheckUnique(doc, dimensions.SelectMany(d => d.Indicators).Select(i => (i.Id, i.Line)), "dimensions", "indicator");
        if (Flag(doc, root, "complete", ""))
        {
            // A definition that claims to be a whole doughnut must show every dimension, measured or not.
            foreach (var missing in context.DoughnutDimensions.Where(e => dimensions.All(d => d.Element != e)))
            {
                doc.Problem(doc.Get(root, "dimensions"), "dimensions", $"'{missing}' has no dimension: list it, with no-data and a reason when nothing measures it");
            }
        }
        var definition = new PortraitDefinition
        {
            Id = id,
            Name = doc.RequiredString(root, "name", ""),
            Citation = doc.RequiredString(root, "citation", ""),
            Doi = doc.OptionalString(root, "doi", ""),
            Url = url,
            Places = places,
            Decimals = decimals,
            Lenses = lenses,
            Data = data,
            Dimensions = dimensions,
            SourceFile = file,
        };
        return doc.Problems.Count == 0 ? (definition, doc.Problems) : (null, doc.Problems);
    }

    private static PortraitDataFile ReadDataFile(YamlFile doc, YamlMappingNode map, string path, PortraitContext context)
    {
        doc.RejectUnknownKeys(map, path, DataKeys);
        var file = doc.RequiredString(map, "file", path);
        if (file.Length > 0 && context.DataHeader(file) is null)
        {
            doc.Problem(doc.Get(map, "file"), YamlFile.Join(path, "file"), $"'{file}' does not exist under data/doughnut/");
        }
        var layout = doc.Choice(map, "layout", path, Layouts) ?? PortraitDataLayout.Wide;
        var placeColumn = doc.OptionalString(map, "place-column", path);
        var placeNumber = doc.Whole(map, "place-column-number", path, 1, 1000, required: false);
        if ((placeColumn is null) == (placeNumber is null))
        {
            doc.Problem(map, YamlFile.Join(path, "place-column"), "give exactly one of place-column (a header) and place-column-number (a position, 1 = first)");
        }
        var periodColumn = doc.OptionalString(map, "period-column", path);
        var year = doc.Whole(map, "year", path, 1800, 2200, required: false);
        if ((periodColumn is null) == (year is null))
        {
            doc.Problem(map, YamlFile.Join(path, "period-column"), "give exactly one of period-column (the column holding the year) and year (the one year the file describes)");
        }
        var codeColumn = doc.OptionalString(map, "code-column", path);
        var valueColumn = doc.OptionalString(map, "value-column", path);
        if (layout == PortraitDataLayout.Long && (codeColumn is null || valueColumn is null))
        {
            doc.Problem(map, YamlFile.Join(path, "code-column"), "a long file needs code-column and value-column");
        }
        if (layout == PortraitDataLayout.Wide && (codeColumn ?? valueColumn) is not null)
        {
            doc.Problem(doc.Get(map, "code-column") ?? doc.Get(map, "value-column"), YamlFile.Join(path, "code-column"), "code-column and value-column are only for long files");
        }
        var header = context.DataHeader(file) ?? [];
        foreach (var column in new[] { ("place-column", placeColumn), ("period-column", periodColumn), ("code-column", codeColumn), ("value-column", valueColumn) })
        {
            if (column.Item2 is { } name && header.Count > 0 && !header.Contains(name))
            {
                doc.Problem(doc.Get(map, column.Item1), YamlFile.Join(path, column.Item1), $"'{name}' is not a column of {file} (columns: {string.Join(", ", header)})");
            }
        }
        var bound = doc.OptionalString(map, "bound", path);
        if (bound is not null and not "lower" and not "upper")
        {
            doc.Problem(doc.Get(map, "bound"), YamlFile.Join(path, "bound"), $"'{bound}' is not one of: lower, upper");
        }
        return new PortraitDataFile
        {
            File = file,
            Layout = layout,
            PlaceNaming = doc.Choice(map, "place-names", path, PlaceNamings) ?? PlaceNaming.Code,
            PlaceColumn = placeColumn,
            PlaceColumnNumber = placeNumber ?? 0,
            PeriodColumn = periodColumn,
            Year = year,
            CodeColumn = codeColumn,
            ValueColumn = valueColumn,
            Series = doc.RequiredId(map, "series", path),
            Bound = bound,
            Line = (int)map.Start.Line,
        };
    }

    private static PortraitDimension ReadDimension(
        YamlFile doc, YamlMappingNode map, string path, PortraitPlaces places, IReadOnlyList<DealLens> defaultLenses,
        IReadOnlyList<(PortraitDataFile File, IReadOnlyList<string>? Header)> data, PortraitContext context)
    {
        doc.RejectUnknownKeys(map, path, DimensionKeys);
        var ring = doc.Choice(map, "ring", path, Rings) ?? Ring.Social;
        var elementText = doc.RequiredString(map, "element", path);
        var element = default(ElementRef);
        if (elementText.Length > 0)
        {
            var elementNode = doc.Get(map, "element");
            var elementPath = YamlFile.Join(path, "element");
            if (!ElementRef.TryParse(elementText, out element) || element.FrameworkId != "doughnut")
            {
                doc.Problem(elementNode, elementPath, $"'{elementText}' must be doughnut/element-id, an element of data/frameworks/doughnut.yaml");
            }
            else if (!context.ElementExists(element))
            {
                doc.Problem(elementNode, elementPath, $"'{elementText}' names no element of the Doughnut framework");
            }
            else if (context.RingOf(element) is { } elementRing && elementRing != ring)
            {
                doc.Problem(elementNode, elementPath, $"'{elementText}' is on the {YamlFile.Spelling(Rings, elementRing)} ring, but the dimension says ring: {YamlFile.Spelling(Rings, ring)}");
            }
        }
        var related = new List<ElementRef>();
        var i = 0;
        foreach (var text in doc.OptionalStringList(map, "related", path))
        {
            var itemPath = $"{YamlFile.Join(path, "related")}[{i++}]";
            if (!ElementRef.TryParse(text, out var reference) || !context.ElementExists(reference))
            {
                doc.Problem(doc.Get(map, "related"), itemPath, $"'{text}' names no element of the framework catalogue");
            }
            else
            {
                related.Add(reference);
            }
        }
        var lenses = doc.Get(map, "lenses") is null
            ? [.. defaultLenses.Where(l => LensRing(l) == ring)]
            : ReadLenses(doc, map, path, context, ring);
        var indicators = new List<PortraitIndicator>();
        foreach (var (indicatorMap, indicatorPath) in doc.MappingList(map, "indicators", path, required: false))
        {
            indicators.Add(ReadIndicator(doc, indicatorMap, indicatorPath, ring, places, data, context));
        }
        var noData = doc.OptionalString(map, "no-data", path);
        if (indicators.Count == 0 && noData is null)
        {
            doc.Problem(map, YamlFile.Join(path, "no-data"), "is required when a dimension has no indicators: say why nothing measures it, so it shows as no data rather than vanishing");
        }
        else if (indicators.Count > 0 && noData is not null)
        {
            doc.Problem(doc.Get(map, "no-data"), YamlFile.Join(path, "no-data"), "is only for dimensions without indicators");
        }
        return new PortraitDimension
        {
            Id = doc.RequiredId(map, "id", path),
            Name = doc.RequiredString(map, "name", path),
            Element = element,
            Ring = ring,
            Lenses = lenses,
            Related = related,
            Indicators = indicators,
            NoDataReason = noData,
            Line = (int)map.Start.Line,
        };
    }

    private static PortraitIndicator ReadIndicator(
        YamlFile doc, YamlMappingNode map, string path, Ring ring, PortraitPlaces places,
        IReadOnlyList<(PortraitDataFile File, IReadOnlyList<string>? Header)> data, PortraitContext context)
    {
        doc.RejectUnknownKeys(map, path, IndicatorKeys);
        var id = doc.RequiredId(map, "id", path);
        var normalisation = doc.Choice(map, "normalisation", path, Normalisations) ?? Normalisation.RatioToBoundary;
        var column = doc.OptionalString(map, "column", path);
        var code = doc.OptionalString(map, "code", path);
        var indicatorId = doc.OptionalString(map, "indicator", path);
        IndicatorDefinition? catalogued = null;
        if (places == PortraitPlaces.UkCouncils)
        {
            if (indicatorId is null)
            {
                doc.Problem(map, YamlFile.Join(path, "indicator"), "is required: the catalogue indicator whose observations stand for this dimension");
            }
            else if ((catalogued = context.Indicator(indicatorId)) is null)
            {
                doc.Problem(doc.Get(map, "indicator"), YamlFile.Join(path, "indicator"), $"'{indicatorId}' names no indicator of the indicator catalogue");
            }
            if ((column ?? code) is not null)
            {
                doc.Problem(doc.Get(map, "column") ?? doc.Get(map, "code"), YamlFile.Join(path, "column"), "column and code are for national data files; a council indicator names its catalogue indicator");
            }
            if (normalisation == Normalisation.PublishedRatio)
            {
                doc.Problem(doc.Get(map, "normalisation"), YamlFile.Join(path, "normalisation"), "published-ratio is only for national datasets that publish ratios");
            }
        }
        else
        {
            if (indicatorId is not null)
            {
                doc.Problem(doc.Get(map, "indicator"), YamlFile.Join(path, "indicator"), "is only for council definitions; name the data file's column or code");
            }
            CheckDataColumn(doc, map, path, column, code, data);
        }
        Polarity? polarity = null;
        if (doc.Get(map, "polarity") is not null)
        {
            polarity = doc.Choice(map, "polarity", path, IndicatorReader.Polarities);
        }
        var effectivePolarity = polarity ?? catalogued?.Polarity ?? (ring == Ring.Social ? Polarity.HigherIsBetter : Polarity.LowerIsBetter);
        if (effectivePolarity == Polarity.Neither)
        {
            doc.Problem(doc.Get(map, "polarity") ?? doc.Get(map, "indicator"), YamlFile.Join(path, "polarity"),
                "must say which way is better (higher-is-better or lower-is-better): a threshold cannot be read against a context measure");
        }
        var threshold = ReadThreshold(doc, map, path, normalisation);
        return new PortraitIndicator
        {
            Id = id,
            Name = doc.RequiredString(map, "name", path),
            Normalisation = normalisation,
            Polarity = effectivePolarity,
            Threshold = threshold,
            ThresholdKind = threshold?.Kind ?? (ring == Ring.Social ? ThresholdBasis.SocialMinimum : ThresholdBasis.PlanetaryBoundary),
            Column = column,
            Code = code,
            IndicatorId = indicatorId,
            Unit = doc.OptionalString(map, "unit", path) ?? threshold?.Unit ?? catalogued?.Unit,
            Line = (int)map.Start.Line,
        };
    }

    private static void CheckDataColumn(YamlFile doc, YamlMappingNode map, string path, string? column, string? code, IReadOnlyList<(PortraitDataFile File, IReadOnlyList<string>? Header)> data)
    {
        var hasWide = data.Any(d => d.File.Layout == PortraitDataLayout.Wide);
        var hasLong = data.Any(d => d.File.Layout == PortraitDataLayout.Long);
        if ((column is null) == (code is null))
        {
            doc.Problem(map, YamlFile.Join(path, "column"), "give exactly one of column (a wide file's header) and code (a long file's indicator code)");
            return;
        }
        if (column is not null)
        {
            if (!hasWide)
            {
                doc.Problem(doc.Get(map, "column"), YamlFile.Join(path, "column"), "the definition has no wide data file");
            }
            // A missing file is reported once, on its own entry, not again on every column.
            else if (data.All(d => d.Header is not null) && !data.Any(d => d.File.Layout == PortraitDataLayout.Wide && d.Header!.Contains(column)))
            {
                doc.Problem(doc.Get(map, "column"), YamlFile.Join(path, "column"), $"'{column}' is a column of none of the definition's data files");
            }
        }
        else if (!hasLong)
        {
            doc.Problem(doc.Get(map, "code"), YamlFile.Join(path, "code"), "the definition has no long data file");
        }
    }

    private static PortraitThreshold? ReadThreshold(YamlFile doc, YamlMappingNode map, string path, Normalisation normalisation)
    {
        var node = doc.Get(map, "threshold");
        var thresholdPath = YamlFile.Join(path, "threshold");
        if (node is null)
        {
            if (normalisation != Normalisation.PublishedRatio)
            {
                doc.Problem(map, thresholdPath, "is required: the value the indicator is read against, with its source and rationale");
            }
            return null;
        }
        if (node is not YamlMappingNode t)
        {
            doc.Problem(node, thresholdPath, "must be a mapping with value, source and rationale");
            return null;
        }
        doc.RejectUnknownKeys(t, thresholdPath, ThresholdKeys);
        var given = doc.Number(t, "value", thresholdPath, required: true);
        // Required, so no threshold is drawn without saying whether it is a boundary, a minimum or a target.
        var kind = doc.Choice(t, "kind", thresholdPath, ThresholdKinds);
        var value = given ?? double.NaN;
        var baseline = doc.Number(t, "baseline", thresholdPath, required: false);
        var worst = doc.Number(t, "worst", thresholdPath, required: false);
        if (normalisation == Normalisation.BaselineAnchoredRatio && baseline is null)
        {
            doc.Problem(t, YamlFile.Join(thresholdPath, "baseline"), "is required for baseline-anchored-ratio: the pre-industrial or original value the ratio is anchored at");
        }
        else if (normalisation != Normalisation.BaselineAnchoredRatio && baseline is not null)
        {
            doc.Problem(doc.Get(t, "baseline"), YamlFile.Join(thresholdPath, "baseline"), "is only for baseline-anchored-ratio");
        }
        if (baseline is { } b && b == value)
        {
            doc.Problem(doc.Get(t, "baseline"), YamlFile.Join(thresholdPath, "baseline"), "must differ from the threshold value");
        }
        if (worst is not null && normalisation != Normalisation.MinMaxToThreshold)
        {
            doc.Problem(doc.Get(t, "worst"), YamlFile.Join(thresholdPath, "worst"), "is only for min-max-to-threshold");
        }
        if (given is not null && normalisation == Normalisation.RatioToBoundary && value == 0)
        {
            doc.Problem(doc.Get(t, "value"), YamlFile.Join(thresholdPath, "value"), "must not be 0 for ratio-to-boundary");
        }
        if (given is not null && normalisation == Normalisation.ShareDeprived && value is < 0 or >= 100)
        {
            doc.Problem(doc.Get(t, "value"), YamlFile.Join(thresholdPath, "value"), "must be a percentage from 0 to under 100 for share-deprived");
        }
        return new PortraitThreshold(
            value,
            doc.OptionalString(t, "unit", thresholdPath),
            doc.RequiredString(t, "source", thresholdPath),
            doc.RequiredString(t, "rationale", thresholdPath),
            baseline,
            worst,
            kind ?? ThresholdBasis.SocialMinimum);
    }

    private static List<DealLens> ReadLenses(YamlFile doc, YamlMappingNode map, string path, PortraitContext context, Ring? ring)
    {
        var lenses = new List<DealLens>();
        var i = 0;
        foreach (var text in doc.OptionalStringList(map, "lenses", path))
        {
            var itemPath = $"{YamlFile.Join(path, "lenses")}[{i++}]";
            if (!Lenses.TryGetValue(text, out var lens) || !context.ElementExists(new ElementRef(LensFramework, text)))
            {
                doc.Problem(doc.Get(map, "lenses"), itemPath, $"'{text}' is not one of the DEAL lenses: {string.Join(", ", Lenses.Keys)}");
            }
            else if (ring is { } r && LensRing(lens) != r)
            {
                doc.Problem(doc.Get(map, "lenses"), itemPath, $"'{text}' is a lens for the {YamlFile.Spelling(Rings, LensRing(lens))} ring, not the {YamlFile.Spelling(Rings, r)} ring");
            }
            else
            {
                lenses.Add(lens);
            }
        }
        return lenses;
    }

    public static Ring LensRing(DealLens lens) => lens is DealLens.LocalSocial or DealLens.GlobalSocial ? Ring.Social : Ring.Ecological;

    private static void CheckUnique(YamlFile doc, IEnumerable<(string Id, int Line)> items, string field, string what)
    {
        var seen = new Dictionary<string, int>();
        foreach (var (id, line) in items)
        {
            if (id.Length == 0)
            {
                continue;
            }
            if (seen.TryGetValue(id, out var first))
            {
                doc.Problem(line, 0, field, $"{what} id '{id}' is used twice (first at line {first})");
            }
            else
            {
                seen[id] = line;
            }
        }
    }

    private static bool Flag(YamlFile doc, YamlMappingNode map, string key, string path)
    {
        var text = doc.OptionalString(map, key, path);
        if (text is null or "false")
        {
            return false;
        }
        if (text == "true")
        {
            return true;
        }
        doc.Problem(doc.Get(map, key), YamlFile.Join(path, key), $"'{text}' must be true or false");
        return false;
    }
}
