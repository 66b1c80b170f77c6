using Microsoft.Extensions.DependencyInjection;
using Observatory.Places;
using Observatory.Similarity;

namespace Observatory.Assessments.Benchmarking;

public static class BenchmarkingModule
{
    /// <summary>
    /// Anonymised benchmarking: the fixed peer groups and the releases. No <see cref="IBenchmarkContributions"/> is
    /// registered here: organisations' opted-in assessments provide it, and until they do publishing is refused.
    /// </summary>
    public static IServiceCollection AddBenchmarking(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PeerGroupDirectory(sp.GetRequiredService<PlaceRegistry>(), sp.GetRequiredService<OnsClusters>()));
        services.AddScoped<BenchmarkReleases>();
        return services;
    }
}
