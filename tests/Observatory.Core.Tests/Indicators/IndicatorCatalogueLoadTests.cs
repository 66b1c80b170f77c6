using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Storage;

namespace Observatory.Core.Tests.Indicators;

/// <summary>A broken catalogue file is refused with every problem naming its file, line and field.</summary>
public sealed class IndicatorCatalogueLoadTests : IDisposable
{
    private const string File = "data/indicators/catalogue/test-dataset.yaml";

    private const string Valid = """
        dataset: test-dataset
        name: Test dataset
        topic: Economy
        source:
          organisation: Office for National Statistics
          url: https://www.ons.gov.uk/
          licence: OGL-3.0
          attribution: Contains public sector information licensed under the Open Government Licence v3.0.
          released: 2026-02-17
        data:
          - file: test/test.csv
            format: els
        indicators:
          - id: test-rate
            name: Test rate
            label: Test rate
            description: A rate for tests.
            measure: Percentage
            unit: "%"
            decimalPlaces: 1
            polarity: lower-is-better
            polarityReason: Lower is better in tests.
            periodFormat: year
            evidences: [place-making/jobs-and-incomes, doughnut/income-and-work]
            thresholds:
              - kind: floor
                value: 6.5
                source: A test source
                rationale: A test rationale.

        """;

    private static readonly FrameworkCatalogue Frameworks = FrameworkCatalogue.LoadShipped(DataFolder.Locate());

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "observatory-tests", Guid.NewGuid().ToString("N"));

    public IndicatorCatalogueLoadTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "indicators", "catalogue"));
        Directory.CreateDirectory(Path.Combine(_folder, "indicators", "test"));
        System.IO.File.WriteAllText(Path.Combine(_folder, "indicators", "test", "test.csv"), "areacd,indicator\n");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_a_valid_dataset()
    {
        Write("test-dataset", Valid);

        var catalogue = IndicatorCatalogue.LoadShipped(new DataFolder(_folder), Frameworks);

        var indicator = catalogue.Find("test-rate").ShouldNotBeNull();
        indicator.Polarity.ShouldBe(Polarity.LowerIsBetter);
        indicator.Format.ShouldBe(DataFormat.Els);
        indicator.Evidences.ShouldBe([new ElementRef("place-making", "jobs-and-incomes"), new ElementRef("doughnut", "income-and-work")]);
        indicator.Thresholds.ShouldHaveSingleItem().ShouldBe(new Threshold(ThresholdKind.Floor, 6.5, "A test source", "A test rationale."));
        catalogue.FindDataset("test-dataset")!.Source.Released.ShouldBe(new DateOnly(2026, 2, 17));
        catalogue.ByElement(new ElementRef("doughnut", "income-and-work")).ShouldBe([indicator]);
    }

    [Theory]
    [InlineData("    unit: \"%\"", "    unit: \"%\"\n    colour: red", 20, "indicators[0].colour", "unknown key 'colour'")]
    [InlineData("    polarity: lower-is-better", "    polarity: downwards", 21, "indicators[0].polarity", "'downwards' is not one of: higher-is-better, lower-is-better, neither")]
    [InlineData("[place-making/jobs-and-incomes,", "[place-making/jobs-and-wages,", 24, "indicators[0].evidences[0]", "'place-making/jobs-and-wages' names no element")]
    [InlineData("[place-making/jobs-and-incomes,", "[jobs-and-incomes,", 24, "indicators[0].evidences[0]", "must be framework-id/element-id")]
    [InlineData("file: test/test.csv", "file: test/missing.csv", 11, "data[0].file", "'test/missing.csv' does not exist under data/indicators/")]
    [InlineData("file: test/test.csv", "file: ../test/test.csv", 11, "data[0].file", "without '..'")]
    [InlineData("    format: els", "    format: excel", 12, "data[0].format", "'excel' is not one of: els, opensdg, tidy")]
    [InlineData("decimalPlaces: 1", "decimalPlaces: 7", 20, "indicators[0].decimalPlaces", "whole number from 0 to 6")]
    [InlineData("  - id: test-rate", "  - id: Test_Rate", 14, "indicators[0].id", "lower-case")]
    [InlineData("dataset: test-dataset", "dataset: other-dataset", 1, "dataset", "must equal the file name 'test-dataset'")]
    [InlineData("topic: Economy", "topic: Money", 3, "topic", "'Money' is not one of")]
    [InlineData("licence: OGL-3.0", "licence: MIT", 7, "source.licence", "'MIT' is not one of: OGL-3.0, CC-BY-4.0")]
    [InlineData("released: 2026-02-17", "released: 17/02/2026", 9, "source.released", "ISO date")]
    [InlineData("periodFormat: year", "periodFormat: decade", 23, "indicators[0].periodFormat", "is not one of")]
    [InlineData("        value: 6.5\n", "", 26, "indicators[0].thresholds[0].value", "is required")]
    [InlineData("kind: floor", "kind: minimum", 26, "indicators[0].thresholds[0].kind", "'minimum' is not one of: floor, ceiling, target")]
    [InlineData("    polarityReason: Lower is better in tests.\n", "", 14, "indicators[0].polarityReason", "is required")]
    [InlineData("    unit: \"%\"", "    unit: \"%\"\n    select: {Series: A}", 20, "indicators[0].select", "only for Open SDG")]
    public void Refuses_a_broken_file_naming_its_line_and_field(string find, string replace, int line, string field, string message)
    {
        Valid.ShouldContain(find);
        Write("test-dataset", Valid.Replace(find, replace, StringComparison.Ordinal));

        var error = Should.Throw<ContentValidationException>(() => IndicatorCatalogue.LoadShipped(new DataFolder(_folder), Frameworks));

        var problem = error.Problems.ShouldHaveSingleItem();
        problem.File.ShouldBe(File);
        problem.Line.ShouldBe(line);
        problem.Field.ShouldBe(field);
        problem.Message.ShouldContain(message);
        error.Message.ShouldStartWith($"{File}:{line}:");
    }

    [Fact]
    public void Refuses_an_indicator_id_used_in_two_files_naming_the_second_and_the_first()
    {
        Write("test-a", Valid.Replace("dataset: test-dataset", "dataset: test-a", StringComparison.Ordinal));
        Write("test-b", Valid.Replace("dataset: test-dataset", "dataset: test-b", StringComparison.Ordinal).Replace("label: Test rate", "label: Other rate", StringComparison.Ordinal));

        var error = Should.Throw<ContentValidationException>(() => IndicatorCatalogue.LoadShipped(new DataFolder(_folder), Frameworks));

        var problem = error.Problems.ShouldHaveSingleItem();
        problem.File.ShouldBe("data/indicators/catalogue/test-b.yaml");
        problem.Line.ShouldBe(14);
        problem.Field.ShouldBe("indicators[0].id");
        problem.Message.ShouldContain("'test-rate' is used twice (first at data/indicators/catalogue/test-a.yaml:14)");
    }

    [Fact]
    public void Refuses_a_source_label_that_would_map_to_two_entries()
    {
        Write("test-a", Valid.Replace("dataset: test-dataset", "dataset: test-a", StringComparison.Ordinal));
        Write("test-b", Valid.Replace("dataset: test-dataset", "dataset: test-b", StringComparison.Ordinal).Replace("id: test-rate", "id: other-rate", StringComparison.Ordinal));

        var error = Should.Throw<ContentValidationException>(() => IndicatorCatalogue.LoadShipped(new DataFolder(_folder), Frameworks));

        var problem = error.Problems.ShouldHaveSingleItem();
        problem.File.ShouldBe("data/indicators/catalogue/test-b.yaml");
        problem.Field.ShouldBe("indicators[0].label");
        problem.Message.ShouldContain("already names 'test-rate'");
    }

    [Fact]
    public void Reports_every_problem_of_a_file_not_only_the_first()
    {
        Write("test-dataset", Valid.Replace("polarity: lower-is-better", "polarity: up", StringComparison.Ordinal).Replace("    unit: \"%\"", "    unit: \"%\"\n    colour: red", StringComparison.Ordinal));

        var error = Should.Throw<ContentValidationException>(() => IndicatorCatalogue.LoadShipped(new DataFolder(_folder), Frameworks));

        error.Problems.Select(p => p.Field).ShouldBe(["indicators[0].colour", "indicators[0].polarity"], ignoreOrder: true);
    }

    [Fact]
    public void An_open_sdg_label_must_name_a_data_file_of_its_dataset()
    {
        System.IO.File.WriteAllText(Path.Combine(_folder, "indicators", "test", "indicator_1-2-3.csv"), "Year,Value\n");
        var text = Valid
            .Replace("file: test/test.csv", "file: test/indicator_1-2-3.csv", StringComparison.Ordinal)
            .Replace("format: els", "format: opensdg", StringComparison.Ordinal)
            .Replace("label: Test rate", "label: \"4-5-6\"", StringComparison.Ordinal);
        Write("test-dataset", text);

        var error = Should.Throw<ContentValidationException>(() => IndicatorCatalogue.LoadShipped(new DataFolder(_folder), Frameworks));

        var problem = error.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(16);
        problem.Message.ShouldContain("names no data file of this dataset");
    }

    [Fact]
    public void A_broken_indicator_file_stops_start_up()
    {
        CopyFrameworks();
        Write("test-dataset", Valid.Replace("polarity: lower-is-better", "polarity: sideways", StringComparison.Ordinal));
        var services = new ServiceCollection();

        var error = Should.Throw<ContentValidationException>(() =>
            services.AddObservatoryCore(new DataFolder(_folder), DatabaseSettings.Resolve(Path.Combine(_folder, "observatory.db"))));

        error.Message.ShouldStartWith($"{File}:21:");
    }

    private void Write(string name, string text) =>
        System.IO.File.WriteAllText(Path.Combine(_folder, "indicators", "catalogue", name + ".yaml"), text);

    private void CopyFrameworks()
    {
        var from = DataFolder.Locate().Combine("frameworks");
        foreach (var path in Directory.EnumerateFiles(from, "*.yaml", SearchOption.AllDirectories))
        {
            var to = Path.Combine(_folder, "frameworks", Path.GetRelativePath(from, path));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            System.IO.File.Copy(path, to);
        }
    }
}
