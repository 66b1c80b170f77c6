using Observatory.Accounts;
using Observatory.Evidence.Search.Index;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>
/// The evidence library's search, on either database: the words are matched and ranked (bm25, as SQLite's FTS5
/// ranks) over the in-memory <see cref="EvidenceIndex"/>, and visibility, filters, facets and the page come from it
/// in one pass; only the page's items are read from the database. The rules are in docs/evidence-search.md.
/// </summary>
public sealed class IndexedEvidenceSearch(ObservatoryDbContext db, EvidenceIndexes indexes, PlaceRegistry places, Func<PlaceAdjacency> adjacency) : IEvidenceSearch
{
    public async Task<EvidenceSearchResult> SearchAsync(Actor actor, EvidenceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var (pageSize, page, text, placeInText, rest) = EvidenceSearch.Parse(query, places, adjacency);
        var snapshot = await indexes.For(db).CurrentAsync(db, cancellationToken);
        var skip = (long)(page - 1) * pageSize;
        var outcome = skip > int.MaxValue - pageSize
            ? new IndexSnapshot.Outcome(0, [], EvidenceFacets.None)
            : snapshot.Search(actor, query, text, placeInText, rest, (int)skip, pageSize);
        var hits = await EvidenceSearch.HitsAsync(db, outcome.Rows, text, placeInText, cancellationToken);
        return new EvidenceSearchResult(outcome.Total, page, pageSize, hits, outcome.Facets, placeInText?.Shown);
    }
}
