using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Portraits;

namespace Observatory.Core.Tests.Portraits;

/// <summary>The formulas of DOUGHNUT.md §3 one at a time.</summary>
public sealed class PortraitEngineTests
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
        var ratio = PortraitEngine.Normalise(normalisation, ring, polarity, value, new PortraitThreshold(threshold, null, "s", "r", baseline));

        PortraitEngine.Round(ratio, 3).ShouldBe(expected);
    }

    [Fact]
    public void Min_max_reads_from_the_worst_place_to_the_threshold()
    {
        PortraitEngine.Normalise(Normalisation.MinMaxToThreshold, Ring.Social, Polarity.HigherIsBetter, 5, Floor, worst: 3.5).ShouldBe(0.5);
        PortraitEngine.Normalise(Normalisation.MinMaxToThreshold, Ring.Social, Polarity.HigherIsBetter, 5, Floor, worst: 6.5).ShouldBe(double.NaN);
    }

    [Theory]
    [InlineData(Ring.Social, 1.0, DimensionStatus.Within)]
    [InlineData(Ring.Social, 0.99, DimensionStatus.Shortfall)]
    [InlineData(Ring.Ecological, 1.0, DimensionStatus.Within)]
    [InlineData(Ring.Ecological, 1.01, DimensionStatus.Overshoot)]
    [InlineData(Ring.Ecological, double.NaN, DimensionStatus.NoData)]
    public void A_social_ratio_of_exactly_one_is_achieved_and_a_boundary_needs_more_than_one(Ring ring, double ratio, DimensionStatus status) =>
        PortraitEngine.StatusOf(ring, ratio).ShouldBe(status);

    [Fact]
    public void Ratios_are_rounded_half_away_from_zero_before_status_is_read()
    {
        PortraitEngine.Round(0.995, 2).ShouldBe(1.0);
        PortraitEngine.Round(1.005, 2).ShouldBe(1.01);
        PortraitEngine.SizeOf(Ring.Social, 0.75, 2).ShouldBe(0.25);
        PortraitEngine.SizeOf(Ring.Ecological, 3.14, 2).ShouldBe(2.14);
        PortraitEngine.SizeOf(Ring.Ecological, 0.5, 2).ShouldBe(0);
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

        var batch = PortraitEngine.Compute(definition, columns);

        batch.For("A")!.Find("health")!.Status.ShouldBe(DimensionStatus.Within);
        var b = batch.For("B")!.Find("health")!;
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

        var batch = PortraitEngine.Compute(definition, columns, localThresholds: new Dictionary<string, ThresholdOverride> { ["health/hle"] = new(70, "Our 2030 target") });

        batch.For("A")!.Find("health")!.Status.ShouldBe(DimensionStatus.Shortfall);
        batch.Thresholds[0]!.Rationale.ShouldBe("Our 2030 target");
        Should.Throw<ArgumentException>(() => PortraitEngine.Compute(definition, columns, localThresholds: new Dictionary<string, ThresholdOverride> { ["housing"] = new(5, "x") }));
        Should.Throw<ArgumentException>(() => PortraitEngine.Compute(definition, columns, localThresholds: new Dictionary<string, ThresholdOverride> { ["health"] = new(5, " ") }));
        Should.Throw<ArgumentException>(() => PortraitEngine.Compute(definition, columns, localThresholds: new Dictionary<string, ThresholdOverride> { ["published"] = new(5, "x") }));
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
