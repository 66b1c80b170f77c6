using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Portraits;

public static class PortraitsModule
{
    /// <summary>
    /// Portrait definitions, checked now against the framework elements, catalogue indicators and data columns they
    /// name; the national values behind them are read on first use, once.
    /// </summary>
    public static IServiceCollection AddPortraits(this IServiceCollection services, DataFolder data, FrameworkCatalogue frameworks, IndicatorCatalogue indicators)
    {
        services.AddSingleton(PortraitDefinitions.LoadShipped(data, frameworks, indicators));
        services.AddSingleton(sp => NationalPortraitData.Load(
            sp.GetRequiredService<DataFolder>(), sp.GetRequiredService<PortraitDefinitions>(), sp.GetRequiredService<PlaceRegistry>()));
        services.AddScoped<PortraitService>();
        services.AddScoped<LocalTargets>();
        return services;
    }
}
