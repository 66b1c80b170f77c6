using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Similarity;

public static class SimilarityModule
{
    /// <summary>Similar areas: indicator sets, ONS's published lists and clusters, checked now against the catalogue and the places they name.</summary>
    public static IServiceCollection AddSimilarity(this IServiceCollection services, DataFolder data, IndicatorCatalogue indicators, PlaceRegistry places)
    {
        services.AddSingleton(SimilarAreaSets.LoadShipped(data, indicators, places));
        services.AddSingleton(OnsClusters.LoadShipped(data, places));
        services.AddScoped<SimilarAreaService>();
        services.AddScoped<AreaProfileService>();
        services.AddScoped<CouncilComparison>();
        return services;
    }
}
