using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Rendering.Charts.Maps;

namespace Observatory.Rendering;

/// <summary>
/// Registers what drawing needs held once per process: the shipped boundaries, read on the first map, and the
/// drawings kept between requests.
/// </summary>
public static class RenderingSetup
{
    public static IServiceCollection AddObservatoryRendering(this IServiceCollection services)
    {
        services.AddSingleton(sp => BoundarySet.LoadShipped(sp.GetRequiredService<DataFolder>()));
        services.AddSingleton<Charts.DrawingCache>();
        services.AddSingleton<Charts.Maps.LocatorBackground>();
        return services;
    }
}
