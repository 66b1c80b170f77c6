using Observatory.Indicators;
using Observatory.Indices;

namespace Observatory.Core.Tests.Indices;

/// <summary>Each normalisation and aggregation of INDICATORS.md §7 on small examples worked by hand.</summary>
public sealed class IndexEngineTests
{
    private static readonly bool[] All3 = [true, true, true];

    private static void ShouldBeClose(double[] actual, params double[] expected)
    {
        actual.Length.ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]))
            {
                double.IsNaN(actual[i]).ShouldBeTrue($"slot {i}");
            }
            else
            {
                actual[i].ShouldBe(expected[i], 1e-9, $"slot {i}");
            }
        }
    }

    [Fact]
    public void Min_max_runs_from_the_worst_to_the_best_reference_area_and_turns_lower_is_better_round()
    {
        ShouldBeClose(IndexEngine.Normalise(IndexEngine.Orient([1, 3, 5], Polarity.HigherIsBetter), All3, IndexNormalisation.MinMax), 0, 0.5, 1);
        ShouldBeClose(IndexEngine.Normalise(IndexEngine.Orient([1, 3, 5], Polarity.LowerIsBetter), All3, IndexNormalisation.MinMax, scale: 100), 100, 50, 0);
    }

    [Fact]
    public void Only_the_reference_set_fixes_the_scale_and_missing_values_stay_missing()
    {
        ShouldBeClose(IndexEngine.Normalise([1, 3, 5, 100, double.NaN], [true, true, true, false, true], IndexNormalisation.MinMax), 0, 0.5, 1, 24.75, double.NaN);
    }

    [Fact]
    public void Z_scores_use_the_reference_mean_and_population_standard_deviation()
    {
        // mean 3, sd √(8/3) = 1.632993…
        var z = Math.Sqrt(1.5);
        ShouldBeClose(IndexEngine.Normalise([1, 3, 5], All3, IndexNormalisation.ZScore), -z, 0, z);
        ShouldBeClose(IndexEngine.Normalise([1, 3, 5], All3, IndexNormalisation.HealthIndex), 100 - (10 * z), 100, 100 + (10 * z));
    }

    [Fact]
    public void Capped_z_scores_are_five_plus_k_z_clamped_to_nought_and_ten()
    {
        var z = Math.Sqrt(1.5);
        ShouldBeClose(IndexEngine.Normalise([1, 3, 5], All3, IndexNormalisation.ZScoreCapped, k: 2), 5 - (2 * z), 5, 5 + (2 * z));
        // k = 5 puts ±1.22 sd at ±6.1 points: past the caps.
        ShouldBeClose(IndexEngine.Normalise([1, 3, 5], All3, IndexNormalisation.ZScoreCapped, k: 5), 0, 5, 10);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 100)]
    [InlineData(0.5, 15.646790072602894)]
    [InlineData(0.9, 50.426654274244)]
    public void The_exponential_transform_is_the_imds(double r, double x)
    {
        IndexEngine.RankExponential(r).ShouldBe(x, 1e-9);
        // The formula as the IMD writes it, for the record.
        (-23 * Math.Log(1 - (r * (1 - Math.Exp(-100.0 / 23))))).ShouldBe(x, 1e-9);
    }

    [Fact]
    public void Rank_exponential_gives_the_best_100_and_the_worst_0_stretching_the_worst_tail()
    {
        // Best first: 5 has R = 0, 3 has R = 0.5, 1 has R = 1 (most deprived); the score is 100 − X.
        ShouldBeClose(IndexEngine.Normalise([1, 3, 5], All3, IndexNormalisation.RankExponential), 0, 100 - 15.646790072602894, 100);
        ShouldBeClose(IndexEngine.Normalise([1, 3, 5], All3, IndexNormalisation.Rank), 0, 0.5, 1);
    }

    [Fact]
    public void Ties_share_their_mean_rank()
    {
        // 3 and 3 hold ranks 2 and 3: both 2.5, so R = 1.5 / 3 = 0.5.
        ShouldBeClose(IndexEngine.Normalise([1, 3, 3, 5], [true, true, true, true], IndexNormalisation.Rank), 0, 0.5, 0.5, 1);
    }

    [Fact]
    public void Median_mad_is_the_distance_from_the_median_in_median_absolute_deviations()
    {
        // median 3; |x − 3| = 2, 1, 1, 7, whose median is 1.5.
        ShouldBeClose(IndexEngine.Normalise([1, 2, 4, 10], [true, true, true, true], IndexNormalisation.MedianMad), -4.0 / 3, -2.0 / 3, 2.0 / 3, 14.0 / 3);
    }

    [Fact]
    public void A_reference_set_without_spread_gives_the_neutral_point()
    {
        ShouldBeClose(IndexEngine.Normalise([2, 2], [true, true], IndexNormalisation.ZScoreCapped, k: 2), 5, 5);
        ShouldBeClose(IndexEngine.Normalise([2, 2], [true, true], IndexNormalisation.MinMax, scale: 10), 5, 5);
    }

    [Fact]
    public void Aggregation_means_weighted_means_and_geometric_means_over_the_parts_with_data()
    {
        IndexEngine.Aggregate([2, double.NaN, 4], [1, 1, 1], IndexAggregation.Mean, minimum: 2).ShouldBe(3);
        IndexEngine.Aggregate([2, 4], [1, 3], IndexAggregation.Mean, minimum: 1).ShouldBe(3);
        IndexEngine.Aggregate([2, 4], [1, 3], IndexAggregation.WeightedMean, minimum: 1).ShouldBe(3.5);
        IndexEngine.Aggregate([2, double.NaN, 4], [1, 5, 3], IndexAggregation.WeightedMean, minimum: 1).ShouldBe(3.5);
        IndexEngine.Aggregate([2, 8], [1, 1], IndexAggregation.Geometric, minimum: 1).ShouldBe(4, 1e-12);
        IndexEngine.Aggregate([2, 8], [1, 3], IndexAggregation.Geometric, minimum: 1).ShouldBe(Math.Pow(2, 2.5), 1e-12);
    }

    [Fact]
    public void Too_few_parts_with_data_give_no_score()
    {
        double.IsNaN(IndexEngine.Aggregate([2, double.NaN, 4], [1, 1, 1], IndexAggregation.Mean, minimum: 3)).ShouldBeTrue();
        double.IsNaN(IndexEngine.Aggregate([double.NaN], [1], IndexAggregation.Mean, minimum: 1)).ShouldBeTrue();
    }

    internal static IndexDefinition TwoDomains(int headlineMinimum, IndexAggregation headline = IndexAggregation.WeightedMean, IndexAggregation domains = IndexAggregation.Mean) => new()
    {
        Id = "test",
        Name = "Test",
        Summary = "Two domains",
        Normalisation = IndexNormalisation.MinMax,
        Decimals = 2,
        SourceFile = "test.yaml",
        Headline = new IndexNode
        {
            Id = "test",
            Name = "Test",
            Aggregation = headline,
            MinimumCoverage = headlineMinimum,
            Children =
            [
                new IndexNode
                {
                    Id = "a", Name = "A", Weight = 2, Aggregation = domains, MinimumCoverage = 2,
                    Indicators = [Indicator("a1"), Indicator("a2")],
                },
                new IndexNode { Id = "b", Name = "B", Weight = 1, Indicators = [Indicator("b1", Polarity.LowerIsBetter)] },
                new IndexNode { Id = "c", Name = "C", NoDataReason = "nothing measures it" },
            ],
        },
    };

    private static IndexIndicator Indicator(string id, Polarity polarity = Polarity.HigherIsBetter) => new() { IndicatorId = id, Weight = 1, Polarity = polarity };

    internal static IndexMatrix Matrix(double[] a1, double[] a2, double[] b1)
    {
        var matrix = new IndexMatrix([.. Enumerable.Range(0, a1.Length).Select(i => $"X{i}")], ["a1", "a2", "b1"]);
        a1.CopyTo(matrix.Values[0], 0);
        a2.CopyTo(matrix.Values[1], 0);
        b1.CopyTo(matrix.Values[2], 0);
        return matrix;
    }

    [Fact]
    public void A_hierarchy_is_aggregated_domain_by_domain_with_the_missing_data_rule_at_each_level()
    {
        // a1 → 0, .5, 1; a2 → 0, 1, none; b1 (lower is better) → 0, .5, 1.
        var matrix = Matrix([0, 5, 10], [10, 20, double.NaN], [3, 2, 1]);

        var result = IndexEngine.Compute(TwoDomains(headlineMinimum: 1), matrix);

        // A needs both its indicators, so X2 has no A; the headline weights A twice B.
        ShouldBeClose(result.ValuesOf(result.Definition.Domains[0]), 0, 0.75, double.NaN);
        ShouldBeClose(result.ValuesOf(result.Definition.Domains[1]), 0, 0.5, 1);
        ShouldBeClose(result.ValuesOf(result.Definition.Domains[2]), double.NaN, double.NaN, double.NaN);
        ShouldBeClose(result.Headline, 0, 2.0 / 3, 1);
        result.DomainsWithData(2).ShouldBe(1);

        var strict = IndexEngine.Compute(TwoDomains(headlineMinimum: 2), matrix);
        ShouldBeClose(strict.Headline, 0, 2.0 / 3, double.NaN);
    }

    [Theory]
    [InlineData(IndexAggregation.WeightedMean, IndexAggregation.Mean)]
    [InlineData(IndexAggregation.Mean, IndexAggregation.WeightedMean)]
    public void With_complete_data_contributions_sum_to_the_difference_from_the_reference_mean(IndexAggregation headline, IndexAggregation domains)
    {
        var matrix = Matrix([0, 5, 10, 2], [10, 20, 12, 11], [3, 2, 1, 7]);
        var result = IndexEngine.Compute(TwoDomains(1, headline, domains), matrix);

        for (var a = 0; a < 4; a++)
        {
            var explanation = result.Explain(a);
            explanation.Baseline.ShouldBe(result.HeadlineMean, 1e-9);
            explanation.Contributions.Sum(c => c.Contribution).ShouldBe(result.Headline[a] - result.HeadlineMean, 1e-9);
            explanation.Contributions.Sum(c => c.Weight).ShouldBe(1, 1e-9);
        }
    }

    [Fact]
    public void Each_contribution_is_its_weight_share_times_its_distance_from_the_reference_mean()
    {
        var matrix = Matrix([0, 5, 10], [10, 20, 15], [3, 2, 1]);
        var result = IndexEngine.Compute(TwoDomains(1), matrix);

        var explanation = result.Explain(0);

        // Weight shares: A = 2/3 split equally between a1 and a2, B = 1/3. Reference means of the normalised values are 0.5.
        var a1 = explanation.Contributions.Single(c => c.Indicator.IndicatorId == "a1");
        a1.Weight.ShouldBe(1.0 / 3, 1e-12);
        a1.Normalised.ShouldBe(0);
        a1.ReferenceMean.ShouldBe(0.5, 1e-12);
        a1.Contribution.ShouldBe(-1.0 / 6, 1e-12);
        a1.Path.Select(n => n.Id).ShouldBe(["a"]);
        explanation.Contributions.Single(c => c.Indicator.IndicatorId == "b1").Contribution.ShouldBe(-1.0 / 6, 1e-12);
    }

    [Fact]
    public void Contributions_sum_exactly_even_with_missing_data_and_geometric_means()
    {
        var matrix = Matrix([1, 5, 10, 2], [10, 20, double.NaN, 11], [3, 2, 1, 7]);
        var definition = TwoDomains(1, IndexAggregation.Geometric, IndexAggregation.Geometric);
        var result = IndexEngine.Compute(definition, matrix);

        for (var a = 0; a < 4; a++)
        {
            var explanation = result.Explain(a);
            if (double.IsNaN(result.Headline[a]))
            {
                explanation.Contributions.ShouldBeEmpty();
                continue;
            }
            explanation.Contributions.Sum(c => c.Contribution).ShouldBe(explanation.Score - explanation.Baseline, 1e-9, $"area {a}");
        }
    }
}
