using Microsoft.EntityFrameworkCore;

namespace Observatory.Storage;

/// <summary>
/// The one EF Core context. Each capability declares its sets in a partial of this class in its own folder
/// and its mappings as <see cref="IEntityTypeConfiguration{TEntity}"/> classes, picked up here.
/// Table and column names are snake_case on every provider (see <see cref="SnakeCaseNamingConvention"/>),
/// so the hand-written migrations read the same for SQLite and PostgreSQL.
/// </summary>
public sealed partial class ObservatoryDbContext(DbContextOptions<ObservatoryDbContext> options, Accounts.CurrentActor? actor = null) : DbContext(options)
{
    /// <summary>Who the audit log names for this context's writes; null outside a scope (then "system").</summary>
    private readonly Accounts.CurrentActor? _actor = actor;

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ObservatoryDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC; SQLite hands DateTime back unspecified, so say what it is.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Conventions.Add(_ => new SnakeCaseNamingConvention());
    }
}
