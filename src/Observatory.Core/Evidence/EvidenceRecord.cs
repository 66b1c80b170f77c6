using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Frameworks;

namespace Observatory.Evidence;

/// <summary>
/// An evidence item as stored: the item itself as a JSON document (so a shipped item and a contribution keep the
/// same shape, and export gives back what was imported), the columns search and filters need, and where it stands
/// in curation. Places and elements are also kept as rows, for facets, the recovery map and the gap map.
/// </summary>
public sealed class EvidenceRecord : Auditing.IAudited
{
    public long Id { get; set; }

    /// <summary>The item's id (kebab-case), unique across shipped items and contributions; in its address.</summary>
    public required string Slug { get; set; }

    /// <summary>The shipped collection it came from; null for a contribution.</summary>
    public string? Collection { get; set; }

    public required string Title { get; set; }
    public EvidenceKind Kind { get; set; }
    public required string Summary { get; set; }
    public string? Body { get; set; }
    public int? Year { get; set; }
    public int Strength { get; set; }
    public WhatWorksStatus Status { get; set; }
    public bool Anonymous { get; set; }

    /// <summary>Organisation names as one line each; searchable only when the item is not anonymous.</summary>
    public string Organisations { get; set; } = "";

    /// <summary>The whole <see cref="EvidenceItem"/> as JSON.</summary>
    public required string Document { get; set; }

    /// <summary>The organisation a contribution was made for, if any; null for shipped items and personal contributions.</summary>
    public long? OrganisationId { get; set; }

    /// <summary>The person who submitted it; null for shipped items.</summary>
    public long? SubmittedById { get; set; }

    public Accounts.Visibility Visibility { get; set; } = Accounts.Visibility.Public;
    public string SharedWith { get; set; } = "";
    public Accounts.WorkflowState State { get; set; } = Accounts.WorkflowState.Published;

    /// <summary>Starts at 1; every change adds one and keeps the previous text in <see cref="EvidenceVersion"/>.</summary>
    public int Version { get; set; } = 1;

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }

    public List<EvidencePlace> Places { get; set; } = [];
    public List<EvidenceElement> Elements { get; set; } = [];

    long? Auditing.IAudited.AuditOrganisationId => OrganisationId;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new ElementRefJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public EvidenceItem Item => JsonSerializer.Deserialize<EvidenceItem>(Document, Json)!;

    public static string Serialise(EvidenceItem item) => JsonSerializer.Serialize(item, Json);

    /// <summary>Sets every column from <paramref name="item"/> (not the curation state or version, which the caller decides).</summary>
    public void Apply(EvidenceItem item)
    {
        Slug = item.Id;
        Collection = item.Collection;
        Title = item.Title;
        Kind = item.Kind;
        Summary = item.Summary;
        Body = item.Body;
        Year = item.Year;
        Strength = item.Strength;
        Status = item.Status;
        Anonymous = item.Anonymous;
        Organisations = string.Join('\n', item.Organisations);
        Document = Serialise(item);
        Places.RemoveAll(p => !item.Places.Contains(p.PlaceCode));
        foreach (var code in item.Places.Where(c => Places.All(p => p.PlaceCode != c)))
        {
            Places.Add(new EvidencePlace { PlaceCode = code });
        }
        var elements = item.Elements.Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal);
        Elements.RemoveAll(e => !elements.Contains(e.Element));
        foreach (var element in item.Elements.Where(e => Elements.All(x => x.Element != e.ToString())))
        {
            Elements.Add(new EvidenceElement { Element = element.ToString(), FrameworkId = element.FrameworkId });
        }
    }

    public static EvidenceRecord From(EvidenceItem item, DateTime now)
    {
        var record = new EvidenceRecord { Slug = item.Id, Title = item.Title, Summary = item.Summary, Document = "", CreatedAt = now, UpdatedAt = now };
        record.Apply(item);
        return record;
    }
}

/// <summary>A place an item is about (GSS or ISO3 code).</summary>
public sealed class EvidencePlace
{
    public long Id { get; set; }
    public long ItemId { get; set; }
    public required string PlaceCode { get; set; }
}

/// <summary>A framework element an item is evidence for, as framework-id/element-id.</summary>
public sealed class EvidenceElement
{
    public long Id { get; set; }
    public long ItemId { get; set; }
    public required string Element { get; set; }
    public required string FrameworkId { get; set; }
}

/// <summary>An earlier text of an item, kept whenever it changes, so every version can be read again.</summary>
public sealed class EvidenceVersion
{
    public long Id { get; set; }
    public long ItemId { get; set; }
    public int Version { get; set; }
    public required string Document { get; set; }
    public required string ChangedBy { get; set; }
    public DateTime ChangedAt { get; set; }

    /// <summary>What the person said they changed and why.</summary>
    public string? Note { get; set; }
}

/// <summary>"Report a problem with this item": a message to the curators.</summary>
public sealed class EvidenceProblemReport : Auditing.IAudited
{
    public const int MaxMessageLength = 2_000;

    public long Id { get; set; }
    public long ItemId { get; set; }
    public required string Message { get; set; }

    /// <summary>Optional, so the reporter can be answered; a signed-in reporter is also recorded by id.</summary>
    public string? ReporterEmail { get; set; }

    public long? ReporterPersonId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}

/// <summary>Writes an element reference as its "framework-id/element-id" text, the form every data file uses.</summary>
internal sealed class ElementRefJsonConverter : JsonConverter<ElementRef>
{
    public override ElementRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ElementRef.TryParse(reader.GetString(), out var value) ? value : throw new JsonException($"'{reader.GetString()}' is not framework-id/element-id");

    public override void Write(Utf8JsonWriter writer, ElementRef value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

internal sealed class EvidenceRecordConfiguration : IEntityTypeConfiguration<EvidenceRecord>
{
    public void Configure(EntityTypeBuilder<EvidenceRecord> builder)
    {
        builder.ToTable("evidence_items");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.HasIndex(e => e.State);
        builder.Property(e => e.Kind).HasConversion<string>();
        builder.Property(e => e.Status).HasConversion<string>();
        builder.Property(e => e.Visibility).HasConversion<string>();
        builder.Property(e => e.State).HasConversion<string>();
        builder.Ignore(e => e.Item);
        builder.HasMany(e => e.Places).WithOne().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Elements).WithOne().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Accounts.Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Accounts.Person>().WithMany().HasForeignKey(e => e.SubmittedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvidencePlaceConfiguration : IEntityTypeConfiguration<EvidencePlace>
{
    public void Configure(EntityTypeBuilder<EvidencePlace> builder)
    {
        builder.ToTable("evidence_places");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.ItemId, e.PlaceCode }).IsUnique();
        builder.HasIndex(e => e.PlaceCode);
    }
}

internal sealed class EvidenceElementConfiguration : IEntityTypeConfiguration<EvidenceElement>
{
    public void Configure(EntityTypeBuilder<EvidenceElement> builder)
    {
        builder.ToTable("evidence_elements");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.ItemId, e.Element }).IsUnique();
        builder.HasIndex(e => e.Element);
    }
}

internal sealed class EvidenceVersionConfiguration : IEntityTypeConfiguration<EvidenceVersion>
{
    public void Configure(EntityTypeBuilder<EvidenceVersion> builder)
    {
        builder.ToTable("evidence_versions");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.ItemId, e.Version }).IsUnique();
        builder.HasOne<EvidenceRecord>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceProblemReportConfiguration : IEntityTypeConfiguration<EvidenceProblemReport>
{
    public void Configure(EntityTypeBuilder<EvidenceProblemReport> builder)
    {
        builder.ToTable("evidence_problem_reports");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.ItemId);
        builder.HasOne<EvidenceRecord>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
