using System.Text;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Testing;

namespace Observatory.Core.Tests.Indicators;

/// <summary>
/// The shipped indicator catalogue describes every series in the shipped data files, and nothing the files do
/// not hold. The data files are read from the Observatory's own data folder, as the importers will read them.
/// </summary>
public sealed class ShippedIndicatorCatalogueTests
{
    private static readonly DataFolder Data = DataFolder.Locate();
    private static readonly FrameworkCatalogue Frameworks = FrameworkCatalogue.LoadShipped(Data);
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadShipped(Data, Frameworks);

    private static string IndicatorsFolder => Data.Combine("indicators");

    public static TheoryData<string> ElsFiles()
    {
        var files = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Data.Combine("indicators", "ons_els"), "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Relative(path));
        }
        return files;
    }

    [Fact]
    public void The_shipped_catalogue_loads_with_every_dataset()
    {
        Catalogue.Datasets.Count.ShouldBe(43);
        Catalogue.Datasets.Count(d => d.Format == DataFormat.Els).ShouldBe(30);
        Catalogue.Datasets.Count(d => d.Format == DataFormat.OpenSdg).ShouldBe(5);
        Catalogue.Datasets.Count(d => d.Format == DataFormat.Tidy).ShouldBe(8);
        Catalogue.Indicators.ShouldAllBe(i => i.PolarityReason.Length > 0 && i.Evidences.Count > 0);
    }

    [Theory]
    [MemberData(nameof(ElsFiles))]
    public void Every_series_in_a_shipped_els_file_maps_to_exactly_one_entry(string file)
    {
        var series = ReadRows(file).Select(r => (Label: r["indicator"], Measure: r["measure"], Unit: r["unit"])).Distinct().ToList();

        series.ShouldNotBeEmpty(file);
        foreach (var (label, measure, unit) in series)
        {
            var entries = Catalogue.Indicators.Where(i => i.Format == DataFormat.Els && i.Label == label).ToList();
            var entry = entries.ShouldHaveSingleItem($"'{label}' in {file}");
            Catalogue.FindByLabel(DataFormat.Els, label).ShouldBeSameAs(entry);
            Catalogue.FindDataset(entry.DatasetId)!.Data.ShouldContain(d => d.File == file, $"'{label}' is catalogued under {entry.DatasetId}");
            entry.Measure.ShouldBe(measure, $"measure of '{label}'");
            entry.AcceptedSourceUnits.ShouldContain(unit, $"unit of '{label}'");
        }
    }

    [Fact]
    public void Every_els_entry_names_a_series_its_file_holds()
    {
        foreach (var entry in Catalogue.Indicators.Where(i => i.Format == DataFormat.Els))
        {
            var file = Catalogue.FindDataset(entry.DatasetId)!.Data.Single().File;
            ReadRows(file).Any(r => r["indicator"] == entry.Label).ShouldBeTrue($"{entry.Id} in {file}");
        }
    }

    [Fact]
    public void Every_open_sdg_entry_selects_rows_of_its_file()
    {
        foreach (var entry in Catalogue.Indicators.Where(i => i.Format == DataFormat.OpenSdg))
        {
            var file = Catalogue.FindDataset(entry.DatasetId)!.Data.Single().File;
            ReadRows(file).Any(r => entry.Select.All(s => r.TryGetValue(s.Key, out var v) && v == s.Value)).ShouldBeTrue($"{entry.Id} in {file}");
        }
    }

    [Fact]
    public void Every_tidy_file_has_the_tidy_header_and_only_catalogued_indicators()
    {
        foreach (var dataset in Catalogue.Datasets.Where(d => d.Format == DataFormat.Tidy))
        {
            // A dataset may ship its indicators in several files (electricity and gas use); together they hold
            // every catalogued indicator and nothing else.
            foreach (var file in dataset.Data.Select(d => d.File))
            {
                File.ReadLines(Path.Combine(IndicatorsFolder, file)).First().ShouldBe("area,indicator,period,value,lci95,uci95,status,note");
            }
            var labels = dataset.Data.SelectMany(d => ReadRows(d.File)).Select(r => r["indicator"]).Distinct().Order(StringComparer.Ordinal).ToList();
            labels.ShouldBe(dataset.Indicators.Select(i => i.Label).Order(StringComparer.Ordinal).ToList(), dataset.Id);
        }
    }

    [Fact]
    public void Every_shipped_data_file_is_in_the_catalogue()
    {
        var catalogued = Catalogue.Datasets.SelectMany(d => d.Data).Select(d => d.File).ToHashSet();
        var shipped = Directory.EnumerateFiles(IndicatorsFolder, "*.csv", SearchOption.AllDirectories).Select(Relative);

        shipped.Where(f => !catalogued.Contains(f)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("claimant-count", Polarity.LowerIsBetter)]
    [InlineData("gigabit-capable-broadband", Polarity.HigherIsBetter)]
    [InlineData("museums", Polarity.Neither)]
    [InlineData("anxiety", Polarity.LowerIsBetter)]
    [InlineData("life-satisfaction", Polarity.HigherIsBetter)]
    [InlineData("housing-affordability-ratio", Polarity.LowerIsBetter)]
    [InlineData("travel-time-by-public-transport-or-walking", Polarity.LowerIsBetter)]
    [InlineData("economic-inactivity-rate", Polarity.LowerIsBetter)]
    [InlineData("employment-rate", Polarity.HigherIsBetter)]
    [InlineData("supermarkets", Polarity.Neither)]
    public void Polarity_follows_the_indicators_reference(string id, Polarity expected) =>
        Catalogue.Find(id).ShouldNotBeNull(id).Polarity.ShouldBe(expected);

    [Fact]
    public void Life_satisfaction_has_the_good_life_floor_of_six_and_a_half()
    {
        var threshold = Catalogue.Find("life-satisfaction")!.Thresholds.ShouldHaveSingleItem();

        threshold.Kind.ShouldBe(ThresholdKind.Floor);
        threshold.Value.ShouldBe(6.5);
        threshold.Source.ShouldContain("O'Neill");
        threshold.Rationale.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Every_threshold_has_a_source_and_a_rationale()
    {
        var thresholds = Catalogue.Indicators.SelectMany(i => i.Thresholds).ToList();

        thresholds.ShouldNotBeEmpty();
        thresholds.ShouldAllBe(t => t.Source.Length > 0 && t.Rationale.Length > 0);
        Catalogue.Find("female-healthy-life-expectancy")!.Thresholds.ShouldContain(t => t.Kind == ThresholdKind.Floor && t.Value == 65);
        Catalogue.Find("greenhouse-gas-emissions")!.Thresholds.ShouldContain(t => t.Kind == ThresholdKind.Ceiling && t.Value == 1.61);
        Catalogue.Find("gigabit-capable-broadband")!.Thresholds.Select(t => t.Value).ShouldBe([85, 99]);
    }

    [Fact]
    public void Gigabit_broadband_is_evidence_for_connectivity_and_digital_infrastructure()
    {
        Catalogue.ByElement(new ElementRef("place-making", "connectivity")).ShouldContain(i => i.Id == "gigabit-capable-broadband");
        Catalogue.ByElement(new ElementRef("local-digital-capital", "digital-infrastructure")).ShouldContain(i => i.Id == "gigabit-capable-broadband");
    }

    [Fact]
    public void An_open_sdg_row_finds_its_series_and_a_breakdown_finds_none()
    {
        const string newMethod = "Fraction of mortality attributable to particulate air pollution (new method)";

        Catalogue.FindByLabel(DataFormat.OpenSdg, "3-9-1", new Dictionary<string, string> { ["Series"] = newMethod, ["Units"] = "Percentage (%)", ["Region"] = "" })!
            .Id.ShouldBe("pm25-attributable-mortality");
        Catalogue.FindByLabel(DataFormat.OpenSdg, "3-9-1", new Dictionary<string, string> { ["Series"] = newMethod, ["Units"] = "Percentage (%)", ["Deprivation decile"] = "Decile 2" })
            .ShouldBeNull();
        Catalogue.FindByLabel(DataFormat.OpenSdg, "3-4-2")!.Id.ShouldBe("suicide-rate");
        Catalogue.FindByLabel(DataFormat.OpenSdg, "3-4-2", new Dictionary<string, string> { ["Sex"] = "Female" }).ShouldBeNull();
    }

    [Theory]
    [InlineData("employment-rate", 74.24, "74.2%")]
    [InlineData("gross-median-weekly-pay", 712.4, "£712")]
    [InlineData("gross-disposable-household-income-per-head", 21345, "£21,345")]
    [InlineData("life-satisfaction", 7.46, "7.5 out of 10")]
    [InlineData("anxiety", 0.15, "0.2 out of 10")]
    [InlineData("female-healthy-life-expectancy", 63.25, "63.3 years")]
    [InlineData("land-consumption-to-population-growth", -0.456, "-0.46")]
    [InlineData("co2-emissions-per-person", -0.01, "0.0 t CO2 per person")]
    public void Values_are_formatted_with_their_unit_and_decimal_places(string id, double value, string expected) =>
        Catalogue.Find(id)!.FormatValue(value).ShouldBe(expected);

    private static string Relative(string path) => Path.GetRelativePath(IndicatorsFolder, path).Replace('\\', '/');

    private static IEnumerable<Dictionary<string, string>> ReadRows(string file) => TestCsv.ReadRows(Path.Combine(IndicatorsFolder, file));
}
