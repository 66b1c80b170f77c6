using System.Net;
using System.Text.Json;

namespace Observatory.Web.Tests.Evidence;

public sealed class EvidenceApiTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Search_answers_total_page_items_and_facets()
    {
        var json = await GetJson("/api/evidence?q=digital%20inclusion&pageSize=5");

        json.GetProperty("page").GetInt32().ShouldBe(1);
        json.GetProperty("pageSize").GetInt32().ShouldBe(5);
        json.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        var items = json.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetString()).ShouldContain("greater-manchester-digital-inclusion-taskforce");
        items.Select(i => i.GetProperty("id").GetString()).ShouldContain("leeds-croydon-digital-inclusion-toolkit");
        var first = items[0];
        foreach (var field in new[] { "id", "title", "kind", "places", "elements", "strength", "status", "year", "snippet", "url" })
        {
            first.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        first.GetProperty("url").GetString().ShouldBe("/evidence/" + first.GetProperty("id").GetString());
        first.GetProperty("snippet").GetString()!.ShouldContain("<mark>");
        var facets = json.GetProperty("facets");
        foreach (var facet in new[] { "elements", "places", "regions", "nations", "kinds", "strengths", "years" })
        {
            facets.GetProperty(facet).ValueKind.ShouldBe(JsonValueKind.Array, facet);
        }
        facets.GetProperty("kinds").EnumerateArray().Sum(k => k.GetProperty("count").GetInt32()).ShouldBe(json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_combine_and_repeat()
    {
        var food = await GetJson("/api/evidence?element=place-making/food&kind=policy-paper&kind=report");
        food.GetProperty("total").GetInt32().ShouldBe(6);
        var wales = await GetJson("/api/evidence?element=place-making/food&nation=Wales");
        wales.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldBe(["cardiff-food"]);
        // Table 1's six food plans, and the Amsterdam City Doughnut, whose outcomes name nutritious food.
        var both = await GetJson("/api/evidence?all=place-making/food&all=place-making/healthy");
        both.GetProperty("total").GetInt32().ShouldBe(7);
        var page2 = await GetJson("/api/evidence?page=2");
        page2.GetProperty("page").GetInt32().ShouldBe(2);
        page2.GetProperty("total").GetInt32().ShouldBe(134);
    }

    [Fact]
    public async Task Wigan_includes_its_neighbours_and_says_so()
    {
        var json = await GetJson("/api/evidence?q=Wigan");
        json.GetProperty("place").GetProperty("code").GetString().ShouldBe("E08000010");
        json.GetProperty("place").GetProperty("neighbours").EnumerateArray().Select(n => n.GetString()).ShouldContain("E08000001");
        var first = json.GetProperty("items").EnumerateArray().Take(2).ToList();
        first.ShouldAllBe(i => i.GetProperty("reason").GetString() == "On Wigan");
    }

    [Theory]
    [InlineData("/api/evidence?strength=9", "strength")]
    [InlineData("/api/evidence?page=0", "page")]
    [InlineData("/api/evidence?kind=podcast", "kind")]
    [InlineData("/api/evidence?element=not-an-element", "element")]
    [InlineData("/api/evidence?element=place-making/no-such", "element")]
    [InlineData("/api/evidence?place=ZZZ", "place")]
    [InlineData("/api/evidence?region=E08000010", "region")]
    [InlineData("/api/evidence?year=twenty", "year")]
    [InlineData("/api/evidence?pageSize=1000", "pageSize")]
    public async Task Bad_parameters_are_a_400_naming_the_parameter(string url, string parameter)
    {
        var problem = await GetJson(url, HttpStatusCode.BadRequest);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("errors").TryGetProperty(parameter, out _).ShouldBeTrue();
        problem.GetProperty("detail").GetString()!.ShouldStartWith(parameter + ":");
    }

    [Fact]
    public async Task One_item_has_every_field_and_an_unknown_one_is_not_found()
    {
        var item = await GetJson("/api/evidence/wigan-bewigan");
        item.GetProperty("id").GetString().ShouldBe("wigan-bewigan");
        item.GetProperty("places").EnumerateArray().Select(p => p.GetString()).ShouldContain("E08000010");
        item.GetProperty("state").GetString().ShouldBe("published");
        item.GetProperty("version").GetInt32().ShouldBe(1);
        foreach (var field in new[] { "title", "kind", "summary", "placeNames", "organisations", "links", "elements", "strength", "status", "source", "collection", "updated", "url" })
        {
            item.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        var missing = await GetJson("/api/evidence/no-such-item", HttpStatusCode.NotFound);
        missing.GetProperty("detail").GetString()!.ShouldContain("no-such-item");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_evidence_endpoints()
    {
        var document = await GetJson("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/evidence", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/evidence/{id}", out _).ShouldBeTrue();
    }
}
