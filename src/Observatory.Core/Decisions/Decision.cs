using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;

namespace Observatory.Decisions;

/// <summary>What is being decided: a proposal to cabinet or a committee, a project, or a policy.</summary>
public enum DecisionKind
{
    CabinetProposal,
    CommitteeProposal,
    Project,
    Policy,
}

/// <summary>
/// A decision an organisation scores on a decision wheel before it is taken, as Cornwall Council does for every cabinet
/// paper: its options (A, B, …) are each scored per segment for the short and the long term. Private to the
/// organisation while drafted and submitted; an approver publishes it, and it then has a public page and its audited
/// history. It keeps the wheel version it was scored on.
/// </summary>
public sealed class Decision : IAudited, IOwnedItem
{
    public const int MaxTitleLength = 300;
    public const int MaxSummaryLength = 4000;
    public const int MaxOptions = 6;

    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public required string Title { get; set; }
    public DecisionKind Kind { get; set; }

    /// <summary>The council area the decision is about (a GSS code), whose portrait gives each segment its context.</summary>
    public required string PlaceCode { get; set; }

    public string? Summary { get; set; }
    public required string WheelId { get; set; }
    public required string WheelVersion { get; set; }

    public WorkflowState State { get; set; } = WorkflowState.Draft;
    public Visibility Visibility { get; set; } = Visibility.Private;
    public string SharedWith { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }

    long? IOwnedItem.OrganisationId => OrganisationId;

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>One option of a decision ("A", "B", …), compared side by side with the others.</summary>
public sealed class DecisionOption : IAudited
{
    public const int MaxDescriptionLength = 4000;

    public long Id { get; set; }
    public long DecisionId { get; set; }
    public long OrganisationId { get; set; }

    /// <summary>The option's letter: A, B, C…</summary>
    public required string Key { get; set; }

    public required string Title { get; set; }
    public string? Description { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>
/// An option's impact on one segment of the wheel: short term and long term, each 1 (long-lasting or severe negative)
/// to 5 (long-lasting or extensive positive), or null when not known — which is said, and drawn grey, never hidden.
/// With the reasons, the mitigations, the evidence and who answered (segments may be given to specialists).
/// </summary>
public sealed class SegmentScore : IAudited
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxTextLength = 4000;
    public const int MaxLinks = 10;
    public const int MaxLinkLength = 2000;
    public const int MaxAnsweredByLength = 200;

    public long Id { get; set; }
    public long DecisionId { get; set; }
    public long OrganisationId { get; set; }
    public required string OptionKey { get; set; }
    public required string SegmentId { get; set; }
    public int? ShortTerm { get; set; }
    public int? LongTerm { get; set; }
    public string? Rationale { get; set; }
    public string? Mitigations { get; set; }

    /// <summary>Links to the evidence (the evidence library, indicators, reports), one per line.</summary>
    public string EvidenceLinks { get; set; } = "";

    /// <summary>Who answered for the segment: the officer or specialist it was given to.</summary>
    public required string AnsweredBy { get; set; }

    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public IReadOnlyList<string> Links => EvidenceLinks.Length == 0 ? [] : EvidenceLinks.Split('\n');

    long? IAudited.AuditOrganisationId => OrganisationId;
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.ToTable("decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Kind).HasConversion<string>();
        builder.Property(d => d.State).HasConversion<string>();
        builder.Property(d => d.Visibility).HasConversion<string>();
        builder.HasIndex(d => d.OrganisationId);
        builder.HasIndex(d => d.State);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DecisionOptionConfiguration : IEntityTypeConfiguration<DecisionOption>
{
    public void Configure(EntityTypeBuilder<DecisionOption> builder)
    {
        builder.ToTable("decision_options");
        builder.HasKey(o => o.Id);
        builder.HasIndex(o => new { o.DecisionId, o.Key }).IsUnique().HasDatabaseName("ux_decision_options_key");
        builder.HasOne<Decision>().WithMany().HasForeignKey(o => o.DecisionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SegmentScoreConfiguration : IEntityTypeConfiguration<SegmentScore>
{
    public void Configure(EntityTypeBuilder<SegmentScore> builder)
    {
        builder.ToTable("decision_segment_scores");
        builder.HasKey(s => s.Id);
        builder.Ignore(s => s.Links);
        builder.HasIndex(s => new { s.DecisionId, s.OptionKey, s.SegmentId }).IsUnique().HasDatabaseName("ux_decision_segment_scores_segment");
        builder.HasOne<Decision>().WithMany().HasForeignKey(s => s.DecisionId).OnDelete(DeleteBehavior.Cascade);
    }
}
