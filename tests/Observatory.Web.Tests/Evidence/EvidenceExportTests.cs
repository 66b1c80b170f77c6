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
    [InlineData("all=place-making/food&all=four-rs/reset")]
    [InlineData("place=E08000010&kind=case-study")]
    [InlineData("strength=2")]
    [InlineData("year=2021&nation=england")]
    [InlineData("region=E12000002")]
    public async Task Filters_combine_as_the_list_does(string query)
    {
        using var response = await Client.GetAsync($"/api/evidence/export?format=json&{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var ids = json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).Order().ToList();
        ids.ShouldBe(Shipped.Items.Where(i => Matches(i, query)).Select(i => i.Id).Order());
    }

    private bool Matches(EvidenceItem item, string query)
    {
        var places = fixture.App.Services.GetRequiredService<Places.PlaceRegistry>();
        var parts = query.Split('&').Select(p => p.Split('=')).GroupBy(p => p[0], p => p[1]).ToDictionary(g => g.Key, g => g.ToList());
        bool Has(string text) => ElementRef.TryParse(text, out var r) && item.Elements.Contains(r);
        return (!parts.TryGetValue("element", out var any) || any.Any(Has))
            && (!parts.TryGetValue("all", out var all) || all.All(Has))
            && (!parts.TryGetValue("place", out var codes) || codes.Any(item.Places.Contains))
            && (!parts.TryGetValue("kind", out var kinds) || kinds.Contains(EvidenceSpellings.Of(item.Kind)))
            && (!parts.TryGetValue("strength", out var strength) || item.Strength >= int.Parse(strength[0], System.Globalization.CultureInfo.InvariantCulture))
            && (!parts.TryGetValue("year", out var year) || item.Year == int.Parse(year[0], System.Globalization.CultureInfo.InvariantCulture))
            && (!parts.TryGetValue("nation", out _) || item.Places.Any(c => places.Find(c)?.Nation == "England"))
            && (!parts.TryGetValue("region", out var region) || item.Places.Any(c => c == region[0] || places.Find(c)?.RegionCode == region[0]));
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
    public async Task A_bad_parameter_is_refused_with_problem_details_that_name_it(string query, string parameter)
    {
        using var response = await Client.GetAsync($"/api/evidence/export?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("detail").GetString()!.ShouldStartWith(parameter + " ");
    }
}
