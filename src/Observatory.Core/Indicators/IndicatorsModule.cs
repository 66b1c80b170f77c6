using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators.Importing;
using Observatory.Storage;

namespace Observatory.Indicators;

public static class IndicatorsModule
{
    /// <summary>
    /// The indicator catalogue, checked now against the framework elements it names; observations, their import
    /// (the shipped data is imported on first start) and the headline observations kept until the next import.
    /// </summary>
    public static IServiceCollection AddIndicators(this IServiceCollection services, DataFolder data, FrameworkCatalogue frameworks, out IndicatorCatalogue indicators)
    {
        indicators = IndicatorCatalogue.LoadShipped(data, frameworks);
        services.AddSingleton(indicators);
        services.AddScoped<ObservationImporter>();
        services.AddScoped<ObservationQueries>();
        services.AddScoped<BulkDownload>();
        services.AddScoped<ImportHistory>();
        services.AddScoped<IndicatorCoverage>();
        // Every headline observation, read once per import and shared by the requests of this process.
        services.AddSingleton<HeadlineObservationStore>();
        services.AddSingleton<IDataSeeder, ShippedDataSeeder>();
        return services;
    }
}
