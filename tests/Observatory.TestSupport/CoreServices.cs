using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Observatory.Content;
using Observatory.Storage;

namespace Observatory.Testing;

/// <summary>The Observatory's Core services on a test database, as the command line builds them.</summary>
public static class CoreServices
{
    /// <param name="log">Where the services log, when a test looks; otherwise nowhere.</param>
    /// <param name="configure">Changes to the product's services, made last.</param>
    public static ServiceProvider For(TestDatabase database, TimeProvider? clock = null, CapturedLog? log = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(log is null ? NullLoggerFactory.Instance : LoggerFactory.Create(logging => logging.AddProvider(log)
            // As the hosts log: the Observatory's own news, and warnings from the libraries (never every SQL command).
            .AddFilter("Microsoft", LogLevel.Warning)));
        services.AddObservatoryCore(DataFolder.Locate(), database.Settings);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>
    /// Migrates, then seeds places only, or places and every shipped data file. A new database gets a copy of one
    /// prepared the same way once per test process (<see cref="PlacesTemplate"/>, <see cref="SeededTemplate"/>),
    /// which takes milliseconds where migrating and seeding take seconds; the PostgreSQL one with every shipped
    /// file is still seeded from scratch, as it is the test of that seeding.
    /// </summary>
    public static async Task PrepareAsync(ServiceProvider services, bool shippedData)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        if (TestDatabase.TakeFresh(settings) && (!shippedData || !settings.IsPostgreSql))
        {
            if (shippedData)
            {
                await SeededTemplate.CopyToAsync(settings.SqlitePath!);
            }
            else
            {
                await PlacesTemplate.CopyIntoAsync(settings);
            }
            // Nothing to apply; on SQLite this turns write-ahead logging back on, as every start does.
            await using var migrate = services.CreateAsyncScope();
            await StorageSetup.MigrateAsync(migrate.ServiceProvider.GetRequiredService<ObservatoryDbContext>());
            return;
        }
        await PrepareFromScratchAsync(services, shippedData);
    }

    /// <summary>Migrates and seeds as the hosts do, with no template: for the templates themselves.</summary>
    internal static async Task PrepareFromScratchAsync(ServiceProvider services, bool shippedData)
    {
        TestDatabase.TakeFresh(services.GetRequiredService<DatabaseSettings>());
        if (shippedData)
        {
            await DataSeeding.MigrateAndSeedAsync(services, services.GetRequiredService<ILoggerFactory>().CreateLogger("Observatory"), seed: true);
            return;
        }
        await using var scope = services.CreateAsyncScope();
        await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>());
        await new Places.PlacesSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
    }
}

/// <summary>A clock a test moves by hand, for expiry and lockout.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
