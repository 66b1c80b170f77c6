using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Portraits.Engine;

namespace Observatory.Core.Tests.Portraits;

/// <summary>A broken portrait definition is refused with every problem naming its file, line and field.</summary>
public sealed class PortraitDefinitionLoadTests : IDisposable
{
    private const string File = "data/portraits/test-portrait.yaml";

    private const string Valid = """
        id: test-portrait
        name: Test portrait
        citation: A test paper (2025).
        places: countries
        lenses: [local-social, global-ecological]
        data:
          - file: test/values.csv
            layout: wide
            place-column: iso3
            place-names: iso3
            period-column: year
            series: historical
        dimensions:
          - id: life-satisfaction
            name: Life satisfaction
            element: doughnut/health
            ring: social
            indicators:
              - id: life-satisfaction
                name: Life satisfaction
                column: Life
                normalisation: ratio-to-boundary
                threshold:
                  kind: social-minimum
                  value: 6.5
                  source: A test source
                  rationale: A test rationale.
          - id: climate
            name: Climate change
            element: doughnut/climate-change
            ring: ecological
            indicators:
              - id: co2
                name: CO2
                column: CO2
                normalisation: published-ratio
          - id: water
            name: Water
            element: doughnut/water
            ring: social
            no-data: Nothing measures it.

        """;

    private static readonly DataFolder Shipped = DataFolder.Locate();
    private static readonly FrameworkCatalogue Frameworks = FrameworkCatalogue.LoadShipped(Shipped);
    private static readonly IndicatorCatalogue Indicators = IndicatorCatalogue.LoadShipped(Shipped, Frameworks);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "observatory-tests", Guid.NewGuid().ToString("N"));

    public PortraitDefinitionLoadTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "portraits"));
        Directory.CreateDirectory(Path.Combine(_folder, "doughnut", "test"));
        System.IO.File.WriteAllText(Path.Combine(_folder, "doughnut", "test", "values.csv"), "iso3,year,Life,CO2\nGBR,2020,7.15,3.1\nFRA,2020,,0.9\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_a_valid_definition_and_its_values()
    {
        Write(Valid);

        var definitions = PortraitDefinitions.LoadShipped(new DataFolder(_folder), Frameworks, Indicators);
        var national = NationalPortraitData.Load(new DataFolder(_folder), definitions, PlaceRegistry.LoadShipped(Shipped));

        var definition = definitions.Find("test-portrait").ShouldNotBeNull();
        definition.Decimals.ShouldBe(2);
        definition.Dimensions.Select(d => d.Lenses.Single()).ShouldBe([DealLens.LocalSocial, DealLens.GlobalEcological, DealLens.LocalSocial]);
        var year = national.Find("test-portrait", 2020).ShouldNotBeNull();
        var portrait = PortraitEngine.Compute(definition, year.Columns, year.Period, year.Series).For("GBR")!;
        (portrait.SocialAchieved, portrait.SocialWithData, portrait.EcologicalTransgressed, portrait.EcologicalWithData).ShouldBe((1, 1, 1, 1));
        portrait.Find("water")!.Status.ShouldBe(DimensionStatus.NoData);
        portrait.Find("water")!.NoDataReason.ShouldBe("Nothing measures it.");
    }

    [Theory]
    [InlineData("element: doughnut/health", "element: doughnut/wellbeing", 16, "dimensions[0].element", "'doughnut/wellbeing' names no element of the Doughnut framework")]
    [InlineData("element: doughnut/health", "element: place-making/health", 16, "dimensions[0].element", "must be doughnut/element-id")]
    [InlineData("element: doughnut/climate-change", "element: doughnut/food", 30, "dimensions[1].element", "is on the social ring, but the dimension says ring: ecological")]
    [InlineData("normalisation: ratio-to-boundary", "normalisation: ratio", 22, "dimensions[0].indicators[0].normalisation", "'ratio' is not one of: published-ratio")]
    [InlineData("column: Life", "column: Lif", 21, "dimensions[0].indicators[0].column", "'Lif' is a column of none of the definition's data files")]
    [InlineData("          value: 6.5", "          value: six", 25, "dimensions[0].indicators[0].threshold.value", "'six' must be a number")]
    [InlineData("          kind: social-minimum\n", "", 24, "dimensions[0].indicators[0].threshold.kind", "is required")]
    [InlineData("          kind: social-minimum", "          kind: boundary", 24, "dimensions[0].indicators[0].threshold.kind", "'boundary' is not one of: planetary-boundary")]
    [InlineData("          source: A test source\n", "", 24, "dimensions[0].indicators[0].threshold.source", "is required")]
    [InlineData("    no-data: Nothing measures it.", "    no-data: Nothing measures it.\n    colour: blue", 42, "dimensions[2].colour", "unknown key 'colour'")]
    [InlineData("    no-data: Nothing measures it.", "", 37, "dimensions[2].no-data", "is required when a dimension has no indicators")]
    [InlineData("lenses: [local-social, global-ecological]", "lenses: [local-social, city-selfie]", 5, "lenses[1]", "'city-selfie' is not one of the DEAL lenses")]
    [InlineData("  - file: test/values.csv", "  - file: test/missing.csv", 7, "data[0].file", "'test/missing.csv' does not exist under data/doughnut/")]
    [InlineData("places: countries", "places: planets", 4, "places", "'planets' is not one of: countries, uk-councils, world")]
    [InlineData("id: test-portrait", "id: other-portrait", 1, "id", "must equal the file name 'test-portrait'")]
    public void Refuses_a_broken_definition_with_file_line_and_field(string find, string replace, int line, string field, string message)
    {
        Valid.ShouldContain(find);
        Write(Valid.Replace(find, replace));

        var refused = Should.Throw<ContentValidationException>(() => PortraitDefinitions.LoadShipped(new DataFolder(_folder), Frameworks, Indicators));

        var problem = refused.Problems.ShouldHaveSingleItem(string.Join("\n", refused.Problems));
        problem.File.ShouldBe(File);
        problem.Field.ShouldBe(field);
        problem.Line.ShouldBe(line);
        problem.Message.ShouldContain(message);
    }

    [Fact]
    public void A_council_definition_must_name_catalogue_indicators_and_list_every_dimension()
    {
        Write("""
            id: test-portrait
            name: Test
            citation: Test.
            places: uk-councils
            complete: true
            dimensions:
              - id: health
                name: Health
                element: doughnut/health
                ring: social
                indicators:
                  - id: hle
                    name: HLE
                    indicator: healthy-life-expectancy-overall
                    normalisation: ratio-to-boundary
                    threshold: { kind: social-minimum, value: 65, source: s, rationale: r }
                  - id: museums
                    name: Museums
                    indicator: museums
                    normalisation: ratio-to-boundary
                    threshold: { kind: policy-target, value: 1, source: s, rationale: r }

            """);

        var refused = Should.Throw<ContentValidationException>(() => PortraitDefinitions.LoadShipped(new DataFolder(_folder), Frameworks, Indicators));

        refused.Problems.ShouldContain(p => p.Line == 14 && p.Field == "dimensions[0].indicators[0].indicator" && p.Message.Contains("names no indicator of the indicator catalogue"));
        refused.Problems.ShouldContain(p => p.Field == "dimensions[0].indicators[1].polarity" && p.Message.Contains("must say which way is better"));
        refused.Problems.Count(p => p.Message.Contains("has no dimension")).ShouldBe(20);
        refused.Problems.ShouldAllBe(p => p.File == File && p.Line > 0);
    }

    [Fact]
    public void A_value_that_is_not_a_number_stops_the_national_data_with_file_and_line()
    {
        Write(Valid);
        System.IO.File.WriteAllText(Path.Combine(_folder, "doughnut", "test", "values.csv"), "iso3,year,Life,CO2\nGBR,2020,7.15,3.1\nXYZ,2020,n/a,0.9\n");
        var definitions = PortraitDefinitions.LoadShipped(new DataFolder(_folder), Frameworks, Indicators);

        var refused = Should.Throw<ContentValidationException>(() => NationalPortraitData.Load(new DataFolder(_folder), definitions, PlaceRegistry.LoadShipped(Shipped)));

        refused.Problems.ShouldHaveSingleItem().ToString().ShouldBe("data/doughnut/test/values.csv:3:1: iso3: 'XYZ' is not a known country for an ISO 3166 alpha-3 code in data/places/countries.csv");
    }

    [Fact]
    public void The_shipped_definitions_load()
    {
        var definitions = PortraitDefinitions.LoadShipped(Shipped, Frameworks, Indicators);

        definitions.All.Select(d => d.Id).ShouldBe(["cornwall-local", "fanning-2022", "fanning-raworth-2025", "oneill-2018", "uk-council"]);
        var council = definitions.Find("uk-council")!;
        council.Ring(Ring.Social).Count().ShouldBe(13);
        council.Ring(Ring.Ecological).Count().ShouldBe(9);
        council.Indicators.ShouldAllBe(i => i.Threshold != null && i.Threshold.Source.Length > 0 && i.Threshold.Rationale.Length > 0);
        // Cornwall's State of the Doughnut: twelve social and nine environmental local domains.
        var local = definitions.Find("cornwall-local")!;
        local.Ring(Ring.Social).Count().ShouldBe(12);
        local.Ring(Ring.Ecological).Count().ShouldBe(9);
        local.Indicators.ShouldAllBe(i => i.Threshold != null && i.Threshold.Source.Length > 0 && i.Threshold.Rationale.Length > 0);
    }

    private void Write(string text) => System.IO.File.WriteAllText(Path.Combine(_folder, "portraits", "test-portrait.yaml"), text);
}
