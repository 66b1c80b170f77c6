using Microsoft.EntityFrameworkCore;
using Observatory.Indicators;

namespace Observatory.Storage;

public sealed partial class ObservatoryDbContext
{
    public DbSet<Observation> Observations => Set<Observation>();

    public DbSet<IndicatorImport> IndicatorImports => Set<IndicatorImport>();
}
