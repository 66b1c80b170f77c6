using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Places;
using Observatory.Testing;

namespace Observatory.Web.Tests.Indices;

public sealed class IndicesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private PlaceRegistry Places => fixture.App.Services.GetRequiredService<PlaceRegistry>();

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> GetCsv(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        return body;
    }

    [Fact]
    public async Task The_indices_page_lists_each_index_with_its_method()
    {
        var page = await Client.GetHtmlAsync("/indices");

        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Composite indices");
        var links = page.QuerySelectorAll("main h2 a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain("/indices/local-digital-capital");
        links.ShouldContain("/indices/thriving-places");
        page.Body!.TextContent.ShouldContain("clamp(5 + k·z, 0, 10) with k = 2");
        page.QuerySelector(".govuk-service-navigation__item--active a, .govuk-service-navigation__item--active")!.TextContent.Normalised().ShouldContain("Indices");
    }

    [Fact]
    public async Task An_index_page_scores_every_council_with_a_map_and_shows_the_domains_without_data()
    {
        var page = await Client.GetHtmlAsync("/indices/local-digital-capital");

        var tables = page.QuerySelectorAll("table");
        var scores = tables[^1];
        scores.QuerySelectorAll("tbody tr").Length.ShouldBe(Places.Councils.Count);
        page.QuerySelector("#index-map, svg")!.ShouldNotBeNull();
        var domains = tables[0].TextContent.Normalised();
        foreach (var name in new[] { "Data ecosystems", "Finance and investment", "Research and innovation", "Trade support", "Collaboration and coordination" })
        {
            domains.ShouldContain(name);
        }
        tables[0].QuerySelectorAll(".govuk-tag").Length.ShouldBe(5);
        page.Body!.TextContent.ShouldContain("At least 2 of 8 domains, otherwise no score");
        scores.QuerySelector("tbody a")!.GetAttribute("href")!.ShouldStartWith("/indices/local-digital-capital/");
    }

    [Fact]
    public async Task An_area_page_explains_its_score_indicator_by_indicator()
    {
        var page = await Client.GetHtmlAsync("/indices/thriving-places/E08000010");

        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Wigan");
        var explanation = page.QuerySelectorAll("table")[^1];
        explanation.QuerySelectorAll("thead th").Select(h => h.TextContent.Normalised())
            .ShouldBe(["Indicator", "Domain", "Value", "Scaled", "Average scaled", "Share of score", "Contribution"]);
        explanation.QuerySelectorAll("tbody tr").Length.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Unknown_indices_and_areas_are_not_found()
    {
        (await Client.GetAsync("/indices/no-such-index")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.GetAsync("/indices/local-digital-capital/E99999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.GetAsync("/areas/E99999999/similar")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_similar_areas_page_lists_k_councils_with_match_scores_and_the_indicators_used()
    {
        var page = await Client.GetHtmlAsync("/areas/E08000010/similar?k=5");

        var tables = page.QuerySelectorAll("table");
        tables[0].QuerySelectorAll("tbody tr").Length.ShouldBe(5);
        tables[0].QuerySelectorAll("thead th").Select(h => h.TextContent.Normalised()).ShouldBe(["Rank", "Council", "Match score", "Distance"]);
        // The values behind the matches (this council and its 5) come before the indicators used.
        tables[1].QuerySelectorAll("tbody tr").Length.ShouldBe(6);
        tables[^1].QuerySelectorAll("tbody tr").Length.ShouldBe(9);
        page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("/areas/E08000010/similar?set=ons-global&k=20");

        var ons = await Client.GetHtmlAsync("/areas/E08000010/similar?set=ons-global&k=20");
        ons.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Length.ShouldBe(20);

        var area = await Client.GetHtmlAsync("/areas/E08000010");
        area.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain("/areas/E08000010/similar");
    }

    [Fact]
    public async Task A_bad_k_on_the_page_is_a_400_with_an_error_summary()
    {
        using var response = await Client.GetAsync("/areas/E08000010/similar?k=99");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("govuk-error-summary");
    }

    [Fact]
    public async Task The_api_lists_the_indices_with_their_domains()
    {
        var json = await GetJson("/api/indices");

        var ldc = json.EnumerateArray().Single(i => i.GetProperty("id").GetString() == "local-digital-capital");
        ldc.GetProperty("normalisation").GetString().ShouldBe("min-max");
        ldc.GetProperty("domains").GetArrayLength().ShouldBe(8);
        ldc.GetProperty("minimumCoverage").GetInt32().ShouldBe(2);
        var tpi = json.EnumerateArray().Single(i => i.GetProperty("id").GetString() == "thriving-places");
        tpi.GetProperty("k").GetDouble().ShouldBe(2);
    }

    [Fact]
    public async Task The_api_gives_every_councils_score_domains_and_coverage()
    {
        var json = await GetJson("/api/indices/local-digital-capital/scores");

        json.GetArrayLength().ShouldBe(Places.Councils.Count);
        var first = json[0];
        first.GetProperty("area").GetString().ShouldBe(Places.Councils[0].Code);
        first.GetProperty("domains").GetProperty("data-ecosystems").ValueKind.ShouldBe(JsonValueKind.Null);
        first.GetProperty("coverage").GetProperty("domains").GetInt32().ShouldBe(8);
        json.EnumerateArray().Count(s => s.GetProperty("score").ValueKind == JsonValueKind.Number).ShouldBeGreaterThan(350);

        (await GetJson("/api/indices/local-digital-capital/scores?period=2024-01-01/P1Y")).GetArrayLength().ShouldBe(Places.Councils.Count);
        await GetJson("/api/indices/local-digital-capital/scores?period=soon", HttpStatusCode.BadRequest);
        await GetJson("/api/indices/nothing/scores", HttpStatusCode.NotFound);

        var csv = await GetCsv("/api/indices/local-digital-capital/scores");
        csv.Split("\r\n")[0].ShouldStartWith("area,name,score,digital-skills,");
    }

    [Fact]
    public async Task The_api_gives_similar_councils_and_checks_k_and_the_code()
    {
        var json = await GetJson("/api/areas/E08000010/similar?k=7");

        json.GetArrayLength().ShouldBe(7);
        json.EnumerateArray().ShouldAllBe(n => n.GetProperty("code").GetString() != "E08000010");
        json[0].GetProperty("score").GetDouble().ShouldBeGreaterThan(json[6].GetProperty("score").GetDouble());
        json[0].TryGetProperty("distance", out _).ShouldBeTrue();
        json[0].TryGetProperty("name", out _).ShouldBeTrue();

        (await GetJson("/api/areas/E08000010/similar?set=ons-economic&k=20")).GetArrayLength().ShouldBe(20);
        await GetJson("/api/areas/E08000010/similar?k=0", HttpStatusCode.BadRequest);
        await GetJson("/api/areas/E08000010/similar?k=51", HttpStatusCode.BadRequest);
        await GetJson("/api/areas/E99999999/similar", HttpStatusCode.NotFound);
        await GetJson("/api/areas/E08000010/similar?set=nope", HttpStatusCode.BadRequest);
        (await GetCsv("/api/areas/E08000010/similar?k=3")).Split("\r\n")[0].ShouldBe("rank,code,name,score,distance");
    }
}
