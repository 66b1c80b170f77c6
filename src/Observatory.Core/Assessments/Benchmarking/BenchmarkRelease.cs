using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Storage;

namespace Observatory.Assessments.Benchmarking;

/// <summary>
/// One published benchmark: a template's statistics for a period as they stood when published, with the rules they
/// were made by. Immutable: the database refuses to change or delete a release (migration M0013), and publishing
/// again makes a new one, so anyone who quoted a figure can find it again.
/// </summary>
public sealed class BenchmarkRelease
{
    public long Id { get; set; }
    public required string TemplateId { get; set; }
    public required string TemplateVersion { get; set; }
    public required string Period { get; set; }
    public DateTime PublishedAt { get; set; }

    /// <summary>How many organisations contributed (kept with the release; shown only when "all" is not suppressed).</summary>
    public int Contributors { get; set; }

    /// <summary>The rules the figures were made by, in words (<see cref="BenchmarkReleases.Rules"/>).</summary>
    public required string Rules { get; set; }

    /// <summary>Every group's figures as JSON (<see cref="BenchmarkStatistics"/>); no organisation is named in it.</summary>
    public required string Statistics { get; set; }
}

internal sealed class BenchmarkReleaseConfiguration : IEntityTypeConfiguration<BenchmarkRelease>
{
    public void Configure(EntityTypeBuilder<BenchmarkRelease> builder)
    {
        builder.ToTable("benchmark_releases");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.TemplateId, r.Period });
    }
}

/// <summary>The benchmark releases' set (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class BenchmarkingDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<BenchmarkRelease> BenchmarkReleases => db.Set<BenchmarkRelease>();
    }
}
