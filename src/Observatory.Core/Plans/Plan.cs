using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Indicators;

namespace Observatory.Plans;

/// <summary>
/// A recovery and resilience plan: an organisation's actions and targets for a place over a span of years, arranged
/// by a framework of the catalogue (by default the place-making areas of focus, each against the 4Rs). Private to
/// the organisation while drafted; submitted, then published by an approver, when anyone may read it.
/// </summary>
public sealed class Plan : IAudited, IOwnedItem
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 4000;

    /// <summary>The framework a plan is arranged by unless its organisation chooses another.</summary>
    public const string DefaultFramework = "place-making";

    /// <summary>The second axis of every plan's grid: Reset, Reform, Renew, Resilient.</summary>
    public const string PillarFramework = "four-rs";

    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public required string PlaceCode { get; set; }
    public int StartYear { get; set; }
    public int EndYear { get; set; }
    public required string FrameworkId { get; set; }

    public WorkflowState State { get; set; } = WorkflowState.Draft;
    public Visibility Visibility { get; set; } = Visibility.Private;
    public string SharedWith { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime? PublishedAt { get; set; }

    long? IOwnedItem.OrganisationId => OrganisationId;

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>
/// A target on a catalogue indicator for a place: the baseline as published for a period, and the value the plan
/// aims for by a later period. Its progress is not stored: it is worked out from the latest data whenever it is read.
/// </summary>
public sealed class PlanTarget : IAudited
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public long OrganisationId { get; set; }
    public required string IndicatorId { get; set; }
    public required string AreaCode { get; set; }
    public DateOnly BaselineStart { get; set; }
    public string BaselineDuration { get; set; } = "";
    public double BaselineValue { get; set; }
    public DateOnly TargetStart { get; set; }
    public string TargetDuration { get; set; } = "";
    public double TargetValue { get; set; }

    /// <summary>The framework elements it serves, "place-making/health,four-rs/renew".</summary>
    public string Elements { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public Period BaselinePeriod => new(BaselineStart, BaselineDuration);

    public Period TargetPeriod => new(TargetStart, TargetDuration);

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>How an action is going, as its owner last reported.</summary>
public enum ActionStatus
{
    NotStarted,
    OnTrack,
    AtRisk,
    Late,
    Done,
    Dropped,
}

/// <summary>Something the plan commits to do: who leads it, with whom, by when, for which elements, and what worked elsewhere behind it.</summary>
public sealed class PlanAction : IAudited
{
    public const int MaxTextLength = 4000;

    public long Id { get; set; }
    public long PlanId { get; set; }
    public long OrganisationId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public string Owner { get; set; } = "";

    /// <summary>Partner organisations, one per line.</summary>
    public string Partners { get; set; } = "";

    public DateOnly? StartOn { get; set; }
    public DateOnly? DueOn { get; set; }
    public ActionStatus Status { get; set; } = ActionStatus.NotStarted;

    /// <summary>The framework elements it serves, "place-making/health,four-rs/renew".</summary>
    public string Elements { get; set; } = "";

    /// <summary>Slugs of the evidence library's items it draws on, comma-separated.</summary>
    public string Evidence { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>A dated report on an action: its status then and what happened.</summary>
public sealed class PlanActionUpdate : IAudited
{
    public long Id { get; set; }
    public long ActionId { get; set; }
    public long OrganisationId { get; set; }
    public DateOnly ReportedOn { get; set; }
    public ActionStatus Status { get; set; }
    public string Note { get; set; } = "";
    public required string ReportedBy { get; set; }
    public DateTime ReportedAt { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.State).HasConversion<string>();
        builder.Property(p => p.Visibility).HasConversion<string>();
        builder.HasIndex(p => p.OrganisationId);
        builder.HasIndex(p => p.PlaceCode);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Places.Place>().WithMany().HasForeignKey(p => p.PlaceCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanTargetConfiguration : IEntityTypeConfiguration<PlanTarget>
{
    public void Configure(EntityTypeBuilder<PlanTarget> builder)
    {
        builder.ToTable("plan_targets");
        builder.HasKey(t => t.Id);
        builder.Ignore(t => t.BaselinePeriod);
        builder.Ignore(t => t.TargetPeriod);
        builder.HasIndex(t => t.PlanId);
        builder.HasOne<Plan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Places.Place>().WithMany().HasForeignKey(t => t.AreaCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> builder)
    {
        builder.ToTable("plan_actions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Status).HasConversion<string>();
        builder.HasIndex(a => a.PlanId);
        builder.HasOne<Plan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanActionUpdateConfiguration : IEntityTypeConfiguration<PlanActionUpdate>
{
    public void Configure(EntityTypeBuilder<PlanActionUpdate> builder)
    {
        builder.ToTable("plan_action_updates");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Status).HasConversion<string>();
        builder.HasIndex(u => u.ActionId);
        builder.HasOne<PlanAction>().WithMany().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
    }
}
