using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Core.Tests.Portraits;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Indices;
using Observatory.Places;
using Observatory.Similarity;
using Xunit.Abstractions;

namespace Observatory.Core.Tests.Indices;

/// <summary>The shipped indices and similar areas over the shipped data.</summary>
public sealed class ShippedIndexTests(SeededDatabase seeded, ITestOutputHelper output) : IClassFixture<SeededDatabase>
{
    [Fact]
    public void The_shipped_definitions_load_with_every_ldc_component()
    {
        var definitions = seeded.Services.GetRequiredService<IndexDefinitions>();
        var frameworks = seeded.Services.GetRequiredService<FrameworkCatalogue>();

        definitions.All.Select(d => d.Id).Order().ShouldBe(["local-digital-capital", "thriving-places"]);
        var ldc = definitions.Find("local-digital-capital").ShouldNotBeNull();
        var components = frameworks.Find("local-digital-capital")!.Elements.Where(e => e.Id != "local-digital-capital-index").Select(e => e.Id).ToList();
        ldc.Domains.Select(d => d.Element?.ElementId).ShouldBe(components, ignoreOrder: true);
        ldc.Domains.Count.ShouldBe(8);
        ldc.Domains.Count(d => d.HasNoMeasures).ShouldBe(5);
        ldc.Domains.Single(d => d.Id == "digital-infrastructure").Indicators.Select(i => i.IndicatorId)
            .ShouldBe(["gigabit-capable-broadband", "network-coverage-4g", "network-coverage-5g", "premises-below-30"]);
        definitions.Find("thriving-places")!.K.ShouldBe(2);
    }

    [Fact]
    public async Task The_ldc_index_scores_the_councils_and_shows_the_unmeasured_components_as_no_data()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var result = (await scope.ServiceProvider.GetRequiredService<IndexService>().ComputeAsync("local-digital-capital")).ShouldNotBeNull();

        result.Matrix.Areas.Count.ShouldBe(361);
        result.Headline.Count(double.IsFinite).ShouldBeGreaterThan(350);
        result.Headline.Where(double.IsFinite).ShouldAllBe(v => v >= 0 && v <= 100);
        foreach (var domain in result.Definition.Domains.Where(d => d.HasNoMeasures))
        {
            result.ValuesOf(domain).ShouldAllBe(v => double.IsNaN(v));
        }
        for (var a = 0; a < result.Matrix.Areas.Count; a++)
        {
            var explanation = result.Explain(a);
            if (double.IsFinite(explanation.Score))
            {
                explanation.Contributions.Sum(c => c.Contribution).ShouldBe(explanation.Score - explanation.Baseline, 1e-9);
            }
        }
    }

    [Fact]
    public async Task The_wellbeing_index_scores_from_nought_to_ten()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var result = (await scope.ServiceProvider.GetRequiredService<IndexService>().ComputeAsync("thriving-places")).ShouldNotBeNull();

        result.Headline.Count(double.IsFinite).ShouldBeGreaterThan(300);
        result.Headline.Where(double.IsFinite).ShouldAllBe(v => v >= 0 && v <= 10);
        result.HeadlineMean.ShouldBe(5, 1);
        output.WriteLine($"thriving-places: {result.Headline.Count(double.IsFinite)} councils scored, mean {result.HeadlineMean:F2}");
    }

    [Fact]
    public async Task Similar_areas_are_other_current_councils_nearest_first()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SimilarAreaService>();

        var similar = (await service.FindAsync("E08000010", 10)).ShouldNotBeNull();

        similar.Neighbours.Count.ShouldBe(10);
        similar.Neighbours.ShouldAllBe(n => n.Place.IsCouncil && n.Place.Code != "E08000010");
        similar.Neighbours.Select(n => n.Distance!.Value).ShouldBeInOrder();
        similar.Indicators.Count.ShouldBe(9);
        var ons = (await service.FindAsync("E08000010", 20, "ons-global")).ShouldNotBeNull();
        ons.Neighbours.Count.ShouldBe(20);
        ons.Neighbours.ShouldAllBe(n => n.Score == null);
        (await service.FindAsync("E12000002", 5)).ShouldBeNull();
        (await service.FindAsync("E08000010", 5, "no-such-set")).ShouldBeNull();
    }

    [Fact]
    public async Task The_digital_sets_match_scores_spread_councils_apart()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SimilarAreaService>();
        var places = seeded.Services.GetRequiredService<PlaceRegistry>();

        // Every fifth council's ten nearest under the digital connectivity set. Measured against each council's
        // farthest, these all scored about 95 to 99 (Wigan's ten 99.3 to 99.6), so the scores told nobody anything.
        var scores = new List<double>();
        foreach (var council in places.Councils.Where((_, i) => i % 5 == 0))
        {
            var found = (await service.FindAsync(council.Code, 10, "digital")).ShouldNotBeNull();
            scores.AddRange(found.Neighbours.Select(n => n.Score!.Value));
        }
        var sorted = scores.Order().ToArray();
        double Quartile(double q) => sorted[(int)Math.Round(q * (sorted.Length - 1))];
        var iqr = Quartile(0.75) - Quartile(0.25);
        output.WriteLine($"digital: {scores.Count} scores of the 10 nearest, quartiles {Quartile(0.25):F1} / {Quartile(0.5):F1} / {Quartile(0.75):F1}, IQR {iqr:F1} points");
        iqr.ShouldBeGreaterThan(10);
        scores.ShouldAllBe(s => s >= 0 && s <= 100);

        var wigan = (await service.FindAsync("E08000010", 10, "digital")).ShouldNotBeNull();
        output.WriteLine($"digital, Wigan: {string.Join(", ", wigan.Neighbours.Select(n => n.Score!.Value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} (typical distance {wigan.TypicalDistance:F3})");
        wigan.Neighbours.Select(n => n.Score!.Value).ShouldBeInOrder(SortDirection.Descending);
        (wigan.Neighbours[0].Score!.Value - wigan.Neighbours[^1].Score!.Value).ShouldBeGreaterThan(2);
        wigan.Neighbours[0].Score!.Value.ShouldBeLessThan(99);
    }

    [Fact]
    public async Task Ons_lists_name_todays_councils()
    {
        var sets = seeded.Services.GetRequiredService<SimilarAreaSets>();
        var places = seeded.Services.GetRequiredService<PlaceRegistry>();

        sets.Ons.Select(o => o.Id).ShouldBe(["ons-global", "ons-economic", "ons-demographic"]);
        // Barnsley was published under E08000016 and is E08000038 today.
        sets.FindOns("ons-global")!.Lists.ContainsKey("E08000038").ShouldBeTrue();
        places.Councils.Count(c => sets.FindOns("ons-global")!.Lists.ContainsKey(c.Code)).ShouldBeGreaterThan(350);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_overlap_with_ons_lists_is_between_nought_and_twenty_for_each_council()
    {
        await using var scope = seeded.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<SimilarAreaService>();

        foreach (var model in SimilarAreaSets.OnsModels)
        {
            var overlap = await service.OnsOverlapAsync(onsModel: SimilarAreaSets.OnsPrefix + model);

            overlap.Count.ShouldBeGreaterThan(350);
            overlap.Values.ShouldAllBe(v => v >= 0 && v <= 20);
            var histogram = string.Join(", ", overlap.Values.GroupBy(v => v).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
            output.WriteLine($"ons-{model}: {overlap.Count} councils, mean overlap {overlap.Values.Average():F2}, median {overlap.Values.Order().ElementAt(overlap.Count / 2)}; {histogram}");
        }
    }
}

public sealed class IndexReaderTests
{
    private static IndicatorDefinition? Catalogue(string id) => id switch
    {
        "a" => Def("a", Polarity.HigherIsBetter),
        "n" => Def("n", Polarity.Neither),
        _ => null,
    };

    private static IndicatorDefinition Def(string id, Polarity polarity) => new()
    {
        Id = id,
        Name = id,
        Label = id,
        Description = "",
        Measure = "",
        DecimalPlaces = 1,
        Polarity = polarity,
        PolarityReason = "",
        PeriodFormat = PeriodFormat.Year,
        Evidences = [],
        DatasetId = "d",
        Format = DataFormat.Tidy,
    };

    private static (IndexDefinition? Definition, IReadOnlyList<ContentProblem> Problems) Read(string yaml) =>
        IndexReader.Read("data/indices/x.yaml", yaml, "x", Catalogue, e => e.FrameworkId == "f");

    [Fact]
    public void A_good_definition_reads_with_its_hierarchy()
    {
        var (definition, problems) = Read("""
            id: x
            name: X
            summary: S
            normalisation: z-score-capped
            k: 1.5
            reference-set: current-councils
            reference-period: latest
            domains:
              - id: d
                name: D
                element: f/e
                aggregation: weighted-mean
                indicators:
                  - id: a
                    weight: 2
                  - id: n
                    polarity: lower-is-better
                    polarity-reason: Because.
              - id: empty
                name: Empty
                no-data: Nothing measures it.
            """);

        problems.ShouldBeEmpty();
        definition!.K.ShouldBe(1.5);
        definition.Domains[0].Indicators.Select(i => (i.IndicatorId, i.Weight, i.Polarity)).ShouldBe([("a", 2.0, Polarity.HigherIsBetter), ("n", 1.0, Polarity.LowerIsBetter)]);
        definition.Domains[1].HasNoMeasures.ShouldBeTrue();
    }

    [Fact]
    public void Every_problem_is_reported_with_its_line()
    {
        var (definition, problems) = Read("""
            id: x
            name: X
            summary: S
            normalisation: z-score
            k: 2
            reference-set: current-councils
            reference-period: latest
            domains:
              - id: d
                name: D
                aggregation: geometric
                minimum-coverage: 3
                indicators:
                  - id: nope
                  - id: n
              - id: empty
                name: Empty
            """);

        definition.ShouldBeNull();
        problems.ShouldContain(p => p.Field == "k" && p.Message.Contains("only for z-score-capped"));
        problems.ShouldContain(p => p.Line == 14 && p.Message.Contains("'nope' is not an indicator"));
        problems.ShouldContain(p => p.Field == "domains[0].indicators[1].polarity" && p.Message.Contains("no better direction"));
        problems.ShouldContain(p => p.Field == "domains[0].aggregation" && p.Message.Contains("geometric"));
        problems.ShouldContain(p => p.Field == "domains[1].no-data" && p.Line == 16);
    }
}
