using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Observatory.Evidence.Search;

/// <summary>
/// A framework element's name, copied from the catalogue so the view the index reads (evidence_index_source) can
/// spell it out: "food" finds an item tagged place-making/food even when its text never says so.
/// </summary>
public sealed class EvidenceElementName
{
    public required string Element { get; set; }
    public required string Name { get; set; }
}

internal sealed class EvidenceElementNameConfiguration : IEntityTypeConfiguration<EvidenceElementName>
{
    public void Configure(EntityTypeBuilder<EvidenceElementName> builder)
    {
        builder.ToTable("evidence_element_names");
        builder.HasKey(e => e.Element);
    }
}
