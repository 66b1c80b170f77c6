using Observatory.Content;

namespace Observatory.Frameworks;

/// <summary>An element of another framework that a crosswalk links to, seen from one element.</summary>
public sealed record RelatedElement(FrameworkElement Element, Framework Framework, CrosswalkRelation Relation, string? Note, string CrosswalkId);

public sealed record ElementSearchHit(Framework Framework, FrameworkElement Element, int Score, string Snippet);

/// <summary>
/// Every framework and crosswalk the Observatory knows: the common place-based taxonomy. Immutable; the
/// shipped part is loaded once at start-up and imported frameworks are laid over it with <see cref="With"/>.
/// </summary>
public sealed class FrameworkCatalogue
{
    private readonly Dictionary<string, Framework> _byId;
    private readonly Dictionary<ElementRef, FrameworkElement> _elements;
    private readonly ILookup<ElementRef, CrosswalkLink> _linksByElement;

    public FrameworkCatalogue(IReadOnlyList<Framework> frameworks, IReadOnlyList<Crosswalk> crosswalks)
    {
        Frameworks = [.. frameworks
            .OrderBy(f => GroupOrder(f.Group))
            .ThenBy(f => f.Origin)
            .ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase)];
        Crosswalks = crosswalks;
        _byId = Frameworks.ToDictionary(f => f.Id);
        _elements = Frameworks.SelectMany(f => f.AllElements()).ToDictionary(e => e.Ref);
        _linksByElement = crosswalks
            .SelectMany(c => c.Links)
            .SelectMany(l => new[] { (l.From, l), (l.To, l) })
            .ToLookup(p => p.Item1, p => p.l);
    }

    public IReadOnlyList<Framework> Frameworks { get; }

    public IReadOnlyList<Crosswalk> Crosswalks { get; }

    public Framework? Find(string id) => _byId.GetValueOrDefault(id);

    public FrameworkElement? FindElement(ElementRef reference) => _elements.GetValueOrDefault(reference);

    public bool Contains(ElementRef reference) => _elements.ContainsKey(reference);

    /// <summary>The elements other frameworks link to this one, each relation read from this element's side.</summary>
    public IReadOnlyList<RelatedElement> Related(ElementRef reference)
    {
        var related = new List<RelatedElement>();
        foreach (var link in _linksByElement[reference])
        {
            var outward = link.From == reference;
            var other = outward ? link.To : link.From;
            if (FindElement(other) is { } element && Find(other.FrameworkId) is { } framework)
            {
                var relation = outward ? link.Relation : Invert(link.Relation);
                related.Add(new RelatedElement(element, framework, relation, link.Note, link.CrosswalkId));
            }
        }
        return [.. related.DistinctBy(r => (r.Element.Ref, r.Relation)).OrderBy(r => GroupOrder(r.Framework.Group)).ThenBy(r => r.Framework.Name)];
    }

    /// <summary>A catalogue with imported frameworks laid over the shipped ones.</summary>
    public FrameworkCatalogue With(IEnumerable<Framework> imported)
    {
        var extra = imported.Where(f => !_byId.ContainsKey(f.Id)).ToList();
        return extra.Count == 0 ? this : new FrameworkCatalogue([.. Frameworks, .. extra], Crosswalks);
    }

    /// <summary>
    /// Finds elements whose name, description or lists contain every word of the query; names count most.
    /// </summary>
    public IReadOnlyList<ElementSearchHit> Search(string? query, int limit = 50)
    {
        var terms = (query ?? "").Split([' ', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant())
            .Distinct()
            .ToArray();
        if (terms.Length == 0)
        {
            return [];
        }
        var hits = new List<ElementSearchHit>();
        foreach (var framework in Frameworks)
        {
            foreach (var element in framework.AllElements())
            {
                var name = element.Name.ToLowerInvariant();
                var body = string.Join(" ", element.Labels.Values.Concat(element.Lists.SelectMany(l => l.Items)).Append(element.Kind)).ToLowerInvariant();
                var description = element.Description.ToLowerInvariant();
                var score = 0;
                var all = true;
                foreach (var term in terms)
                {
                    var inName = name.Contains(term, StringComparison.Ordinal);
                    var inDescription = description.Contains(term, StringComparison.Ordinal);
                    var inBody = body.Contains(term, StringComparison.Ordinal) || framework.Name.Contains(term, StringComparison.OrdinalIgnoreCase);
                    if (!inName && !inDescription && !inBody)
                    {
                        all = false;
                        break;
                    }
                    score += inName ? (name == term ? 100 : 40) : inDescription ? 10 : 3;
                }
                if (all)
                {
                    // The whole query as the name, or the start of it, is what a reader most likely wants.
                    var phrase = string.Join(' ', terms);
                    score += name == phrase ? 300 : name.StartsWith(phrase, StringComparison.Ordinal) ? 60 : name.Contains(phrase, StringComparison.Ordinal) ? 30 : 0;
                    hits.Add(new ElementSearchHit(framework, element, score, Snippet(element.Description, terms[0])));
                }
            }
        }
        return [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Element.Name, StringComparer.OrdinalIgnoreCase).Take(limit)];
    }

    private static string Snippet(string text, string term, int width = 160)
    {
        if (text.Length <= width)
        {
            return text;
        }
        var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at < 0 ? 0 : at - width / 3);
        var length = Math.Min(width, text.Length - start);
        return (start > 0 ? "…" : "") + text.Substring(start, length).Trim() + (start + length < text.Length ? "…" : "");
    }

    private static int GroupOrder(string group)
    {
        var i = FrameworkReader.Groups.ToList().IndexOf(group);
        return i < 0 ? int.MaxValue : i;
    }

    private static CrosswalkRelation Invert(CrosswalkRelation relation) => relation switch
    {
        CrosswalkRelation.Broader => CrosswalkRelation.Narrower,
        CrosswalkRelation.Narrower => CrosswalkRelation.Broader,
        _ => relation,
    };

    /// <summary>
    /// Loads data/frameworks/*.yaml and data/frameworks/crosswalks/*.yaml. Any problem in any file stops the
    /// load with every problem listed (file, line, field, message).
    /// </summary>
    public static FrameworkCatalogue LoadShipped(DataFolder data)
    {
        var folder = data.Combine("frameworks");
        var problems = new List<ContentProblem>();
        var frameworks = new List<Framework>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (framework, found) = FrameworkReader.ReadFramework(data.Relative(path), File.ReadAllText(path), Path.GetFileNameWithoutExtension(path), FrameworkOrigin.Shipped);
            problems.AddRange(found);
            if (framework is not null)
            {
                frameworks.Add(framework);
            }
        }
        if (frameworks.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ContentProblem(data.Relative(folder), 0, 0, "", "holds no framework files"));
        }
        var elements = frameworks.SelectMany(f => f.AllElements()).Select(e => e.Ref).ToHashSet();
        var crosswalks = new List<Crosswalk>();
        var crosswalkFolder = Path.Combine(folder, "crosswalks");
        if (Directory.Exists(crosswalkFolder))
        {
            foreach (var path in Directory.EnumerateFiles(crosswalkFolder, "*.yaml").Order(StringComparer.Ordinal))
            {
                var (crosswalk, found) = FrameworkReader.ReadCrosswalk(data.Relative(path), File.ReadAllText(path), Path.GetFileNameWithoutExtension(path), elements.Contains);
                problems.AddRange(found);
                if (crosswalk is not null)
                {
                    crosswalks.Add(crosswalk);
                }
            }
        }
        if (problems.Count > 0)
        {
            throw new ContentValidationException(problems);
        }
        return new FrameworkCatalogue(frameworks, crosswalks);
    }
}
