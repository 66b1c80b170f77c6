using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>The sets of the names the database search matches element references by (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class EvidenceSearchDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<EvidenceElementName> EvidenceElementNames => db.Set<EvidenceElementName>();
    }
}
