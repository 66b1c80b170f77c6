using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Observatory.Storage;

namespace Observatory.Testing;

/// <summary>
/// The real Observatory web application, on its own fresh database (SQLite by default). Requests go through
/// the whole pipeline: middleware, routing, pages, API, database.
/// </summary>
public class ObservatoryAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _fromTemplate;
    private readonly bool _ownsDatabase;
    private bool _prepared;

    // Each host would watch its settings files, and its web root for the stylesheet's version in every page, for
    // changes: an inotify instance each, and Linux allows a user 128, which a test process holding dozens of hosts
    // (and a second test process beside it) runs out of. Tests never edit those files, so settings are not watched
    // and the web root is polled instead (a timer, no inotify instance).
    static ObservatoryAppFactory()
    {
        System.Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        System.Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    /// <param name="database">A database of the test's own; without one, a copy of the seeded template.</param>
    /// <param name="ownsDatabase">Whether disposing the app drops the database (not when two apps share one).</param>
    public ObservatoryAppFactory(TestDatabase? database = null, bool ownsDatabase = true)
    {
        _ownsDatabase = ownsDatabase;
        _fromTemplate = database is null;
        _database = database ?? TestDatabase.CreateSqlite();
        // The app reads its database from configuration; environment variables are configuration too, but
        // the factory setting wins and keeps parallel test hosts apart.
    }

    public TestDatabase Database => _database;

    /// <summary>Extra configuration for this app (set before the first request), e.g. a lower sign-in rate limit.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>The hosting environment; users run Production, contributors may run Development.</summary>
    public string Environment { get; init; } = "Production";

    /// <summary>When set, receives everything the app logs (after its level filters).</summary>
    public CapturedLog? Log { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(DatabaseSettings.EnvironmentVariable, _database.Setting);
        builder.UseSetting("OBSERVATORY_MIGRATE", "true");
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (Log is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
        }
    }

    /// <summary>Migrates and seeds the database once, as the real start-up does.</summary>
    public async Task EnsurePreparedAsync()
    {
        if (_prepared)
        {
            return;
        }
        if (_fromTemplate && !File.Exists(_database.Settings.SqlitePath))
        {
            // A copy of the once-seeded database; the start-up seeding below then finds everything in place.
            await SeededTemplate.CopyToAsync(_database.Settings.SqlitePath!);
        }
        var app = Services;
        var logger = app.GetService(typeof(Microsoft.Extensions.Logging.ILoggerFactory)) as Microsoft.Extensions.Logging.ILoggerFactory;
        await DataSeeding.MigrateAndSeedAsync(app, logger!.CreateLogger("tests"), seed: true);
        _prepared = true;
    }

    public async Task<HttpClient> ClientAsync(bool allowRedirects = false)
    {
        await EnsurePreparedAsync();
        return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = allowRedirects, HandleCookies = true });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public static class HtmlExtensions
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetHtmlAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }
        return Parser.ParseDocument(body);
    }

    public static IHtmlDocument ParseHtml(this string html) => Parser.ParseDocument(html);

    /// <summary>Text with whitespace collapsed, as a reader sees it.</summary>
    public static string Normalised(this string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
