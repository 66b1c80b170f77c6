using Observatory.Content;
using Observatory.Frameworks;
using YamlDotNet.RepresentationModel;

namespace Observatory.Evidence;

/// <summary>A collection file: the items drawn from one part of a source, or a batch of contributions to import.</summary>
public sealed record EvidenceCollection(string Id, string Name, string Description, IReadOnlyList<EvidenceItem> Items);

/// <summary>
/// Reads an evidence collection file (docs/data-formats.md, "Evidence") and checks every item against the
/// framework catalogue and the places the Observatory knows, reporting each problem with its line and field.
/// </summary>
public static class EvidenceReader
{
    private static readonly string[] CollectionKeys = ["id", "name", "description", "items"];

    private static readonly string[] ItemKeys =
    [
        "id", "title", "kind", "summary", "body", "places", "place-names", "organisations", "year", "links", "elements",
        "strength", "status", "anonymous", "source",
    ];

    private static readonly string[] LinkKeys = ["title", "url"];
    private static readonly string[] SourceKeys = ["file", "section"];

    /// <param name="file">The name problems are reported against (e.g. data/evidence/rr-table-1.yaml).</param>
    /// <param name="expectedId">The file name without extension, which a shipped collection's id must equal; null for uploads.</param>
    /// <param name="elementExists">Whether a framework element exists (the catalogue's Contains).</param>
    /// <param name="placeExists">Whether a GSS or ISO3 code names a known place.</param>
    /// <param name="requireSource">Shipped items must cite their source; a contribution need not.</param>
    public static (EvidenceCollection? Collection, IReadOnlyList<ContentProblem> Problems) Read(
        string file, string text, string? expectedId, Func<ElementRef, bool> elementExists, Func<string, bool> placeExists, bool requireSource = true)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", CollectionKeys);
        var id = doc.FileId(root, "id", expectedId);
        var name = doc.RequiredString(root, "name", "", EvidenceItem.MaxNameLength);
        var description = doc.RequiredString(root, "description", "", EvidenceItem.MaxSummaryLength);
        var items = new List<EvidenceItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (map, path) in doc.MappingList(root, "items", "", required: true))
        {
            if (ReadItem(doc, map, path, id, elementExists, placeExists, requireSource) is { } item)
            {
                if (!seen.Add(item.Id))
                {
                    doc.Problem(doc.Get(map, "id"), path + ".id", $"{InputLimits.Quote(item.Id)} is used by another item in this file");
                    continue;
                }
                items.Add(item);
            }
        }
        return doc.Problems.Count > 0 ? (null, doc.Problems) : (new EvidenceCollection(id, name, description, items), doc.Problems);
    }

    /// <summary>
    /// Checks one item from a form or an import by exactly the rules of a data file: it is written as a one-item
    /// collection (<see cref="EvidenceWriter"/>) and read back, so there is one set of rules, and what is stored is
    /// what a file would hold. Problems name the item's own fields ("title", "places[1]"), with no file or line.
    /// </summary>
    /// <returns>The item as read back (text trimmed, duplicates dropped), or null with the problems.</returns>
    public static (EvidenceItem? Item, IReadOnlyList<ContentProblem> Problems) CheckItem(
        EvidenceItem item, Func<ElementRef, bool> elementExists, Func<string, bool> placeExists, bool requireSource = false)
    {
        const string collection = "item-check";
        var text = EvidenceWriter.ToYaml(collection, "Item", "One item to check.", [item]);
        var (read, problems) = Read("", text, expectedId: null, elementExists, placeExists, requireSource);
        const string prefix = "items[0].";
        var own = problems.Select(p => p with { Line = 0, Column = 0, Field = p.Field.StartsWith(prefix, StringComparison.Ordinal) ? p.Field[prefix.Length..] : p.Field }).ToList();
        return read is null ? (null, own) : (read.Items[0] with { Collection = item.Collection }, own);
    }

    private static EvidenceItem? ReadItem(
        YamlFile doc, YamlMappingNode map, string path, string collection, Func<ElementRef, bool> elementExists, Func<string, bool> placeExists, bool requireSource)
    {
        var before = doc.ProblemCount;
        doc.RejectUnknownKeys(map, path, ItemKeys);
        var id = doc.RequiredId(map, "id", path);
        var title = Limited(doc, map, "title", path, EvidenceItem.MaxTitleLength, required: true)!;
        var kind = doc.Choice(map, "kind", path, EvidenceSpellings.Kinds);
        var summary = Limited(doc, map, "summary", path, EvidenceItem.MaxSummaryLength, required: true)!;
        var body = Limited(doc, map, "body", path, EvidenceItem.MaxBodyLength, required: false);
        var places = doc.OptionalStringList(map, "places", path, EvidenceItem.MaxNameLength);
        CheckEach(doc, map, "places", path, places, code => placeExists(code), code => $"{InputLimits.Quote(code)} is not a GSS code or ISO 3166 alpha-3 country code the Observatory knows");
        var placeNames = doc.OptionalStringList(map, "place-names", path, EvidenceItem.MaxNameLength);
        var organisations = doc.OptionalStringList(map, "organisations", path, EvidenceItem.MaxNameLength);
        var year = doc.Whole(map, "year", path, 1900, 2100);
        var links = new List<EvidenceLink>();
        foreach (var (linkMap, linkPath) in doc.MappingList(map, "links", path, required: false))
        {
            doc.RejectUnknownKeys(linkMap, linkPath, LinkKeys);
            var linkTitle = doc.RequiredString(linkMap, "title", linkPath, EvidenceItem.MaxNameLength);
            var url = doc.RequiredString(linkMap, "url", linkPath, EvidenceItem.MaxUrlLength);
            if (url.Length > 0 && !IsWebAddress(url))
            {
                doc.Problem(doc.Get(linkMap, "url"), linkPath + ".url", $"{InputLimits.Quote(url)} must be an http or https address");
            }
            links.Add(new EvidenceLink(linkTitle, url));
        }
        var elementTexts = doc.OptionalStringList(map, "elements", path, EvidenceItem.MaxNameLength);
        if (doc.Get(map, "elements") is null)
        {
            doc.Problem(map, YamlFile.Join(path, "elements"), "is required: the framework elements this item is evidence for");
        }
        else if (elementTexts.Count == 0)
        {
            doc.Problem(doc.Get(map, "elements"), YamlFile.Join(path, "elements"), "must name at least one framework element");
        }
        var elements = new List<ElementRef>();
        var elementNode = doc.Get(map, "elements") as YamlSequenceNode;
        for (var i = 0; i < elementTexts.Count; i++)
        {
            var node = elementNode is not null && i < elementNode.Children.Count ? elementNode.Children[i] : map;
            if (!ElementRef.TryParse(elementTexts[i], out var reference))
            {
                doc.Problem(node, $"{YamlFile.Join(path, "elements")}[{i}]", $"{InputLimits.Quote(elementTexts[i])} must be framework-id/element-id");
            }
            else if (!elementExists(reference))
            {
                doc.Problem(node, $"{YamlFile.Join(path, "elements")}[{i}]", $"{InputLimits.Quote(reference.ToString())} is not an element of any framework in the catalogue");
            }
            else if (!elements.Contains(reference))
            {
                elements.Add(reference);
            }
        }
        var strength = doc.Whole(map, "strength", path, StrengthOfEvidence.Lowest, StrengthOfEvidence.Highest, required: true);
        var status = doc.Choice(map, "status", path, EvidenceSpellings.Statuses);
        var anonymous = false;
        if (doc.OptionalString(map, "anonymous", path) is { } anon)
        {
            if (anon is "true" or "false")
            {
                anonymous = anon == "true";
            }
            else
            {
                doc.Problem(doc.Get(map, "anonymous"), YamlFile.Join(path, "anonymous"), $"{InputLimits.Quote(anon)} must be true or false");
            }
        }
        EvidenceSource? source = null;
        if (doc.Get(map, "source") is YamlMappingNode sourceMap)
        {
            var sourcePath = YamlFile.Join(path, "source");
            doc.RejectUnknownKeys(sourceMap, sourcePath, SourceKeys);
            source = new EvidenceSource(doc.RequiredString(sourceMap, "file", sourcePath, EvidenceItem.MaxNameLength), doc.RequiredString(sourceMap, "section", sourcePath, EvidenceItem.MaxNameLength));
        }
        else if (doc.Get(map, "source") is { } notMap)
        {
            doc.Problem(notMap, YamlFile.Join(path, "source"), "must be a mapping with file and section");
        }
        else if (requireSource)
        {
            doc.Problem(map, YamlFile.Join(path, "source"), "is required: where the sources name this example (file and section)");
        }
        if (doc.ProblemCount > before || kind is null || strength is null || status is null)
        {
            return null;
        }
        return new EvidenceItem
        {
            Id = id,
            Title = title,
            Kind = kind.Value,
            Summary = summary,
            Body = body,
            Places = places.Distinct(StringComparer.Ordinal).ToList(),
            PlaceNames = placeNames,
            Organisations = organisations,
            Year = year,
            Links = links,
            Elements = elements,
            Strength = strength.Value,
            Status = status.Value,
            Anonymous = anonymous,
            Source = source,
            Collection = collection,
        };
    }

    private static string? Limited(YamlFile doc, YamlMappingNode map, string key, string path, int max, bool required) =>
        required ? doc.RequiredString(map, key, path, max) : doc.OptionalString(map, key, path, max);

    private static void CheckEach(YamlFile doc, YamlMappingNode map, string key, string path, IReadOnlyList<string> values, Func<string, bool> ok, Func<string, string> message)
    {
        var seq = doc.Get(map, key) as YamlSequenceNode;
        for (var i = 0; i < values.Count; i++)
        {
            if (!ok(values[i]))
            {
                doc.Problem(seq is not null && i < seq.Children.Count ? seq.Children[i] : map, $"{YamlFile.Join(path, key)}[{i}]", message(values[i]));
            }
        }
    }

    public static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
