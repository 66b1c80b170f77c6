using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Decisions;

/// <summary>The sets of organisations' decisions (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class DecisionsDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<Decision> Decisions => db.Set<Decision>();

        public DbSet<DecisionOption> DecisionOptions => db.Set<DecisionOption>();

        public DbSet<SegmentScore> SegmentScores => db.Set<SegmentScore>();

        public DbSet<SegmentDelegation> SegmentDelegations => db.Set<SegmentDelegation>();

        public DbSet<OrganisationWheel> OrganisationWheels => db.Set<OrganisationWheel>();

        public DbSet<OrganisationWheelVersion> OrganisationWheelVersions => db.Set<OrganisationWheelVersion>();
    }
}
