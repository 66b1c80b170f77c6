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
    /// <summary>Applies pending migrations, then runs every registered seeder in order.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAndSeedAsync(IServiceProvider root, ILogger logger, bool seed, CancellationToken cancellationToken = default)
    {
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var applied = await StorageSetup.MigrateAsync(db, cancellationToken);
        foreach (var migration in applied)
        {
            logger.LogInformation("Applied migration {Migration}", migration);
        }
        if (seed)
        {
            foreach (var seeder in scope.ServiceProvider.GetServices<IDataSeeder>().OrderBy(s => s.Order))
            {
                await using var seedScope = root.CreateAsyncScope();
                foreach (var prepare in seedScope.ServiceProvider.GetServices<ISeedingScope>())
                {
                    prepare.Enter(seedScope.ServiceProvider);
                }
                logger.LogInformation("Seeding {Seeder}", seeder.Name);
                await seeder.SeedAsync(seedScope.ServiceProvider, cancellationToken);
            }
        }
        return applied;
    }
}
