using Microsoft.EntityFrameworkCore;
using Observatory.Frameworks;

namespace Observatory.Storage;

public sealed partial class ObservatoryDbContext
{
    public DbSet<ImportedFramework> ImportedFrameworks => Set<ImportedFramework>();
}
