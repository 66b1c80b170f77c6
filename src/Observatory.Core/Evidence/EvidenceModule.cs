using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Evidence.Search;
using Observatory.Evidence.Search.Index;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Evidence;

public static class EvidenceModule
{
    /// <summary>
    /// The evidence library: the shipped items, checked now against the framework elements and places they name;
    /// reading, counting, exporting, curating and searching it. <paramref name="search"/> is the
    /// <c>Evidence:Search</c> setting (the in-memory index when not given).
    /// </summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, DataFolder data, FrameworkCatalogue frameworks, PlaceRegistry places,
        EvidenceSearchSettings? search = null)
    {
        services.AddSingleton(ShippedEvidence.LoadShipped(data, frameworks, places));
        services.AddScoped<EvidenceLibrary>();
        services.AddScoped<EvidenceCounts>();
        services.AddScoped<EvidenceExports>();
        services.AddScoped<RelatedEvidence>();
        services.AddScoped<EvidenceCuration>();
        services.AddSingleton<IDataSeeder, EvidenceSeeder>();
        // One interface: the in-memory index by default (one per database, for the life of the process), or the
        // database's own full-text search (Evidence:Search = database); adjacency loads only when a place is named.
        services.AddSingleton(search ?? EvidenceSearchSettings.Default);
        services.AddSingleton<EvidenceIndexes>();
        services.AddScoped<IEvidenceSearch>(sp =>
        {
            var db = sp.GetRequiredService<ObservatoryDbContext>();
            var placeRegistry = sp.GetRequiredService<PlaceRegistry>();
            if (sp.GetRequiredService<EvidenceSearchSettings>().Mode == EvidenceSearchMode.Index)
            {
                return new IndexedEvidenceSearch(db, sp.GetRequiredService<EvidenceIndexes>(), placeRegistry, sp.GetRequiredService<PlaceAdjacency>);
            }
            return sp.GetRequiredService<DatabaseSettings>().IsPostgreSql
                ? new PostgreSqlEvidenceSearch(db, sp.GetRequiredService<EvidenceLibrary>(), placeRegistry, sp.GetRequiredService<PlaceAdjacency>)
                : new SqliteEvidenceSearch(db, sp.GetRequiredService<EvidenceLibrary>(), placeRegistry, sp.GetRequiredService<PlaceAdjacency>);
        });
        services.AddSingleton<IDataSeeder, EvidenceSearchSeeder>();
        return services;
    }
}
