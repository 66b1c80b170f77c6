using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;

namespace Observatory.Registers;

/// <summary>
/// An organisation's record of one algorithmic tool, as its editors are writing it: the working copy, drafted by
/// contributors, sent for review, and published by the organisation's approver, when it becomes a new numbered
/// <see cref="AlgorithmRecordVersion"/>. The working copy (a draft, or one in review) is private to the
/// organisation; the public sees only published versions. Editing a published record starts a new draft beside the
/// published version, which stays on show until the next is published.
/// </summary>
public sealed class AlgorithmRecord : IAudited
{
    public long Id { get; set; }
    public long OrganisationId { get; set; }

    /// <summary>The working copy: <see cref="RecordContent"/> as JSON.</summary>
    public required string Content { get; set; }

    /// <summary>Draft, in review (submitted) or published (the working copy is the latest published version).</summary>
    public WorkflowState State { get; set; } = WorkflowState.Draft;

    /// <summary>The number of the latest published version; 0 until the first publication.</summary>
    public int PublishedVersion { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>One published version of a record: fixed once written, kept for ever, shown with what changed from the one before.</summary>
public sealed class AlgorithmRecordVersion : IAudited
{
    public long Id { get; set; }
    public long RecordId { get; set; }
    public long OrganisationId { get; set; }
    public int Number { get; set; }
    public required string Content { get; set; }

    /// <summary>What the approver said changed, if anything.</summary>
    public string? ChangeNote { get; set; }

    public DateTime PublishedAt { get; set; }
    public required string PublishedBy { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>
/// A problem someone reported with a published record ("the contact address bounces"), seen by the owning
/// organisation only, which marks it resolved. The Observatory sends no e-mail about it.
/// </summary>
public sealed class AlgorithmProblemReport : IAudited
{
    public const int MaxDescriptionLength = 4000;
    public const int MaxContactLength = 200;

    public long Id { get; set; }
    public long RecordId { get; set; }
    public long OrganisationId { get; set; }

    /// <summary>The version the reporter was reading.</summary>
    public int Version { get; set; }

    public required string Description { get; set; }

    /// <summary>How the reporter may be answered, if they chose to say.</summary>
    public string? Contact { get; set; }

    public DateTime ReportedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>The register's sets (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class RegistersDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<AlgorithmRecord> AlgorithmRecords => db.Set<AlgorithmRecord>();

        public DbSet<AlgorithmRecordVersion> AlgorithmRecordVersions => db.Set<AlgorithmRecordVersion>();

        public DbSet<AlgorithmProblemReport> AlgorithmProblemReports => db.Set<AlgorithmProblemReport>();
    }
}

internal sealed class AlgorithmRecordConfiguration : IEntityTypeConfiguration<AlgorithmRecord>
{
    public void Configure(EntityTypeBuilder<AlgorithmRecord> builder)
    {
        builder.ToTable("algorithm_records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.State).HasConversion<string>();
        builder.HasIndex(r => r.OrganisationId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlgorithmRecordVersionConfiguration : IEntityTypeConfiguration<AlgorithmRecordVersion>
{
    public void Configure(EntityTypeBuilder<AlgorithmRecordVersion> builder)
    {
        builder.ToTable("algorithm_record_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.RecordId, v.Number }).IsUnique().HasDatabaseName("ux_algorithm_record_versions_number");
        builder.HasOne<AlgorithmRecord>().WithMany().HasForeignKey(v => v.RecordId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlgorithmProblemReportConfiguration : IEntityTypeConfiguration<AlgorithmProblemReport>
{
    public void Configure(EntityTypeBuilder<AlgorithmProblemReport> builder)
    {
        builder.ToTable("algorithm_problem_reports");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.RecordId);
        builder.HasIndex(p => p.OrganisationId);
        builder.HasOne<AlgorithmRecord>().WithMany().HasForeignKey(p => p.RecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
