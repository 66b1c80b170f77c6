namespace Observatory.Frameworks;

/// <summary>Where a framework or element is written: a source document and the section it sits under.</summary>
public sealed record SourceCitation(string File, string Section)
{
    /// <summary>
    /// The documents a citation may name, with the titles shown to people: every one published, so a reader can
    /// open what a page cites (<see cref="DocumentUrls"/>). Read from data/frameworks/sources/documents.yaml.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KnownDocuments => Titles.Value;

    /// <summary>Where each known document can be read: the publisher's page for it, or the paper's DOI.</summary>
    public static IReadOnlyDictionary<string, string> DocumentUrls => Urls.Value;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Titles = new(() => SourceDocuments.All.ToDictionary(d => d.File, d => d.Title));

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Urls = new(() => SourceDocuments.All.ToDictionary(d => d.File, d => d.Url));

    public string DocumentTitle => KnownDocuments.TryGetValue(File, out var title) ? title : File;

    /// <summary>Where the document can be read, when it is one of the known documents.</summary>
    public string? DocumentUrl => DocumentUrls.GetValueOrDefault(File);

    public override string ToString() => $"{DocumentTitle}, “{Section}”";
}

/// <summary>A further passage of sourced text about an element, e.g. an extended wording in a later document.</summary>
public sealed record ElementNote(string Label, string Text, SourceCitation? Source);

/// <summary>A named list the source gives for an element: key themes, scrutiny considerations, challenges…</summary>
public sealed record ElementList(string Key, string Label, IReadOnlyList<string> Items);

/// <summary>Where a framework came from: shipped with the Observatory, or imported by a user.</summary>
public enum FrameworkOrigin
{
    Shipped,
    Imported,
}

/// <summary>
/// A model from the source documents (the 4Rs, the place-making outcomes, the Doughnut…) as a tree of
/// elements. Frameworks are data: shipped as YAML under data/frameworks, or imported by users.
/// </summary>
public sealed class Framework
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? ShortName { get; init; }
    public required string Version { get; init; }
    public required string Publisher { get; init; }
    public required string Group { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<SourceCitation> Sources { get; init; }
    public string? Diagram { get; init; }
    public required IReadOnlyList<FrameworkElement> Elements { get; init; }
    public FrameworkOrigin Origin { get; init; } = FrameworkOrigin.Shipped;

    /// <summary>The file it was read from (shipped) or the name it was uploaded under (imported).</summary>
    public string? SourceFile { get; init; }

    /// <summary>
    /// The framework's name as pages, downloads and the API show it beside an element or in a list: its short name
    /// when that is words, never shorthand such as "LDC" (<see cref="FrameworkLabels.ShortLabel"/>).
    /// </summary>
    public string DisplayShortName => FrameworkLabels.ShortLabel(this);

    /// <summary>Every element, depth first, in document order.</summary>
    public IEnumerable<FrameworkElement> AllElements() => Elements.SelectMany(e => e.SelfAndDescendants());

    public int ElementCount => AllElements().Count();

    public FrameworkElement? FindElement(string elementId) => AllElements().FirstOrDefault(e => e.Id == elementId);

    /// <summary>Element counts by kind in first-seen order, e.g. "4 outcomes, 16 areas of focus".</summary>
    public IReadOnlyList<(string Kind, int Count)> CountsByKind() =>
        [.. AllElements().GroupBy(e => e.Kind).Select(g => (g.Key, g.Count()))];
}

public sealed class FrameworkElement
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required string Description { get; init; }
    public SourceCitation? Source { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ElementList> Lists { get; init; } = [];
    public IReadOnlyList<ElementNote> Notes { get; init; } = [];
    public IReadOnlyList<FrameworkElement> Children { get; init; } = [];

    /// <summary>The framework this element belongs to; set once the tree is built.</summary>
    public string FrameworkId { get; internal set; } = "";

    public FrameworkElement? Parent { get; internal set; }

    /// <summary>The line of the element in its file, for messages about it.</summary>
    public int Line { get; init; }

    public ElementRef Ref => new(FrameworkId, Id);

    public IEnumerable<FrameworkElement> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);

    public IEnumerable<FrameworkElement> Ancestors()
    {
        for (var p = Parent; p is not null; p = p.Parent)
        {
            yield return p;
        }
    }
}

/// <summary>"framework-id/element-id": how other data (crosswalks, indicators, evidence, plans) names an element.</summary>
public readonly record struct ElementRef(string FrameworkId, string ElementId)
{
    public static bool TryParse(string? text, out ElementRef value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }
        value = new ElementRef(parts[0], parts[1]);
        return true;
    }

    public override string ToString() => $"{FrameworkId}/{ElementId}";
}

public enum CrosswalkRelation
{
    Equivalent,
    Broader,
    Narrower,
    Related,
}

public sealed record CrosswalkLink(ElementRef From, ElementRef To, CrosswalkRelation Relation, string? Note, string CrosswalkId);

/// <summary>Links between elements of different frameworks that speak of the same thing.</summary>
public sealed class Crosswalk
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<SourceCitation> Sources { get; init; } = [];
    public required IReadOnlyList<CrosswalkLink> Links { get; init; }
}
