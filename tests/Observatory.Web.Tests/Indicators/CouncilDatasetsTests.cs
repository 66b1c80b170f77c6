using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Places;
using Observatory.Testing;

namespace Observatory.Web.Tests.Indicators;

/// <summary>
/// The council datasets shipped in data/indicators/council (recycling, energy use, energy certificates, plug-in
/// vehicles, renewable generation, the English indices of deprivation 2025): rows drawn at random from each shipped
/// file, read with the tests' own CSV reader, must be what the API serves after the product's importer seeded them.
/// </summary>
public sealed class CouncilDatasetsTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string, string, int> Datasets => new()
    {
        // file, an indicator it holds, the fewest councils its latest period must cover (the PROVENANCE counts, less a margin for counties)
        // Its latest year, 2024/25, is published so far by Wales and Northern Ireland only (33 councils).
        { "council/household-recycling-rate.csv", "household-recycling-rate", 30 },
        { "council/domestic-electricity-per-meter.csv", "domestic-electricity-per-meter", 350 },
        { "council/domestic-gas-per-meter.csv", "domestic-gas-per-meter", 340 },
        { "council/epc-rated-a-to-c.csv", "epc-rated-a-to-c", 310 },
        { "council/plug-in-vehicle-share.csv", "plug-in-vehicle-share", 350 },
        { "council/renewable-electricity-generation.csv", "renewable-electricity-generation", 350 },
        { "council/iod2025.csv", "iod2025-income-deprivation", 290 },
    };

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task Random_published_rows_are_what_the_api_serves(string file, string indicator, int fewestCouncils)
    {
        var rows = TestCsv.ReadRows(Path.Combine(DataFolder.Locate().Combine("indicators"), file)).ToList();
        rows.ShouldNotBeEmpty();
        // A fresh seed each run, written into every failure message, so over many runs every row gets checked and a
        // failing row can be found again.
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        foreach (var row in Enumerable.Range(0, 8).Select(_ => rows[random.Next(rows.Count)]))
        {
            var (area, id, period) = (row["area"], row["indicator"], row["period"]);
            // A row published under a former code (Barnsley's E08000016) is stored under the council's code now.
            area = fixture.App.Services.GetRequiredService<PlaceRegistry>().RecodedTo(area) ?? area;
            var published = double.Parse(row["value"], CultureInfo.InvariantCulture);

            var data = await GetJson($"/api/indicators/{id}/data?area={area}&period={Uri.EscapeDataString(period)}");

            var served = data.EnumerateArray().ShouldHaveSingleItem($"seed {seed}: {area} {id} {period}");
            served.GetProperty("period").GetString().ShouldBe(period, $"seed {seed}");
            served.GetProperty("value").GetDouble().ShouldBe(published, $"seed {seed}: {area} {id} {period}");
        }

        var metadata = await GetJson($"/api/indicators/{indicator}");
        metadata.GetProperty("dataset").GetProperty("licence").GetString().ShouldBe("OGL-3.0");
        metadata.GetProperty("polarity").GetString().ShouldNotBeNullOrEmpty();
        metadata.GetProperty("evidences").GetArrayLength().ShouldBeGreaterThan(0);
        metadata.GetProperty("councilsWithData").GetInt32().ShouldBeGreaterThanOrEqualTo(fewestCouncils);
    }

    private async Task<JsonElement> GetJson(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
