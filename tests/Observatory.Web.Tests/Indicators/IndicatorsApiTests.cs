using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Web.Tests.Indicators;

public sealed class IndicatorsApiTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private IndicatorCatalogue Catalogue => fixture.App.Services.GetRequiredService<IndicatorCatalogue>();

    private async Task<JsonElement> GetJson(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Lists_every_indicator_with_its_unit_polarity_topic_dataset_and_latest_period()
    {
        var list = await GetJson("/api/indicators");

        list.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldBe(Catalogue.Indicators.Select(i => i.Id));
        var claimant = list.EnumerateArray().Single(i => i.GetProperty("id").GetString() == "claimant-count");
        claimant.GetProperty("name").GetString().ShouldBe("Claimant Count");
        claimant.GetProperty("unit").GetString().ShouldBe("%");
        claimant.GetProperty("polarity").GetString().ShouldBe("lower-is-better");
        claimant.GetProperty("topic").GetString().ShouldBe("Economy");
        claimant.GetProperty("dataset").GetString().ShouldBe("claimant-count");
        var places = fixture.App.Services.GetRequiredService<PlaceRegistry>();
        claimant.GetProperty("latestPeriod").GetString().ShouldBe(ShippedCsv.LatestCouncilPeriod(ShippedCsv.ReadEls("ons_els/claimant-count/claimant-count.csv"), places));
    }

    [Fact]
    public async Task An_indicator_comes_with_its_metadata()
    {
        var json = await GetJson("/api/indicators/claimant-count");
        var indicator = Catalogue.Find("claimant-count")!;

        json.GetProperty("description").GetString().ShouldBe(indicator.Description);
        json.GetProperty("polarityReason").GetString().ShouldBe(indicator.PolarityReason);
        json.GetProperty("periodFormat").GetString().ShouldBe("year");
        json.GetProperty("dataset").GetProperty("licence").GetString().ShouldBe("OGL-3.0");
        json.GetProperty("evidences").EnumerateArray().Select(e => e.GetProperty("element").GetString()).ShouldBe(indicator.Evidences.Select(e => e.ToString()));
        json.GetProperty("evidences")[0].GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
        json.GetProperty("periods").EnumerateArray().Select(p => p.GetString()).ShouldContain("2001-01-01/P1Y");
        json.GetProperty("councilsWithData").GetInt32().ShouldBeGreaterThan(300);
    }

    [Fact]
    public async Task Data_can_be_filtered_by_areas_and_period()
    {
        var golden = ShippedCsv.ReadEls("ons_els/claimant-count/claimant-count.csv").Single(r => r.Code == "E08000010" && r.Period == "2020-01-01/P1Y");

        var data = await GetJson("/api/indicators/claimant-count/data?area=E08000010,E92000001&period=2020-01-01/P1Y");

        data.EnumerateArray().Select(p => p.GetProperty("area").GetString()).Order().ShouldBe(["E08000010", "E92000001"]);
        var wigan = data.EnumerateArray().Single(p => p.GetProperty("area").GetString() == "E08000010");
        wigan.GetProperty("period").GetString().ShouldBe("2020-01-01/P1Y");
        wigan.GetProperty("value").GetDouble().ShouldBe(golden.Value!.Value);
        foreach (var key in new[] { "lci95", "uci95", "status" })
        {
            wigan.TryGetProperty(key, out _).ShouldBeTrue(key);
        }
    }

    [Theory]
    [InlineData("/api/indicators/claimant-count/data?area=E08000010")]
    [InlineData("/api/indicators/claimant-count/data.csv?area=E08000010")]
    public async Task Data_comes_as_csv_when_asked_for(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("area,indicator,period,value,lci95,uci95,status,note");
        lines.Skip(1).ShouldAllBe(l => l.StartsWith("E08000010,claimant-count,", StringComparison.Ordinal));
        lines.Length.ShouldBeGreaterThan(20);
    }

    [Theory]
    [InlineData("els", "text/csv", "areacd,areanm,geography,indicator,period,observation")]
    [InlineData("opensdg", "text/csv", "Year,")]
    [InlineData("csvw", "application/csvm+json", "{")]
    public async Task Exports_come_in_each_format(string format, string mediaType, string start)
    {
        using var response = await Client.GetAsync($"/api/indicators/claimant-count/export?format={format}");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        body.ShouldStartWith(start);
        if (format == "csvw")
        {
            JsonDocument.Parse(body).RootElement.GetProperty("url").GetString().ShouldEndWith("/api/indicators/claimant-count/export?format=els");
        }
    }

    [Theory]
    [InlineData("/api/indicators/no-such", HttpStatusCode.NotFound, "There is no indicator 'no-such'.")]
    [InlineData("/api/indicators/no-such/data", HttpStatusCode.NotFound, "There is no indicator 'no-such'.")]
    [InlineData("/api/indicators/claimant-count/data?period=last-year", HttpStatusCode.BadRequest, "'last-year' is not a period")]
    [InlineData("/api/indicators/claimant-count/data?area=NOWHERE", HttpStatusCode.BadRequest, "'NOWHERE' is not an area code")]
    [InlineData("/api/indicators/claimant-count/export?format=pdf", HttpStatusCode.BadRequest, "'pdf' is not an export format")]
    [InlineData("/api/imports/999999", HttpStatusCode.NotFound, "There is no import 999999.")]
    public async Task Errors_are_problem_details_that_say_what_is_wrong(string url, HttpStatusCode status, string detail)
    {
        using var response = await Client.GetAsync(url);

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        json.GetProperty("status").GetInt32().ShouldBe((int)status);
        json.GetProperty("detail").GetString()!.ShouldContain(detail);
    }

    [Fact]
    public async Task Imports_list_the_shipped_data_and_each_import_names_its_file_and_hash()
    {
        var list = await GetJson("/api/imports");

        list.GetArrayLength().ShouldBeGreaterThan(0);
        var claimant = list.EnumerateArray().Single(i => i.GetProperty("fileName").GetString() == "claimant-count.csv");
        claimant.GetProperty("source").GetString().ShouldBe("shipped");
        claimant.GetProperty("format").GetString().ShouldBe("els");
        claimant.GetProperty("indicators").EnumerateArray().Select(i => i.GetString()).ShouldBe(["claimant-count"]);
        claimant.GetProperty("added").GetInt64().ShouldBeGreaterThan(0);

        var one = await GetJson($"/api/imports/{claimant.GetProperty("id").GetInt64()}");
        one.GetProperty("fileHash").GetString()!.Length.ShouldBe(64);
        one.GetProperty("rowsRead").GetInt64().ShouldBe(claimant.GetProperty("rowsRead").GetInt64());
    }
}
