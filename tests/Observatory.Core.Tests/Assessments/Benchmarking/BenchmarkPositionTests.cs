using Observatory.Assessments;
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

    /// <summary>
    /// An organisation's own levels, which its position is read from, are the weakest-link levels its results page
    /// scores: for every topic, theme and the whole of the data maturity assessment, with some questions unanswered
    /// (a part with an answered question is counted, at 0 when another of its questions is unanswered; a part with
    /// none answered is not counted at all).
    /// </summary>
    [Fact]
    public void An_organisations_own_levels_are_its_weakest_link_scores()
    {
        var template = BenchmarkData.Dmag;
        var random = new Random(16);
        for (var round = 0; round < 20; round++)
        {
            var answers = template.Questions.Where(_ => round < 5 || random.Next(6) > 0).ToDictionary(q => q.Id, _ => random.Next(1, 6));
            var mine = BenchmarkEngine.LevelsOf(template, answers);
            var score = AssessmentScoring.Score(AssessmentScoring.Answers(template, answers.ToDictionary(a => a.Key, a => new Answer(a.Value, null, null))));
            mine[BenchmarkEngine.OverallId].ShouldBe(score.Overall.WeakestLink!.Value);
            foreach (var question in template.Questions)
            {
                mine.TryGetValue(question.Id, out var level).ShouldBe(answers.ContainsKey(question.Id), question.Id);
                if (answers.TryGetValue(question.Id, out var answer))
                {
                    level.ShouldBe(answer, question.Id);
                }
            }
            foreach (var topic in template.Topics)
            {
                var answered = topic.Questions.Any(q => answers.ContainsKey(q.Id));
                mine.ContainsKey(topic.Id).ShouldBe(answered, topic.Id);
                if (answered)
                {
                    mine[topic.Id].ShouldBe(score.Topics.Single(t => t.Id == topic.Id).WeakestLink!.Value, topic.Id);
                }
                foreach (var theme in topic.Themes.Where(t => t.Questions.Any(q => answers.ContainsKey(q.Id))))
                {
                    mine[$"{topic.Id}/{theme.Id}"].ShouldBe(score.Topics.Single(t => t.Id == topic.Id).Parts.Single(p => p.Id == theme.Id).WeakestLink!.Value, theme.Id);
                }
            }
        }
    }
}
