using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Storage;

namespace Observatory.Places;

public static class PlacesModule
{
    /// <summary>Every UK local authority, loaded and checked now; which border which, read on first use.</summary>
    public static IServiceCollection AddPlaces(this IServiceCollection services, DataFolder data, out PlaceRegistry places)
    {
        places = PlaceRegistry.LoadShipped(data);
        services.AddSingleton(places);
        services.AddSingleton(sp => PlaceAdjacency.LoadShipped(sp.GetRequiredService<DataFolder>()));
        services.AddSingleton<IDataSeeder, PlacesSeeder>();
        return services;
    }
}
