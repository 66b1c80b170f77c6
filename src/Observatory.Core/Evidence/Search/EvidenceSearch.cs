using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Charts.Maps;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>
/// The search both providers share: visibility, filters, facets, the place-name rule, ordering and paging are one
/// LINQ query over <see cref="EvidenceLibrary.Published"/>; only matching text, ranking it and marking snippets
/// are the provider's own SQL (<see cref="SqliteEvidenceSearch"/>, <see cref="PostgreSqlEvidenceSearch"/>).
/// </summary>
public abstract class EvidenceSearch(ObservatoryDbContext db, EvidenceLibrary library, PlaceRegistry places, Func<BoundarySet> boundaries) : IEvidenceSearch
{
    /// <summary>The characters the providers' snippet functions put around a matched word, turned into &lt;mark&gt; after encoding.</summary>
    protected const char MarkStart = '\u0002';

    protected const char MarkEnd = '\u0003';

    private const int SnippetWords = 40;

    protected ObservatoryDbContext Db { get; } = db;

    /// <summary>
    /// Runs the full-text match once, keeping every matching item and its rank (higher is better) in a temporary
    /// table of this connection under <paramref name="slot"/>, and returns a query over it. The count, the page and
    /// seven facets all read it, so the text is matched and ranked once per search rather than nine times.
    /// </summary>
    protected abstract Task<IQueryable<EvidenceTextHit>> MatchAsync(int slot, SearchText text, CancellationToken cancellationToken);

    /// <summary>Summary and body extracts of these items around the words of <paramref name="text"/>, marked with <see cref="MarkStart"/>/<see cref="MarkEnd"/>.</summary>
    protected abstract Task<List<EvidenceSnippetRow>> SnippetsAsync(SearchText text, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    private enum Facet
    {
        None,
        Element,
        Place,
        Region,
        Nation,
        Kind,
        Strength,
        Year,
    }

    public async Task<EvidenceSearchResult> SearchAsync(Actor actor, EvidenceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, EvidenceQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        var text = SearchText.Parse(query.Text);
        var placeInText = text.IsEmpty ? null : FindPlace(query.Text);
        var rest = placeInText is null ? null : SearchText.Parse(placeInText.Rest);

        // One connection for the whole search: the temporary match table lives on it.
        await Db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var textHits = text.IsEmpty ? null : await MatchAsync(1, text, cancellationToken);
            var restHits = rest is { IsEmpty: false } ? await MatchAsync(2, rest, cancellationToken) : null;
            return await SearchAsync(actor, query, text, placeInText, textHits, restHits, page, pageSize, cancellationToken);
        }
        finally
        {
            await Db.Database.CloseConnectionAsync();
        }
    }

    private async Task<EvidenceSearchResult> SearchAsync(Actor actor, EvidenceQuery query, SearchText text, NamedPlace? placeInText,
        IQueryable<EvidenceTextHit>? textHits, IQueryable<EvidenceTextHit>? restHits, int page, int pageSize, CancellationToken cancellationToken)
    {
        var nearCodes = placeInText is { } p ? p.Codes : [];
        var textIds = textHits?.Select(h => h.ItemId);
        var restIds = restHits?.Select(h => h.ItemId);
        var elements = query.Elements.Select(e => e.ToString()).Distinct().ToList();
        var all = query.AllElements.Select(e => e.ToString()).Distinct().ToList();
        var placeCodes = query.Places.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var region = query.Region;
        var nation = query.Nation;
        var kinds = query.Kinds.Distinct().ToList();
        var placesTable = Db.Places;

        IQueryable<EvidenceRecord> Filtered(Facet except)
        {
            var items = library.Published(actor);
            if (textIds is not null)
            {
                // The place rule: the words match, or the item is on the named place or a neighbour (and matches
                // the rest of the words, if there are any).
                items = nearCodes.Count == 0 ? items.Where(e => textIds.Contains(e.Id))
                    : restIds is null ? items.Where(e => textIds.Contains(e.Id) || e.Places.Any(x => nearCodes.Contains(x.PlaceCode)))
                    : items.Where(e => textIds.Contains(e.Id) || restIds.Contains(e.Id) && e.Places.Any(x => nearCodes.Contains(x.PlaceCode)));
            }
            foreach (var element in all)
            {
                items = items.Where(e => e.Elements.Any(x => x.Element == element));
            }
            if (except != Facet.Element && elements.Count > 0)
            {
                items = items.Where(e => e.Elements.Any(x => elements.Contains(x.Element)));
            }
            if (except != Facet.Place && placeCodes.Count > 0)
            {
                items = items.Where(e => e.Places.Any(x => placeCodes.Contains(x.PlaceCode)));
            }
            if (except != Facet.Region && region is not null)
            {
                // RegionOf, in SQL: the place's region, or the place itself when it is a region or a nation other than England.
                items = items.Where(e => e.Places.Any(x => placesTable.Any(pl => pl.Code == x.PlaceCode
                    && (pl.RegionCode == region || pl.RegionCode == null && pl.Code == region && (pl.Type == PlaceType.Region || pl.Type == PlaceType.Nation && pl.Nation != "England")))));
            }
            if (except != Facet.Nation && nation is not null)
            {
                items = items.Where(e => e.Places.Any(x => placesTable.Any(pl => pl.Code == x.PlaceCode && pl.Nation == nation)));
            }
            if (except != Facet.Kind && kinds.Count > 0)
            {
                items = items.Where(e => kinds.Contains(e.Kind));
            }
            if (except != Facet.Strength && query.MinimumStrength is { } strength)
            {
                items = items.Where(e => e.Strength >= strength);
            }
            if (except != Facet.Year && query.Year is { } year)
            {
                items = items.Where(e => e.Year == year);
            }
            return items;
        }

        var matched = Filtered(Facet.None);
        var total = await matched.CountAsync(cancellationToken);
        var rows = await PageAsync(matched, textHits, placeInText, (page - 1) * pageSize, pageSize, cancellationToken);
        var hits = await HitsAsync(rows, text, placeInText, cancellationToken);
        var facets = query.WithFacets ? await FacetsAsync(Filtered, cancellationToken) : EvidenceFacets.None;
        var shownPlace = placeInText is { } found ? new PlaceInText(found.Place, found.Neighbours, found.Words) : null;
        return new EvidenceSearchResult(total, page, pageSize, hits, facets, shownPlace);
    }

    private sealed record NamedPlace(Place Place, IReadOnlyList<Place> Neighbours, string Words, string Rest)
    {
        public List<string> Codes => [Place.Code, .. Neighbours.Select(n => n.Code)];
    }

    private NamedPlace? FindPlace(string? text)
    {
        if (SearchText.FindPlace(text, places) is not { } found)
        {
            return null;
        }
        var neighbours = boundaries().NeighboursOf(found.Place.Code).Select(places.Find).OfType<Place>()
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return new NamedPlace(found.Place, neighbours, found.Place.Name, found.Remainder);
    }

    /// <summary>Which region a place counts towards: its region, or itself when it is a region or a nation other than England (which has regions).</summary>
    public static string? RegionOf(Place place) =>
        place.RegionCode ?? (place.Type == PlaceType.Region || place.Type == PlaceType.Nation && place.Nation != "England" ? place.Code : null);

    private sealed record PageRow(long Id, double Score);

    private static async Task<List<PageRow>> PageAsync(IQueryable<EvidenceRecord> matched, IQueryable<EvidenceTextHit>? ranked, NamedPlace? place, int skip, int take, CancellationToken cancellationToken)
    {
        if (ranked is null)
        {
            // With no words there is no relevance: newest first, then by title.
            return await matched.OrderByDescending(e => e.Year ?? 0).ThenBy(e => e.Title).ThenBy(e => e.Id)
                .Skip(skip).Take(take).Select(e => new PageRow(e.Id, 0)).ToListAsync(cancellationToken);
        }
        if (place is null)
        {
            return await (from e in matched
                          join h in ranked on e.Id equals h.ItemId
                          orderby h.Score descending, e.Title, e.Id
                          select new PageRow(e.Id, h.Score)).Skip(skip).Take(take).ToListAsync(cancellationToken);
        }
        // Words or the place itself first, neighbours' items after; within each, by rank.
        var code = place.Place.Code;
        return await (from e in matched
                      join h in ranked on e.Id equals h.ItemId into hs
                      from h in hs.DefaultIfEmpty()
                      let onPlace = e.Places.Any(x => x.PlaceCode == code)
                      let score = (double?)h.Score
                      orderby score != null || onPlace ? 0 : 1, score ?? 0.0 descending, e.Title, e.Id
                      select new PageRow(e.Id, score ?? 0.0)).Skip(skip).Take(take).ToListAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<EvidenceHit>> HitsAsync(List<PageRow> rows, SearchText text, NamedPlace? place, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.Id).ToList();
        var records = await Db.EvidenceItems.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var snippets = text.IsEmpty ? [] : (await SnippetsAsync(text, ids, cancellationToken)).ToDictionary(s => s.ItemId);
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
            var snippet = snippets.TryGetValue(row.Id, out var s) ? Choose(s) : null;
            hits.Add(new EvidenceHit(item, record.State, record.Version, record.UpdatedAt, row.Score, snippet ?? Plain(item.Summary), ReasonFor(item, place)));
        }
        return hits;
    }

    private string? ReasonFor(EvidenceItem item, NamedPlace? place)
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

    /// <summary>The summary's extract when a word matched there, else the body's, else none.</summary>
    private static string? Choose(EvidenceSnippetRow row) =>
        row.Summary?.Contains(MarkStart, StringComparison.Ordinal) == true ? Marked(row.Summary)
        : row.Body?.Contains(MarkStart, StringComparison.Ordinal) == true ? Marked(row.Body)
        : null;

    /// <summary>
    /// Encodes the extract as HTML, turning the marker characters into &lt;mark&gt;; a stray marker in the stored
    /// text can only open or close a mark, never leave one open or inject markup.
    /// </summary>
    public static string Marked(string extract)
    {
        var html = new StringBuilder(extract.Length + 32);
        var open = false;
        var run = new StringBuilder();
        void Flush()
        {
            html.Append(WebUtility.HtmlEncode(run.ToString()));
            run.Clear();
        }
        foreach (var c in extract)
        {
            if (c == MarkStart && !open)
            {
                Flush();
                html.Append("<mark>");
                open = true;
            }
            else if (c == MarkEnd && open)
            {
                Flush();
                html.Append("</mark>");
                open = false;
            }
            else if (c is not (MarkStart or MarkEnd))
            {
                run.Append(c);
            }
        }
        Flush();
        if (open)
        {
            html.Append("</mark>");
        }
        return html.ToString().Trim();
    }

    /// <summary>The opening words of the summary, encoded, when nothing in the text matched (a place or filter did).</summary>
    private static string Plain(string summary)
    {
        var words = summary.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return WebUtility.HtmlEncode(words.Length <= SnippetWords ? summary : string.Join(' ', words.Take(SnippetWords)) + " …");
    }

    private async Task<EvidenceFacets> FacetsAsync(Func<Facet, IQueryable<EvidenceRecord>> filtered, CancellationToken cancellationToken)
    {
        static IReadOnlyList<FacetValue> Sorted(IEnumerable<FacetValue> values) =>
            [.. values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)];

        var elementIds = filtered(Facet.Element).Select(e => e.Id);
        var elements = await Db.EvidenceElements.Where(x => elementIds.Contains(x.ItemId)).GroupBy(x => x.Element)
            .Select(g => new FacetValue(g.Key, g.Count())).ToListAsync(cancellationToken);
        var placeIds = filtered(Facet.Place).Select(e => e.Id);
        var placeCounts = await Db.EvidencePlaces.Where(x => placeIds.Contains(x.ItemId)).GroupBy(x => x.PlaceCode)
            .Select(g => new FacetValue(g.Key, g.Count())).ToListAsync(cancellationToken);
        var regions = await CountByRegionAsync(filtered(Facet.Region), cancellationToken);
        var nations = await CountByNationAsync(filtered(Facet.Nation), cancellationToken);
        var kinds = await filtered(Facet.Kind).GroupBy(e => e.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var strengths = await filtered(Facet.Strength).GroupBy(e => e.Strength).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var years = await filtered(Facet.Year).Where(e => e.Year != null).GroupBy(e => e.Year!.Value).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        // A minimum strength counts every item at or above each level, as choosing that level would give.
        var atLeast = Enumerable.Range(StrengthOfEvidence.Lowest, StrengthOfEvidence.Highest)
            .Select(level => new FacetValue(level.ToString(CultureInfo.InvariantCulture), strengths.Where(s => s.Key >= level).Sum(s => s.Count)))
            .Where(v => v.Count > 0);
        return new EvidenceFacets(
            Sorted(elements),
            Sorted(placeCounts),
            Sorted(regions),
            Sorted(nations),
            Sorted(kinds.Select(k => new FacetValue(EvidenceSpellings.Of(k.Key), k.Count))),
            [.. atLeast],
            [.. years.OrderByDescending(y => y.Key).Select(y => new FacetValue(y.Key.ToString(CultureInfo.InvariantCulture), y.Count))]);
    }

    /// <summary>
    /// Items per region (by <see cref="RegionOf"/>, written again here in SQL) or per nation, each item once
    /// however many of its places lie in the same one.
    /// </summary>
    private async Task<List<FacetValue>> CountByRegionAsync(IQueryable<EvidenceRecord> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(e => e.Id);
        return await (from x in Db.EvidencePlaces
                      where ids.Contains(x.ItemId)
                      join p in Db.Places on x.PlaceCode equals p.Code
                      let key = p.RegionCode ?? (p.Type == PlaceType.Region || p.Type == PlaceType.Nation && p.Nation != "England" ? p.Code : null)
                      where key != null
                      group x.ItemId by key into g
                      select new FacetValue(g.Key!, g.Distinct().Count())).ToListAsync(cancellationToken);
    }

    private async Task<List<FacetValue>> CountByNationAsync(IQueryable<EvidenceRecord> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(e => e.Id);
        return await (from x in Db.EvidencePlaces
                      where ids.Contains(x.ItemId)
                      join p in Db.Places on x.PlaceCode equals p.Code
                      where p.Nation != null
                      group x.ItemId by p.Nation into g
                      select new FacetValue(g.Key!, g.Distinct().Count())).ToListAsync(cancellationToken);
    }
}
