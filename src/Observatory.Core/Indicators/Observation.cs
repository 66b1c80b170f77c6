using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Observatory.Indicators;

/// <summary>
/// One published number: an indicator's value for a place and period, with its 95% interval and status as the
/// source gave them. <see cref="Disaggregation"/> is empty for the headline series and otherwise names the
/// breakdown (Open SDG columns, e.g. "Sex=Female;Age=16-24").
/// </summary>
public sealed class Observation
{
    /// <summary>A status code: ELS writes one or two letters, Open SDG a few words.</summary>
    public const int MaxStatusLength = 100;

    public const int MaxNoteLength = 1_000;

    /// <summary>A breakdown, e.g. "Sex=Female;Age=16-24" from an Open SDG file's breakdown columns.</summary>
    public const int MaxDisaggregationLength = 1_000;

    public long Id { get; set; }
    public required string IndicatorId { get; set; }
    public required string AreaCode { get; set; }

    /// <summary>The code the source used when it was a former code recoded to <see cref="AreaCode"/>.</summary>
    public string? OriginalCode { get; set; }

    public DateOnly PeriodStart { get; set; }

    /// <summary>ISO 8601 duration (P1Y, P3Y, P1M) or empty for an instant.</summary>
    public string PeriodDuration { get; set; } = "";

    public string Disaggregation { get; set; } = "";

    /// <summary>Null when the source suppressed it (status x or u).</summary>
    public double? Value { get; set; }

    public double? Lci95 { get; set; }
    public double? Uci95 { get; set; }

    /// <summary>x = not available, u = low reliability, or the source's own words (e.g. "Value for Cornwall and Isles of Scilly combined").</summary>
    public string? Status { get; set; }

    public string? Note { get; set; }

    /// <summary>The import that last wrote this value.</summary>
    public long ImportId { get; set; }

    public Period Period => new(PeriodStart, PeriodDuration);
}

/// <summary>One import of indicator data: what came in, from where, by whom, and what it changed.</summary>
public sealed class IndicatorImport : Auditing.IAudited
{
    public long Id { get; set; }
    public required string FileName { get; set; }

    /// <summary>els, opensdg or tidy.</summary>
    public required string Format { get; set; }

    /// <summary>SHA-256 of the file, hex. The same file again changes nothing.</summary>
    public required string FileHash { get; set; }

    /// <summary>Where the data comes from: "shipped" for the Observatory's own data, or what the importer said.</summary>
    public required string Source { get; set; }

    public DateTime ImportedAt { get; set; }
    public string? ImportedBy { get; set; }

    /// <summary>Indicator ids the file held, comma-separated.</summary>
    public string Indicators { get; set; } = "";

    public long RowsRead { get; set; }
    public long Added { get; set; }
    public long Changed { get; set; }
    public long Unchanged { get; set; }

    /// <summary>Rows that repeated another for the same area (the same code under two geography labels), stored once.</summary>
    public long Merged { get; set; }

    /// <summary>Rows published under a former code and stored under the current one.</summary>
    public long Recoded { get; set; }
}

internal sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> builder)
    {
        builder.ToTable("observations");
        builder.HasKey(o => o.Id);
        builder.Ignore(o => o.Period);
        builder.HasIndex(o => new { o.IndicatorId, o.AreaCode, o.PeriodStart, o.PeriodDuration, o.Disaggregation }).IsUnique().HasDatabaseName("ux_observations_series");
        builder.HasIndex(o => new { o.AreaCode, o.IndicatorId });
        builder.HasOne<Places.Place>().WithMany().HasForeignKey(o => o.AreaCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IndicatorImport>().WithMany().HasForeignKey(o => o.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndicatorImportConfiguration : IEntityTypeConfiguration<IndicatorImport>
{
    public void Configure(EntityTypeBuilder<IndicatorImport> builder)
    {
        builder.ToTable("indicator_imports");
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => i.FileHash);
    }
}
