using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>
/// The search both providers share: visibility, filters, facets, the place-name rule, ordering and paging are one
/// LINQ query over <see cref="EvidenceLibrary.Published"/>; only matching text, ranking it and marking snippets
/// are the provider's own SQL (<see cref="SqliteEvidenceSearch"/>, <see cref="PostgreSqlEvidenceSearch"/>).
/// </summary>
public abstract class EvidenceSearch(ObservatoryDbContext db, EvidenceLibrary library, PlaceRegistry places, Func<PlaceAdjacency> adjacency) : IEvidenceSearch
{
    private const int SnippetWords = 40;

    protected ObservatoryDbContext Db { get; } = db;

    /// <summary>
    /// Runs the full-text match once, keeping every matching item and its rank (higher is better) in a temporary
    /// table of this connection under <paramref name="slot"/>, and returns a query over it. The count, the page and
    /// seven facets all read it, so the text is matched and ranked once per search rather than nine times.
    /// </summary>
    protected abstract Task<IQueryable<EvidenceTextHit>> MatchAsync(int slot, SearchText text, CancellationToken cancellationToken);


    private enum Facet
    {
        None,
        Element,
        Place,
        Region,
        Nation,
        /// <summary>Kind, strength and year together, counted in one query.</summary>
        Scalars,
    }

    public async Task<EvidenceSearchResult> SearchAsync(Actor actor, EvidenceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var (pageSize, page, text, placeInText, rest) = Parse(query, places, adjacency);

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
        // Every filter on places or elements is a set of item ids (an uncorrelated IN subquery), so each database
        // builds it once from its index rather than probing child rows for every item.
        var nearIds = nearCodes.Count == 0 ? null : Db.EvidencePlaces.Where(x => nearCodes.Contains(x.PlaceCode)).Select(x => x.ItemId);
        var candidates = textIds is null ? null
            : nearIds is null ? textIds
            : restIds is null ? textIds.Union(nearIds)
            : textIds.Union(restIds.Intersect(nearIds));
        var allIds = all.Select(element => Db.EvidenceElements.Where(x => x.Element == element).Select(x => x.ItemId)).ToList();
        var elementIds = Db.EvidenceElements.Where(x => elements.Contains(x.Element)).Select(x => x.ItemId);
        var placeIds = Db.EvidencePlaces.Where(x => placeCodes.Contains(x.PlaceCode)).Select(x => x.ItemId);
        // RegionOf, in SQL: the place's region, or the place itself when it is a region or a nation other than England.
        var regionIds = from x in Db.EvidencePlaces
                        join pl in Db.Places on x.PlaceCode equals pl.Code
                        where pl.RegionCode == region
                            || pl.RegionCode == null && pl.Code == region && (pl.Type == PlaceType.Region || pl.Type == PlaceType.Nation && pl.Nation != "England")
                        select x.ItemId;
        var nationIds = from x in Db.EvidencePlaces join pl in Db.Places on x.PlaceCode equals pl.Code where pl.Nation == nation select x.ItemId;

        IQueryable<EvidenceRecord> Filtered(Facet except)
        {
            var items = library.Published(actor);
            if (candidates is not null)
            {
                // The place rule: the words match, or the item is on the named place or a neighbour (and matches
                // the rest of the words, if there are any).
                items = items.Where(e => candidates.Contains(e.Id));
            }
            foreach (var ids in allIds)
            {
                items = items.Where(e => ids.Contains(e.Id));
            }
            if (except != Facet.Element && elements.Count > 0)
            {
                items = items.Where(e => elementIds.Contains(e.Id));
            }
            if (except != Facet.Place && placeCodes.Count > 0)
            {
                items = items.Where(e => placeIds.Contains(e.Id));
            }
            if (except != Facet.Region && region is not null)
            {
                items = items.Where(e => regionIds.Contains(e.Id));
            }
            if (except != Facet.Nation && nation is not null)
            {
                items = items.Where(e => nationIds.Contains(e.Id));
            }
            if (except != Facet.Scalars && kinds.Count > 0)
            {
                items = items.Where(e => kinds.Contains(e.Kind));
            }
            if (except != Facet.Scalars && query.MinimumStrength is { } strength)
            {
                items = items.Where(e => e.Strength >= strength);
            }
            if (except != Facet.Scalars && query.Year is { } year)
            {
                items = items.Where(e => e.Year == year);
            }
            return items;
        }

        var matched = Filtered(Facet.None);
        var total = await matched.CountAsync(cancellationToken);
        var rows = await PageAsync(matched, textHits, placeInText, (page - 1) * pageSize, pageSize, cancellationToken);
        var hits = await HitsAsync(Db, rows, text, placeInText, cancellationToken);
        var facets = query.WithFacets ? await FacetsAsync(query, Filtered, cancellationToken) : EvidenceFacets.None;
        var shownPlace = placeInText?.Shown;
        return new EvidenceSearchResult(total, page, pageSize, hits, facets, shownPlace);
    }

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
    /// Done here rather than by snippet() or ts_headline so both providers show the same extract, and because
    /// either function would run the full-text match again for the page's twenty items.
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

    private async Task<EvidenceFacets> FacetsAsync(EvidenceQuery query, Func<Facet, IQueryable<EvidenceRecord>> filtered, CancellationToken cancellationToken)
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
        // Kind, strength and year come from one grouped query over the items that pass every other filter; each
        // facet then applies the other two of those filters to the groups in memory (at most 6 × 5 × years rows).
        var groups = await filtered(Facet.Scalars).GroupBy(e => new { e.Kind, e.Strength, e.Year })
            .Select(g => new { g.Key.Kind, g.Key.Strength, g.Key.Year, Count = g.Count() }).ToListAsync(cancellationToken);
        bool KindOk(EvidenceKind kind) => query.Kinds.Count == 0 || query.Kinds.Contains(kind);
        bool StrengthOk(int strength) => query.MinimumStrength is not { } minimum || strength >= minimum;
        bool YearOk(int? year) => query.Year is not { } wanted || year == wanted;
        var kinds = groups.Where(g => StrengthOk(g.Strength) && YearOk(g.Year)).GroupBy(g => g.Kind).Select(g => new { g.Key, Count = g.Sum(x => x.Count) }).ToList();
        var strengths = groups.Where(g => KindOk(g.Kind) && YearOk(g.Year)).GroupBy(g => g.Strength).Select(g => new { g.Key, Count = g.Sum(x => x.Count) }).ToList();
        var years = groups.Where(g => g.Year != null && KindOk(g.Kind) && StrengthOk(g.Strength)).GroupBy(g => g.Year!.Value).Select(g => new { g.Key, Count = g.Sum(x => x.Count) }).ToList();
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
