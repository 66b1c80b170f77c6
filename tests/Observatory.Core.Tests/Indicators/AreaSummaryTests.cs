using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;

namespace Observatory.Core.Tests.Indicators;

/// <summary>
/// The sentences at the top of an area page say what the figures say: change a figure and the sentence changes;
/// turn a measure's polarity round and a strength becomes a weakness.
/// </summary>
public sealed class AreaSummaryTests
{
    private static readonly DataFolder Data = DataFolder.Locate();
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadShipped(Data, FrameworkCatalogue.LoadShipped(Data));

    private const string Area = "E08000010";
    private const string Nation = "E92000001";
    private static readonly Period Latest = Period.Year(2024);

    /// <summary>A hundred councils with the values 1 to 100, so the quarters are 1–25, 26–50, 51–75 and 76–100.</summary>
    private static readonly IReadOnlyList<double> Councils = [.. Enumerable.Range(1, 100).Select(v => (double)v)];

    private static IndicatorDefinition Claimants => Catalogue.Find("claimant-count")!;

    private static IndicatorDefinition Health => Catalogue.Find("male-healthy-life-expectancy")!;

    private static IndicatorDefinition Museums => Catalogue.Find("museums")!;

    private static ObservationPoint Point(IndicatorDefinition indicator, string area, double value) =>
        new(indicator.Id, area, Latest, value, null, null, null, null, null);

    /// <summary>The key indicators as the area page builds them, from the area's and its nation's figures.</summary>
    private static IReadOnlyList<AreaIndicator> Rows(params (IndicatorDefinition Indicator, double Value, double Nation)[] figures) =>
        AreaIndicators.Summarise(Catalogue, Area, null, Nation,
            figures.SelectMany(f => new[] { Point(f.Indicator, Area, f.Value), Point(f.Indicator, Nation, f.Nation) }),
            (_, _) => Councils);

    private static IReadOnlyList<string> Write(IReadOnlyList<AreaIndicator> rows, SimilarCouncilValues? similar = null) =>
        AreaSummary.Write("Wigan", "England", "councils in England", rows, similar);

    [Fact]
    public void The_sentences_say_where_the_area_does_better_and_worse_reading_each_measure_the_right_way_round()
    {
        // Few claimants (lower is better) is a strength; short healthy lives (higher is better) a weakness.
        var sentences = Write(Rows((Claimants, 10, 40), (Health, 10, 60), (Museums, 99, 50)));

        sentences.ShouldBe(
        [
            "Of the 2 measures where a higher or lower figure is clearly better, Wigan does better than England as a whole on 1 and worse on 1.",
            "It is in the best quarter of councils in England for claimant count.",
            "It is in the worst quarter for male healthy life expectancy.",
        ]);
        string.Join(' ', sentences).ShouldNotContain("museums", Case.Insensitive);
    }

    [Fact]
    public void Changing_a_figure_changes_the_sentence()
    {
        var before = Write(Rows((Claimants, 10, 40), (Health, 10, 60)));
        var after = Write(Rows((Claimants, 90, 40), (Health, 10, 60)));

        before[0].ShouldContain("better than England as a whole on 1 and worse on 1");
        after[0].ShouldContain("better than England as a whole on 0 and worse on 2");
        after[1].ShouldBe("It is not in the best quarter of councils in England for any measure.");
        after[2].ShouldBe("It is in the worst quarter for claimant count and male healthy life expectancy.");
        after.ShouldNotBe(before);
    }

    [Fact]
    public void Turning_a_measures_polarity_round_turns_a_strength_into_a_weakness()
    {
        var rows = Rows((Claimants, 10, 40));
        var flipped = rows.Select(r => r with { Indicator = r.Indicator with { Polarity = Polarity.HigherIsBetter } }).ToList();

        Write(rows)[1].ShouldBe("It is in the best quarter of councils in England for claimant count.");
        Write(flipped)[1].ShouldBe("It is not in the best quarter of councils in England for any measure.");
        Write(flipped)[2].ShouldBe("It is in the worst quarter for claimant count.");
        Write(flipped)[0].ShouldContain("on 0 and worse on 1");
    }

    [Fact]
    public void A_figure_the_same_as_the_nations_at_the_published_precision_is_about_the_same()
    {
        var sentences = Write(Rows((Claimants, 40.01, 40), (Health, 70, 60)));

        sentences[0].ShouldBe("Of the 2 measures where a higher or lower figure is clearly better, Wigan does better than England as a whole on 1 and worse on 0; 1 is about the same.");
    }

    [Fact]
    public void Similar_councils_are_compared_measure_by_measure()
    {
        var rows = Rows((Claimants, 10, 40), (Health, 10, 60));
        var similar = new SimilarCouncilValues(4, new Dictionary<string, IReadOnlyList<double>>
        {
            // Fewer claimants than all four; a shorter healthy life than three of them.
            [Claimants.Id] = [20, 30, 40, 50],
            [Health.Id] = [5, 20, 30, 40],
        });

        Write(rows, similar)[^1].ShouldBe("Compared with its 4 most similar councils, Wigan does best on claimant count, better than all 4, and worst on male healthy life expectancy, worse than 3 of them.");

        var changed = new SimilarCouncilValues(4, new Dictionary<string, IReadOnlyList<double>>
        {
            [Claimants.Id] = [1, 2, 3, 50],
            [Health.Id] = [5, 6, 7, 8],
        });
        Write(rows, changed)[^1].ShouldBe("Compared with its 4 most similar councils, Wigan does best on male healthy life expectancy, better than all 4, and worst on claimant count, worse than 3 of them.");
    }

    [Fact]
    public void Past_three_measures_in_a_quarter_the_sentence_counts_them_and_names_the_first_three()
    {
        var strong = Catalogue.Indicators.Where(i => i.Polarity == Polarity.HigherIsBetter).Take(5).ToList();
        strong.Count.ShouldBe(5);
        var rows = Rows([.. strong.Select(i => (i, 99.0, 50.0))]);

        var best = Write(rows)[1];

        best.ShouldStartWith("It is in the best quarter of councils in England on 5 measures, including ");
        foreach (var row in rows.Take(3))
        {
            best.ShouldContain(AreaSummary.Name(row));
        }
        best.ShouldNotContain(AreaSummary.Name(rows[3]));
    }

    [Fact]
    public void Only_measures_with_no_better_direction_give_no_sentences() =>
        Write(Rows((Museums, 99, 50))).ShouldBeEmpty();

    [Fact]
    public void An_area_that_is_not_a_council_is_compared_with_its_nation_but_not_put_in_a_quarter()
    {
        var sentences = AreaSummary.Write("North West", "England", null, Rows((Claimants, 10, 40)), null);

        sentences.ShouldHaveSingleItem().ShouldContain("North West does better than England as a whole on 1");
    }

    [Theory]
    [InlineData("claimant-count", 1, "Best quarter")]
    [InlineData("claimant-count", 4, "Worst quarter")]
    [InlineData("claimant-count", 2, "Second-best quarter")]
    [InlineData("male-healthy-life-expectancy", 1, "Worst quarter")]
    [InlineData("male-healthy-life-expectancy", 3, "Second-best quarter")]
    [InlineData("male-healthy-life-expectancy", 4, "Best quarter")]
    [InlineData("museums", 4, "Highest quarter")]
    [InlineData("museums", 1, "Lowest quarter")]
    public void Quarters_are_named_best_to_worst_by_polarity_never_by_number(string indicatorId, int quartile, string name)
    {
        var text = AreaIndicators.DescribePosition(Catalogue.Find(indicatorId)!, new Position(quartile, 50, 10, 296), "councils in England");

        text.ShouldStartWith($"{name} of 296 councils in England; ");
        text.ShouldNotContain("quartile", Case.Insensitive);
        text.ShouldNotContain("1st");
    }
}
