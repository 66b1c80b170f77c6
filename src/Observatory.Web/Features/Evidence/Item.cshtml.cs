using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// One evidence item: what was done, where, by whom (unless published anonymously), how strong the evidence is,
/// which framework elements it illustrates and where the sources say so, with related items. Answers 404 both when
/// the item does not exist and when the reader may not see it, so a private item's existence is not revealed.
/// </summary>
public sealed class ItemModel(EvidenceLibrary library, FrameworkLibrary frameworks, PlaceRegistry places, PlaceAdjacency adjacency,
    RelatedEvidence related, CurrentActor current, PublicAddress address) : PageModel
{
    /// <summary>How many related items to show: enough to follow a thread, few enough to read.</summary>
    public const int RelatedLimit = 5;

    /// <summary>A place the item names: the registry's place when it knows the code (then it has an area page).</summary>
    public sealed record NamedPlace(string Code, Place? Place)
    {
        public string Name => Place?.Name ?? Code;
    }

    public sealed record ElementGroup(Framework Framework, IReadOnlyList<FrameworkElement> Elements);

    public sealed record RelatedLink(string Slug, string Title, EvidenceKind Kind, int? Year, string Why);

    public EvidenceRecord Record { get; private set; } = null!;
    public EvidenceItem Item { get; private set; } = null!;
    public IReadOnlyList<NamedPlace> Places { get; private set; } = [];
    public IReadOnlyList<ElementGroup> Elements { get; private set; } = [];

    /// <summary>Tags naming an element the catalogue no longer has (an imported framework withdrawn), shown as written.</summary>
    public IReadOnlyList<ElementRef> UnknownElements { get; private set; } = [];

    public IReadOnlyList<RelatedLink> Related { get; private set; } = [];
    public string BodyHtml { get; private set; } = "";
    public string JsonLd { get; private set; } = "";
    public SourceCitation? Source { get; private set; }
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var actor = current.Actor;
        if (await library.FindAsync(actor, id, cancellationToken) is not { } record)
        {
            return NotFound();
        }
        Record = record;
        Item = EvidenceExports.Shown(record.Item);
        CanEdit = EvidenceAccess.CanEdit(actor, record);
        var catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        Places = [.. Item.Places.Select(code => new NamedPlace(code, places.Find(code)))];
        Elements = [.. Item.Elements.Where(catalogue.Contains).GroupBy(e => e.FrameworkId)
            .Select(g => new ElementGroup(catalogue.Find(g.Key)!, [.. g.Select(e => catalogue.FindElement(e)!)]))];
        UnknownElements = [.. Item.Elements.Where(e => !catalogue.Contains(e))];
        // The renderer drops raw HTML and unsafe link schemes, so a contributor's body cannot inject markup.
        BodyHtml = Item.Body is { Length: > 0 } body ? MarkdownRenderer.ToGovUkHtml(body) : "";
        Source = Item.Source is { } s ? new SourceCitation(s.File, s.Section) : null;
        JsonLd = EvidenceExports.JsonLd(Item, address.BaseUrl.AbsoluteUri, catalogue, places);
        Related = await RelatedAsync(actor, cancellationToken);
        return Page();
    }

    private async Task<IReadOnlyList<RelatedLink>> RelatedAsync(Actor actor, CancellationToken cancellationToken)
    {
        var neighbours = Item.Places.SelectMany(code => adjacency.NeighboursOf(places, code)).Select(p => p.Code).ToList();
        var found = await related.FindAsync(actor, Item, neighbours, RelatedLimit, cancellationToken);
        return [.. found.Select(r => new RelatedLink(r.Slug, r.Title, r.Kind, r.Year, Why(r.SamePlace, r.NeighbouringPlace, r.SharedElements)))];
    }

    private string Why(string? same, string? near, int shared)
    {
        var reasons = new List<string>();
        if (same is not null)
        {
            reasons.Add($"also on {places.Find(same)?.Name ?? same}");
        }
        else if (near is not null)
        {
            var neighbour = places.Find(near)?.Name ?? near;
            var of = Item.Places.Select(places.Find).OfType<Place>().FirstOrDefault(p => adjacency.NeighboursOf(places, p.Code).Any(n => n.Code == near));
            reasons.Add(of is null ? $"on {neighbour}" : $"on {neighbour}, a neighbour of {of.Name}");
        }
        if (shared > 0)
        {
            reasons.Add(shared == 1 ? "shares a framework element" : $"shares {shared} framework elements");
        }
        var text = string.Join("; ", reasons);
        return text.Length == 0 ? "" : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>The what-works statuses in words, as docs/data-formats.md defines them.</summary>
    public static string StatusMeaning(WhatWorksStatus status) => status switch
    {
        WhatWorksStatus.Promising => "Promising: early work, described or measured locally.",
        WhatWorksStatus.Evidenced => "Evidenced: shown to work, at level 3 or above on the standards of evidence.",
        WhatWorksStatus.Scaled => "Scaled: taken up in several places or nationally.",
        _ => status.ToString(),
    };
}
