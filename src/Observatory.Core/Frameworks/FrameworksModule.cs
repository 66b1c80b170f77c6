using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;

namespace Observatory.Frameworks;

public static class FrameworksModule
{
    /// <summary>The shipped framework catalogue, loaded and checked now, and the library that lays imported frameworks over it.</summary>
    public static IServiceCollection AddFrameworks(this IServiceCollection services, DataFolder data, out FrameworkCatalogue frameworks)
    {
        frameworks = FrameworkCatalogue.LoadShipped(data);
        services.AddSingleton(frameworks);
        services.AddScoped<FrameworkLibrary>();
        return services;
    }
}
