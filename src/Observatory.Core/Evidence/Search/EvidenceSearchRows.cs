using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Observatory.Evidence.Search;

/// <summary>
/// A framework element's name, copied from the catalogue so the index triggers can spell it out: "food" finds an
/// item tagged place-making/food even when its text never says so.
/// </summary>
public sealed class EvidenceElementName
{
    public required string Element { get; set; }
    public required string Name { get; set; }
}

/// <summary>A row of the full-text index's answer: an item and how well it matched (higher is better).</summary>
public sealed class EvidenceTextHit
{
    public long ItemId { get; set; }
    public double Score { get; set; }
}

internal sealed class EvidenceElementNameConfiguration : IEntityTypeConfiguration<EvidenceElementName>
{
    public void Configure(EntityTypeBuilder<EvidenceElementName> builder)
    {
        builder.ToTable("evidence_element_names");
        builder.HasKey(e => e.Element);
    }
}

// Not a table: the shape of the provider's own full-text query (FromSql over the temporary match table).
internal sealed class EvidenceTextHitConfiguration : IEntityTypeConfiguration<EvidenceTextHit>
{
    public void Configure(EntityTypeBuilder<EvidenceTextHit> builder) => builder.HasNoKey().ToTable((string?)null);
}
