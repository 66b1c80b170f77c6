using Observatory.Content;
using YamlDotNet.RepresentationModel;

namespace Observatory.Frameworks;

/// <summary>
/// Reads a framework or crosswalk file (YAML, or JSON) and checks it against the rules in docs/data-formats.md,
/// reporting every problem with its file, line and field.
/// </summary>
public static class FrameworkReader
{
    public const string ImportedGroup = "Your organisation's frameworks";

    /// <summary>
    /// How many levels elements may nest (an element, its children, theirs…). Taxonomies in the sources nest three or four;
    /// twenty keeps every page, export and the API's JSON (two levels per element, at most 64 in all) well inside their bounds.
    /// </summary>
    public const int MaxElementDepth = 20;

    /// <summary>A name, short name, publisher, version, kind, label, or a citation's file or section.</summary>
    public const int MaxNameLength = 300;

    /// <summary>A summary, a description, a note's text or one item of an element's lists.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>The groups frameworks are shown under on /frameworks, in that order.</summary>
    public static readonly IReadOnlyList<string> Groups =
    [
        "Recovery and resilience",
        "Place-making and the Doughnut",
        "Policy themes",
        "Ethics",
        "Digital and data",
        "Socitm Connects",
        "Planting the flag",
        "Checklists and other models",
        ImportedGroup,
    ];

    /// <summary>Diagrams the Observatory can draw on the server.</summary>
    public static readonly IReadOnlyList<string> Diagrams = ["four-rs", "doughnut", "pillars"];

    /// <summary>Optional element lists: YAML key → label shown on pages.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> ListKeys =
    [
        ("key-themes", "Key themes"),
        ("scrutiny-considerations", "Scrutiny considerations"),
        ("challenges", "Key challenges"),
        ("opportunities", "Key opportunities"),
        ("practices", "Practices"),
        ("examples", "Examples"),
        ("questions", "Questions"),
    ];

    private static readonly string[] FrameworkKeys = ["id", "name", "short-name", "version", "publisher", "group", "summary", "source", "diagram", "elements"];
    private static readonly string[] ElementKeys = ["id", "name", "kind", "description", "source", "labels", "extra", "children", .. ListKeys.Select(l => l.Key)];
    private static readonly string[] CitationKeys = ["file", "section"];
    private static readonly string[] NoteKeys = ["label", "text", "source"];
    private static readonly string[] CrosswalkKeys = ["id", "name", "description", "source", "links"];
    private static readonly string[] LinkKeys = ["from", "to", "relation", "note"];

    /// <summary>
    /// Reads one framework. <paramref name="expectedId"/> is the file name for shipped files (the id must match it);
    /// imported frameworks pass null. <paramref name="allowShippedSources"/> is false for imports, whose
    /// citations may name any document.
    /// </summary>
    public static (Framework? Framework, IReadOnlyList<ContentProblem> Problems) ReadFramework(
        string file, string text, string? expectedId, FrameworkOrigin origin)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", FrameworkKeys);
        var id = doc.FileId(root, "id", expectedId);
        var group = doc.RequiredString(root, "group", "", MaxNameLength);
        if (origin == FrameworkOrigin.Imported && group.Length == 0)
        {
            group = ImportedGroup;
        }
        if (group.Length > 0 && !Groups.Contains(group))
        {
            doc.Problem(doc.Get(root, "group"), "group", $"{InputLimits.Quote(group)} is not one of: {string.Join("; ", Groups)}");
        }
        var diagram = doc.OptionalString(root, "diagram", "", MaxNameLength);
        if (diagram is not null && !Diagrams.Contains(diagram))
        {
            doc.Problem(doc.Get(root, "diagram"), "diagram", $"{InputLimits.Quote(diagram)} is not one of: {string.Join(", ", Diagrams)}");
        }
        var sources = ReadCitations(doc, root, "source", "", required: true, strictFiles: origin == FrameworkOrigin.Shipped);
        var seen = new Dictionary<string, int>();
        var elements = ReadElements(doc, root, "", seen, strictFiles: origin == FrameworkOrigin.Shipped, required: true, depth: 1);

        var framework = new Framework
        {
            Id = id,
            Name = doc.RequiredString(root, "name", "", MaxNameLength),
            ShortName = doc.OptionalString(root, "short-name", "", MaxNameLength),
            Version = doc.RequiredString(root, "version", "", MaxNameLength),
            Publisher = doc.RequiredString(root, "publisher", "", MaxNameLength),
            Group = group,
            Summary = doc.RequiredString(root, "summary", "", MaxTextLength),
            Sources = sources,
            Diagram = diagram,
            Elements = elements,
            Origin = origin,
            SourceFile = file,
        };
        foreach (var element in elements)
        {
            Link(element, null, id);
        }
        return doc.Problems.Count == 0 ? (framework, doc.Problems) : (null, doc.Problems);
    }

    public static (Crosswalk? Crosswalk, IReadOnlyList<ContentProblem> Problems) ReadCrosswalk(
        string file, string text, string expectedId, Func<ElementRef, bool> elementExists)
    {
        var doc = YamlFile.Parse(file, text);
        if (doc.Root is not { } root)
        {
            return (null, doc.Problems);
        }
        doc.RejectUnknownKeys(root, "", CrosswalkKeys);
        var id = doc.FileId(root, "id", expectedId);
        var links = new List<CrosswalkLink>();
        foreach (var (map, path) in doc.MappingList(root, "links", "", required: true))
        {
            doc.RejectUnknownKeys(map, path, LinkKeys);
            var from = ReadRef(doc, map, "from", path, elementExists);
            var to = ReadRef(doc, map, "to", path, elementExists);
            var relationText = doc.RequiredString(map, "relation", path);
            if (!Enum.TryParse<CrosswalkRelation>(relationText, ignoreCase: true, out var relation) && relationText.Length > 0)
            {
                doc.Problem(doc.Get(map, "relation"), YamlFile.Join(path, "relation"), $"{InputLimits.Quote(relationText)} is not one of: equivalent, broader, narrower, related");
            }
            if (from is { } f && to is { } t)
            {
                if (f.FrameworkId == t.FrameworkId && f.ElementId == t.ElementId)
                {
                    doc.Problem(map, path, "links an element to itself");
                }
                links.Add(new CrosswalkLink(f, t, relation, doc.OptionalString(map, "note", path), id));
            }
        }
        var crosswalk = new Crosswalk
        {
            Id = id,
            Name = doc.RequiredString(root, "name", ""),
            Description = doc.RequiredString(root, "description", ""),
            Sources = ReadCitations(doc, root, "source", "", required: false, strictFiles: true),
            Links = links,
        };
        return doc.Problems.Count == 0 ? (crosswalk, doc.Problems) : (null, doc.Problems);
    }

    private static ElementRef? ReadRef(YamlFile doc, YamlMappingNode map, string key, string path, Func<ElementRef, bool> elementExists)
    {
        var text = doc.RequiredString(map, key, path);
        if (text.Length == 0)
        {
            return null;
        }
        if (!ElementRef.TryParse(text, out var reference))
        {
            doc.Problem(doc.Get(map, key), YamlFile.Join(path, key), $"{InputLimits.Quote(text)} must be framework-id/element-id");
            return null;
        }
        if (!elementExists(reference))
        {
            doc.Problem(doc.Get(map, key), YamlFile.Join(path, key), $"{InputLimits.Quote(text)} names no element of the catalogue");
            return null;
        }
        return reference;
    }

    private static void Link(FrameworkElement element, FrameworkElement? parent, string frameworkId)
    {
        element.FrameworkId = frameworkId;
        element.Parent = parent;
        foreach (var child in element.Children)
        {
            Link(child, element, frameworkId);
        }
    }

    /// <summary>The elements at <paramref name="depth"/> (1 for the framework's own); children past <see cref="MaxElementDepth"/> are refused unread.</summary>
    private static List<FrameworkElement> ReadElements(YamlFile doc, YamlMappingNode parent, string path, Dictionary<string, int> seen, bool strictFiles, bool required, int depth)
    {
        var list = new List<FrameworkElement>();
        var key = path.Length == 0 ? "elements" : "children";
        if (depth > MaxElementDepth && doc.Get(parent, key) is { } tooDeep and not YamlSequenceNode { Children.Count: 0 })
        {
            doc.Problem(tooDeep, YamlFile.Join(path, key),
                $"would be level {depth} of the framework's elements; elements may nest at most {MaxElementDepth} levels");
            return list;
        }
        foreach (var (map, itemPath) in doc.MappingList(parent, key, path, required))
        {
            doc.RejectUnknownKeys(map, itemPath, ElementKeys);
            var id = doc.RequiredId(map, "id", itemPath);
            if (id.Length > 0)
            {
                if (seen.TryGetValue(id, out var firstLine))
                {
                    doc.Problem(doc.Get(map, "id"), YamlFile.Join(itemPath, "id"), $"{InputLimits.Quote(id)} is used twice (first at line {firstLine}); element ids must be unique within a framework");
                }
                else
                {
                    seen[id] = YamlFile.LineOf(map);
                }
            }
            var sources = ReadCitations(doc, map, "source", itemPath, required: false, strictFiles);
            var lists = ListKeys
                .Select(l => new ElementList(l.Key, l.Label, doc.OptionalStringList(map, l.Key, itemPath, MaxTextLength)))
                .Where(l => l.Items.Count > 0)
                .ToList();
            list.Add(new FrameworkElement
            {
                Id = id,
                Name = doc.RequiredString(map, "name", itemPath, MaxNameLength),
                Kind = doc.RequiredString(map, "kind", itemPath, MaxNameLength),
                Description = doc.RequiredString(map, "description", itemPath, MaxTextLength),
                Source = sources.FirstOrDefault(),
                Labels = ReadLabels(doc, map, itemPath),
                Lists = lists,
                Notes = ReadNotes(doc, map, itemPath, strictFiles),
                Children = ReadElements(doc, map, itemPath, seen, strictFiles, required: false, depth + 1),
                Line = YamlFile.LineOf(map),
            });
        }
        return list;
    }

    private static Dictionary<string, string> ReadLabels(YamlFile doc, YamlMappingNode map, string path)
    {
        var labels = new Dictionary<string, string>();
        var node = doc.Get(map, "labels");
        if (node is null)
        {
            return labels;
        }
        if (node is not YamlMappingNode labelMap)
        {
            doc.Problem(node, YamlFile.Join(path, "labels"), "must be a mapping of vocabulary: label");
            return labels;
        }
        foreach (var (k, v) in labelMap.Children)
        {
            if (k is YamlScalarNode { Value: { Length: > 0 } name } && v is YamlScalarNode { Value: { Length: > 0 } label })
            {
                if (name.Length > MaxNameLength || label.Trim().Length > MaxNameLength)
                {
                    doc.Problem(k, YamlFile.Join(path, "labels"), YamlFile.TooLong(Math.Max(name.Length, label.Trim().Length), MaxNameLength));
                }
                labels[name] = label.Trim();
            }
            else
            {
                doc.Problem(k, YamlFile.Join(path, "labels"), "each label must be text");
            }
        }
        return labels;
    }

    private static List<ElementNote> ReadNotes(YamlFile doc, YamlMappingNode map, string path, bool strictFiles)
    {
        var notes = new List<ElementNote>();
        foreach (var (noteMap, notePath) in doc.MappingList(map, "extra", path, required: false))
        {
            doc.RejectUnknownKeys(noteMap, notePath, NoteKeys);
            notes.Add(new ElementNote(
                doc.RequiredString(noteMap, "label", notePath, MaxNameLength),
                doc.RequiredString(noteMap, "text", notePath, MaxTextLength),
                ReadCitations(doc, noteMap, "source", notePath, required: false, strictFiles).FirstOrDefault()));
        }
        return notes;
    }

    /// <summary>A citation may be one mapping or a list of them.</summary>
    private static List<SourceCitation> ReadCitations(YamlFile doc, YamlMappingNode map, string key, string path, bool required, bool strictFiles)
    {
        var citations = new List<SourceCitation>();
        var node = doc.Get(map, key);
        if (node is null)
        {
            if (required)
            {
                doc.Problem(map, YamlFile.Join(path, key), "is required: cite the source document (file and section)");
            }
            return citations;
        }
        IEnumerable<(YamlNode Node, string Path)> items = node switch
        {
            YamlSequenceNode seq => seq.Children.Select((c, i) => (c, $"{YamlFile.Join(path, key)}[{i}]")),
            _ => [(node, YamlFile.Join(path, key))],
        };
        foreach (var (item, itemPath) in items)
        {
            if (item is not YamlMappingNode citation)
            {
                doc.Problem(item, itemPath, "must be a mapping with 'file' and 'section'");
                continue;
            }
            doc.RejectUnknownKeys(citation, itemPath, CitationKeys);
            var file = doc.RequiredString(citation, "file", itemPath, MaxNameLength);
            var section = doc.RequiredString(citation, "section", itemPath, MaxNameLength);
            if (strictFiles && file.Length > 0 && !SourceCitation.KnownDocuments.ContainsKey(file))
            {
                doc.Problem(doc.Get(citation, "file"), YamlFile.Join(itemPath, "file"), $"{InputLimits.Quote(file)} is not a known source document (expected one of: {string.Join(", ", SourceCitation.KnownDocuments.Keys)})");
            }
            citations.Add(new SourceCitation(file, section));
        }
        if (required && citations.Count == 0)
        {
            doc.Problem(node, YamlFile.Join(path, key), "must cite at least one source");
        }
        return citations;
    }
}
