using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Rendering.Charts;
using Observatory.Rendering.Charts.Maps;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// The championing place-based recovery map: every UK council shaded by how many published evidence items are
/// about it, optionally for one framework element (with the elements beneath it) or a whole framework. Each area
/// links to its items in the evidence list. An unknown filter is answered with 400 and an error on the selector,
/// with the whole library's map beneath it, so the reader can choose again.
/// </summary>
public sealed class MapModel(EvidenceCounts counts, FrameworkLibrary frameworks, PlaceRegistry places, BoundarySet boundaries, CurrentActor current, DrawingCache drawings) : PageModel
{
    /// <summary>How many councils the text alternative names as having the most evidence.</summary>
    public const int Leaders = 5;

    public FrameworkCatalogue Catalogue { get; private set; } = null!;

    /// <summary>The filter as given, echoed into the selector.</summary>
    public string? Element { get; private set; }

    public string? ElementError { get; private set; }

    /// <summary>What the filter names, in words ("Food (place-making areas of focus)"), or null for the whole library.</summary>
    public string? FilterName { get; private set; }

    /// <summary>The element references a list or export must carry (any of them) to match the filter; empty for none.</summary>
    public IReadOnlyList<string> FilterRefs { get; private set; } = [];

    public PlaceEvidenceCounts Counts { get; private set; } = null!;
    public IReadOnlyList<PlaceEvidenceCount> Councils { get; private set; } = [];

    /// <summary>Places that are not councils (regions, combined authorities, nations, countries abroad) with items of their own.</summary>
    public IReadOnlyList<(string Code, string Name, string Type, int Count)> OtherPlaces { get; private set; } = [];

    public Choropleth Map { get; private set; } = null!;

    /// <summary>The frameworks with evidence, for the selector: only they can change the map.</summary>
    public IReadOnlyList<Framework> Frameworks { get; private set; } = [];

    public IReadOnlyDictionary<string, int> ByElement { get; private set; } = new Dictionary<string, int>();

    public async Task<IActionResult> OnGetAsync(string? element, CancellationToken cancellationToken)
    {
        var actor = current.Actor;
        Catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        ByElement = await counts.ByElementAsync(actor, cancellationToken);
        var tagged = ByElement.Keys.Select(k => ElementRef.TryParse(k, out var r) ? r.FrameworkId : "").ToHashSet(StringComparer.Ordinal);
        Frameworks = [.. Catalogue.Frameworks.Where(f => tagged.Contains(f.Id))];

        IReadOnlyList<ElementRef> scope = [];
        Element = string.IsNullOrWhiteSpace(element) ? null : element.Trim();
        if (Element is { } chosen)
        {
            if (!chosen.Contains('/'))
            {
                if (Catalogue.Find(chosen) is { } framework)
                {
                    scope = EvidenceCounts.Scope(framework);
                    FilterName = $"any element of {framework.Name}";
                }
                else
                {
                    ElementError = $"‘{chosen}’ is not a framework the Observatory knows. Choose a framework or element from the list";
                }
            }
            else if (!ElementRef.TryParse(chosen, out var reference))
            {
                ElementError = $"‘{chosen}’ is not a framework element: it must be framework-id/element-id. Choose one from the list";
            }
            else if (Catalogue.FindElement(reference) is not { } found || Catalogue.Find(reference.FrameworkId) is not { } owner)
            {
                ElementError = $"‘{chosen}’ is not an element of any framework in the catalogue. Choose one from the list";
            }
            else
            {
                scope = EvidenceCounts.Scope(Catalogue, reference, descendants: true);
                FilterName = found.Children.Count > 0 ? $"{found.Name} or an element within it ({owner.DisplayShortName})" : $"{found.Name} ({owner.DisplayShortName})";
            }
        }
        if (ElementError is not null)
        {
            ModelState.AddModelError("element", ElementError);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Element = null;
        }
        // The list needs only the references some item carries; an outcome with sixteen untagged areas stays a short address.
        FilterRefs = [.. scope.Select(r => r.ToString()).Where(ByElement.ContainsKey)];
        if (scope.Count > 0 && FilterRefs.Count == 0)
        {
            FilterRefs = [scope[0].ToString()];
        }

        Counts = await counts.ByPlaceAsync(actor, scope.Count > 0 ? scope : null, cancellationToken);
        Councils = Counts.Councils();
        OtherPlaces = [.. Counts.ByCode
            .Select(p => (Place: places.Find(p.Key), p.Key, p.Value))
            .Where(p => p.Place is not { IsCouncil: true })
            .Select(p => (p.Key, p.Place?.Name ?? p.Key, p.Place?.TypeName ?? "", p.Value))
            .OrderBy(p => p.Item2, StringComparer.OrdinalIgnoreCase)];
        Map = Draw();
        return Page();
    }

    /// <summary>The address of the evidence list with this page's filter, plus the given parameters.</summary>
    public string ListHref(params (string Key, string Value)[] more) => Query("/evidence", more);

    public string ExportHref(string format) => Query("/api/evidence/export", [("format", format)]);

    private string Query(string path, IEnumerable<(string Key, string Value)> more)
    {
        var parameters = more.Concat(FilterRefs.Select(r => ("element", r))).ToList();
        return parameters.Count == 0 ? path : path + "?" + string.Join("&", parameters.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
    }

    private Choropleth Draw()
    {
        var values = new List<ChoroplethValue>();
        foreach (var council in places.Councils)
        {
            // Boundaries carry the codes of May 2024; a council recoded since is drawn over its predecessor's shape.
            var code = AreaBoundaries.For(places, boundaries, council.Code)?.Code ?? council.Code;
            var own = Counts.OwnOf(council.Code);
            // Only areas with items link, so a keyboard reader tabs through evidence rather than 361 areas.
            values.Add(new ChoroplethValue(code, council.Name, own, own == 1 ? "1 item" : $"{own} items", own > 0 ? ListHref(("place", council.Code)) : null));
        }
        var subject = FilterName is null ? "published evidence items" : $"published evidence items on {FilterName}";
        var description = $"The number of {subject} about each UK council. {Summary()}";
        // Counts differ by who is signed in (an organisation's private items), so the drawing is kept by what it shows.
        var key = DrawingCache.KeyOf("evidence-map", [subject, description, .. values.Select(v => $"{v.Code}|{v.Name}|{v.Value}|{v.ValueText}|{v.Href}")]);
        return drawings.GetOrDraw(key, () => ChoroplethMap.Draw(boundaries, $"Map of UK councils by the number of {subject}", description,
            values.DistinctBy(v => v.Code),
            new ChoroplethOptions { Id = "evidence-map", FormatValue = v => v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) }));
    }

    /// <summary>The map in one or two sentences, for its description and the text beside it.</summary>
    public string Summary()
    {
        var with = Councils.Where(c => c.Own > 0).OrderByDescending(c => c.Own).ThenBy(c => c.Place.Name, StringComparer.OrdinalIgnoreCase).ToList();
        if (with.Count == 0)
        {
            return "No council has an item of its own yet.";
        }
        var leaders = string.Join(", ", with.Take(Leaders).Select(c => $"{c.Place.Name} ({c.Own})"));
        return $"{with.Count:N0} of {places.Councils.Count:N0} councils have at least one item of their own; the most are about {leaders}.";
    }
}
