using System.Net;
using Microsoft.EntityFrameworkCore;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>
/// The rules of evidence search that do not depend on how words are matched: how a query is read (its page, words
/// and a place its words name, with that place's neighbours), which region a place counts towards, and how the
/// page's items are read back with their snippets and reasons. <see cref="IndexedEvidenceSearch"/> uses them, and
/// the tests' database search does too, so the two can only differ in what they match and how they rank.
/// </summary>
public static class EvidenceSearch
{
    private const int SnippetWords = 40;

    /// <summary>The place the text names, its neighbours (by name), and the rest of the text.</summary>
    internal sealed record NamedPlace(Place Place, IReadOnlyList<Place> Neighbours, string Words, string Rest)
    {
        public List<string> Codes => [Place.Code, .. Neighbours.Select(n => n.Code)];

        public PlaceInText Shown => new(Place, Neighbours, Words);
    }

    /// <summary>
    /// A query as every search reads it: the page asked for (within bounds), its words, and a place its words name
    /// with the words left besides it.
    /// </summary>
    internal static (int PageSize, int Page, SearchText Text, NamedPlace? Place, SearchText? Besides) Parse(EvidenceQuery query, PlaceRegistry places,
        Func<PlaceAdjacency> adjacency)
    {
        var text = SearchText.Parse(query.Text);
        var place = text.IsEmpty ? null : FindPlace(query.Text, places, adjacency);
        return (Math.Clamp(query.PageSize, 1, EvidenceQuery.MaxPageSize), Math.Max(1, query.Page), text, place,
            place is null ? null : SearchText.Parse(place.Rest));
    }

    internal static NamedPlace? FindPlace(string? text, PlaceRegistry places, Func<PlaceAdjacency> adjacency)
    {
        if (SearchText.FindPlace(text, places) is not { } found)
        {
            return null;
        }
        var neighbours = adjacency().NeighboursOf(found.Place.Code).Select(places.Find).OfType<Place>()
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return new NamedPlace(found.Place, neighbours, found.Place.Name, found.Remainder);
    }

    /// <summary>Which region a place counts towards: its region, or itself when it is a region or a nation other than England (which has regions).</summary>
    public static string? RegionOf(Place place) =>
        place.RegionCode ?? (place.Type == PlaceType.Region || place.Type == PlaceType.Nation && place.Nation != "England" ? place.Code : null);

    /// <summary>One row of the page: an item and its rank.</summary>
    internal sealed record PageRow(long Id, double Score);

    /// <summary>The page's items, read from the store of record by id, with their snippets and reasons, in the page's order.</summary>
    internal static async Task<IReadOnlyList<EvidenceHit>> HitsAsync(ObservatoryDbContext db, IReadOnlyList<PageRow> rows, SearchText text, NamedPlace? place, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.Id).ToList();
        var records = await db.EvidenceItems.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var hits = new List<EvidenceHit>(rows.Count);
        foreach (var row in rows)
        {
            if (!records.TryGetValue(row.Id, out var record))
            {
                continue;
            }
            var item = record.Item;
            if (item.Anonymous)
            {
                item = item with { Organisations = [] };
            }
            hits.Add(new EvidenceHit(item, record.State, record.Version, record.UpdatedAt, row.Score, Snippet(item, text), ReasonFor(item, place)));
        }
        return hits;
    }

    private static string? ReasonFor(EvidenceItem item, NamedPlace? place)
    {
        if (place is null)
        {
            return null;
        }
        if (item.Places.Contains(place.Place.Code, StringComparer.OrdinalIgnoreCase))
        {
            return $"On {place.Place.Name}";
        }
        return place.Neighbours.FirstOrDefault(n => item.Places.Contains(n.Code, StringComparer.OrdinalIgnoreCase)) is { } neighbour
            ? $"On {neighbour.Name}, a neighbour of {place.Place.Name}"
            : null;
    }

    /// <summary>
    /// The words around the first searched word in the summary, else in the body, with every searched word marked
    /// by <see cref="Content.Highlighter"/> (which encodes the text); the summary's opening when neither has one.
    /// Made from the page's twenty items as read back from the database, so the index need not keep their bodies.
    /// </summary>
    public static string Snippet(EvidenceItem item, SearchText text)
    {
        var words = text.Words.Where(w => w.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (words.Count == 0)
        {
            words = [.. text.Words.Distinct(StringComparer.OrdinalIgnoreCase)];
        }
        foreach (var source in new[] { item.Summary, item.Body ?? "" })
        {
            var tokens = source.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var at = Array.FindIndex(tokens, t => words.Any(w => t.Contains(w, StringComparison.OrdinalIgnoreCase)));
            if (at < 0)
            {
                continue;
            }
            var start = Math.Max(0, at - 8);
            var window = string.Join(' ', tokens.Skip(start).Take(SnippetWords));
            var extract = (start > 0 ? "… " : "") + window + (start + SnippetWords < tokens.Length ? " …" : "");
            return Content.Highlighter.Highlight(extract, string.Join(' ', words));
        }
        return Plain(item.Summary);
    }

    /// <summary>The opening words of the summary, encoded, when nothing in the text matched (a place or filter did).</summary>
    private static string Plain(string summary)
    {
        var words = summary.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return WebUtility.HtmlEncode(words.Length <= SnippetWords ? summary : string.Join(' ', words.Take(SnippetWords)) + " …");
    }
}
