using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Observatory.Auditing;

/// <summary>Entities whose every write is recorded in the audit log.</summary>
public interface IAudited
{
    /// <summary>The organisation whose history this write belongs to (its admins may export it); null for site-level entities.</summary>
    long? AuditOrganisationId => null;
}

/// <summary>A property never written to the audit log (password hashes, token hashes).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditIgnoreAttribute : Attribute;

/// <summary>
/// One write: who, when, which entity, what was done and the values before and after (JSON of its properties).
/// Append-only: the context refuses to change or delete an entry, and nothing in the Observatory tries.
/// </summary>
public sealed class AuditEntry : Observatory.Storage.INotPublished
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public long? ActorPersonId { get; set; }
    public required string ActorName { get; set; }
    public long? OrganisationId { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>created, updated or deleted.</summary>
    public required string Action { get; set; }

    public string? Before { get; set; }
    public string? After { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => a.OrganisationId);
    }
}
