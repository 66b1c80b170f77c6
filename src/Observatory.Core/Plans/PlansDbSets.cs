using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Plans;

/// <summary>The sets of recovery plans (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class PlansDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<Plan> Plans => db.Set<Plan>();

        public DbSet<PlanTarget> PlanTargets => db.Set<PlanTarget>();

        public DbSet<PlanAction> PlanActions => db.Set<PlanAction>();

        public DbSet<PlanActionUpdate> PlanActionUpdates => db.Set<PlanActionUpdate>();

        public DbSet<PlanPartner> PlanPartners => db.Set<PlanPartner>();

        public DbSet<SocialValueCommitment> SocialValueCommitments => db.Set<SocialValueCommitment>();

        public DbSet<SocialValueUpdate> SocialValueUpdates => db.Set<SocialValueUpdate>();
    }
}
