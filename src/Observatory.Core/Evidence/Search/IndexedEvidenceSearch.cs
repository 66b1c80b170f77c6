using Observatory.Accounts;
using Observatory.Evidence.Search.Index;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>
/// Evidence search over the in-memory <see cref="EvidenceIndex"/>, the default on both databases: the same rules,
/// ranking (FTS5's bm25) and result as <see cref="SqliteEvidenceSearch"/>, but the match, visibility, filters,
/// facets and page come from memory in one pass, and only the page's items are read from the database.
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

/// <summary>Which search the evidence library uses.</summary>
public enum EvidenceSearchMode
{
    /// <summary>The in-memory index (<see cref="IndexedEvidenceSearch"/>): the default.</summary>
    Index,

    /// <summary>The database's own full-text search (<see cref="SqliteEvidenceSearch"/>, <see cref="PostgreSqlEvidenceSearch"/>).</summary>
    Database,
}

/// <summary>The <c>Evidence:Search</c> setting (environment variable <c>Evidence__Search</c>): <c>index</c> (the default) or <c>database</c>.</summary>
public sealed record EvidenceSearchSettings(EvidenceSearchMode Mode)
{
    public const string ConfigurationKey = "Evidence:Search";

    /// <summary>The same setting as an environment variable, for hosts without a configuration system (the command line).</summary>
    public const string EnvironmentVariable = "Evidence__Search";

    public static readonly EvidenceSearchSettings Default = new(EvidenceSearchMode.Index);

    public static EvidenceSearchSettings Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "index" => Default,
        "database" => new EvidenceSearchSettings(EvidenceSearchMode.Database),
        _ => throw new ArgumentException($"{ConfigurationKey} is '{value}'; use 'index' (the default, the in-memory index) or 'database' (the database's own full-text search)."),
    };
}
