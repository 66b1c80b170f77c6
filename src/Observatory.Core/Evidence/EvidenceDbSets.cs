using Microsoft.EntityFrameworkCore;
using Observatory.Evidence;

namespace Observatory.Storage;

public sealed partial class ObservatoryDbContext
{
    public DbSet<EvidenceRecord> EvidenceItems => Set<EvidenceRecord>();
    public DbSet<EvidencePlace> EvidencePlaces => Set<EvidencePlace>();
    public DbSet<EvidenceElement> EvidenceElements => Set<EvidenceElement>();
    public DbSet<EvidenceVersion> EvidenceVersions => Set<EvidenceVersion>();
    public DbSet<EvidenceProblemReport> EvidenceProblemReports => Set<EvidenceProblemReport>();
}
