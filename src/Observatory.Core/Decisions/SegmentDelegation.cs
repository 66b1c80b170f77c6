using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;

namespace Observatory.Decisions;

/// <summary>
/// A segment of a draft decision given by one of its editors to another member of the organisation (a specialist, often
/// one who only reads the organisation's work otherwise) to answer for every option. The delegate may score that segment
/// and nothing else. The row is kept when the delegation ends (the decision is published), so the page can still say who
/// gave the segment to whom; taking a segment back removes it, and the audit log keeps both.
/// </summary>
public sealed class SegmentDelegation : IAudited
{
    public long Id { get; set; }
    public long DecisionId { get; set; }
    public long OrganisationId { get; set; }
    public required string SegmentId { get; set; }

    /// <summary>The member who answers the segment.</summary>
    public long PersonId { get; set; }

    public DateTime DelegatedAt { get; set; }

    /// <summary>The name of the editor who delegated the segment.</summary>
    public required string DelegatedBy { get; set; }

    /// <summary>When the delegation ended: the decision was published. Null while the delegate may still answer.</summary>
    public DateTime? EndedAt { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

internal sealed class SegmentDelegationConfiguration : IEntityTypeConfiguration<SegmentDelegation>
{
    public void Configure(EntityTypeBuilder<SegmentDelegation> builder)
    {
        builder.ToTable("decision_delegations");
        builder.HasKey(d => d.Id);
        // One delegate per segment of a decision: delegating it again hands it to someone else.
        builder.HasIndex(d => new { d.DecisionId, d.SegmentId }).IsUnique().HasDatabaseName("ux_decision_delegations_segment");
        builder.HasIndex(d => d.PersonId);
        builder.HasOne<Decision>().WithMany().HasForeignKey(d => d.DecisionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
