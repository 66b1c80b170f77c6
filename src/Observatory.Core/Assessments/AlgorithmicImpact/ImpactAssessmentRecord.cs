using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;

namespace Observatory.Assessments.AlgorithmicImpact;

/// <summary>
/// An organisation's Algorithmic Impact Assessment of one system: answered over several sittings as a draft, then
/// completed, when its answers are fixed and its score is kept beside them. Private to the organisation. The answers
/// are kept as Canada's tool saves them (question name → choice value, list of values, or words), so what was
/// imported from the tool can be given back to it unchanged.
/// </summary>
public sealed class ImpactAssessmentRecord : IAudited
{
    public const int MaxNameLength = 200;

    public long Id { get; set; }
    public long OrganisationId { get; set; }

    /// <summary>The system assessed, in the organisation's words ("Blue badge eligibility triage").</summary>
    public required string Name { get; set; }

    /// <summary>The edition of the questionnaire the answers are to, so a later edition is not mistaken for it.</summary>
    public required string TemplateVersion { get; set; }

    /// <summary>The answers as a JSON object in the shape of the <c>data</c> of a file saved from Canada's tool.</summary>
    public string Answers { get; set; } = "{}";

    /// <summary>Draft while it is answered; submitted once completed.</summary>
    public WorkflowState State { get; set; } = WorkflowState.Draft;

    public double? RawScore { get; set; }
    public double? MitigationScore { get; set; }
    public double? CurrentScore { get; set; }

    /// <summary>1 to 4 (I to IV) once completed.</summary>
    public int? ImpactLevel { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }

    public bool IsCompleted => State != WorkflowState.Draft;

    long? IAudited.AuditOrganisationId => OrganisationId;

    /// <summary>The stored answers, each a value, a list of values (check boxes) or words.</summary>
    public Dictionary<string, ImpactAnswer> AnswerSet()
    {
        var answers = new Dictionary<string, ImpactAnswer>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(Answers);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            answers[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                ? ImpactAnswer.Many([.. p.Value.EnumerateArray().Select(v => v.GetString() ?? "")])
                : ImpactAnswer.One(p.Value.GetString() ?? "");
        }
        return answers;
    }

    public static string Serialise(IReadOnlyDictionary<string, ImpactAnswer> answers) =>
        JsonSerializer.Serialize(new SortedDictionary<string, object>(
            answers.ToDictionary(a => a.Key, a => a.Value.IsList ? a.Value.Values : (object)a.Value.Values[0]), StringComparer.Ordinal));
}

public static class ImpactAssessmentsDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<ImpactAssessmentRecord> ImpactAssessments => db.Set<ImpactAssessmentRecord>();
    }
}

internal sealed class ImpactAssessmentRecordConfiguration : IEntityTypeConfiguration<ImpactAssessmentRecord>
{
    public void Configure(EntityTypeBuilder<ImpactAssessmentRecord> builder)
    {
        builder.ToTable("impact_assessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.State).HasConversion<string>();
        builder.Ignore(a => a.IsCompleted);
        builder.HasIndex(a => a.OrganisationId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
