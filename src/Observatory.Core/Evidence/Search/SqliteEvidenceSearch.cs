using Microsoft.EntityFrameworkCore;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>Evidence search on the embedded database: the FTS5 table evidence_search (migration M0006).</summary>
public sealed class SqliteEvidenceSearch(ObservatoryDbContext db, EvidenceLibrary library, PlaceRegistry places, Func<PlaceAdjacency> adjacency)
    : EvidenceSearch(db, library, places, adjacency)
{
    protected override async Task<IQueryable<EvidenceTextHit>> MatchAsync(int slot, SearchText text, CancellationToken cancellationToken)
    {
        // A temporary table belongs to its connection, so concurrent searches never see each other's matches;
        // the pool keeps it, so it is emptied first.
        await Db.Database.ExecuteSqlRawAsync(
            "CREATE TEMP TABLE IF NOT EXISTS evidence_matches (slot INTEGER NOT NULL, item_id INTEGER NOT NULL, score REAL NOT NULL, PRIMARY KEY (slot, item_id)) WITHOUT ROWID",
            cancellationToken);
        await Db.Database.ExecuteSqlAsync($"DELETE FROM temp.evidence_matches WHERE slot = {slot}", cancellationToken);
        // bm25's weights follow the index's column order (title, summary, body, organisations, places, elements):
        // a word in the title counts ten times one in the body.
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO temp.evidence_matches SELECT {slot}, rowid, -bm25(evidence_search, 10.0, 4.0, 1.0, 3.0, 3.0, 2.0) FROM evidence_search WHERE evidence_search MATCH {text.ToFts5()}",
            cancellationToken);
        return Db.Set<EvidenceTextHit>().FromSql($"SELECT item_id, score FROM temp.evidence_matches WHERE slot = {slot}");
    }
}
