using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Testing;

namespace Observatory.Web.Tests.Evidence;

/// <summary>GET /api/evidence/export: the published items as CSV, JSON and schema.org JSON-LD, with the list's filters.</summary>
public sealed class EvidenceExportTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private ShippedEvidence Shipped => fixture.App.Services.GetRequiredService<ShippedEvidence>();

    [Fact]
    public async Task Csv_has_a_header_and_one_row_per_published_item_as_an_attachment()
    {
        using var response = await Client.GetAsync("/api/evidence/export?format=csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe("evidence.csv");
        var records = TestCsv.ReadRecords(await response.Content.ReadAsStringAsync()).ToList();
        records[0].ShouldBe(EvidenceExports.CsvHeader);
        records.Count.ShouldBe(Shipped.Items.Count + 1);
        var wigan = records.Single(r => r[0] == "wigan-bewigan");
        var item = Shipped.Items.Single(i => i.Id == "wigan-bewigan");
        wigan[EvidenceExports.CsvHeader.ToList().IndexOf("elements")].ShouldBe(string.Join("; ", item.Elements));
        wigan[EvidenceExports.CsvHeader.ToList().IndexOf("places")].ShouldBe(string.Join("; ", item.Places));
        wigan[^1].ShouldBe("http://localhost/evidence/wigan-bewigan");
    }

    [Fact]
    public async Task Json_is_an_array_of_full_items_in_the_data_formats_shape()
    {
        using var response = await Client.GetAsync("/api/evidence/export?format=json");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("evidence.json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetArrayLength().ShouldBe(Shipped.Items.Count);
        var wigan = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "wigan-bewigan");
        wigan.GetProperty("kind").GetString().ShouldBe("case-study");
        wigan.GetProperty("elements").EnumerateArray().Select(e => e.GetString()).ShouldBe(Shipped.Items.Single(i => i.Id == "wigan-bewigan").Elements.Select(e => e.ToString()));
        wigan.GetProperty("url").GetString().ShouldBe("http://localhost/evidence/wigan-bewigan");
    }

    [Fact]
    public async Task Json_ld_is_a_schema_org_graph_of_every_item()
    {
        using var response = await Client.GetAsync("/api/evidence/export?format=jsonld");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/ld+json");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("evidence.jsonld");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("@context").GetString().ShouldBe("https://schema.org");
        var graph = json.RootElement.GetProperty("@graph");
        graph.GetArrayLength().ShouldBe(Shipped.Items.Count);
        var wigan = graph.EnumerateArray().Single(e => e.GetProperty("identifier").GetString() == "wigan-bewigan");
        wigan.GetProperty("@type").GetString().ShouldBe("Article");
        wigan.GetProperty("name").GetString().ShouldBe(Shipped.Items.Single(i => i.Id == "wigan-bewigan").Title);
        var about = wigan.GetProperty("about").EnumerateArray().ToList();
        about.ShouldContain(a => a.GetProperty("@type").GetString() == "Place" && a.GetProperty("identifier").GetString() == "E08000010" && a.GetProperty("name").GetString() == "Wigan");
        about.ShouldContain(a => a.GetProperty("@type").GetString() == "DefinedTerm" && a.GetProperty("inDefinedTermSet").GetProperty("identifier").GetString() == "place-making");
        wigan.GetProperty("author").EnumerateArray().ShouldAllBe(a => a.GetProperty("@type").GetString() == "Organization");
        wigan.GetProperty("citation").EnumerateArray().First().GetProperty("name").GetString().ShouldStartWith("Socitm");
        foreach (var anonymous in graph.EnumerateArray().Where(e => Shipped.Items.Single(i => i.Id == e.GetProperty("identifier").GetString()).Anonymous))
        {
            anonymous.TryGetProperty("author", out _).ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData("element=place-making/food")]
    [InlineData("element=place-making/food&element=four-rs/reset")]
    [InlineData("all=four-rs/reset&all=four-rs/renew")]
    [InlineData("place=E08000010&kind=case-study")]
    [InlineData("strength=2")]
    [InlineData("year=2021&nation=england")]
    [InlineData("region=E12000002")]
    [InlineData("region=W92000004")]
    [InlineData("region=S92000003&kind=case-study")]
    public async Task Filters_give_the_items_the_list_gives(string query)
    {
        using var response = await Client.GetAsync($"/api/evidence/export?format=json&{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var ids = json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order().ToList();
        var listed = await ListedAsync(query);
        ids.ShouldBe(listed, query);
        listed.ShouldNotBeEmpty(query);
    }

    /// <summary>Every item /api/evidence gives for the same filters, page by page.</summary>
    private async Task<List<string>> ListedAsync(string query)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            using var json = JsonDocument.Parse(await Client.GetStringAsync($"/api/evidence?{query}&pageSize=100&page={page}"));
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
            ids.AddRange(items);
            if (ids.Count >= json.RootElement.GetProperty("total").GetInt32() || items.Count == 0)
            {
                return [.. ids.Order()];
            }
        }
    }

    [Theory]
    [InlineData("format=pdf", "format")]
    [InlineData("format=csv&element=food", "element")]
    [InlineData("format=csv&element=place-making/no-such-element", "element")]
    [InlineData("format=csv&all=nope/nope", "all")]
    [InlineData("format=csv&place=E99999999", "place")]
    [InlineData("format=csv&region=E08000010", "region")]
    [InlineData("format=csv&nation=Mercia", "nation")]
    [InlineData("format=csv&kind=novel", "kind")]
    [InlineData("format=csv&strength=9", "strength")]
    [InlineData("format=csv&strength=two", "strength")]
    [InlineData("format=csv&year=1066", "year")]
    [InlineData("format=csv&q=food", "q")]
    [InlineData("format=csv&page=2", "page")]
    [InlineData("format=csv&pageSize=10", "pageSize")]
    public async Task A_bad_parameter_is_refused_with_problem_details_that_name_it(string query, string parameter)
    {
        using var response = await Client.GetAsync($"/api/evidence/export?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("detail").GetString()!.ShouldStartWith(parameter + ": ");
        json.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([parameter]);
    }
}
