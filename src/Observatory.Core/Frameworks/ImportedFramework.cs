using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Observatory.Frameworks;

/// <summary>
/// A framework a user imported (e.g. a borough manifesto's targets). Each version is kept; the newest is current.
/// The document is stored as uploaded, so export gives back exactly what the catalogue shows.
/// </summary>
public sealed class ImportedFramework : Auditing.IAudited, Accounts.IOwnedItem
{
    public const int MaxContentLength = 2_000_000;

    public long Id { get; set; }
    public required string FrameworkId { get; set; }
    public required string Version { get; set; }
    public required string Name { get; set; }

    /// <summary>"yaml" or "json".</summary>
    public required string Format { get; set; }

    public required string Content { get; set; }

    /// <summary>SHA-256 of the content, hex; re-importing the same file changes nothing.</summary>
    public required string ContentHash { get; set; }

    public required string FileName { get; set; }
    public DateTime ImportedAt { get; set; }
    public string? ImportedBy { get; set; }
    public bool IsCurrent { get; set; }

    /// <summary>The organisation that imported it; null for a framework imported by an operator for everyone.</summary>
    public long? OrganisationId { get; set; }

    public Accounts.Visibility Visibility { get; set; } = Accounts.Visibility.Public;
    public string SharedWith { get; set; } = "";
    public Accounts.WorkflowState State { get; set; } = Accounts.WorkflowState.Published;

    long? Auditing.IAudited.AuditOrganisationId => OrganisationId;
}

internal sealed class ImportedFrameworkConfiguration : IEntityTypeConfiguration<ImportedFramework>
{
    public void Configure(EntityTypeBuilder<ImportedFramework> builder)
    {
        builder.ToTable("imported_frameworks");
        builder.HasKey(f => f.Id);
        builder.HasIndex(f => new { f.FrameworkId, f.Version }).IsUnique();
        builder.HasIndex(f => f.FrameworkId);
        builder.Property(f => f.Visibility).HasConversion<string>();
        builder.Property(f => f.State).HasConversion<string>();
        builder.HasOne<Accounts.Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
