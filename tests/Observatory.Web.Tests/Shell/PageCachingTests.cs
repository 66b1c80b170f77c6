using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Indicators;
using Observatory.Indicators.Importing;
using Observatory.Storage;
using Observatory.Testing;
using Observatory.Web.Setup;

namespace Observatory.Web.Tests.Shell;

internal static class CacheHeaders
{
    /// <summary>The Cache-Control header as sent (HttpClient's parsed form reorders its directives).</summary>
    public static string CacheControl(this HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("Cache-Control", out var values) ? string.Join(", ", values) : "";
}

/// <summary>
/// Pages and API answers are kept until the data changes (issue 20): a page cached before an import shows the new
/// value after it, on both databases and on every node over one database; an unchanged page answers 304 to its ETag;
/// nothing a signed-in person sees, and no form with an anti-forgery token, is ever kept or shared.
/// </summary>
public static class CachedPages
{
    public const string Area = "/areas/E08000010";
    public const string Api = "/api/indicators/claimant-count/data?area=E08000010";

    private static int _period = 2040;

    /// <summary>A value for Wigan's claimant count in a period later than any shipped, so the area page shows it as the latest.</summary>
    public static (int Year, double Value) NextValue()
    {
        var year = Interlocked.Increment(ref _period);
        return (year, 900 + (year % 100) + 0.25);
    }

    /// <summary>Imports one value through Core's importer on <paramref name="app"/> (a write on that node), as the upload page does.</summary>
    public static async Task ImportAsync(ObservatoryAppFactory app, int year, double value)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ObservationImporter>();
        var csv = $"area,indicator,period,value,lci95,uci95,status,note\nE08000010,claimant-count,{year}-01-01/P1Y,{value.ToString(System.Globalization.CultureInfo.InvariantCulture)},,,,\n";
        await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new ImportRequest($"caching-{year}-{Guid.NewGuid():N}.csv", "Page caching test")).ShouldSucceed();
    }

    public static string Shown(IServiceProvider services, double value) =>
        services.GetRequiredService<IndicatorCatalogue>().Find("claimant-count")!.FormatValue(value);

    /// <summary>GETs twice; the second answer must come from the server's cache (it carries an Age header).</summary>
    public static async Task<string> CachedAsync(HttpClient client, string url)
    {
        using var first = await client.GetAsync(url);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var second = await client.GetAsync(url);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.Age.ShouldNotBeNull($"{url} was not served from the page cache");
        return await second.Content.ReadAsStringAsync();
    }

    /// <summary>The invalidation every database must show: cached page and API answer, an import, the new value at once.</summary>
    public static async Task ImportShowsAtOnceAsync(ObservatoryAppFactory app, HttpClient client)
    {
        var (year, value) = NextValue();
        var shown = Shown(app.Services, value);
        (await CachedAsync(client, Area)).ShouldNotContain(shown);
        (await CachedAsync(client, Api)).ShouldNotContain(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await ImportAsync(app, year, value);

        (await client.GetStringAsync(Area)).ShouldContain(shown, customMessage: "the page cached before the import is not served after it");
        (await client.GetStringAsync(Api)).ShouldContain(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class PageCachingTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public Task A_page_and_an_api_answer_cached_before_an_import_show_the_new_value_after_it_on_sqlite() =>
        CachedPages.ImportShowsAtOnceAsync(fixture.App, Client);

    [Fact]
    public async Task An_unchanged_page_answers_304_to_its_etag_and_the_etag_changes_after_an_import()
    {
        foreach (var url in new[] { CachedPages.Area, CachedPages.Api })
        {
            using var first = await Client.GetAsync(url);
            var etag = first.Headers.ETag.ShouldNotBeNull();
            first.CacheControl().ShouldBe(Observatory.Web.Setup.PageCaching.PublicCaching);

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await Client.SendAsync(again);
            notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
            notModified.Headers.ETag.ShouldBe(etag);
            (await notModified.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

            using var other = await Client.GetAsync(url.Replace("E08000010", "E08000006", StringComparison.Ordinal));
            other.StatusCode.ShouldBe(HttpStatusCode.OK);
            other.Headers.ETag.ShouldNotBeNull().ShouldNotBe(etag, "another address has its own ETag");

            var (year, value) = CachedPages.NextValue();
            await CachedPages.ImportAsync(fixture.App, year, value);

            using var after = new HttpRequestMessage(HttpMethod.Get, url);
            after.Headers.IfNoneMatch.Add(etag);
            using var changed = await Client.SendAsync(after);
            changed.StatusCode.ShouldBe(HttpStatusCode.OK, "the data changed, so the old ETag no longer matches");
            changed.Headers.ETag.ShouldNotBe(etag);
        }
    }

    [Fact]
    public async Task Csv_and_json_of_one_address_are_kept_apart()
    {
        using var json = await Client.GetAsync(CachedPages.Api);
        using var request = new HttpRequestMessage(HttpMethod.Get, CachedPages.Api);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await Client.SendAsync(request);

        json.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Headers.ETag.ShouldNotBe(json.Headers.ETag);
    }

    [Fact]
    public async Task Addresses_that_differ_only_in_the_order_of_a_repeated_value_are_kept_apart()
    {
        // The councils compared are the table's columns, in the order asked for.
        const string Forwards = "/compare?council=E08000010&council=E08000001&council=E08000006";
        const string Backwards = "/compare?council=E08000006&council=E08000001&council=E08000010";
        await CachedPages.CachedAsync(Client, Forwards);
        var page = await Client.GetHtmlAsync(Backwards);

        page.QuerySelectorAll("thead th[data-code]").Select(th => th.GetAttribute("data-code")).ShouldBe(["E08000006", "E08000001", "E08000010"]);
    }

    [Fact]
    public async Task A_cached_page_still_runs_the_template_script_under_its_content_security_policy()
    {
        await CachedPages.CachedAsync(Client, "/about");
        using var cached = await Client.GetAsync("/about");

        cached.Headers.Age.ShouldNotBeNull();
        var csp = cached.Headers.GetValues("Content-Security-Policy").Single();
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(SecurityHeaders.TemplateScript)));
        csp.ShouldContain($"'sha256-{hash}'");
        var script = (await cached.Content.ReadAsStringAsync()).ParseHtml().QuerySelector("body > script:not([src])")!;
        script.TextContent.ShouldBe(SecurityHeaders.TemplateScript, "the hash allows exactly the script the page carries, whatever nonce it was cached with");
    }

    [Fact]
    public async Task The_sign_in_form_is_never_kept_and_still_posts()
    {
        await fixture.App.EnsurePreparedAsync();
        var organisation = await TestAccounts.OrganisationAsync(fixture.App.Services, "Caching Council");
        await TestAccounts.MemberAsync(fixture.App.Services, "caching.signin@test-council.gov.uk", organisation, Role.Viewer);
        var client = await fixture.App.ClientAsync();

        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var form = await client.GetAsync("/sign-in");
            form.Headers.Age.ShouldBeNull("a form's anti-forgery token belongs to one visitor");
            form.CacheControl().ShouldBe(Observatory.Web.Setup.PageCaching.PrivateCaching);
        }
        using var signedIn = await TestAccounts.SignInAsync(client, "caching.signin@test-council.gov.uk");

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_signed_in_page_is_private_and_never_served_to_an_anonymous_visitor()
    {
        const string email = "caching.private@test-council.gov.uk";
        await fixture.App.EnsurePreparedAsync();
        var organisation = await TestAccounts.OrganisationAsync(fixture.App.Services, "Private Council");
        await TestAccounts.MemberAsync(fixture.App.Services, email, organisation, Role.Viewer);
        var anonymous = await fixture.App.ClientAsync();
        (await CachedPages.CachedAsync(anonymous, CachedPages.Area)).ShouldContain("href=\"/sign-in\"");

        var person = await TestAccounts.ClientAsync(fixture.App, email);
        using var mine = await person.GetAsync(CachedPages.Area);
        var body = await mine.Content.ReadAsStringAsync();

        body.ShouldContain("href=\"/account\"", customMessage: "a signed-in person is never given the anonymous page from the cache");
        mine.Headers.Age.ShouldBeNull();
        mine.CacheControl().ShouldBe(Observatory.Web.Setup.PageCaching.PrivateCaching);
        mine.Headers.ETag.ShouldBeNull();

        var token = await TestAccounts.FormTokenAsync(person, "/sign-out");
        using var signOut = await person.PostAsync("/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var notice = await person.GetAsync("/");
        (await notice.Content.ReadAsStringAsync()).ShouldContain("You have signed out.");
        notice.CacheControl().ShouldBe(Observatory.Web.Setup.PageCaching.PrivateCaching, "a notice for one visitor is theirs alone");

        foreach (var client in new[] { person, anonymous })
        {
            var after = await client.GetStringAsync(CachedPages.Area);
            after.ShouldNotContain("href=\"/account\"");
            after.ShouldContain("href=\"/sign-in\"");
            (await client.GetStringAsync("/")).ShouldNotContain("You have signed out.");
        }
    }

    [Fact]
    public async Task Fingerprinted_static_files_are_kept_a_year_and_others_revalidate()
    {
        var page = await Client.GetHtmlAsync("/about");
        var css = page.QuerySelector("link[href^='/css/observatory.css?v=']")!.GetAttribute("href")!;

        using var fingerprinted = await Client.GetAsync(css);
        using var plain = await Client.GetAsync("/css/observatory.css");

        fingerprinted.CacheControl().ShouldBe("public, max-age=31536000, immutable");
        plain.CacheControl().ShouldBe(Observatory.Web.Setup.PageCaching.PublicCaching);
    }
}

/// <summary>
/// Two web nodes (two hosts) over one PostgreSQL database, as deployed behind a load balancer: a write on either is
/// shown by the other within about a second, though the other had the page cached.
/// </summary>
[Trait("Database", "PostgreSQL")]
public sealed class PageCachingOnPostgreSqlTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ObservatoryAppFactory _a = null!;
    private ObservatoryAppFactory _b = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreatePostgresAsync();
        _a = new ObservatoryAppFactory(_database, ownsDatabase: false);
        _b = new ObservatoryAppFactory(_database, ownsDatabase: false);
        await _a.EnsurePreparedAsync();
        await _b.EnsurePreparedAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_page_and_an_api_answer_cached_before_an_import_show_the_new_value_after_it_on_postgresql() =>
        await CachedPages.ImportShowsAtOnceAsync(_a, await _a.ClientAsync());

    [Fact]
    public async Task Two_nodes_over_one_database_agree_after_a_write_on_either()
    {
        foreach (var (writer, reader) in new[] { (_a, _b), (_b, _a) })
        {
            var client = await reader.ClientAsync();
            var (year, value) = CachedPages.NextValue();
            var shown = CachedPages.Shown(reader.Services, value);
            (await CachedPages.CachedAsync(client, CachedPages.Area)).ShouldNotContain(shown);

            var version = reader.Services.GetRequiredService<DataVersion>();
            var before = version.Current;

            await CachedPages.ImportAsync(writer, year, value);

            var clock = Stopwatch.StartNew();
            while (version.Current == before)
            {
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the other node never learnt of the write");
                await Task.Delay(5);
            }
            var learnt = clock.Elapsed;
            // Once the node has learnt of the write, no stale page is served: the very next request shows it, however
            // long rendering afresh takes on a busy machine.
            var page = await client.GetStringAsync(CachedPages.Area);
            output.WriteLine($"{(writer == _a ? "A→B" : "B→A")}: learnt of the write after {learnt.TotalMilliseconds:0} ms, showed it after {clock.Elapsed.TotalMilliseconds:0} ms");
            learnt.ShouldBeLessThan(TimeSpan.FromSeconds(1), "a node learns of another's write within a poll or two (250 ms each)");
            page.ShouldContain(shown);
        }
    }
}
