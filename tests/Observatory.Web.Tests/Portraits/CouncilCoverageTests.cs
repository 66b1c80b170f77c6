using System.Text.Json;
using Xunit.Abstractions;

namespace Observatory.Web.Tests.Portraits;

/// <summary>
/// How many dimensions of each council definition have data, council by council and nation by nation, read from the
/// API every place's counts come from. The table is written to the test output (docs/portraits.md quotes it); the
/// floors are what the shipped series give every council of England.
/// </summary>
public sealed class CouncilCoverageTests(WebAppFixture fixture, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    [Theory]
    // Floors measured on the shipped data (docs/council-data.md): the fewest is a council missing from several series
    // (the City of London, the Isles of Scilly), the median what a typical English council gets.
    [InlineData("uk-council", 22, 4, 7)]
    [InlineData("cornwall-local", 21, 5, 8)]
    public async Task Every_english_council_has_data_on_the_dimensions_the_shipped_series_give_it(string definition, int dimensions, int englishFloor, int englishMedian)
    {
        using var response = await fixture.Client.GetAsync($"/api/portraits?definition={definition}");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var places = json.GetProperty("places").EnumerateArray()
            .Select(p => (Code: p.GetProperty("place").GetString()!, WithData: p.GetProperty("socialWithData").GetInt32() + p.GetProperty("ecologicalWithData").GetInt32()))
            .ToList();
        places.Count.ShouldBe(361);

        output.WriteLine($"{definition} ({dimensions} dimensions): nation | councils | fewest | median | most");
        foreach (var nation in places.GroupBy(p => p.Code[0]).OrderBy(g => g.Key))
        {
            var counts = nation.Select(p => p.WithData).Order().ToList();
            output.WriteLine($"{nation.Key} | {counts.Count} | {counts[0]} | {counts[counts.Count / 2]} | {counts[^1]}");
        }
        places.ShouldAllBe(p => p.WithData <= dimensions);
        var english = places.Where(p => p.Code.StartsWith('E')).ToList();
        english.Count.ShouldBe(296);
        english.Where(p => p.WithData < englishFloor).Select(p => p.Code).ShouldBeEmpty();
        english.Select(p => p.WithData).Order().ElementAt(english.Count / 2).ShouldBeGreaterThanOrEqualTo(englishMedian);
    }
}
