using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Observatory.Storage;

/// <summary>
/// One key of the web app's key ring (ASP.NET Core Data Protection, as the XML it writes), which signs and
/// encrypts sign-in and anti-forgery cookies. Kept in the database rather than in a folder of the user profile so
/// that a restart does not sign everyone out and every web node over one PostgreSQL database reads the same keys;
/// a backup of the database carries them too.
/// </summary>
public sealed class DataProtectionKey : INotPublished
{
    public long Id { get; set; }

    /// <summary>The name Data Protection gives the key ("key-{guid}").</summary>
    public string FriendlyName { get; set; } = "";

    public string Xml { get; set; } = "";
}

/// <summary>The key ring's table, declared as every other set is (see <see cref="ObservatoryDbContext"/>).</summary>
public static class DataProtectionDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<DataProtectionKey> DataProtectionKeys => db.Set<DataProtectionKey>();
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.HasKey(k => k.Id);
    }
}
