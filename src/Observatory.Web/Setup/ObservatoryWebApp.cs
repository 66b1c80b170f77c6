using Observatory.Content;
using Observatory.Evidence.Search.Index;
using Observatory.Rendering;
using Observatory.Storage;

namespace Observatory.Web.Setup;

public static class ObservatoryWebApp
{
    /// <summary>
    /// Builds the Observatory's web application. The command line's 'serve' and the tests call this too,
    /// so every host runs the same app. <paramref name="configure"/> lets a host adjust the builder.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            WebRootPath = LocateWebRoot(),
        });
        builder.AddObservatoryLogging();
        configure?.Invoke(builder);

        var database = DatabaseSettings.FromEnvironment(builder.Configuration[DatabaseSettings.EnvironmentVariable]);
        var data = builder.Configuration[DataFolder.EnvironmentVariable] is { Length: > 0 } dataPath ? new DataFolder(dataPath) : DataFolder.Locate();
        using (var startup = ObservatoryLogging.StartupLoggerFactory(builder.Configuration))
        {
            // Checking every shipped file takes a few seconds, before anything else can be said.
            startup.CreateLogger(ObservatoryLogging.Category).LogInformation("Connected Places Observatory: checking the shipped data in {Folder}", data.Path);
        }
        builder.Services.AddObservatoryCore(data, database);
        builder.Services.AddObservatoryRendering();
        builder.Services.AddObservatoryPages();
        builder.Services.AddObservatoryApi();
        builder.Services.AddObservatoryAuthentication(builder.Configuration);
        builder.Services.AddObservatoryProxies(builder.Configuration);
        builder.Services.AddObservatoryRequestLimits();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddObservatoryDataProtection();
        builder.Services.AddObservatoryPageCaching(builder.Configuration);
        // A query string a minimal API cannot bind is a 400 in every environment; Development would otherwise throw
        // and answer 500, so contributors saw other answers than users.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

        var app = builder.Build();
        app.UseObservatoryProxies();
        app.UseObservatoryStartupBanner();
        app.UseObservatoryErrorPages();
        app.UseObservatorySecurityHeaders();
        app.UseObservatoryQueryChecks();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = PageCaching.StaticFileCaching });
        app.UseRouting();
        app.UseObservatoryRouteChecks();
        app.UseObservatoryRequestLimits();
        app.UseObservatoryAuthentication();
        app.UseObservatoryPageCaching();
        app.MapObservatoryApi();
        app.MapRazorPages();
        app.MapObservatoryHealth();
        return app;
    }

    /// <summary>
    /// Brings the database up to date before serving. SQLite — the embedded default — is migrated and seeded
    /// automatically; a shared PostgreSQL database is changed only by 'observatory db migrate', so several
    /// nodes starting at once never race to alter it.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ObservatoryLogging.Category);
        logger.LogInformation("Using {Database}", settings.Description);
        if (!settings.IsPostgreSql || app.Configuration.GetValue<bool>("OBSERVATORY_MIGRATE"))
        {
            await DataSeeding.MigrateAndSeedAsync(app.Services, logger, seed: true);
            WarmEvidenceIndex(app, logger);
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var pending = await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database);
        if (pending.Any())
        {
            throw new InvalidOperationException(
                $"The PostgreSQL database has {pending.Count()} migration(s) to apply. Run 'observatory db migrate' first (or set OBSERVATORY_MIGRATE=true).");
        }
        WarmEvidenceIndex(app, logger);
    }

    /// <summary>
    /// Builds the in-memory evidence index in the background, off the request path: with a large library the first
    /// search would otherwise wait seconds for it (a search that comes first waits for this build, not a second one).
    /// </summary>
    private static void WarmEvidenceIndex(WebApplication app, ILogger logger)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
                await app.Services.GetRequiredService<EvidenceIndexes>().For(db).WarmAsync(db, app.Lifetime.ApplicationStopping);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Not fatal: the first search builds the index instead.
                logger.LogWarning(ex, "The evidence index was not built at start-up");
            }
        });
    }

    private static IServiceCollection AddObservatoryPages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            // One folder per capability holds its pages beside its API endpoints; every page names its own route.
            options.RootDirectory = "/Features";
            // Every form carries an anti-forgery token and every POST checks it.
            options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
            options.Conventions.ConfigureFilter(new UnknownHandlers());
            options.Conventions.ConfigureFilter(new EdgeChecks.FormChecks());
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "observatory-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>wwwroot beside the program (command line, tests) or in the project folder (dotnet run).</summary>
    private static string? LocateWebRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(beside) ? beside : null;
    }
}
