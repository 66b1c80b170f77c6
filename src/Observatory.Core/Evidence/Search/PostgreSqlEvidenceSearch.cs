using Microsoft.EntityFrameworkCore;
using Observatory.Charts.Maps;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>Evidence search on PostgreSQL: the weighted tsvector in evidence_search with its GIN index (migration M0006).</summary>
public sealed class PostgreSqlEvidenceSearch(ObservatoryDbContext db, EvidenceLibrary library, PlaceRegistry places, Func<BoundarySet> boundaries)
    : EvidenceSearch(db, library, places, boundaries)
{
    private const string HeadlineOptions = "StartSel=\u0002, StopSel=\u0003, MaxWords=35, MinWords=15";

    protected override IQueryable<long> MatchingIds(SearchText text) =>
        Db.Set<EvidenceTextHit>().FromSql(
            $"SELECT s.item_id, 0.0::float8 AS score FROM evidence_search s WHERE s.document @@ websearch_to_tsquery('english', {text.ToWebSearch()})")
            .Select(h => h.ItemId);

    protected override IQueryable<EvidenceTextHit> RankedHits(SearchText text) =>
        Db.Set<EvidenceTextHit>().FromSql(
            $"SELECT s.item_id, ts_rank_cd(s.document, q)::float8 AS score FROM evidence_search s, websearch_to_tsquery('english', {text.ToWebSearch()}) q WHERE s.document @@ q");

    protected override Task<List<EvidenceSnippetRow>> SnippetsAsync(SearchText text, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var list = ids.ToArray();
        return Db.Set<EvidenceSnippetRow>().FromSql(
            $"""
            SELECT i.id AS item_id, ts_headline('english', i.summary, q, {HeadlineOptions}) AS summary,
                ts_headline('english', coalesce(i.body, ''), q, {HeadlineOptions}) AS body
            FROM evidence_items i, websearch_to_tsquery('english', {text.ToWebSearch()}) q WHERE i.id = ANY({list})
            """).ToListAsync(cancellationToken);
    }
}
