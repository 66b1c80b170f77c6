using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Evidence;

/// <summary>The sets of the evidence library's tables (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class EvidenceDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<EvidenceRecord> EvidenceItems => db.Set<EvidenceRecord>();
        public DbSet<EvidencePlace> EvidencePlaces => db.Set<EvidencePlace>();
        public DbSet<EvidenceElement> EvidenceElements => db.Set<EvidenceElement>();
        public DbSet<EvidenceVersion> EvidenceVersions => db.Set<EvidenceVersion>();
        public DbSet<EvidenceProblemReport> EvidenceProblemReports => db.Set<EvidenceProblemReport>();
    }
}
