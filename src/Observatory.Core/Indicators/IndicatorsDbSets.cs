using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Indicators;

/// <summary>The sets of observations and the record of every import (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class IndicatorsDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<Observation> Observations => db.Set<Observation>();
        public DbSet<IndicatorImport> IndicatorImports => db.Set<IndicatorImport>();
    }
}
