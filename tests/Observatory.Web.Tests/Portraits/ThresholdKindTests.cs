using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Portraits;
using Observatory.Testing;

namespace Observatory.Web.Tests.Portraits;

/// <summary>
/// Every threshold says what kind of line it is (planetary boundary, social minimum, policy target, local
/// aspiration) and where it comes from, in the API and on the page, so a policy target is never read as a boundary.
/// </summary>
public sealed class ThresholdKindTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static readonly string[] Kinds = ["planetary-boundary", "social-minimum", "policy-target", "local-aspiration"];

    private HttpClient Client => fixture.Client;

    public static TheoryData<string, string> Portraits => new()
    {
        { "uk-council", "E08000010" },
        { "oneill-2018", "GBR" },
        { "fanning-2022", "GBR" },
        { "fanning-raworth-2025", "WLD" },
    };

    [Fact]
    public void No_threshold_of_any_shipped_definition_lacks_a_kind_or_a_source()
    {
        var definitions = fixture.App.Services.GetRequiredService<PortraitDefinitions>().All;
        definitions.Count.ShouldBeGreaterThanOrEqualTo(4);
        foreach (var definition in definitions)
        {
            foreach (var indicator in definition.Indicators)
            {
                // A published ratio's threshold is its paper's own, cited by the definition.
                var source = indicator.Threshold?.Source ?? (indicator.Normalisation == Normalisation.PublishedRatio ? definition.Citation : null);
                source.ShouldNotBeNullOrWhiteSpace($"{definition.Id}/{indicator.Id}");
                Enum.IsDefined(indicator.ThresholdKind).ShouldBeTrue($"{definition.Id}/{indicator.Id}");
                indicator.Threshold?.Kind.ShouldBe(indicator.ThresholdKind, $"{definition.Id}/{indicator.Id}");
            }
        }
        // The council doughnut reads national policy targets where no boundary exists, and says so.
        var council = definitions.Single(d => d.Id == "uk-council").Indicators;
        council.Single(i => i.Id == "pupils-at-expected-standards-by-end-of-primary-school").ThresholdKind.ShouldBe(ThresholdBasis.PolicyTarget);
        council.Single(i => i.Id == "greenhouse-gas-emissions").ThresholdKind.ShouldBe(ThresholdBasis.PlanetaryBoundary);
        council.Single(i => i.Id == "male-healthy-life-expectancy").ThresholdKind.ShouldBe(ThresholdBasis.SocialMinimum);
    }

    [Theory]
    [MemberData(nameof(Portraits))]
    public async Task The_api_gives_every_measured_dimension_a_threshold_kind(string definition, string place)
    {
        using var response = await Client.GetAsync($"/api/portraits/{place}?definition={definition}");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var measured = json.GetProperty("dimensions").EnumerateArray()
            .Where(d => d.GetProperty("status").GetString() != "no-data").ToList();
        measured.ShouldNotBeEmpty();
        foreach (var dimension in measured)
        {
            Kinds.ShouldContain(dimension.GetProperty("thresholdKind").GetString());
        }
        var ringKinds = measured.Select(d => (Ring: d.GetProperty("ring").GetString(), Kind: d.GetProperty("thresholdKind").GetString())).ToList();
        if (definition != "uk-council")
        {
            // The national papers read every value against research thresholds, never a policy target.
            ringKinds.ShouldAllBe(x => x.Kind == (x.Ring == "social" ? "social-minimum" : "planetary-boundary"));
        }
    }

    [Fact]
    public async Task The_council_api_and_csv_name_the_kind_and_source_of_a_policy_target()
    {
        using var response = await Client.GetAsync("/api/portraits/E08000010");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var education = json.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "education");
        education.GetProperty("thresholdKind").GetString().ShouldBe("policy-target");
        education.GetProperty("thresholdSource").GetString()!.ShouldContain("Levelling Up");

        var csv = await Client.GetStringAsync("/api/portraits/E08000010.csv");
        var rows = TestCsv.ReadRecords(csv).ToList();
        var header = rows[0];
        var row = rows.Single(r => r[header.IndexOf("dimension")] == "climate-change");
        row[header.IndexOf("threshold_kind")].ShouldBe("planetary-boundary");
    }

    [Fact]
    public async Task The_page_key_and_tables_show_the_kind_of_every_threshold()
    {
        var page = await Client.GetHtmlAsync("/portraits/uk-council/E08000010");

        var key = page.QuerySelector("dl.app-threshold-kinds")!;
        var terms = key.QuerySelectorAll("dt").Select(t => t.TextContent.Trim()).ToList();
        terms.ShouldContain("Policy target");
        terms.ShouldContain("Social minimum");
        terms.ShouldContain("Planetary boundary");
        var tables = string.Join(" ", page.QuerySelectorAll("table.app-portrait-table").Select(t => t.TextContent.Normalised()));
        tables.ShouldContain("Policy target: 90");
        tables.ShouldContain("Planetary boundary: 1.61");
        tables.ShouldContain("Social minimum: 65");

        var national = await Client.GetHtmlAsync("/portraits/oneill-2018/GBR");
        national.QuerySelectorAll("dl.app-threshold-kinds dt").Select(t => t.TextContent.Trim()).ShouldBe(["Planetary boundary", "Social minimum"], ignoreOrder: true);
    }
}
