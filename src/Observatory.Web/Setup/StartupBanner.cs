using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Observatory.Storage;

namespace Observatory.Web.Setup;

/// <summary>
/// A few lines once the Observatory is ready: where to open it, which database it uses, and how to sign in (or
/// how to make the first administrator, when there is none yet).
/// </summary>
public static class StartupBanner
{
    public const string CreateAdminCommand = "dotnet run --project src/Observatory.Cli -- users create-admin --email you@example.gov.uk";

    public static void UseObservatoryStartupBanner(this WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ObservatoryLogging.Category);
            try
            {
                var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
                using var scope = app.Services.CreateScope();
                var hasAdministrator = scope.ServiceProvider.GetRequiredService<Accounts.AccountDirectory>().HasSiteAdministrator();
                Write(logger, addresses, app.Services.GetRequiredService<DatabaseSettings>(), hasAdministrator, app.Environment.EnvironmentName);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The banner is a courtesy; a database that does not answer is reported by /health and the first page.
                logger.LogWarning(ex, "Could not write the start-up banner");
            }
        });

    public static void Write(ILogger logger, IReadOnlyList<string> addresses, DatabaseSettings database, bool hasAdministrator, string environment)
    {
        var address = addresses.FirstOrDefault()?.TrimEnd('/');
        logger.LogInformation("Connected Places Observatory is ready{At} ({Environment})", address is null ? "" : " at " + address, environment);
        logger.LogInformation("  Database: {Database}", database.Description);
        if (hasAdministrator)
        {
            logger.LogInformation("  Sign in at {SignIn}", (address ?? "") + "/sign-in");
        }
        else
        {
            logger.LogInformation("  Everything published is open without signing in. To sign in, first create a site administrator:");
            logger.LogInformation("    {Command}", CreateAdminCommand);
        }
        logger.LogInformation("  Press Ctrl+C to stop.");
    }
}
