using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;

namespace Observatory.Registers;

/// <summary>Who can see an application entry besides its own organisation.</summary>
public enum ApplicationSharing
{
    /// <summary>The organisation only (the default).</summary>
    Private,

    /// <summary>Members of every council using the Observatory.</summary>
    Councils,

    /// <summary>Everyone, on the public sector view.</summary>
    Published,
}

/// <summary>
/// One application an organisation runs, in the field set of <see cref="ApplicationFields"/>. Private to the
/// organisation unless it shares the entry with all councils or publishes it; either way its contributors edit it.
/// </summary>
public sealed class ApplicationEntry : IAudited
{
    public long Id { get; set; }
    public long OrganisationId { get; set; }

    /// <summary>The field values (key → value; lists separated by semicolons) as a JSON object; sharing is kept apart in <see cref="Sharing"/>.</summary>
    public required string Content { get; set; }

    public ApplicationSharing Sharing { get; set; }

    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    long? IAudited.AuditOrganisationId => OrganisationId;

    public Dictionary<string, string> Values() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Content) ?? [];

    public static string Serialise(IReadOnlyDictionary<string, string> values) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(values.Where(v => v.Key != ApplicationFields.Sharing).ToDictionary(), StringComparer.Ordinal));

    public static string SharingName(ApplicationSharing sharing) => sharing switch
    {
        ApplicationSharing.Councils => "councils",
        ApplicationSharing.Published => "published",
        _ => "private",
    };

    public static ApplicationSharing SharingOf(string? name) => name switch
    {
        "councils" => ApplicationSharing.Councils,
        "published" => ApplicationSharing.Published,
        _ => ApplicationSharing.Private,
    };
}

public static class ApplicationsDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<ApplicationEntry> ApplicationEntries => db.Set<ApplicationEntry>();
    }
}

internal sealed class ApplicationEntryConfiguration : IEntityTypeConfiguration<ApplicationEntry>
{
    public void Configure(EntityTypeBuilder<ApplicationEntry> builder)
    {
        builder.ToTable("application_entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Sharing).HasConversion<string>();
        builder.HasIndex(a => a.OrganisationId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
