using Observatory.Assessments;

namespace Observatory.Core.Tests.Assessments;

/// <summary>
/// The agreement scale, worked by hand: a median and a distribution for each part, and questions answered in words
/// beside the statements, which are kept but never scored.
/// </summary>
public sealed class AgreementScoringTests
{
    private static readonly string AgreementHead = TemplateFiles.Head.Replace("scale: maturity\nlevels: [Beginning, Emerging, Learning, Developing, Mastering]\n", "scale: agreement\n");

    /// <summary>Section s1: statements q1, q2, q3 and w1 in words; section s2: statements q4 and q5.</summary>
    private static readonly AssessmentTemplate Survey = TemplateFiles.ReadValid(AgreementHead + """
        sections:
          - id: s1
            title: Section one
            questions:
              - {id: q1, text: Statement one.}
              - {id: q2, text: Statement two.}
              - {id: q3, text: Statement three.}
              - {id: w1, text: "Anything else?", scale: free-text}
          - id: s2
            title: Section two
            questions:
              - {id: q4, text: Statement four.}
              - {id: q5, text: Statement five.}
        """);

    private static TemplateScore Score(params (string Question, string Answer)[] answers) =>
        AssessmentScoring.Score(AssessmentScoring.Read(Survey, answers.ToDictionary(a => a.Question, a => (string?)a.Answer)).Value);

    [Fact]
    public void Each_part_has_the_median_and_the_distribution_of_its_answers()
    {
        // s1: 4, 5, 2 → in order 2, 4, 5: median 4. s2: 1 (q5 unanswered): median 1.
        // Whole: 4, 5, 2, 1 → in order 1, 2, 4, 5: an even count, so halfway between 2 and 4 = 3.
        var score = Score(("q1", "Agree"), ("q2", "5"), ("q3", "2"), ("q4", "1"), ("w1", "Our library kept the town talking."));
        var s1 = score.Topics[0];
        var s2 = score.Topics[1];

        s1.Median.ShouldBe(4);
        s1.Distribution.ShouldBe(new Dictionary<int, int> { [1] = 0, [2] = 1, [3] = 0, [4] = 1, [5] = 1 });
        s1.Questions.ShouldBe(3, "the question in words is not scored");
        s1.Answered.ShouldBe(3);
        s1.Mean!.Value.ShouldBe(11.0 / 3, 1e-9);
        s2.Median.ShouldBe(1);
        s2.Distribution.ShouldBe(new Dictionary<int, int> { [1] = 1, [2] = 0, [3] = 0, [4] = 0, [5] = 0 });
        s2.Answered.ShouldBe(1);
        score.Overall.Median.ShouldBe(3.0);
        score.Overall.Distribution.ShouldBe(new Dictionary<int, int> { [1] = 1, [2] = 1, [3] = 0, [4] = 1, [5] = 1 });
        score.Overall.Questions.ShouldBe(5);
        score.Overall.Answered.ShouldBe(4);
        score.Overall.Mean.ShouldBe(3.0);
    }

    [Fact]
    public void Answering_the_last_statement_moves_the_median_as_worked_by_hand()
    {
        // Whole: 1, 2, 4, 5 and now 5 → in order 1, 2, 4, 5, 5: an odd count, so the middle one, 4.
        var score = Score(("q1", "4"), ("q2", "5"), ("q3", "2"), ("q4", "1"), ("q5", "Strongly agree"));

        score.Overall.Median.ShouldBe(4);
        score.Topics[1].Median.ShouldBe(3.0, "1 and 5: halfway between");
        score.Topics[1].Distribution![5].ShouldBe(1);
        ResultWords.Agreement(Survey, 3.5).ShouldBe("between Neither agree nor disagree and Agree (3.5)");
        ResultWords.Agreement(Survey, 4).ShouldBe("Agree (4)");
    }

    [Fact]
    public void A_question_in_words_takes_any_words_and_a_statement_only_the_scale()
    {
        var words = AssessmentScoring.Read(Survey, new Dictionary<string, string?> { ["w1"] = "3", ["q1"] = "agree strongly" });

        words.IsSuccess.ShouldBeFalse();
        words.Refusal!.Problems.Single().Field.ShouldBe("answers.q1");
        words.Refusal.Problems.Single().Message.ShouldContain("1 Strongly disagree");
        AssessmentScoring.Read(Survey, new Dictionary<string, string?> { ["w1"] = "3" }).Value.For("w1")!.Value.Text.ShouldBe("3");
    }

    [Fact]
    public void The_median_of_no_answers_is_unknown_and_of_an_even_count_is_halfway()
    {
        AssessmentScoring.Median([]).ShouldBeNull();
        AssessmentScoring.Median([3]).ShouldBe(3);
        AssessmentScoring.Median([5, 1]).ShouldBe(3);
        AssessmentScoring.Median([2, 2, 5, 4]).ShouldBe(3);
        Score().Overall.Median.ShouldBeNull();
        Score().Overall.Distribution!.Values.Sum().ShouldBe(0);
    }

    [Fact]
    public void Only_words_may_stand_in_for_a_templates_scale()
    {
        var (template, problems) = TemplateFiles.Read(AgreementHead + "sections:\n  - id: s\n    title: S\n    questions:\n      - {id: q1, text: \"Q?\", scale: checklist}\n");

        template.ShouldBeNull();
        problems.Single().ToString().ShouldContain("sections[0].questions[0].scale: a question may only be answered in words ('free-text') instead of on the template's scale (agreement)");
    }

    [Fact]
    public void A_question_in_words_on_a_maturity_template_takes_no_statements_and_holds_no_part_back()
    {
        var template = TemplateFiles.ReadValid(TemplateFiles.Head + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1")
            + "  - id: words\n    title: In your words\n    questions:\n      - {id: w1, text: \"Anything else?\", scale: free-text}\n");
        var score = AssessmentScoring.Score(AssessmentScoring.Read(template, new Dictionary<string, string?> { ["q1"] = "3" }).Value);

        score.Overall.WeakestLink.ShouldBe(3, "a section of words only has nothing to reach");
        score.Topics[1].Questions.ShouldBe(0);
        TemplateFiles.Read(TemplateFiles.Head + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1").Replace("  text: Question q1?", "  text: Question q1?\n        scale: free-text"))
            .Problems.ShouldContain(p => p.ToString().Contains("only questions on the maturity scale have level statements (this question is answered in words)"));
    }
}
