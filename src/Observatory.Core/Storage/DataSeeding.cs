using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Observatory.Storage;

/// <summary>
/// Loads shipped data (places, indicators, evidence…) into a database. Each seeder must be idempotent: running
/// it on a database that already holds its data changes nothing.
/// </summary>
public interface IDataSeeder
{
    /// <summary>Seeders run in ascending order (places before the indicators that refer to them).</summary>
    int Order { get; }

    string Name { get; }

    Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>
/// Prepares each seeder's scope before it runs. Storage knows no capability, so the one that decides who the
/// audit log names for shipped data registers this (Accounts: the Observatory itself).
/// </summary>
public interface ISeedingScope
{
    void Enter(IServiceProvider scope);
}

public static class DataSeeding
{
    /// <summary>
    /// Applies pending migrations, then runs every registered seeder in order. On a new database (the first start)
    /// it says what it is doing and how far it has got, since loading the shipped data takes a minute; on later
    /// starts, when there is nothing to do, it says nothing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAndSeedAsync(IServiceProvider root, ILogger logger, bool seed, CancellationToken cancellationToken = default)
    {
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var applied = await StorageSetup.MigrateAsync(db, cancellationToken);
        var created = applied.Count > 0 && applied.Count == db.Database.GetMigrations().Count();
        if (created)
        {
            logger.LogInformation("Created the database's tables ({Migrations} migrations)", applied.Count);
        }
        else if (applied.Count > 0)
        {
            logger.LogInformation("Applied {Count} migration(s): {Migrations}", applied.Count, string.Join(", ", applied));
        }
        if (!seed)
        {
            return applied;
        }
        var seeders = scope.ServiceProvider.GetServices<IDataSeeder>().OrderBy(s => s.Order).ToList();
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (created)
        {
            logger.LogInformation("Loading the shipped data into the new database (once, on first start; about a minute)");
        }
        for (var i = 0; i < seeders.Count; i++)
        {
            await using var seedScope = root.CreateAsyncScope();
            foreach (var prepare in seedScope.ServiceProvider.GetServices<ISeedingScope>())
            {
                prepare.Enter(seedScope.ServiceProvider);
            }
            logger.Log(created ? LogLevel.Information : LogLevel.Debug, "  {Step}/{Steps} {Seeder}", i + 1, seeders.Count, seeders[i].Name);
            await seeders[i].SeedAsync(seedScope.ServiceProvider, cancellationToken);
        }
        if (created)
        {
            logger.LogInformation("Loaded the shipped data in {Seconds:0} s", started.Elapsed.TotalSeconds);
        }
        return applied;
    }
}
