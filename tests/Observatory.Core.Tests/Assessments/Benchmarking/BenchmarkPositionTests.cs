using Observatory.Assessments.Benchmarking;

namespace Observatory.Core.Tests.Assessments.Benchmarking;

/// <summary>An organisation's own level against a published distribution, in words.</summary>
public sealed class BenchmarkPositionTests
{
    [Theory]
    [InlineData(1, 2, 3, 4, BenchmarkPosition.LowerQuartile)]
    [InlineData(2, 2, 3, 4, BenchmarkPosition.LowerQuartile)]
    [InlineData(3, 2, 3, 4, BenchmarkPosition.AtMedian)]
    [InlineData(4, 2, 3, 4, BenchmarkPosition.UpperQuartile)]
    [InlineData(5, 2, 3, 4, BenchmarkPosition.UpperQuartile)]
    [InlineData(3, 1.75, 2.5, 3.25, BenchmarkPosition.AboveMedian)]
    [InlineData(2, 1.75, 2.5, 3.25, BenchmarkPosition.BelowMedian)]
    // Quartiles that meet the median: a level equal to them is at the median, not in a quartile.
    [InlineData(3, 3, 3, 3, BenchmarkPosition.AtMedian)]
    [InlineData(4, 3, 3, 3, BenchmarkPosition.UpperQuartile)]
    [InlineData(2, 3, 3, 3, BenchmarkPosition.LowerQuartile)]
    public void A_level_is_placed_against_the_median_and_quartiles(int level, double lower, double median, double upper, BenchmarkPosition expected) =>
        BenchmarkPositions.Position(level, new Distribution(10, median, lower, upper)).ShouldBe(expected);

    [Fact]
    public void The_sentence_names_the_group_in_plain_words()
    {
        var d = new Distribution(40, 3, 2, 4);
        BenchmarkPositions.Sentence(5, d, new PeerGroup("type-metropolitan-district", PeerGroupKind.CouncilType, "Metropolitan districts"))
            .ShouldBe("Your level is in the upper quartile of metropolitan districts.");
        BenchmarkPositions.Sentence(3, d, new PeerGroup("type-london-borough", PeerGroupKind.CouncilType, "London boroughs"))
            .ShouldBe("Your level is at the median of London boroughs.");
        BenchmarkPositions.Sentence(1, d, new PeerGroup("all", PeerGroupKind.All, "All contributing organisations"))
            .ShouldBe("Your level is in the lower quartile of all contributing organisations.");
    }
}
