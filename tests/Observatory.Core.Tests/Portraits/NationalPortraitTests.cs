using System.Globalization;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Portraits.Engine;
using Observatory.Testing;

namespace Observatory.Core.Tests.Portraits;

/// <summary>The shipped definitions and national data, loaded once for the test process as the Observatory loads them.</summary>
internal static class Shipped
{
    private static readonly Lazy<(PortraitDefinitions Definitions, NationalPortraitData National, PlaceRegistry Places)> Content = new(() =>
    {
        var data = DataFolder.Locate();
        var frameworks = FrameworkCatalogue.LoadShipped(data);
        var definitions = PortraitDefinitions.LoadShipped(data, frameworks, IndicatorCatalogue.LoadShipped(data, frameworks));
        var places = PlaceRegistry.LoadShipped(data);
        return (definitions, NationalPortraitData.Load(data, definitions, places), places);
    });

    public static PortraitDefinitions Definitions => Content.Value.Definitions;
    public static NationalPortraitData National => Content.Value.National;
    public static PlaceRegistry Places => Content.Value.Places;

    public static PortraitBatch Batch(string definitionId, int year)
    {
        var definition = Definitions.Find(definitionId).ShouldNotBeNull();
        var data = National.Find(definitionId, year).ShouldNotBeNull($"{definitionId} {year}");
        return PortraitEngine.Compute(definition, data.Columns, data.Period, data.Series);
    }

    /// <summary>One country's portrait by <see cref="PortraitRules"/>, as a portrait page gets it (the batch is checked against the rules elsewhere).</summary>
    public static Portrait Portrait(string definitionId, int year, string place)
    {
        var definition = Definitions.Find(definitionId).ShouldNotBeNull();
        var data = National.Find(definitionId, year).ShouldNotBeNull($"{definitionId} {year}");
        return PortraitRules.For(definition, data.Columns).PortraitOf(place, data.Period, data.Series).ShouldNotBeNull($"{definitionId} {year} {place}");
    }

    public static string DoughnutFile(params string[] parts) => DataFolder.Locate().Combine(["doughnut", .. parts]);
}

/// <summary>
/// The worked examples of shared/reference/DOUGHNUT.md §4, reproduced exactly, and the rule behind them checked for
/// every country and year against counts recomputed here from the raw CSV.
/// </summary>
public sealed class NationalPortraitTests
{
    [Theory]
    [InlineData("USA", 7, 7, 9, 11)]
    [InlineData("GBR", 5, 7, 8, 11)]
    [InlineData("VNM", 1, 7, 6, 10)]
    public void ONeill_2018_worked_examples(string country, int transgressed, int ecologicalWithData, int achieved, int socialWithData)
    {
        var portrait = Shipped.Portrait("oneill-2018", 2011, country);

        (portrait.EcologicalTransgressed, portrait.EcologicalWithData, portrait.SocialAchieved, portrait.SocialWithData)
            .ShouldBe((transgressed, ecologicalWithData, achieved, socialWithData));
        (portrait.EcologicalTotal, portrait.SocialTotal).ShouldBe((7, 11));
        portrait.Period.ShouldBe(Period.Year(2011));
    }

    [Fact]
    public void ONeill_2018_no_country_transgresses_no_boundary_while_meeting_all_its_social_thresholds()
    {
        var batch = Shipped.Batch("oneill-2018", 2011);

        batch.Places.Count.ShouldBe(151);
        var both = batch.All().Where(p => p.EcologicalTransgressed == 0 && p.SocialAchieved == p.SocialWithData).Select(p => p.PlaceCode);
        both.ShouldBeEmpty();
    }

    [Fact]
    public void ONeill_2018_Vietnam_shows_its_missing_social_indicator_as_no_data()
    {
        var portrait = Shipped.Portrait("oneill-2018", 2011, "VNM");

        var missing = portrait.Dimensions.Where(d => d.Status == DimensionStatus.NoData).ShouldHaveSingleItem();
        missing.Ring.ShouldBe(Ring.Social);
        missing.Ratio.ShouldBeNull();
        portrait.Dimensions.Count.ShouldBe(18);
    }

    [Fact]
    public void Fanning_2022_worked_example_United_Kingdom_2015()
    {
        var portrait = Shipped.Portrait("fanning-2022", 2015, "GBR");

        (portrait.EcologicalTransgressed, portrait.EcologicalWithData, portrait.SocialAchieved, portrait.SocialWithData).ShouldBe((5, 6, 10, 11));
        portrait.Series.ShouldBe("historical");
    }

    [Fact]
    public void Fanning_2022_has_148_countries_for_every_year_from_1992_to_2050()
    {
        var years = Shipped.National.YearsOf("fanning-2022");

        years.Select(y => y.Period.Start.Year).ShouldBe(Enumerable.Range(1992, 2050 - 1992 + 1));
        years.ShouldAllBe(y => y.Columns.Places.Count == 148);
        years.Where(y => y.Series == "projection").Select(y => y.Period.Start.Year).ShouldBe(Enumerable.Range(2016, 35));
    }

    [Fact]
    public void Fanning_2022_projections_carry_their_66_percent_interval()
    {
        var portrait = Shipped.Portrait("fanning-2022", 2050, "GBR");

        portrait.Series.ShouldBe("projection");
        var rows = TestCsv.ReadRows(Shipped.DoughnutFile("fanning2022", "Biophysical_BAU_lowerCI.csv")).Single(r => r["iso3c"] == "GBR" && r["date"] == "2050");
        var co2 = portrait.Find("co2-emissions").ShouldNotBeNull().Indicators.ShouldHaveSingleItem();
        co2.RatioLower.ShouldBe(double.Parse(rows["CO2 Emissions"], CultureInfo.InvariantCulture));
        co2.RatioUpper.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(co2.Ratio!.Value);
    }

    [Fact]
    public void ONeill_2018_every_country_counts_as_recomputed_from_the_raw_csv()
    {
        var batch = Shipped.Batch("oneill-2018", 2011);
        var social = TestCsv.ReadRows(Shipped.DoughnutFile("oneill2018", "Social.csv")).Where(r => r[""].Length > 0).ToList();
        var biophysical = TestCsv.ReadRows(Shipped.DoughnutFile("oneill2018", "Biophysical.csv")).Where(r => r[""].Length > 0).ToDictionary(r => r[""]);

        social.Count.ShouldBe(151);
        foreach (var row in social)
        {
            var country = row[""];
            var code = Shipped.Places.FindCountry("oneill2018", country).ShouldNotBeNull(country).Code;
            var portrait = batch.For(code).ShouldNotBeNull(country);
            var (achieved, socialWith) = Count(row, "", v => v >= 1);
            var (transgressed, ecoWith) = Count(biophysical[country], "", v => v > 1);
            (portrait.SocialAchieved, portrait.SocialWithData, portrait.EcologicalTransgressed, portrait.EcologicalWithData)
                .ShouldBe((achieved, socialWith, transgressed, ecoWith), country);
        }
    }

    [Theory]
    [InlineData("Historical")]
    [InlineData("BAU_middle")]
    public void Fanning_2022_every_country_and_year_counts_as_recomputed_from_the_raw_csv(string series)
    {
        var social = TestCsv.ReadRows(Shipped.DoughnutFile("fanning2022", $"Social_{series}.csv")).ToList();
        var biophysical = TestCsv.ReadRows(Shipped.DoughnutFile("fanning2022", $"Biophysical_{series}.csv")).ToDictionary(r => (r["iso3c"], r["date"]));
        var batches = new Dictionary<string, PortraitBatch>();

        foreach (var row in social)
        {
            var year = row["date"];
            if (!batches.TryGetValue(year, out var batch))
            {
                batch = batches[year] = Shipped.Batch("fanning-2022", int.Parse(year, CultureInfo.InvariantCulture));
            }
            var portrait = batch.For(row["iso3c"]).ShouldNotBeNull($"{row["iso3c"]} {year}");
            var (achieved, socialWith) = Count(row, "country,iso3c,date", v => v >= 1);
            var (transgressed, ecoWith) = Count(biophysical[(row["iso3c"], year)], "country,iso3c,date", v => v > 1);
            (portrait.SocialAchieved, portrait.SocialWithData, portrait.EcologicalTransgressed, portrait.EcologicalWithData)
                .ShouldBe((achieved, socialWith, transgressed, ecoWith), $"{row["iso3c"]} {year}");
        }
        social.Count.ShouldBe(series == "Historical" ? 3552 : 5180);
    }

    [Fact]
    public void The_overview_sheets_state_the_rule_but_publish_no_counts_to_compare()
    {
        // The workbooks' Overview sheets describe the normalisation; neither gives per-country counts, so the
        // published counts checked are the worked examples above.
        foreach (var file in new[] { Shipped.DoughnutFile("oneill2018", "Overview.csv"), Shipped.DoughnutFile("fanning2022", "Overview.csv") })
        {
            var text = string.Join(" ", TestCsv.ReadRecords(File.ReadAllText(file)).SelectMany(r => r));
            text.ShouldContain("a value of 1 represents the");
            text.ShouldNotContain("transgress", Case.Insensitive);
        }
    }

    [Fact]
    public void Doughnut_3_world_2022_overshoots_6_of_9_dimensions()
    {
        var portrait = Shipped.Portrait("fanning-raworth-2025", 2022, "WLD");

        (portrait.EcologicalTransgressed, portrait.EcologicalWithData, portrait.EcologicalTotal).ShouldBe((6, 9, 9));
        portrait.Dimensions.Where(d => d.Ring == Ring.Ecological && d.Status == DimensionStatus.Within).Select(d => d.Id)
            .ShouldBe(["ocean-acidification", "air-pollution", "ozone-layer-depletion"], ignoreOrder: true);
        portrait.SocialTotal.ShouldBe(12);
        portrait.Find("gender-equality")!.Indicators.Single(i => i.Id == "eq2").Status.ShouldBe(DimensionStatus.NoData);
    }

    [Fact]
    public void Doughnut_3_every_indicator_and_year_matches_the_published_shortfall_and_overshoot()
    {
        var rows = TestCsv.ReadRows(Shipped.DoughnutFile("fanning_raworth_2025", "12_20250515_globalDoughnutData_2000-2022.csv")).ToList();
        var definition = Shipped.Definitions.Find("fanning-raworth-2025").ShouldNotBeNull();
        var checkedRows = 0;

        foreach (var group in rows.GroupBy(r => r["date"]))
        {
            var portrait = Shipped.Portrait("fanning-raworth-2025", int.Parse(group.Key, CultureInfo.InvariantCulture), "WLD");
            foreach (var row in group)
            {
                var indicator = portrait.Dimensions.SelectMany(d => d.Indicators).Single(i => i.Id == row["indCode"].ToLowerInvariant());
                if (row["value"] == "NA")
                {
                    indicator.Status.ShouldBe(DimensionStatus.NoData);
                    continue;
                }
                // The definition's boundaries are the file's.
                indicator.Threshold!.Value.ShouldBe(double.Parse(row["boundary"], CultureInfo.InvariantCulture), row["indCode"]);
                var published = double.Parse(row["shortfallOvershoot_pct"], CultureInfo.InvariantCulture);
                var ours = row["domain"] == "ecological" ? (indicator.Ratio!.Value - 1) * 100 : (1 - indicator.Ratio!.Value) * 100;
                // The published value column is rounded, so recomputed percentages agree to within a point (DOUGHNUT.md §3.2).
                Math.Abs(ours - published).ShouldBeLessThan(1.0, $"{row["indCode"]} {row["date"]}");
                checkedRows++;
            }
            // A dimension is overshot when any indicator's published overshoot is above 0.
            foreach (var dimension in portrait.Dimensions.Where(d => d.Ring == Ring.Ecological))
            {
                var codes = definition.Dimensions.Single(d => d.Id == dimension.Id).Indicators.Select(i => i.Code).ToHashSet();
                var overshot = group.Any(r => codes.Contains(r["indCode"]) && r["shortfallOvershoot_pct"] != "NA"
                    && double.Parse(r["shortfallOvershoot_pct"], CultureInfo.InvariantCulture) > 0);
                (dimension.Status == DimensionStatus.Overshoot).ShouldBe(overshot, $"{dimension.Id} {group.Key}");
            }
        }
        checkedRows.ShouldBe(rows.Count(r => r["value"] != "NA"));
    }

    [Fact]
    public void National_dimensions_carry_their_Doughnut_element_ring_and_DEAL_lens()
    {
        var portrait = Shipped.Portrait("oneill-2018", 2011, "GBR");

        var co2 = portrait.Find("co2-emissions").ShouldNotBeNull();
        co2.Element.ShouldBe(new ElementRef("doughnut", "climate-change"));
        co2.Lenses.ShouldBe([DealLens.GlobalEcological]);
        portrait.Find("life-satisfaction")!.Lenses.ShouldBe([DealLens.LocalSocial]);
        co2.Threshold!.Value.ShouldBe(1.61);
    }

    private static (int Counted, int WithData) Count(Dictionary<string, string> row, string skip, Func<double, bool> counts)
    {
        var skipped = skip.Split(',');
        var values = row.Where(p => !skipped.Contains(p.Key) && p.Value.Length > 0).Select(p => double.Parse(p.Value, CultureInfo.InvariantCulture)).ToList();
        return (values.Count(v => counts(Math.Round(v, 2, MidpointRounding.AwayFromZero))), values.Count);
    }
}
