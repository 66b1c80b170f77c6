using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Frameworks;

namespace Observatory.Decisions;

/// <summary>
/// An organisation's own decision wheel: a copy of a shipped wheel (or of another of its own) whose segments and
/// guiding questions it edits. Every change is a new <see cref="OrganisationWheelVersion"/>; a decision keeps the
/// version it was scored on, so editing the wheel never changes a decision already recorded. Seen by the
/// organisation's members only; a published decision shows the segments of the version it was scored on.
/// </summary>
public sealed class OrganisationWheel : IAudited
{
    public long Id { get; set; }
    public long OrganisationId { get; set; }

    /// <summary>The wheel's id within the organisation (never one of the shipped wheels' ids), kept on decisions scored on it.</summary>
    public required string WheelId { get; set; }

    /// <summary>The wheel it was copied from, with that wheel's version: "doughnut-decision-wheel 2026.1".</summary>
    public required string CopiedFrom { get; set; }

    public int LatestVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>One version of an organisation's wheel: its whole content as it stood, and what changed from the version before.</summary>
public sealed class OrganisationWheelVersion : IAudited
{
    public long Id { get; set; }
    public long OrganisationWheelId { get; set; }
    public long OrganisationId { get; set; }
    public int Version { get; set; }

    /// <summary>The wheel's title, summary, rings and segments as JSON (<see cref="WheelContent"/>).</summary>
    public required string Content { get; set; }

    /// <summary>What changed, in words: "Copied from …", "Changed the segment Climate change".</summary>
    public required string Change { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;
}

/// <summary>What a version of an organisation's wheel holds, stored as JSON: everything a <see cref="DecisionWheel"/> needs.</summary>
public sealed record WheelContent(string Title, string Summary, IReadOnlyList<WheelContent.Ring> Rings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public sealed record Ring(string Id, string Name, RingPosition Position, IReadOnlyList<Segment> Segments);

    public sealed record Segment(string Id, string Name, string Origin, string? Element, IReadOnlyList<string> Questions);

    public static WheelContent Of(DecisionWheel wheel) => new(wheel.Title, wheel.Summary,
        [.. wheel.Rings.Select(r => new Ring(r.Id, r.Name, r.Position, [.. r.Segments.Select(s => new Segment(s.Id, s.Name, s.Origin, s.Element?.ToString(), s.Questions))]))]);

    public static WheelContent Parse(string json) => JsonSerializer.Deserialize<WheelContent>(json, Json)
        ?? throw new InvalidDataException("An organisation wheel version holds no content.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public DecisionWheel ToWheel(string id, int version, long organisationId, string publisher) => new()
    {
        Id = id,
        Title = Title,
        Version = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Publisher = publisher,
        Summary = Summary,
        Rings = [.. Rings.Select(r => new WheelRing(r.Id, r.Name, r.Position,
            [.. r.Segments.Select(s => new WheelSegment(s.Id, s.Name, s.Origin, s.Questions, s.Element is { } e && ElementRef.TryParse(e, out var element) ? element : null))]))],
        SourceFile = $"{publisher}: {id} version {version}",
        OrganisationId = organisationId,
    };
}

internal sealed class OrganisationWheelConfiguration : IEntityTypeConfiguration<OrganisationWheel>
{
    public void Configure(EntityTypeBuilder<OrganisationWheel> builder)
    {
        builder.ToTable("organisation_wheels");
        builder.HasKey(w => w.Id);
        builder.HasIndex(w => new { w.OrganisationId, w.WheelId }).IsUnique().HasDatabaseName("ux_organisation_wheels_wheel");
        builder.HasOne<Organisation>().WithMany().HasForeignKey(w => w.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrganisationWheelVersionConfiguration : IEntityTypeConfiguration<OrganisationWheelVersion>
{
    public void Configure(EntityTypeBuilder<OrganisationWheelVersion> builder)
    {
        builder.ToTable("organisation_wheel_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.OrganisationWheelId, v.Version }).IsUnique().HasDatabaseName("ux_organisation_wheel_versions_version");
        builder.HasOne<OrganisationWheel>().WithMany().HasForeignKey(v => v.OrganisationWheelId).OnDelete(DeleteBehavior.Cascade);
    }
}
