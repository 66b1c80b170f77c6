using Microsoft.EntityFrameworkCore;
using Observatory.Places;

namespace Observatory.Storage;

public sealed partial class ObservatoryDbContext
{
    public DbSet<Place> Places => Set<Place>();
}
