using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;

namespace Observatory.Indices;

public static class IndicesModule
{
    /// <summary>The composite indices, checked now against the catalogue indicators they name, and the service that scores them.</summary>
    public static IServiceCollection AddIndices(this IServiceCollection services, DataFolder data, FrameworkCatalogue frameworks, IndicatorCatalogue indicators)
    {
        services.AddSingleton(IndexDefinitions.LoadShipped(data, frameworks, indicators));
        services.AddScoped<CouncilMatrix>();
        services.AddScoped<IndexService>();
        return services;
    }
}
