using Microsoft.EntityFrameworkCore;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>Evidence search on PostgreSQL: the weighted tsvector in evidence_search with its GIN index (migration M0006).</summary>
public sealed class PostgreSqlEvidenceSearch(ObservatoryDbContext db, EvidenceLibrary library, PlaceRegistry places, Func<PlaceAdjacency> adjacency)
    : EvidenceSearch(db, library, places, adjacency)
{
    protected override async Task<IQueryable<EvidenceTextHit>> MatchAsync(int slot, SearchText text, CancellationToken cancellationToken)
    {
        // A temporary table belongs to its session, so concurrent searches never see each other's matches.
        await Db.Database.ExecuteSqlRawAsync(
            "CREATE TEMP TABLE IF NOT EXISTS evidence_matches (slot int NOT NULL, item_id bigint NOT NULL, score float8 NOT NULL, PRIMARY KEY (slot, item_id))",
            cancellationToken);
        await Db.Database.ExecuteSqlAsync($"DELETE FROM evidence_matches WHERE slot = {slot}", cancellationToken);
        await Db.Database.ExecuteSqlAsync(
            $"INSERT INTO evidence_matches SELECT {slot}, s.item_id, ts_rank_cd(s.document, q) FROM evidence_search s, websearch_to_tsquery('english', {text.ToWebSearch()}) q WHERE s.document @@ q",
            cancellationToken);
        return Db.Set<EvidenceTextHit>().FromSql($"SELECT item_id, score FROM evidence_matches WHERE slot = {slot}");
    }
}
