using Microsoft.EntityFrameworkCore;
using Observatory.Charts.Maps;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>Evidence search on the embedded database: the FTS5 table evidence_search (migration M0006).</summary>
public sealed class SqliteEvidenceSearch(ObservatoryDbContext db, EvidenceLibrary library, PlaceRegistry places, Func<BoundarySet> boundaries)
    : EvidenceSearch(db, library, places, boundaries)
{
    // The bm25 weights below follow the index's column order (title, summary, body, organisations, places, elements): a word in
    // the title counts ten times one in the body.
    protected override IQueryable<long> MatchingIds(SearchText text) =>
        Db.Set<EvidenceTextHit>().FromSql($"SELECT rowid AS item_id, 0.0 AS score FROM evidence_search WHERE evidence_search MATCH {text.ToFts5()}")
            .Select(h => h.ItemId);

    protected override IQueryable<EvidenceTextHit> RankedHits(SearchText text) =>
        Db.Set<EvidenceTextHit>().FromSql(
            $"SELECT rowid AS item_id, -bm25(evidence_search, 10.0, 4.0, 1.0, 3.0, 3.0, 2.0) AS score FROM evidence_search WHERE evidence_search MATCH {text.ToFts5()}");

    protected override Task<List<EvidenceSnippetRow>> SnippetsAsync(SearchText text, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var list = "[" + string.Join(',', ids) + "]";
        return Db.Set<EvidenceSnippetRow>().FromSql(
            $"""
            SELECT rowid AS item_id, snippet(evidence_search, 1, char(2), char(3), '…', 32) AS summary,
                snippet(evidence_search, 2, char(2), char(3), '…', 32) AS body
            FROM evidence_search WHERE evidence_search MATCH {text.ToFts5()} AND rowid IN (SELECT value FROM json_each({list}))
            """).ToListAsync(cancellationToken);
    }
}
