using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Core.Tests.Evidence.Search;

/// <summary>
/// The tests' reference for the in-memory index: the same search written as SQL, one LINQ query over
/// <see cref="EvidenceLibrary.Published"/> for visibility, filters, facets, the place rule and the page, with the words
/// matched and ranked by SQLite's own FTS5 (bm25, with the index's field weights) over a table filled from the view
/// the index reads. It shares only the query's reading and the page's snippets with the product
/// (<see cref="EvidenceSearch"/>), so where it and the index agree, two independent ways of searching agree.
/// </summary>
/// <remarks>
/// It was the product's database search until the index replaced it. On PostgreSQL it answers filters only: FTS5 is
/// SQLite's, and PostgreSQL's own text search stems and ranks differently from the index.
/// </remarks>
internal sealed class DatabaseEvidenceSearch(ObservatoryDbContext db, EvidenceLibrary library, PlaceRegistry places, Func<PlaceAdjacency> adjacency) : IEvidenceSearch
{
    /// <summary>A matching item and its rank (higher is better).</summary>
    private sealed record TextHit(long ItemId, double Score);

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
        var (pageSize, page, text, placeInText, rest) = EvidenceSearch.Parse(query, places, adjacency);
        if (!text.IsEmpty)
        {
            if (!db.Database.IsSqlite())
            {
                throw new NotSupportedException("The reference search matches words with SQLite's FTS5 only.");
            }
            // Filled afresh for every search from the rows as they stand: a few hundred items in the tests.
            await db.Database.ExecuteSqlRawAsync(
                "CREATE VIRTUAL TABLE IF NOT EXISTS reference_search USING fts5(title, summary, body, organisations, places, elements, tokenize = 'porter unicode61 remove_diacritics 2');"
                + "DELETE FROM reference_search;"
                + "INSERT INTO reference_search (rowid, title, summary, body, organisations, places, elements) SELECT id, title, summary, body, organisations, places, elements FROM evidence_index_source;",
                cancellationToken);
        }
        var textHits = text.IsEmpty ? null : Match(text);
        var restHits = rest is { IsEmpty: false } ? Match(rest) : null;

        var nearCodes = placeInText is { } p ? p.Codes : [];
        var textIds = textHits?.Select(h => h.ItemId);
        var restIds = restHits?.Select(h => h.ItemId);
        var elements = query.Elements.Select(e => e.ToString()).Distinct().ToList();
        var all = query.AllElements.Select(e => e.ToString()).Distinct().ToList();
        var placeCodes = query.Places.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var region = query.Region;
        var nation = query.Nation;
        var kinds = query.Kinds.Distinct().ToList();
        var nearIds = nearCodes.Count == 0 ? null : db.EvidencePlaces.Where(x => nearCodes.Contains(x.PlaceCode)).Select(x => x.ItemId);
        var candidates = textIds is null ? null
            : nearIds is null ? textIds
            : restIds is null ? textIds.Union(nearIds)
            : textIds.Union(restIds.Intersect(nearIds));
        var allIds = all.Select(element => db.EvidenceElements.Where(x => x.Element == element).Select(x => x.ItemId)).ToList();
        var elementIds = db.EvidenceElements.Where(x => elements.Contains(x.Element)).Select(x => x.ItemId);
        var placeIds = db.EvidencePlaces.Where(x => placeCodes.Contains(x.PlaceCode)).Select(x => x.ItemId);
        // EvidenceSearch.RegionOf, in SQL: the place's region, or the place itself when it is a region or a nation other than England.
        var regionIds = from x in db.EvidencePlaces
                        join pl in db.Places on x.PlaceCode equals pl.Code
                        where pl.RegionCode == region
                            || pl.RegionCode == null && pl.Code == region && (pl.Type == PlaceType.Region || pl.Type == PlaceType.Nation && pl.Nation != "England")
                        select x.ItemId;
        var nationIds = from x in db.EvidencePlaces join pl in db.Places on x.PlaceCode equals pl.Code where pl.Nation == nation select x.ItemId;

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
        var hits = await EvidenceSearch.HitsAsync(db, rows, text, placeInText, cancellationToken);
        var facets = query.WithFacets ? await FacetsAsync(query, Filtered, cancellationToken) : EvidenceFacets.None;
        return new EvidenceSearchResult(total, page, pageSize, hits, facets, placeInText?.Shown);
    }

    /// <summary>FTS5's match of the words, every group a quoted string (so FTS5 reads none of it as syntax), ranked by bm25 with the index's field weights.</summary>
    private IQueryable<TextHit> Match(SearchText text)
    {
        var fts5 = string.Join(' ', text.Groups.Select(g => "\"" + string.Join(' ', g) + "\""));
        return db.Database.SqlQuery<TextHit>(
            $"SELECT rowid AS \"ItemId\", -bm25(reference_search, 10.0, 4.0, 1.0, 3.0, 3.0, 2.0) AS \"Score\" FROM reference_search WHERE reference_search MATCH {fts5}");
    }

    private static async Task<List<EvidenceSearch.PageRow>> PageAsync(IQueryable<EvidenceRecord> matched, IQueryable<TextHit>? ranked, EvidenceSearch.NamedPlace? place,
        int skip, int take, CancellationToken cancellationToken)
    {
        if (ranked is null)
        {
            // With no words there is no relevance: newest first, then by title.
            return await matched.OrderByDescending(e => e.Year ?? 0).ThenBy(e => e.Title).ThenBy(e => e.Id)
                .Skip(skip).Take(take).Select(e => new EvidenceSearch.PageRow(e.Id, 0)).ToListAsync(cancellationToken);
        }
        if (place is null)
        {
            return await (from e in matched
                          join h in ranked on e.Id equals h.ItemId
                          orderby h.Score descending, e.Title, e.Id
                          select new EvidenceSearch.PageRow(e.Id, h.Score)).Skip(skip).Take(take).ToListAsync(cancellationToken);
        }
        // Words or the place itself first, neighbours' items after; within each, by rank.
        var code = place.Place.Code;
        return await (from e in matched
                      join h in ranked on e.Id equals h.ItemId into hs
                      from h in hs.DefaultIfEmpty()
                      let onPlace = e.Places.Any(x => x.PlaceCode == code)
                      let score = (double?)h.Score
                      orderby score != null || onPlace ? 0 : 1, score ?? 0.0 descending, e.Title, e.Id
                      select new EvidenceSearch.PageRow(e.Id, score ?? 0.0)).Skip(skip).Take(take).ToListAsync(cancellationToken);
    }

    private async Task<EvidenceFacets> FacetsAsync(EvidenceQuery query, Func<Facet, IQueryable<EvidenceRecord>> filtered, CancellationToken cancellationToken)
    {
        static IReadOnlyList<FacetValue> Sorted(IEnumerable<FacetValue> values) =>
            [.. values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)];

        var elementIds = filtered(Facet.Element).Select(e => e.Id);
        var elements = await db.EvidenceElements.Where(x => elementIds.Contains(x.ItemId)).GroupBy(x => x.Element)
            .Select(g => new FacetValue(g.Key, g.Count())).ToListAsync(cancellationToken);
        var placeIds = filtered(Facet.Place).Select(e => e.Id);
        var placeCounts = await db.EvidencePlaces.Where(x => placeIds.Contains(x.ItemId)).GroupBy(x => x.PlaceCode)
            .Select(g => new FacetValue(g.Key, g.Count())).ToListAsync(cancellationToken);
        var regions = await CountByRegionAsync(filtered(Facet.Region), cancellationToken);
        var nations = await CountByNationAsync(filtered(Facet.Nation), cancellationToken);
        // Kind, strength and year from one grouped query over the items that pass every other filter; each facet
        // then applies the other two of those filters to the groups in memory.
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

    /// <summary>Items per region (by <see cref="EvidenceSearch.RegionOf"/>, written again in SQL), each item once however many of its places lie in it.</summary>
    private async Task<List<FacetValue>> CountByRegionAsync(IQueryable<EvidenceRecord> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(e => e.Id);
        return await (from x in db.EvidencePlaces
                      where ids.Contains(x.ItemId)
                      join p in db.Places on x.PlaceCode equals p.Code
                      let key = p.RegionCode ?? (p.Type == PlaceType.Region || p.Type == PlaceType.Nation && p.Nation != "England" ? p.Code : null)
                      where key != null
                      group x.ItemId by key into g
                      select new FacetValue(g.Key!, g.Distinct().Count())).ToListAsync(cancellationToken);
    }

    private async Task<List<FacetValue>> CountByNationAsync(IQueryable<EvidenceRecord> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(e => e.Id);
        return await (from x in db.EvidencePlaces
                      where ids.Contains(x.ItemId)
                      join p in db.Places on x.PlaceCode equals p.Code
                      where p.Nation != null
                      group x.ItemId by p.Nation into g
                      select new FacetValue(g.Key!, g.Distinct().Count())).ToListAsync(cancellationToken);
    }
}
