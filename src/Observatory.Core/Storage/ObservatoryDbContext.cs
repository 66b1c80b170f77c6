using Microsoft.EntityFrameworkCore;

namespace Observatory.Storage;

/// <summary>
/// The one EF Core context. It knows no capability: each capability declares its sets as extension properties in
/// its own folder (<c>extension(ObservatoryDbContext db) { public DbSet&lt;Place&gt; Places =&gt; db.Set&lt;Place&gt;(); }</c>)
/// and its mappings as <see cref="IEntityTypeConfiguration{TEntity}"/> classes, picked up here. C# allows no
/// extension property inside an expression tree, so a query that uses a second set inside its lambda (a subquery
/// or a join) writes <c>db.Set&lt;T&gt;()</c> there, or a local holding the set; EF Core translates both.
/// Table and column names are snake_case on every provider (see <see cref="SnakeCaseNamingConvention"/>),
/// so the hand-written migrations read the same for SQLite and PostgreSQL. What is written is audited by an
/// interceptor the Auditing capability registers.
/// </summary>
public sealed class ObservatoryDbContext(DbContextOptions<ObservatoryDbContext> options) : DbContext(options)
{
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
