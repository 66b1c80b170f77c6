using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Places;

/// <summary>The sets of the stored places (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class PlacesDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<Place> Places => db.Set<Place>();
    }
}
