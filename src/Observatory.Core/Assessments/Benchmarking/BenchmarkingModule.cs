using Microsoft.Extensions.DependencyInjection;
using Observatory.Places;
using Observatory.Similarity;

namespace Observatory.Assessments.Benchmarking;

public static class BenchmarkingModule
{
    /// <summary>
    /// Anonymised benchmarking: the fixed peer groups, the releases, and their contributions — organisations'
    /// submitted assessments opted into benchmarking (<see cref="OptedInContributions"/>).
    /// </summary>
    public static IServiceCollection AddBenchmarking(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PeerGroupDirectory(sp.GetRequiredService<PlaceRegistry>(), sp.GetRequiredService<OnsClusters>()));
        services.AddScoped<IBenchmarkContributions, OptedInContributions>();
        services.AddScoped<BenchmarkReleases>();
        services.AddScoped<BenchmarkStandings>();
        return services;
    }
}
