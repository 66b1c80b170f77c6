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
        "strength", "strength-reason", "no-area-of-focus", "status", "anonymous", "source",
    ];

    private static readonly string[] TagKeys = ["element", "because"];

    // Every shipped item is placed on the default gap map: a 4Rs pillar and a place-making area of focus, each with
    // the words of its source that justify it (docs/evidence-methods.md).
    private const string PillarFramework = "four-rs";
    private const string PillarKind = "pillar";
    private const string AreaFramework = "place-making";
    private const string AreaKind = "area-of-focus";

    private static readonly string[] LinkKeys = ["title", "url"];
    private static readonly string[] SourceKeys = ["file", "section"];

    /// <param name="file">The name problems are reported against (e.g. data/evidence/rr-table-1.yaml).</param>
    /// <param name="expectedId">The file name without extension, which a shipped collection's id must equal; null for uploads.</param>
    /// <param name="elementExists">Whether a framework element exists (the catalogue's Contains).</param>
    /// <param name="placeExists">Whether a GSS or ISO3 code names a known place.</param>
    /// <param name="requireSource">
    /// Shipped items must cite their source and say why they sit at their strength; a contribution need not.
    /// </param>
    /// <param name="elementKind">
    /// The kind of a framework element (the catalogue's element kind). Given for shipped items, it also requires each
    /// to be tagged with a 4Rs pillar and an area of focus, every such tag with its "because".
    /// </param>
    public static (EvidenceCollection? Collection, IReadOnlyList<ContentProblem> Problems) Read(
        string file, string text, string? expectedId, Func<ElementRef, bool> elementExists, Func<string, bool> placeExists, bool requireSource = true,
        Func<ElementRef, string?>? elementKind = null)
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
            if (ReadItem(doc, map, path, id, elementExists, placeExists, requireSource, elementKind) is { } item)
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
        YamlFile doc, YamlMappingNode map, string path, string collection, Func<ElementRef, bool> elementExists, Func<string, bool> placeExists, bool requireSource,
        Func<ElementRef, string?>? elementKind)
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
        var (elements, tagReasons) = ReadElements(doc, map, path, elementExists);
        var strength = doc.Whole(map, "strength", path, StrengthOfEvidence.Lowest, StrengthOfEvidence.Highest, required: true);
        var strengthReason = doc.OptionalString(map, "strength-reason", path, EvidenceItem.MaxReasonLength);
        if (strengthReason is null && requireSource)
        {
            doc.Problem(map, YamlFile.Join(path, "strength-reason"),
                $"is required: one sentence on why {InputLimits.Quote(id)} sits at its level on the standards of evidence scale");
        }
        var noAreaOfFocus = doc.OptionalString(map, "no-area-of-focus", path, EvidenceItem.MaxReasonLength);
        if (noAreaOfFocus is not null && elementKind is not null && elements.Any(e => IsA(e, elementKind, AreaFramework, AreaKind)))
        {
            doc.Problem(doc.Get(map, "no-area-of-focus"), YamlFile.Join(path, "no-area-of-focus"),
                $"{InputLimits.Quote(id)} is tagged with an area of focus, so it cannot also say its source names none");
        }
        if (requireSource && elementKind is not null)
        {
            RequireJustifiedTag(doc, map, path, id, elements, tagReasons, elementKind, PillarFramework, PillarKind, "a 4Rs pillar", mayBeNone: false);
            RequireJustifiedTag(doc, map, path, id, elements, tagReasons, elementKind, AreaFramework, AreaKind, "an area of focus", mayBeNone: noAreaOfFocus is not null);
        }
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
            StrengthReason = strengthReason,
            NoAreaOfFocus = noAreaOfFocus,
            TagReasons = tagReasons,
            Status = status.Value,
            Anonymous = anonymous,
            Source = source,
            Collection = collection,
        };
    }

    /// <summary>
    /// The elements list: each entry either "framework-id/element-id" or a mapping of element and because (why the item
    /// is tagged with it, from its source).
    /// </summary>
    private static (List<ElementRef> Elements, List<EvidenceTagReason> Reasons) ReadElements(
        YamlFile doc, YamlMappingNode map, string path, Func<ElementRef, bool> elementExists)
    {
        var elements = new List<ElementRef>();
        var reasons = new List<EvidenceTagReason>();
        var field = YamlFile.Join(path, "elements");
        var node = doc.Get(map, "elements");
        if (node is null)
        {
            doc.Problem(map, field, "is required: the framework elements this item is evidence for");
            return (elements, reasons);
        }
        if (node is not YamlSequenceNode seq)
        {
            doc.Problem(node, field, "must be a list");
            return (elements, reasons);
        }
        if (seq.Children.Count == 0)
        {
            doc.Problem(node, field, "must name at least one framework element");
        }
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var entry = seq.Children[i];
            var entryField = $"{field}[{i}]";
            string? text = null;
            string? because = null;
            if (entry is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
            {
                text = v.Trim();
            }
            else if (entry is YamlMappingNode tag)
            {
                doc.RejectUnknownKeys(tag, entryField, TagKeys);
                text = doc.RequiredString(tag, "element", entryField, EvidenceItem.MaxNameLength);
                because = doc.RequiredString(tag, "because", entryField, EvidenceItem.MaxReasonLength);
                entryField = YamlFile.Join(entryField, "element");
            }
            else
            {
                doc.Problem(entry, entryField, "must be framework-id/element-id, or a mapping of element and because");
                continue;
            }
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }
            if (text.Length > EvidenceItem.MaxNameLength)
            {
                doc.Problem(entry, entryField, YamlFile.TooLong(text.Length, EvidenceItem.MaxNameLength));
            }
            else if (!ElementRef.TryParse(text, out var reference))
            {
                doc.Problem(entry, entryField, $"{InputLimits.Quote(text)} must be framework-id/element-id");
            }
            else if (!elementExists(reference))
            {
                doc.Problem(entry, entryField, $"{InputLimits.Quote(reference.ToString())} is not an element of any framework in the catalogue");
            }
            else if (!elements.Contains(reference))
            {
                elements.Add(reference);
                if (!string.IsNullOrEmpty(because))
                {
                    reasons.Add(new EvidenceTagReason(reference, because));
                }
            }
        }
        return (elements, reasons);
    }

    /// <summary>
    /// A shipped item must carry at least one element of <paramref name="kind"/> in <paramref name="framework"/>, and
    /// say for each why (its because).
    /// </summary>
    private static void RequireJustifiedTag(YamlFile doc, YamlMappingNode map, string path, string id, IReadOnlyList<ElementRef> elements,
        IReadOnlyList<EvidenceTagReason> reasons, Func<ElementRef, string?> elementKind, string framework, string kind, string what, bool mayBeNone)
    {
        var field = YamlFile.Join(path, "elements");
        var tagged = elements.Where(e => IsA(e, elementKind, framework, kind)).ToList();
        if (tagged.Count == 0 && !mayBeNone)
        {
            doc.Problem(doc.Get(map, "elements") ?? map, field, $"must tag {InputLimits.Quote(id)} with at least {what} ({framework}/…), with because: the words of its source that justify it"
                + (framework == AreaFramework ? " (or, where the source names none, say why in no-area-of-focus)" : ""));
        }
        foreach (var element in tagged.Where(e => reasons.All(r => r.Element != e)))
        {
            doc.Problem(doc.Get(map, "elements") ?? map, field,
                $"{InputLimits.Quote(element.ToString())} on {InputLimits.Quote(id)} needs because: the words of its source that justify the tag (write it as element: … and because: …)");
        }
    }

    private static bool IsA(ElementRef element, Func<ElementRef, string?> elementKind, string framework, string kind) =>
        element.FrameworkId == framework && elementKind(element) == kind;

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
