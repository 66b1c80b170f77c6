using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;

namespace Observatory.Assessments.Surveys;

/// <summary>Where a survey is in its life: written, taking answers, no longer taking them, results out.</summary>
public enum SurveyState
{
    Draft,
    Open,
    Closed,
    Published,
}

/// <summary>
/// A sector survey: one assessment template (the Covid-19 impact survey, or any other) sent by a sector body to a
/// set of organisations for a round ("2026/27"), answered between its open and close dates through the ordinary
/// assessment pages, then published as suppressed aggregates. Run by site administrators and curators; every
/// change is in the audit log. Its published results are kept with it as they were made.
/// </summary>
public sealed class Survey : IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxPeriodLength = 32;

    public long Id { get; set; }
    public required string Title { get; set; }
    public required string TemplateId { get; set; }
    public required string TemplateVersion { get; set; }

    /// <summary>The round it asks about, as organisations' answers are filed: "2026/27".</summary>
    public required string Period { get; set; }

    public DateOnly OpensOn { get; set; }

    /// <summary>The last day answers can be given and submitted (to midnight at its end, UK time).</summary>
    public DateOnly ClosesOn { get; set; }

    /// <summary>Who it was sent to, in words kept for the page: "all", a peer group's id, or "chosen".</summary>
    public required string Audience { get; set; }

    public SurveyState State { get; set; } = SurveyState.Draft;

    public DateTime CreatedAt { get; set; }
    public long? CreatedById { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime? PublishedAt { get; set; }

    /// <summary>The published results as JSON (<see cref="SurveyResults"/>), fixed when published; no organisation is named in it.</summary>
    public string? Results { get; set; }
}

/// <summary>
/// An organisation a survey was sent to, and whether it lets its written answers be published without its name.
/// The response itself is the organisation's assessment of the survey's template that carries the survey's id.
/// </summary>
public sealed class SurveyRecipient : IAudited
{
    public long Id { get; set; }
    public long SurveyId { get; set; }
    public long OrganisationId { get; set; }

    /// <summary>Whether the organisation agreed that its written answers may be published with names removed; null: not asked yet.</summary>
    public bool? PublishWords { get; set; }

    public DateTime? ConsentAt { get; set; }
    public string? ConsentBy { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("surveys");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.State).HasConversion<string>();
    }
}

internal sealed class SurveyRecipientConfiguration : IEntityTypeConfiguration<SurveyRecipient>
{
    public void Configure(EntityTypeBuilder<SurveyRecipient> builder)
    {
        builder.ToTable("survey_recipients");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.SurveyId, r.OrganisationId }).IsUnique().HasDatabaseName("ux_survey_recipients_organisation");
        builder.HasIndex(r => r.OrganisationId);
        builder.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The surveys' sets (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class SurveysDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<Survey> Surveys => db.Set<Survey>();

        public DbSet<SurveyRecipient> SurveyRecipients => db.Set<SurveyRecipient>();
    }
}
