using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Places;
using Observatory.Web.Features.Areas;
using Observatory.Web.Features.Shared;

namespace Observatory.Web.Tests.Areas;

public sealed class AreasApiTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
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

    private async Task<(HttpResponseMessage Response, string Body)> GetCsv(string url, bool viaAccept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (viaAccept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        }
        var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        return (response, body);
    }

    [Fact]
    public async Task Lists_the_current_councils_by_default_with_code_name_type_nation_and_region()
    {
        var list = (await GetJson("/api/areas")).EnumerateArray().ToList();

        list.Count.ShouldBe(361);
        list.Select(a => a.GetProperty("code").GetString()).ShouldBe(Places.Councils.Select(c => c.Code), ignoreOrder: true);
        var wigan = list.Single(a => a.GetProperty("code").GetString() == "E08000010");
        wigan.GetProperty("name").GetString().ShouldBe("Wigan");
        wigan.GetProperty("type").GetString().ShouldBe("metropolitan-district");
        wigan.GetProperty("nation").GetString().ShouldBe("England");
        wigan.GetProperty("region").GetString().ShouldBe("North West");
    }

    [Fact]
    public async Task Filters_by_words_nation_and_type()
    {
        (await GetJson("/api/areas?nation=Wales")).GetArrayLength().ShouldBe(22);
        (await GetJson("/api/areas?q=Wigan")).EnumerateArray().First().GetProperty("code").GetString().ShouldBe("E08000010");
        var boroughs = (await GetJson("/api/areas?type=london-borough")).EnumerateArray().ToList();
        boroughs.Count.ShouldBe(33);
        boroughs.ShouldAllBe(b => b.GetProperty("type").GetString() == "london-borough");
    }

    [Fact]
    public async Task An_unknown_type_or_nation_is_a_bad_request_saying_why()
    {
        var problem = await GetJson("/api/areas?type=parish", HttpStatusCode.BadRequest);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("detail").GetString()!.ShouldContain("'parish' is not a type of area");
        problem.GetProperty("detail").GetString()!.ShouldContain("london-borough");

        (await GetJson("/api/areas?nation=Atlantis", HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!.ShouldContain("Atlantis");
    }

    [Fact]
    public async Task An_area_comes_with_its_parents_nearest_first_dates_and_population()
    {
        var json = await GetJson("/api/areas/E08000010");

        json.GetProperty("code").GetString().ShouldBe("E08000010");
        json.GetProperty("type").GetString().ShouldBe("metropolitan-district");
        json.GetProperty("region").GetString().ShouldBe("North West");
        json.GetProperty("parents").EnumerateArray().Select(p => p.GetProperty("code").GetString())
            .ShouldBe(Places.ParentsOf("E08000010").Select(p => p.Code));
        json.GetProperty("parents")[0].GetProperty("type").GetString().ShouldBe("combined-authority");
        json.GetProperty("successor").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("predecessors").GetArrayLength().ShouldBe(0);
        json.GetProperty("population").GetInt64().ShouldBeGreaterThan(300_000);
        json.GetProperty("start").GetString().ShouldBe("1974-04-01");
    }

    [Fact]
    public async Task A_recoded_area_names_its_successor_and_the_successor_its_predecessor()
    {
        var old = await GetJson("/api/areas/E08000016");
        old.GetProperty("current").GetBoolean().ShouldBeFalse();
        old.GetProperty("successor").GetProperty("code").GetString().ShouldBe("E08000038");
        old.GetProperty("successor").GetProperty("name").GetString().ShouldBe("Barnsley");
        old.GetProperty("end").GetString().ShouldNotBeNullOrEmpty();

        var current = await GetJson("/api/areas/E08000038");
        current.GetProperty("predecessors").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ShouldBe(["E08000016"]);
    }

    [Fact]
    public async Task An_unknown_area_is_not_found_in_problem_details()
    {
        var problem = await GetJson("/api/areas/E99999999", HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString()!.ShouldContain("E99999999");

        (await GetJson("/api/areas/E99999999/related/parents", HttpStatusCode.NotFound)).GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task Related_areas_are_parents_children_siblings_or_neighbours()
    {
        var parents = (await GetJson("/api/areas/E08000010/related/parents")).EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        parents.ShouldBe(Places.ParentsOf("E08000010").Select(p => p.Code));

        var children = (await GetJson("/api/areas/E47000001/related/children")).EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        children.ShouldContain("E08000010");

        var siblings = (await GetJson("/api/areas/E08000010/related/siblings")).EnumerateArray().ToList();
        siblings.Select(s => s.GetProperty("code").GetString()).ShouldContain("E08000009");
        siblings.ShouldAllBe(s => s.GetProperty("type").GetString() == "metropolitan-district");

        var neighbours = (await GetJson("/api/areas/E08000010/related/neighbours")).EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        neighbours.ShouldContain("E08000006");
        neighbours.ShouldNotContain("E08000010");

        var barnsley = (await GetJson("/api/areas/E08000038/related/neighbours")).EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        barnsley.ShouldContain("E08000039", "Sheffield, under its current code, though the boundaries use E08000019");
    }

    [Fact]
    public async Task Another_relation_word_is_a_bad_request()
    {
        var problem = await GetJson("/api/areas/E08000010/related/cousins", HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString()!.ShouldContain("neighbours");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_list_comes_as_CSV_by_Accept_header_or_by_csv_path(bool viaAccept)
    {
        var (response, body) = await GetCsv(viaAccept ? "/api/areas?nation=Wales" : "/api/areas.csv?nation=Wales", viaAccept);

        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("code,name,type,nation,region,region_code");
        lines.Length.ShouldBe(1 + 22);
        lines.ShouldContain("W06000015,Cardiff,welsh-principal-area,Wales,Wales,W92000004");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("areas.csv");
        response.Dispose();
    }

    [Fact]
    public async Task Names_with_commas_are_quoted_in_CSV()
    {
        var (response, body) = await GetCsv("/api/areas.csv?type=unitary-authority", viaAccept: false);
        response.Dispose();

        var hull = Places.Councils.Single(c => c.Code == "E06000010");
        body.ShouldContain(hull.Name.Contains(',', StringComparison.Ordinal) ? $"E06000010,\"{hull.Name}\"," : $"E06000010,{hull.Name},");
    }

    [Theory]
    [InlineData("/api/areas/E08000010.csv", false)]
    [InlineData("/api/areas/E08000010", true)]
    public async Task An_area_comes_as_CSV(string url, bool viaAccept)
    {
        var (response, body) = await GetCsv(url, viaAccept);
        response.Dispose();

        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines[1].ShouldStartWith("E08000010,Wigan,metropolitan-district,England,North West,E12000002,");
    }

    [Fact]
    public async Task Related_areas_come_as_CSV()
    {
        var (response, body) = await GetCsv("/api/areas/E08000010/related/neighbours.csv", viaAccept: false);
        response.Dispose();

        body.ShouldStartWith("code,name,type\r\n");
        body.ShouldContain("E08000006,Salford,metropolitan-district\r\n");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_areas_endpoints()
    {
        var doc = await Client.GetStringAsync("/openapi/v1.json");

        doc.ShouldContain("/api/areas/{code}/related/{relation}");
        doc.ShouldContain("/api/areas.csv");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Kingston upon Hull, City of", "\"Kingston upon Hull, City of\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void CSV_fields_are_quoted_as_RFC_4180_says(string? value, string expected) => Content.CsvWriter.Field(value).ShouldBe(expected);

    [Fact]
    public void A_CSV_document_has_a_header_and_CRLF_line_ends()
    {
        var csv = CsvResults.Write([(Code: "A", Name: "x, y")], [new CsvResults.Column<(string Code, string Name)>("code", r => r.Code), new("name", r => r.Name)]);

        csv.ShouldBe("code,name\r\nA,\"x, y\"\r\n");
    }
}
