using Microsoft.EntityFrameworkCore;
using Observatory.Evidence.Search;

namespace Observatory.Storage;

public sealed partial class ObservatoryDbContext
{
    public DbSet<EvidenceElementName> EvidenceElementNames => Set<EvidenceElementName>();
}
