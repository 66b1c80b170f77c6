using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Places;
using Observatory.Testing;

namespace Observatory.Web.Tests.Assessments;

/// <summary>
/// Published benchmarks over the API (JSON and CSV) and on their page. The release is published through the service
/// from generated contributions: 20 metropolitan districts, 15 London boroughs, 10 unitary authorities and 3 Welsh
/// councils, so Wales is too small to publish and England (all but the Welsh three) would give Wales away by difference.
/// </summary>
public sealed class BenchmarksTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static readonly SemaphoreSlim Publishing = new(1, 1);
    private static readonly Dictionary<WebAppFixture, BenchmarkReport> Published = [];

    private sealed class Generated(IReadOnlyList<BenchmarkContribution> contributions) : IBenchmarkContributions
    {
        public Task<IReadOnlyList<BenchmarkContribution>> ForAsync(string templateId, string period, CancellationToken ct) => Task.FromResult(contributions);
    }

    private HttpClient Client => fixture.Client;

    private async Task<BenchmarkReport> PublishedAsync()
    {
        await Publishing.WaitAsync();
        try
        {
            if (!Published.TryGetValue(fixture, out var report))
            {
                var places = fixture.App.Services.GetRequiredService<PlaceRegistry>();
                var template = fixture.App.Services.GetRequiredService<AssessmentCatalogue>().Find("dmag-2023")!;
                var codes = places.Councils.Where(c => c.Type == PlaceType.MetropolitanDistrict).Take(20)
                    .Concat(places.Councils.Where(c => c.Type == PlaceType.LondonBorough).Take(15))
                    .Concat(places.Councils.Where(c => c.Type == PlaceType.UnitaryAuthority && c.Nation == "England").Take(10))
                    .Concat(places.Councils.Where(c => c.Type == PlaceType.WelshPrincipalArea).Take(3)).Select(c => c.Code).ToList();
                var random = new Random(11);
                var contributions = codes.Select((code, i) => new BenchmarkContribution(5000 + i, [code],
                    template.Questions.ToDictionary(q => q.Id, _ => random.Next(1, 6)))).ToList();
                await using var scope = fixture.App.Services.CreateAsyncScope();
                report = (await scope.ServiceProvider.GetRequiredService<BenchmarkReleases>().PublishAsync("dmag-2023", "2026/27", new Generated(contributions))).ShouldSucceed();
                Published[fixture] = report;
            }
            return report;
        }
        finally
        {
            Publishing.Release();
        }
    }

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task The_api_gives_each_item_s_count_median_and_quartiles_and_never_a_mean()
    {
        var report = await PublishedAsync();

        var all = await GetJson("/api/benchmarks/dmag-2023?period=2026/27");

        all.GetProperty("template").GetString().ShouldBe("dmag-2023");
        all.GetProperty("period").GetString().ShouldBe("2026/27");
        all.GetProperty("group").GetString().ShouldBe("all");
        all.GetProperty("contributors").GetInt32().ShouldBe(48);
        all.GetProperty("publishedAt").GetDateTime().ToUniversalTime().ShouldBe(report.PublishedAt, TimeSpan.FromMilliseconds(1));
        var items = all.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(report.Statistics.Items.Count);
        var overall = items[0];
        overall.GetProperty("id").GetString().ShouldBe("overall");
        overall.GetProperty("count").GetInt32().ShouldBe(48);
        var expected = report.Statistics.Group("all")!.Figures[0].Distribution!;
        overall.GetProperty("median").GetDouble().ShouldBe(expected.Median);
        overall.GetProperty("lowerQuartile").GetDouble().ShouldBe(expected.LowerQuartile);
        overall.GetProperty("upperQuartile").GetDouble().ShouldBe(expected.UpperQuartile);
        items.Where(i => i.TryGetProperty("mean", out _) || i.TryGetProperty("suppressed", out _)).ShouldBeEmpty();
        items.Single(i => i.GetProperty("id").GetString() == "engaging-with-others-culture-1").GetProperty("kind").GetString().ShouldBe("question");
        // Without a period the latest release is read.
        (await GetJson("/api/benchmarks/dmag-2023")).GetProperty("period").GetString().ShouldBe("2026/27");
    }

    [Fact]
    public async Task A_small_group_and_the_group_that_would_give_it_away_are_suppressed_with_their_reasons()
    {
        await PublishedAsync();

        var wales = await GetJson("/api/benchmarks/dmag-2023?period=2026/27&group=nation-wales");
        var england = await GetJson("/api/benchmarks/dmag-2023?period=2026/27&group=nation-england");
        var london = await GetJson("/api/benchmarks/dmag-2023?period=2026/27&group=type-london-borough");

        wales.GetProperty("contributors").ValueKind.ShouldBe(JsonValueKind.Null);
        wales.GetProperty("suppressed").GetString().ShouldBe("fewer-than-5-contributors");
        wales.GetProperty("items").EnumerateArray().Where(i => !i.GetProperty("suppressed").GetBoolean()
            || i.GetProperty("reason").GetString() != "fewer-than-5-contributors" || i.TryGetProperty("median", out _) || i.TryGetProperty("count", out _)).ShouldBeEmpty();
        england.GetProperty("suppressed").GetString().ShouldBe("could-be-worked-out-by-difference");
        england.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("reason").GetString() == "could-be-worked-out-by-difference");
        london.GetProperty("contributors").GetInt32().ShouldBe(15);
        london.GetProperty("items")[0].GetProperty("count").GetInt32().ShouldBe(15);
    }

    [Fact]
    public async Task The_figures_come_as_csv_when_asked_by_header_or_by_format()
    {
        var report = await PublishedAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/benchmarks/dmag-2023?period=2026/27&group=nation-wales");
        request.Headers.Accept.ParseAdd("text/csv");
        using var byHeader = await Client.SendAsync(request);
        var csv = await Client.GetStringAsync("/api/benchmarks/dmag-2023?period=2026/27&format=csv");

        byHeader.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("template,period,group,item,kind,count,median,lower_quartile,upper_quartile,suppressed,reason");
        lines.Length.ShouldBe(report.Statistics.Items.Count + 1);
        lines[1].ShouldStartWith("dmag-2023,2026/27,all,overall,overall,48,");
        var walesLines = (await byHeader.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        walesLines.Skip(1).ShouldAllBe(l => l.EndsWith(",true,fewer-than-5-contributors"));
    }

    [Fact]
    public async Task No_release_is_a_404_and_an_unknown_group_a_400_naming_the_groups()
    {
        await PublishedAsync();

        var none = await GetJson("/api/benchmarks/digital-maturity", HttpStatusCode.NotFound);
        var unknownTemplate = await GetJson("/api/benchmarks/no-such-template", HttpStatusCode.NotFound);
        var otherPeriod = await GetJson("/api/benchmarks/dmag-2023?period=1999/00", HttpStatusCode.NotFound);
        var badGroup = await GetJson("/api/benchmarks/dmag-2023?group=my-friends", HttpStatusCode.BadRequest);

        none.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("No benchmark has been published");
        unknownTemplate.GetProperty("status").GetInt32().ShouldBe(404);
        otherPeriod.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("1999/00");
        badGroup.GetProperty("errors").GetProperty("group")[0].GetString().ShouldNotBeNull().ShouldContain("type-london-borough");
    }

    [Fact]
    public async Task The_page_says_when_the_release_was_made_and_shows_a_chart_with_a_table()
    {
        var report = await PublishedAsync();

        var doc = new HtmlParser().ParseDocument(await Client.GetStringAsync("/assessments/dmag-2023/benchmarks"));

        var text = doc.Body!.TextContent.Normalised();
        text.ShouldContain($"Published on {report.PublishedAt:d MMMM yyyy}");
        text.ShouldContain("48 organisations in this group");
        doc.QuerySelector("figure svg[role=img]").ShouldNotBeNull().QuerySelector("title").ShouldNotBeNull();
        doc.QuerySelector("figure figcaption")!.TextContent.ShouldContain("median");
        var rows = doc.QuerySelectorAll("table tbody tr");
        rows.Length.ShouldBe(report.Statistics.Items.Count);
        rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).First().ShouldBe("48");
        doc.QuerySelectorAll("select#group option").Length.ShouldBe(fixture.App.Services.GetRequiredService<PeerGroupDirectory>().Groups.Count);
        doc.QuerySelector("a[href*='format=csv']").ShouldNotBeNull();
        doc.QuerySelectorAll("th").ShouldNotContain(th => th.TextContent.Contains("Mean") || th.TextContent.Contains("Rank"));
    }

    [Fact]
    public async Task The_page_says_what_is_suppressed_and_why_and_when_nothing_is_published()
    {
        await PublishedAsync();

        var wales = (await Client.GetStringAsync("/assessments/dmag-2023/benchmarks?group=nation-wales")).ParseHtml().Body!.TextContent.Normalised();
        var england = (await Client.GetStringAsync("/assessments/dmag-2023/benchmarks?group=nation-england")).ParseHtml().Body!.TextContent.Normalised();
        var none = (await Client.GetStringAsync("/assessments/digital-maturity/benchmarks")).ParseHtml().Body!.TextContent.Normalised();
        using var unknown = await Client.GetAsync("/assessments/no-such-template/benchmarks");

        wales.ShouldContain("Nothing is published for this group. Fewer than 5 organisations contributed");
        england.ShouldContain("cannot be worked out by comparing this group with another");
        none.ShouldContain("No benchmark has been published for this template yet");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
