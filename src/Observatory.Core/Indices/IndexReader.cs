using System.Globalization;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;
using YamlDotNet.RepresentationModel;

namespace Observatory.Indices;

/// <summary>
/// Reads one composite-index definition (data/indices/&lt;id&gt;.yaml) and checks it against the rules in
/// docs/data-formats.md, reporting every problem with file, line and field.
/// </summary>
public static class IndexReader
{
    public static readonly IReadOnlyDictionary<string, IndexNormalisation> Normalisations = new Dictionary<string, IndexNormalisation>
    {
        ["min-max"] = IndexNormalisation.MinMax,
        ["z-score"] = IndexNormalisation.ZScore,
        ["z-score-capped"] = IndexNormalisation.ZScoreCapped,
        ["health-index"] = IndexNormalisation.HealthIndex,
        ["rank"] = IndexNormalisation.Rank,
        ["rank-exponential"] = IndexNormalisation.RankExponential,
        ["median-mad"] = IndexNormalisation.MedianMad,
    };

    public static readonly IReadOnlyDictionary<string, IndexAggregation> Aggregations = new Dictionary<string, IndexAggregation>
    {
        ["mean"] = IndexAggregation.Mean,
        ["weighted-mean"] = IndexAggregation.WeightedMean,
        ["geometric"] = IndexAggregation.Geometric,
    };

    public static readonly IReadOnlyDictionary<string, IndexReferenceSet> ReferenceSets = new Dictionary<string, IndexReferenceSet>
    {
        ["current-councils"] = IndexReferenceSet.CurrentCouncils,
    };

    public static readonly IReadOnlyDictionary<string, Polarity> Polarities = new Dictionary<string, Polarity>
    {
        ["higher-is-better"] = Polarity.HigherIsBetter,
        ["lower-is-better"] = Polarity.LowerIsBetter,
    };

    public const int MaxDepth = 4;

    private static readonly string[] RootKeys = ["id", "name", "summary", "method", "normalisation", "k", "scale", "reference-set", "reference-period", "decimals", "aggregation", "minimum-coverage", "domains"];
    private static readonly string[] NodeKeys = ["id", "name", "description", "element", "weight", "aggregation", "minimum-coverage", "domains", "indicators", "no-data"];
    private static readonly string[] IndicatorKeys = ["id", "weight", "polarity", "polarity-reason", "period"];

    public static (IndexDefinition? Definition, IReadOnlyList<ContentProblem> Problems) Read(string file, string text, string expectedId,
        Func<string, IndicatorDefinition?> indicator, Func<ElementRef, bool> elementExists)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", RootKeys);
        var id = doc.FileId(root, "id", expectedId);
        var normalisation = doc.Choice(root, "normalisation", "", Normalisations, required: true) ?? IndexNormalisation.MinMax;
        var k = doc.Number(root, "k", "");
        if (k is not null && normalisation != IndexNormalisation.ZScoreCapped)
        {
            doc.Problem(doc.Get(root, "k"), "k", "is only for z-score-capped");
        }
        else if (normalisation == IndexNormalisation.ZScoreCapped && k is null)
        {
            doc.Problem(root, "k", "is required for z-score-capped: the points per standard deviation in clamp(5 + k·z, 0, 10)");
        }
        else if (k is <= 0 or > 10)
        {
            doc.Problem(doc.Get(root, "k"), "k", "must be above 0 and at most 10");
        }
        var scale = doc.Number(root, "scale", "");
        if (scale is not null && normalisation is not IndexNormalisation.MinMax and not IndexNormalisation.Rank)
        {
            doc.Problem(doc.Get(root, "scale"), "scale", "is only for min-max and rank");
        }
        else if (scale is { } s && s is not (1 or 10 or 100))
        {
            doc.Problem(doc.Get(root, "scale"), "scale", "must be 1, 10 or 100");
        }
        doc.Choice(root, "reference-set", "", ReferenceSets, required: true);
        var referencePeriod = PeriodRule(doc, root, "reference-period", "", allowLatest: true, required: true);
        var decimals = doc.Whole(root, "decimals", "", 0, 4) ?? 1;
        var ids = new Dictionary<string, int>();
        var headline = ReadNode(doc, root, "", 0, normalisation, indicator, elementExists, ids, isHeadline: true, id, doc.OptionalString(root, "name", "") ?? "");
        var definition = new IndexDefinition
        {
            Id = id,
            Name = doc.RequiredString(root, "name", ""),
            Summary = doc.RequiredString(root, "summary", ""),
            Method = doc.OptionalString(root, "method", ""),
            Normalisation = normalisation,
            K = k ?? 2,
            Scale = scale ?? 1,
            ReferencePeriod = referencePeriod,
            Decimals = decimals,
            Headline = headline,
            SourceFile = file,
        };
        if (!definition.Indicators.Any())
        {
            doc.Problem(doc.Get(root, "domains"), "domains", "no domain holds an indicator: an index needs at least one");
        }
        return doc.Problems.Count == 0 ? (definition, doc.Problems) : (null, doc.Problems);
    }

    private static IndexNode ReadNode(YamlFile doc, YamlMappingNode map, string path, int depth, IndexNormalisation normalisation,
        Func<string, IndicatorDefinition?> catalogue, Func<ElementRef, bool> elementExists, Dictionary<string, int> ids, bool isHeadline,
        string headlineId, string headlineName)
    {
        if (!isHeadline)
        {
            doc.RejectUnknownKeys(map, path, NodeKeys);
        }
        var id = isHeadline ? headlineId : doc.RequiredId(map, "id", path);
        if (!isHeadline && id.Length > 0)
        {
            if (ids.TryGetValue(id, out var first))
            {
                doc.Problem(doc.Get(map, "id"), YamlFile.Join(path, "id"), $"domain id '{id}' is used twice (first at line {first})");
            }
            else
            {
                ids[id] = YamlFile.LineOf(map);
            }
        }
        var aggregation = doc.Choice(map, "aggregation", path, Aggregations, required: false) ?? IndexAggregation.Mean;
        if (aggregation == IndexAggregation.Geometric && !IndexDefinition.IsNonNegative(normalisation))
        {
            doc.Problem(doc.Get(map, "aggregation"), YamlFile.Join(path, "aggregation"),
                $"geometric needs values that cannot be negative; {YamlFile.Spelling(Normalisations, normalisation)} can be (use min-max, z-score-capped, rank or rank-exponential)");
        }
        ElementRef? element = null;
        if (!isHeadline && doc.OptionalString(map, "element", path) is { } elementText)
        {
            if (!ElementRef.TryParse(elementText, out var parsed) || !elementExists(parsed))
            {
                doc.Problem(doc.Get(map, "element"), YamlFile.Join(path, "element"), $"'{elementText}' is not a framework element (framework/element)");
            }
            else
            {
                element = parsed;
            }
        }
        var children = new List<IndexNode>();
        foreach (var (child, childPath) in doc.MappingList(map, "domains", path, required: isHeadline))
        {
            if (depth + 1 >= MaxDepth)
            {
                doc.Problem(child, childPath, $"domains may nest at most {MaxDepth - 1} deep (domain, sub-domain, …)");
                continue;
            }
            children.Add(ReadNode(doc, child, childPath, depth + 1, normalisation, catalogue, elementExists, ids, isHeadline: false, "", ""));
        }
        var indicators = new List<IndexIndicator>();
        // The headline aggregates domains; an indicator straight under it would have no domain to be shown in.
        if (!isHeadline)
        {
            foreach (var (item, itemPath) in doc.MappingList(map, "indicators", path, required: false))
            {
                if (ReadIndicator(doc, item, itemPath, catalogue) is { } indicator)
                {
                    if (indicators.Any(i => i.IndicatorId == indicator.IndicatorId))
                    {
                        doc.Problem(item, YamlFile.Join(itemPath, "id"), $"'{indicator.IndicatorId}' is listed twice in this domain");
                    }
                    else
                    {
                        indicators.Add(indicator);
                    }
                }
            }
        }
        if (children.Count > 0 && indicators.Count > 0)
        {
            doc.Problem(map, YamlFile.Join(path, "indicators"), "a domain holds either sub-domains or indicators, not both");
        }
        var noData = isHeadline ? null : doc.OptionalString(map, "no-data", path);
        var count = children.Count + indicators.Count;
        if (!isHeadline && count == 0 && noData is null && doc.Get(map, "domains") is null && doc.Get(map, "indicators") is null)
        {
            doc.Problem(map, YamlFile.Join(path, "no-data"), "a domain with no indicators must say why under no-data, so it is shown as no data rather than dropped");
        }
        if (count > 0 && noData is not null)
        {
            doc.Problem(doc.Get(map, "no-data"), YamlFile.Join(path, "no-data"), "is only for a domain with no indicators");
        }
        var minimum = doc.Whole(map, "minimum-coverage", path, 1, 1000);
        if (minimum is { } m && m > count && count > 0)
        {
            doc.Problem(doc.Get(map, "minimum-coverage"), YamlFile.Join(path, "minimum-coverage"), $"{m} is more than the {count} {(children.Count > 0 ? "domains" : "indicators")} listed");
        }
        var weight = isHeadline ? 1 : doc.Number(map, "weight", path) ?? 1;
        if (weight is <= 0 || !double.IsFinite(weight))
        {
            doc.Problem(doc.Get(map, "weight"), YamlFile.Join(path, "weight"), "must be a number above 0");
        }
        return new IndexNode
        {
            Id = id,
            Name = isHeadline ? headlineName : doc.RequiredString(map, "name", path),
            Description = isHeadline ? null : doc.OptionalString(map, "description", path),
            Weight = weight,
            Aggregation = aggregation,
            MinimumCoverage = minimum ?? 1,
            Element = element,
            NoDataReason = noData,
            Children = children,
            Indicators = indicators,
            Line = YamlFile.LineOf(map),
        };
    }

    private static IndexIndicator? ReadIndicator(YamlFile doc, YamlMappingNode map, string path, Func<string, IndicatorDefinition?> catalogue)
    {
        doc.RejectUnknownKeys(map, path, IndicatorKeys);
        var id = doc.RequiredString(map, "id", path);
        var found = id.Length > 0 ? catalogue(id) : null;
        if (id.Length > 0 && found is null)
        {
            doc.Problem(doc.Get(map, "id"), YamlFile.Join(path, "id"), $"'{id}' is not an indicator in the catalogue");
        }
        var weight = doc.Number(map, "weight", path) ?? 1;
        if (weight <= 0)
        {
            doc.Problem(doc.Get(map, "weight"), YamlFile.Join(path, "weight"), "must be a number above 0");
        }
        var overridden = doc.Choice(map, "polarity", path, Polarities, required: false);
        var reason = doc.OptionalString(map, "polarity-reason", path);
        if (overridden is not null && reason is null)
        {
            doc.Problem(map, YamlFile.Join(path, "polarity-reason"), "is required when the catalogue's polarity is overridden");
        }
        var polarity = overridden ?? found?.Polarity ?? Polarity.HigherIsBetter;
        if (found is not null && polarity == Polarity.Neither)
        {
            doc.Problem(map, YamlFile.Join(path, "polarity"), $"'{id}' has no better direction in the catalogue; give polarity and polarity-reason for this index");
        }
        var period = PeriodRule(doc, map, "period", path, allowLatest: false, required: false);
        return found is null ? null : new IndexIndicator
        {
            IndicatorId = id,
            Weight = weight,
            Polarity = polarity,
            PolarityReason = overridden is null ? null : reason,
            Period = period,
            Line = YamlFile.LineOf(map),
        };
    }

    private static Period? PeriodRule(YamlFile doc, YamlMappingNode map, string key, string path, bool allowLatest, bool required)
    {
        var text = required ? doc.RequiredString(map, key, path) : doc.OptionalString(map, key, path);
        if (string.IsNullOrEmpty(text) || (allowLatest && text == "latest"))
        {
            return null;
        }
        if (Period.TryParse(text, out var period))
        {
            return period;
        }
        doc.Problem(doc.Get(map, key), YamlFile.Join(path, key), $"'{text}' must be {(allowLatest ? "latest or " : "")}an ISO 8601 period such as 2023-01-01/P1Y");
        return null;
    }
}
