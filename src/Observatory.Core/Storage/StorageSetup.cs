using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Observatory.Storage;

public static class StorageSetup
{
    /// <summary>Registers the context for the chosen database. Both web and command line call this.</summary>
    public static IServiceCollection AddObservatoryStorage(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        // Every committed write moves the data version on; what is derived from the data is keyed on it.
        // It is shared with every other process over the database through a one-row table (SharedDataVersion).
        services.AddSingleton<DataVersion>();
        services.AddSingleton<SharedDataVersion>();
        services.AddSingleton(sp => new DataVersionInterceptor(sp.GetRequiredService<DataVersion>(), sp.GetRequiredService<SharedDataVersion>()));
        // Capabilities add interceptors (Auditing writes the audit log); the context takes those of its scope, then
        // the data version's, last: it raises the shared version inside the transaction the others have begun.
        services.AddDbContext<ObservatoryDbContext>((scope, options) => Configure(options, settings)
            .AddInterceptors(scope.GetServices<IInterceptor>())
            .AddInterceptors(scope.GetRequiredService<DataVersionInterceptor>()));
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        // An evidence item is read with its places and its framework elements: one query would return every
        // place × element pair of every item (the seeder reads them all), so each collection is its own query.
        if (settings.IsPostgreSql)
        {
            options.UseNpgsql(settings.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("ef_migrations_history")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        }
        else
        {
            options.UseSqlite(settings.ConnectionString, sqlite => sqlite.MigrationsHistoryTable("ef_migrations_history")
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
        }
        // Migrations are written by hand (the EF design-time package is not available), so there is no model
        // snapshot to compare with; the storage round-trip tests check that migrations and model agree instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return options;
    }

    /// <summary>A context outside any scope, with the interceptors given (<see cref="ObservatoryCore.CreateContext"/> adds the audit log's).</summary>
    public static ObservatoryDbContext CreateContext(DatabaseSettings settings, params IEnumerable<IInterceptor> interceptors) =>
        new(Configure(new DbContextOptionsBuilder<ObservatoryDbContext>(), settings).AddInterceptors(interceptors).Options as DbContextOptions<ObservatoryDbContext>
            ?? throw new InvalidOperationException("Unexpected options type."));

    /// <summary>
    /// Brings the database up to date with the migrations compiled into the Observatory. Creates the SQLite
    /// file and its folder when they do not exist. Returns the migrations applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(ObservatoryDbContext db, CancellationToken cancellationToken = default)
    {
        var sqlite = db.Database.IsSqlite();
        if (sqlite && new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } path && path != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (sqlite)
        {
            // Write-ahead logging lets readers carry on while an import writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        return pending;
    }
}
