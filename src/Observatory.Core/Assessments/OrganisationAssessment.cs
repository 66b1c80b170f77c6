using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;

namespace Observatory.Assessments;

/// <summary>How an answer was reached: the organisation on its own, with a peer council, or by an independent assessor.</summary>
public enum AssessmentMethod
{
    Self,
    Peer,
    Independent,
}

/// <summary>How sure the organisation is of an answer.</summary>
public enum AnswerConfidence
{
    Low,
    Medium,
    High,
}

/// <summary>
/// An organisation's assessment of itself against one template for one period ("2026/27"): answered over several
/// sittings as a draft, then submitted, when its answers are fixed. Private to the organisation by default; the
/// access policy, roles and audit log apply to it as to every owned item. It keeps the template version it was
/// started on, so a later edition of the template is not mistaken for the one that was answered.
/// </summary>
public sealed class Assessment : IAudited, IOwnedItem
{
    public const int MaxPeriodLength = 7;

    public long Id { get; set; }
    public long OrganisationId { get; set; }
    public required string TemplateId { get; set; }
    public required string TemplateVersion { get; set; }

    /// <summary>The financial year assessed, "2026/27".</summary>
    public required string Period { get; set; }

    public WorkflowState State { get; set; } = WorkflowState.Draft;
    public Visibility Visibility { get; set; } = Visibility.Private;
    public string SharedWith { get; set; } = "";

    /// <summary>Whether the organisation lets its submitted answers count, without its name, in the anonymised benchmarks.</summary>
    public bool Benchmarking { get; set; }

    /// <summary>The earlier assessment its answers were copied forward from, if any.</summary>
    public long? CopiedFromId { get; set; }

    /// <summary>The sector survey this assessment answers, if any (<see cref="Surveys.Survey"/>); null for the organisation's own.</summary>
    public long? SurveyId { get; set; }

    public DateTime CreatedAt { get; set; }
    public long? CreatedById { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long? UpdatedById { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }

    long? IOwnedItem.OrganisationId => OrganisationId;

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>
/// One question's answer in an organisation's assessment: the answer itself (a level, a checklist answer or words),
/// the evidence for it (links and a note), how sure the organisation is and how the answer was reached, and where
/// it means to be (a target level and the action to get there).
/// </summary>
public sealed class AssessmentAnswer : IAudited
{
    public const int MaxNoteLength = 4000;
    public const int MaxActionLength = 4000;
    public const int MaxLinks = 10;
    public const int MaxLinkLength = 2000;

    public long Id { get; set; }
    public long AssessmentId { get; set; }

    /// <summary>The owning organisation, kept here so the audit log files the write under it.</summary>
    public long OrganisationId { get; set; }

    public required string QuestionId { get; set; }

    /// <summary>A level on the maturity or agreement scale.</summary>
    public int? Level { get; set; }

    /// <summary>A checklist answer: yes, partly, no or not-applicable.</summary>
    public string? Choice { get; set; }

    /// <summary>A free-text answer.</summary>
    public string? Text { get; set; }

    /// <summary>Links to the evidence, one per line.</summary>
    public string EvidenceLinks { get; set; } = "";

    public string? Note { get; set; }
    public AnswerConfidence? Confidence { get; set; }
    public AssessmentMethod? Method { get; set; }
    public int? TargetLevel { get; set; }
    public string? Action { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public IReadOnlyList<string> Links => EvidenceLinks.Length == 0 ? [] : EvidenceLinks.Split('\n');

    /// <summary>The answer as scoring reads it; null when only the evidence or a target is given so far.</summary>
    public Answer? Answer => Level is not null || Choice is not null || Text is not null
        ? new Answer(Level, Choice is null ? null : ChecklistAnswers.Parse(Choice), Text)
        : null;

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>A section (or topic) of an assessment given to one member of the organisation to answer.</summary>
public sealed class SectionAssignment : IAudited
{
    public long Id { get; set; }
    public long AssessmentId { get; set; }
    public long OrganisationId { get; set; }
    public required string SectionId { get; set; }
    public long PersonId { get; set; }
    public DateTime AssignedAt { get; set; }
    public required string AssignedBy { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>The checklist answers as stored and typed.</summary>
public static class ChecklistAnswers
{
    public static ChecklistAnswer? Parse(string text) => text switch
    {
        "yes" => ChecklistAnswer.Yes,
        "partly" => ChecklistAnswer.Partly,
        "no" => ChecklistAnswer.No,
        "not-applicable" => ChecklistAnswer.NotApplicable,
        _ => null,
    };
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> builder)
    {
        builder.ToTable("assessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.State).HasConversion<string>();
        builder.Property(a => a.Visibility).HasConversion<string>();
        // One assessment of a template per organisation and period: a second sitting continues the first. A survey's
        // response sits beside it, one per organisation and survey (migration M0015).
        builder.HasIndex(a => new { a.OrganisationId, a.TemplateId, a.Period }).IsUnique().HasDatabaseName("ux_assessments_organisation_template_period").HasFilter("survey_id IS NULL");
        builder.HasIndex(a => new { a.SurveyId, a.OrganisationId }).IsUnique().HasDatabaseName("ux_assessments_survey_organisation").HasFilter("survey_id IS NOT NULL");
        builder.HasIndex(a => new { a.TemplateId, a.Period });
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(a => a.CopiedFromId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentAnswerConfiguration : IEntityTypeConfiguration<AssessmentAnswer>
{
    public void Configure(EntityTypeBuilder<AssessmentAnswer> builder)
    {
        builder.ToTable("assessment_answers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Confidence).HasConversion<string>();
        builder.Property(a => a.Method).HasConversion<string>();
        builder.Ignore(a => a.Links);
        builder.Ignore(a => a.Answer);
        builder.HasIndex(a => new { a.AssessmentId, a.QuestionId }).IsUnique().HasDatabaseName("ux_assessment_answers_question");
        builder.HasOne<Assessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SectionAssignmentConfiguration : IEntityTypeConfiguration<SectionAssignment>
{
    public void Configure(EntityTypeBuilder<SectionAssignment> builder)
    {
        builder.ToTable("assessment_assignments");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.AssessmentId, a.SectionId }).IsUnique().HasDatabaseName("ux_assessment_assignments_section");
        builder.HasIndex(a => a.PersonId);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
