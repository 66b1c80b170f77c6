using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Observatory.Content;
using Observatory.Storage;

namespace Observatory.Testing;

/// <summary>The Observatory's Core services on a test database, as the command line builds them.</summary>
public static class CoreServices
{
    public static ServiceProvider For(TestDatabase database, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddObservatoryCore(DataFolder.Locate(), database.Settings);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Migrates, then seeds places only, or places and every shipped data file.</summary>
    public static async Task PrepareAsync(ServiceProvider services, bool shippedData)
    {
        if (shippedData)
        {
            await DataSeeding.MigrateAndSeedAsync(services, NullLogger.Instance, seed: true);
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
