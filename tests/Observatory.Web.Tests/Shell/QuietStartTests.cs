using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Observatory.Storage;
using Observatory.Testing;
using Observatory.Web.Setup;

namespace Observatory.Web.Tests.Shell;

/// <summary>
/// What a person starting the Observatory sees: progress on the first start, a short banner, then quiet — no SQL,
/// no line per request, no warning — and sign-in cookies that outlive a restart.
/// </summary>
public sealed class QuietStartTests
{
    [Fact]
    public async Task The_first_start_says_what_it_is_doing_and_how_far_it_has_got_and_warns_of_nothing()
    {
        await SeededTemplate.EnsureMadeAsync();
        var log = SeededTemplate.FirstStartLog.Entries;
        var lines = log.Select(e => e.Message).ToList();

        log.Where(e => e.Level >= LogLevel.Warning).ShouldBeEmpty();
        lines.ShouldContain(l => l.StartsWith("Created the database's tables", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("Loading the shipped data", StringComparison.Ordinal));
        lines.ShouldContain("  1/4 places");
        lines.ShouldContain(l => l.StartsWith("Loaded the shipped data in", StringComparison.Ordinal));
        // Every shipped indicator file is counted off as it is loaded, so the person waiting sees how far it is.
        var files = lines.Where(l => l.StartsWith("      ", StringComparison.Ordinal)).ToList();
        files.Count.ShouldBeGreaterThan(30);
        files[^1].ShouldStartWith($"      {files.Count}/{files.Count} ");
    }

    [Fact]
    public async Task A_start_and_a_round_of_pages_log_no_sql_no_requests_and_no_warnings()
    {
        var log = new CapturedLog();
        await using var app = new ObservatoryAppFactory { Log = log };
        var client = await app.ClientAsync();

        foreach (var url in new[] { "/", "/evidence/wigan-bewigan", "/areas/E08000010", "/sign-in", "/evidence?q=food", "/no-such-page" })
        {
            using var response = await client.GetAsync(url);
            ((int)response.StatusCode).ShouldBeLessThan(500, url);
        }

        log.Entries.Where(e => e.Level >= LogLevel.Warning).ShouldBeEmpty();
        log.Entries.Where(e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)).ShouldBeEmpty();
        log.Entries.Where(e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public void Logs_are_plain_lines_by_default_and_json_by_a_setting()
    {
        using var plain = ObservatoryWebApp.Build([]);
        using var json = ObservatoryWebApp.Build(["--Logging:Console:FormatterName=json"]);

        plain.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe(PlainConsoleFormatter.FormatterName);
        json.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.ShouldBe("json");
    }

    [Fact]
    public void The_banner_gives_the_address_the_database_and_how_to_sign_in()
    {
        var database = DatabaseSettings.Sqlite("/srv/observatory/observatory.db", isDefault: false);
        var before = new CapturedLog();
        var after = new CapturedLog();

        StartupBanner.Write(Logger(before), ["http://localhost:5000"], database, hasAdministrator: false, "Production");
        StartupBanner.Write(Logger(after), ["http://localhost:5000"], database, hasAdministrator: true, "Production");

        var first = string.Join('\n', before.Entries.Select(e => e.Message));
        first.ShouldContain("ready at http://localhost:5000");
        first.ShouldContain("SQLite database /srv/observatory/observatory.db");
        first.ShouldContain("users create-admin --email");
        before.Entries.Count.ShouldBeLessThanOrEqualTo(6, "a banner, not a page");
        string.Join('\n', after.Entries.Select(e => e.Message)).ShouldContain("Sign in at http://localhost:5000/sign-in");
    }

    [Fact]
    public async Task A_sign_in_made_on_one_node_is_accepted_by_another_over_the_same_database()
    {
        await using var database = TestDatabase.CreateSqlite();
        await SeededTemplate.CopyToAsync(database.Settings.SqlitePath!);
        await using var first = new ObservatoryAppFactory(database, ownsDatabase: false);
        await first.EnsurePreparedAsync();
        await TestAccounts.SiteAdministratorAsync(first.Services, "node@example.gov.uk");
        var client = await first.ClientAsync();
        using var signIn = await TestAccounts.SignInAsync(client, "node@example.gov.uk");
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("observatory-session=", StringComparison.Ordinal)).Split(';')[0];

        // A second host with its own key ring in memory, as after a restart or on another machine.
        await using var second = new ObservatoryAppFactory(database, ownsDatabase: false);
        var other = await second.ClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", cookie);
        using var account = await other.SendAsync(request);

        account.StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie is read with the keys kept in the database");
        await using var db = database.CreateContext();
        (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.DataProtectionKeys)).ShouldBe(1, "both nodes use the one key ring");
    }

    private static ILogger Logger(CapturedLog log) => LoggerFactory.Create(l => l.AddProvider(log)).CreateLogger(ObservatoryLogging.Category);
}

/// <summary>
/// Contributors may run the Development profile; it must answer bad input as users' Production does (minimal APIs
/// otherwise throw on a query string they cannot bind there, and the answer is a 500).
/// </summary>
public sealed class DevelopmentEnvironmentTests
{
    private static readonly string[] BadInput =
    [
        "/api/areas/E08000010/similar?k=abc",
        "/api/areas?historic=maybe",
        "/api/imports/abc",
        "/api/evidence?page=abc",
        "/areas/E08000010/similar?k=abc",
        "/evidence?page=abc",
        "/imports/abc",
        "/no-such-page",
    ];

    [Fact]
    public async Task Bad_input_gets_the_same_answers_in_development_as_in_production()
    {
        await using var production = new ObservatoryAppFactory();
        await using var development = new ObservatoryAppFactory { Environment = "Development" };
        var users = await production.ClientAsync();
        var contributors = await development.ClientAsync();

        foreach (var url in BadInput)
        {
            using var inProduction = await users.GetAsync(url);
            using var inDevelopment = await contributors.GetAsync(url);
            ((int)inDevelopment.StatusCode).ShouldBe((int)inProduction.StatusCode, url);
            ((int)inProduction.StatusCode).ShouldBeLessThan(500, url);
        }
    }
}
