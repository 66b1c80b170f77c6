using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Storage;

namespace Observatory.Places;

/// <summary>Stores the shipped places, adding new ones and updating changed ones; running it twice changes nothing.</summary>
public sealed class PlacesSeeder : IDataSeeder
{
    public int Order => 10;

    public string Name => "places";

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<PlaceRegistry>();
        var db = services.GetRequiredService<ObservatoryDbContext>();
        var stored = await db.Places.ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var place in registry.Places)
        {
            if (!stored.TryGetValue(place.Code, out var row))
            {
                db.Places.Add(Copy(place, new Place { Code = place.Code, Name = place.Name }));
            }
            else if (!Same(row, place))
            {
                Copy(place, row);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool Same(Place a, Place b) =>
        a.Name == b.Name && a.Type == b.Type && a.Nation == b.Nation && a.RegionCode == b.RegionCode && a.CountyCode == b.CountyCode
        && a.CombinedAuthorityCode == b.CombinedAuthorityCode && a.ParentCodes == b.ParentCodes && a.Population == b.Population
        && a.Latitude == b.Latitude && a.Longitude == b.Longitude && a.StartDate == b.StartDate && a.EndDate == b.EndDate
        && a.SuccessorCodes == b.SuccessorCodes;

    private static Place Copy(Place from, Place to)
    {
        to.Name = from.Name;
        to.Type = from.Type;
        to.Nation = from.Nation;
        to.RegionCode = from.RegionCode;
        to.CountyCode = from.CountyCode;
        to.CombinedAuthorityCode = from.CombinedAuthorityCode;
        to.ParentCodes = from.ParentCodes;
        to.Population = from.Population;
        to.Latitude = from.Latitude;
        to.Longitude = from.Longitude;
        to.StartDate = from.StartDate;
        to.EndDate = from.EndDate;
        to.SuccessorCodes = from.SuccessorCodes;
        return to;
    }
}
