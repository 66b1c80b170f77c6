using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;

namespace Observatory.Plans;

/// <summary>
/// An organisation working on another's plan: its members see the plan while it is drafted, and its editors change
/// its targets and actions as the lead organisation's own would. The lead organisation alone adds and removes
/// partners, submits and publishes. The partnership is recorded in the lead's history, as the plan is.
/// </summary>
public sealed class PlanPartner : IAudited
{
    public long Id { get; set; }
    public long PlanId { get; set; }

    /// <summary>The partner organisation.</summary>
    public long OrganisationId { get; set; }

    /// <summary>The organisation that leads the plan, whose history records the partnership.</summary>
    public long LeadOrganisationId { get; set; }

    public DateTime AddedAt { get; set; }
    public required string AddedBy { get; set; }

    long? IAudited.AuditOrganisationId => LeadOrganisationId;
}

/// <summary>
/// Who may see and change a plan once partners share it: the access policy asked once for the lead organisation
/// and once for each partner as if the plan were its own, so a partner's contributor edits a draft and a partner's
/// approver edits at any stage, exactly as the lead's would.
/// </summary>
public static class PlanPartnership
{
    public static bool CanView(Actor actor, Plan plan, IReadOnlyCollection<long> partners) =>
        AccessPolicy.CanView(actor, plan) || partners.Any(id => actor.RoleIn(id) is not null);

    public static bool CanEdit(Actor actor, Plan plan, IReadOnlyCollection<long> partners) =>
        AccessPolicy.CanEdit(actor, plan) || partners.Any(id => AccessPolicy.CanEdit(actor, AsPartners(plan, id)));

    /// <summary>Whether the actor belongs to the lead organisation or a partner (or administers the site): only they change a plan, even a published one.</summary>
    public static bool IsInside(Actor actor, Plan plan, IReadOnlyCollection<long> partners) =>
        actor.IsSiteAdministrator || actor.RoleIn(plan.OrganisationId) is not null || partners.Any(id => actor.RoleIn(id) is not null);

    /// <summary>Partners are chosen by the lead organisation's editors, never by a partner.</summary>
    public static bool CanManagePartners(Actor actor, Plan plan) => AccessPolicy.CanEdit(actor, plan);

    private static PartnersView AsPartners(Plan plan, long partner) => new(partner, plan.Visibility, plan.SharedWith, plan.State);

    private sealed record PartnersView(long? OrganisationId, Visibility Visibility, string SharedWith, WorkflowState State) : IOwnedItem;
}

internal sealed class PlanPartnerConfiguration : IEntityTypeConfiguration<PlanPartner>
{
    public void Configure(EntityTypeBuilder<PlanPartner> builder)
    {
        builder.ToTable("plan_partners");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => new { p.PlanId, p.OrganisationId }).IsUnique();
        builder.HasIndex(p => p.OrganisationId);
        builder.HasOne<Plan>().WithMany().HasForeignKey(p => p.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
