using System.Diagnostics;
using Observatory.Testing;
using Xunit.Abstractions;

namespace Observatory.Web.Tests.Shell;

/// <summary>The real app whose SQL commands are counted per request.</summary>
public sealed class CountingAppFixture : IAsyncLifetime
{
    public CountingAppFactory App { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync() => Client = await App.ClientAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The pages residents and officers open most read what they show from models kept per data version, so each
/// issues a handful of queries (the signed-in actor, the page's own small reads) however many indicators or
/// councils it shows: a page that slips back to a query per row fails here.
/// </summary>
public sealed class QueryBudgetTests(CountingAppFixture fixture, ITestOutputHelper output) : IClassFixture<CountingAppFixture>
{
    /// <summary>The most any of these pages may issue once the read models are built.</summary>
    private const int Budget = 5;

    /// <summary>The 12 most-visited pages and API routes (issue 20).</summary>
    public static TheoryData<string> Pages =>
    [
        "/",
        "/areas/E08000010",
        "/areas/E08000010/portrait",
        "/indicators/claimant-count?areas=E08000010,E08000006",
        "/indicators/claimant-count",
        "/portraits/uk-council",
        "/evidence?q=digital",
        "/evidence/map",
        "/evidence/gaps",
        "/compare?council=E08000010&council=E08000006&council=E08000035",
        "/areas/E08000010/similar",
        "/api/indicators/claimant-count/data?area=E08000010",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_issues_a_handful_of_queries_once_its_read_models_are_built(string url)
    {
        var clock = Stopwatch.StartNew();
        var first = await fixture.App.Queries.GetAsync(fixture.Client, url);
        var firstMs = clock.ElapsedMilliseconds;
        clock.Restart();
        var again = await fixture.App.Queries.GetAsync(fixture.Client, url);

        output.WriteLine($"{url}: {first.Count} queries on the first request ({firstMs} ms), {again.Count} after ({clock.ElapsedMilliseconds} ms)");
        again.Count.ShouldBeLessThanOrEqualTo(Budget, $"{url} issued:\n{string.Join("\n---\n", again.Commands)}");
    }

    [Fact]
    public async Task Another_area_page_after_the_first_costs_no_more_than_the_budget()
    {
        // The first area page may build the models; a different council's first visit must not pay again.
        await fixture.App.Queries.GetAsync(fixture.Client, "/areas/E08000010");

        var clock = Stopwatch.StartNew();
        var other = await fixture.App.Queries.GetAsync(fixture.Client, "/areas/E06000001");

        output.WriteLine($"/areas/E06000001 after /areas/E08000010: {other.Count} queries ({clock.ElapsedMilliseconds} ms)");
        other.Count.ShouldBeLessThanOrEqualTo(Budget, string.Join("\n---\n", other.Commands));
    }
}
