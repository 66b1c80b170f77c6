using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Portraits;
using Observatory.Portraits.Engine;

namespace Observatory.Core.Tests.Portraits;

/// <summary>
/// The portrait rules (<see cref="PortraitRules"/>) one at a time, as the papers state them (O'Neill et al. 2018,
/// Fanning et al. 2022, Fanning and Raworth 2025), and small sets of places through both the rules and the engine.
/// </summary>
public sealed class PortraitRulesTests
{
    private static readonly PortraitThreshold Floor = new(6.5, "out of 10", "test", "test");

    [Theory]
    [InlineData(Normalisation.RatioToBoundary, Ring.Social, Polarity.HigherIsBetter, 7.15, 6.5, null, 1.1)]
    [InlineData(Normalisation.RatioToBoundary, Ring.Social, Polarity.LowerIsBetter, 10, 5, null, 0.5)]
    [InlineData(Normalisation.RatioToBoundary, Ring.Ecological, Polarity.LowerIsBetter, 4.83, 1.61, null, 3)]
    [InlineData(Normalisation.BaselineAnchoredRatio, Ring.Ecological, Polarity.LowerIsBetter, 417.07, 350, 280.0, 1.958)]
    [InlineData(Normalisation.BaselineAnchoredRatio, Ring.Ecological, Polarity.HigherIsBetter, 38.18, 47.9, 63.87, 1.609)]
    [InlineData(Normalisation.BaselineAnchoredRatio, Ring.Ecological, Polarity.HigherIsBetter, 284.58, 276, 290.0, 0.387)]
    [InlineData(Normalisation.ShareDeprived, Ring.Social, Polarity.LowerIsBetter, 9.62, 0, null, 0.904)]
    [InlineData(Normalisation.PublishedRatio, Ring.Social, Polarity.HigherIsBetter, 0.995, 1, null, 0.995)]
    public void Normalises_as_the_papers_do(Normalisation normalisation, Ring ring, Polarity polarity, double value, double threshold, double? baseline, double expected)
    {
        var ratio = PortraitRules.Normalise(normalisation, ring, polarity, value, new PortraitThreshold(threshold, null, "s", "r", baseline));

        PortraitRules.Round(ratio, 3).ShouldBe(expected);
    }

    [Fact]
    public void Min_max_reads_from_the_worst_place_to_the_threshold()
    {
        PortraitRules.Normalise(Normalisation.MinMaxToThreshold, Ring.Social, Polarity.HigherIsBetter, 5, Floor, worst: 3.5).ShouldBe(0.5);
        PortraitRules.Normalise(Normalisation.MinMaxToThreshold, Ring.Social, Polarity.HigherIsBetter, 5, Floor, worst: 6.5).ShouldBe(double.NaN);
    }

    [Theory]
    [InlineData(Ring.Social, 1.0, DimensionStatus.Within)]
    [InlineData(Ring.Social, 0.99, DimensionStatus.Shortfall)]
    [InlineData(Ring.Ecological, 1.0, DimensionStatus.Within)]
    [InlineData(Ring.Ecological, 1.01, DimensionStatus.Overshoot)]
    [InlineData(Ring.Ecological, double.NaN, DimensionStatus.NoData)]
    public void A_social_ratio_of_exactly_one_is_achieved_and_a_boundary_needs_more_than_one(Ring ring, double ratio, DimensionStatus status) =>
        PortraitRules.StatusOf(ring, ratio).ShouldBe(status);

    [Fact]
    public void Ratios_are_rounded_half_away_from_zero_before_status_is_read()
    {
        PortraitRules.Round(0.995, 2).ShouldBe(1.0);
        PortraitRules.Round(1.005, 2).ShouldBe(1.01);
        PortraitRules.SizeOf(Ring.Social, 0.75, 2).ShouldBe(0.25);
        PortraitRules.SizeOf(Ring.Ecological, 3.14, 2).ShouldBe(2.14);
        PortraitRules.SizeOf(Ring.Ecological, 0.5, 2).ShouldBe(0);
    }

    [Theory]
    [InlineData(Ring.Social, new[] { DimensionStatus.Within, DimensionStatus.Shortfall, DimensionStatus.NoData }, DimensionStatus.Shortfall)]
    [InlineData(Ring.Social, new[] { DimensionStatus.NoData, DimensionStatus.Within }, DimensionStatus.Within)]
    [InlineData(Ring.Ecological, new[] { DimensionStatus.Within, DimensionStatus.Overshoot }, DimensionStatus.Overshoot)]
    [InlineData(Ring.Ecological, new[] { DimensionStatus.NoData, DimensionStatus.NoData }, DimensionStatus.NoData)]
    [InlineData(Ring.Ecological, new DimensionStatus[0], DimensionStatus.NoData)]
    public void A_dimension_is_worse_when_any_indicator_is_and_no_data_only_when_none_has_any(Ring ring, DimensionStatus[] indicators, DimensionStatus status) =>
        PortraitRules.StatusOf(ring, indicators).ShouldBe(status);

    [Fact]
    public void The_worst_place_is_the_lowest_or_the_highest_when_lower_is_better_the_first_of_equals()
    {
        PortraitRules.Worst([3, double.NaN, 1, 2], Polarity.HigherIsBetter).ShouldBe(1);
        PortraitRules.Worst([3, double.NaN, 1, 2], Polarity.LowerIsBetter).ShouldBe(3);
        PortraitRules.Worst([double.NaN, double.NaN], Polarity.HigherIsBetter).ShouldBe(double.NaN);
        // Of 0 and −0 the first is the worst, which settles the sign of ratios read from it.
        BitConverter.DoubleToInt64Bits(PortraitRules.Worst([4, -0.0, 0.0], Polarity.HigherIsBetter)).ShouldBe(BitConverter.DoubleToInt64Bits(-0.0));
        BitConverter.DoubleToInt64Bits(PortraitRules.Worst([4, 0.0, -0.0], Polarity.HigherIsBetter)).ShouldBe(0);
    }

    [Fact]
    public void Computes_a_set_of_places_with_min_max_worst_from_the_set_and_counts_of_those_with_data()
    {
        var definition = Definition(
            Dimension("wellbeing", Ring.Social, Indicator("score", Normalisation.MinMaxToThreshold, Polarity.HigherIsBetter, 8)),
            Dimension("carbon", Ring.Ecological, Indicator("co2", Normalisation.RatioToBoundary, Polarity.LowerIsBetter, 2)),
            Dimension("water", Ring.Ecological));
        var columns = new PortraitColumns(["A", "B", "C"], 2);
        columns.Values[0] = [4, 6, 8];
        columns.Values[1] = [1, 3, double.NaN];

        var batch = PortraitEngine.Compute(definition, columns);

        PortraitBatchTests.ShouldMatchTheRules(definition, columns);
        batch.Ratios[0].ShouldBe([0, 0.5, 1]);
        batch.SocialAchieved.ShouldBe([0, 0, 1]);
        batch.EcologicalTransgressed.ShouldBe([0, 1, 0]);
        batch.EcologicalWithData.ShouldBe([1, 1, 0]);
        var c = batch.For("C")!;
        c.Find("carbon")!.Status.ShouldBe(DimensionStatus.NoData);
        c.Find("water")!.Status.ShouldBe(DimensionStatus.NoData);
        batch.For("B")!.Find("carbon")!.Size.ShouldBe(0.5);
        batch.For("A")!.Find("wellbeing")!.Size.ShouldBe(1);
    }

    [Fact]
    public void A_dimension_falls_short_when_any_indicator_with_data_does()
    {
        var definition = Definition(Dimension("health", Ring.Social,
            Indicator("male", Normalisation.RatioToBoundary, Polarity.HigherIsBetter, 65),
            Indicator("female", Normalisation.RatioToBoundary, Polarity.HigherIsBetter, 65)));
        var columns = new PortraitColumns(["A", "B"], 2);
        columns.Values[0] = [66, 60];
        columns.Values[1] = [double.NaN, 70];

        var rules = PortraitRules.For(definition, columns);

        PortraitBatchTests.ShouldMatchTheRules(definition, columns);
        rules.PortraitOf("A")!.Find("health")!.Status.ShouldBe(DimensionStatus.Within);
        var b = rules.PortraitOf("B")!.Find("health")!;
        b.Status.ShouldBe(DimensionStatus.Shortfall);
        b.Deciding!.Id.ShouldBe("male");
        b.Value.ShouldBe(60);
    }

    [Fact]
    public void A_local_threshold_needs_a_known_dimension_a_reason_and_a_value_to_read()
    {
        var definition = Definition(
            Dimension("health", Ring.Social, Indicator("hle", Normalisation.RatioToBoundary, Polarity.HigherIsBetter, 65)),
            Dimension("published", Ring.Social, Indicator("p", Normalisation.PublishedRatio, Polarity.HigherIsBetter, null)));
        var columns = new PortraitColumns(["A"], 2);
        columns.Values[0] = [66];

        var local = new Dictionary<string, ThresholdOverride> { ["health/hle"] = new(70, "Our 2030 target") };
        var rules = PortraitRules.For(definition, columns, local);

        PortraitBatchTests.ShouldMatchTheRules(definition, columns, local);
        var hle = rules.PortraitOf("A")!.Find("health")!;
        hle.Status.ShouldBe(DimensionStatus.Shortfall);
        hle.Indicators[0].LocalReason.ShouldBe("Our 2030 target");
        rules.Thresholds[0]!.Rationale.ShouldBe("Our 2030 target");
        foreach (var refused in new Dictionary<string, ThresholdOverride>[] { new() { ["housing"] = new(5, "x") }, new() { ["health"] = new(5, " ") }, new() { ["published"] = new(5, "x") } })
        {
            Should.Throw<ArgumentException>(() => PortraitRules.For(definition, columns, refused));
            Should.Throw<ArgumentException>(() => PortraitEngine.Compute(definition, columns, localThresholds: refused));
        }
    }

    private static PortraitDefinition Definition(params PortraitDimension[] dimensions) => new()
    {
        Id = "test",
        Name = "Test",
        Citation = "Test",
        Places = PortraitPlaces.Countries,
        Decimals = 2,
        Lenses = [],
        Dimensions = dimensions,
    };

    private static PortraitDimension Dimension(string id, Ring ring, params PortraitIndicator[] indicators) => new()
    {
        Id = id,
        Name = id,
        Element = new ElementRef("doughnut", id),
        Ring = ring,
        Lenses = [],
        Indicators = indicators,
    };

    private static PortraitIndicator Indicator(string id, Normalisation normalisation, Polarity polarity, double? threshold) => new()
    {
        Id = id,
        Name = id,
        Normalisation = normalisation,
        Polarity = polarity,
        Threshold = threshold is { } t ? new PortraitThreshold(t, null, "source", "rationale") : null,
    };
}
