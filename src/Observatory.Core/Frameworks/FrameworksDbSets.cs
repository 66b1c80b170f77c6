using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Frameworks;

/// <summary>The sets of imported frameworks (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class FrameworksDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<ImportedFramework> ImportedFrameworks => db.Set<ImportedFramework>();
    }
}
