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
    /// reading, counting, exporting, curating and searching it.
    /// </summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, DataFolder data, FrameworkCatalogue frameworks, PlaceRegistry places)
    {
        services.AddSingleton(ShippedEvidence.LoadShipped(data, frameworks, places));
        services.AddScoped<EvidenceLibrary>();
        services.AddScoped<EvidenceCounts>();
        services.AddScoped<EvidenceExports>();
        services.AddScoped<RelatedEvidence>();
        services.AddScoped<EvidenceCuration>();
        services.AddSingleton<IDataSeeder, EvidenceSeeder>();
        // The in-memory index, one per database for the life of the process; adjacency loads only when a place is named.
        services.AddSingleton<EvidenceIndexes>();
        services.AddScoped<IEvidenceSearch>(sp => new IndexedEvidenceSearch(sp.GetRequiredService<ObservatoryDbContext>(),
            sp.GetRequiredService<EvidenceIndexes>(), sp.GetRequiredService<PlaceRegistry>(), sp.GetRequiredService<PlaceAdjacency>));
        services.AddSingleton<IDataSeeder, EvidenceSearchSeeder>();
        return services;
    }
}
