using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Auditing;

namespace Observatory.Accounts;

public enum OrganisationKind
{
    Council,
    Partner,
    SectorBody,
    Supplier,
}

/// <summary>A council, partner, sector body or supplier using the Observatory, with the places it serves.</summary>
public sealed class Organisation : IAudited
{
    public const int MaxNameLength = 200;

    public long Id { get; set; }

    /// <summary>Lower-case words joined by hyphens, for addresses: /organisations/wigan-council.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }

    /// <summary>GSS codes of the places it serves, comma-separated.</summary>
    public string PlaceCodes { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> Places => PlaceCodes.Length == 0 ? [] : PlaceCodes.Split(',');

    long? IAudited.AuditOrganisationId => Id;

    public static string KindName(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Council => "Council",
        OrganisationKind.Partner => "Partner",
        OrganisationKind.SectorBody => "Sector body",
        _ => "Supplier",
    };
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Kind).HasConversion<string>();
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.Ignore(o => o.Places);
    }
}
