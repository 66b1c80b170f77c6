using Observatory.Assessments;
using Observatory.Outcomes;

namespace Observatory.Core.Tests.Assessments;

/// <summary>Scores worked by hand: the example of docs/assessments.md, a full data maturity answer set, checklists and refusals.</summary>
public sealed class AssessmentScoringTests
{
    private static TemplateScore Score(AssessmentTemplate template, params (string Question, string Answer)[] answers) =>
        AssessmentScoring.Score(AssessmentScoring.Read(template, answers.ToDictionary(a => a.Question, a => (string?)a.Answer)).Value);

    private static PartScore Part(TemplateScore score, string id) =>
        score.Topics.SelectMany(t => t.Parts.Prepend(t)).First(p => p.Id == id);

    [Fact]
    public void The_worked_example_scores_as_the_documentation_says()
    {
        var score = Score(TemplateFiles.Worked, ("q1", "3"), ("q2", "4"), ("q3", "2"), ("q4", "5"));

        Part(score, "a1").WeakestLink.ShouldBe(3);
        Part(score, "a2").WeakestLink.ShouldBe(2);
        Part(score, "a").WeakestLink.ShouldBe(2);
        Part(score, "a").Mean.ShouldBe(3.0);
        Part(score, "a").Coverage.ShouldBe(new Dictionary<int, double> { [1] = 1, [2] = 1, [3] = 2.0 / 3, [4] = 1.0 / 3, [5] = 0 });
        Part(score, "b").WeakestLink.ShouldBe(0, "q5 is unanswered, so theme b1 is at no level yet");
        Part(score, "b").Mean.ShouldBe(5.0);
        Part(score, "b").Coverage![1].ShouldBe(0.5);
        score.Overall.WeakestLink.ShouldBe(0);
        score.Overall.Mean.ShouldBe(3.5);
        score.Overall.Answered.ShouldBe(4);
        score.Overall.Coverage.ShouldBe(new Dictionary<int, double> { [1] = 0.8, [2] = 0.8, [3] = 0.6, [4] = 0.4, [5] = 0.2 });
    }

    [Fact]
    public void Answering_the_last_question_lifts_the_whole_to_its_weakest_topic()
    {
        var score = Score(TemplateFiles.Worked, ("q1", "3"), ("q2", "4"), ("q3", "2"), ("q4", "5"), ("q5", "Developing"));

        Part(score, "b").WeakestLink.ShouldBe(4);
        score.Overall.WeakestLink.ShouldBe(2);
        score.Overall.Mean.ShouldBe(3.6);
    }

    [Fact]
    public void A_full_data_maturity_answer_set_is_held_back_by_its_weakest_question()
    {
        var t = TemplateFiles.Shipped.Find("dmag-2023")!;
        var questions = t.Questions.ToList();
        // Every question at Developing (4) but one at Emerging (2), in the third topic.
        var low = t.Topics[2].Themes[0].Questions[0];
        var answers = questions.Select(q => (q.Id, q == low ? "2" : "4")).ToArray();

        var score = Score(t, answers);

        score.Overall.Answered.ShouldBe(97);
        score.Overall.WeakestLink.ShouldBe(2);
        score.Overall.Mean.ShouldNotBeNull().ShouldBe((96 * 4 + 2) / 97.0, 1e-12);
        score.Topics.Where((_, i) => i != 2).ShouldAllBe(topic => topic.WeakestLink == 4);
        score.Topics[2].WeakestLink.ShouldBe(2);
        score.Topics[2].Parts[0].WeakestLink.ShouldBe(2);
        score.Topics[2].Parts.Skip(1).ShouldAllBe(theme => theme.WeakestLink == 4);
        var n = t.Topics[2].Questions.Count();
        score.Topics[2].Coverage![3].ShouldBe((n - 1) / (double)n);
        score.Topics[2].Coverage![5].ShouldBe(0);
        score.Overall.Coverage![4].ShouldBe(96 / 97.0);
    }

    [Fact]
    public void Checklists_give_counts_and_shares_of_yes_partly_and_no()
    {
        var t = TemplateFiles.Shipped.Find("ethical-attributes")!;
        var ids = t.Questions.Select(q => q.Id).ToList();
        var score = Score(t, (ids[0], "yes"), (ids[1], "Yes"), (ids[2], "partly"), (ids[3], "no"), (ids[4], "n/a"));

        var tally = score.Overall.Tally.ShouldNotBeNull();
        (tally.Yes, tally.Partly, tally.No, tally.NotApplicable, tally.Unanswered).ShouldBe((2, 1, 1, 1, ids.Count - 5));
        tally.YesShare.ShouldBe(0.5);
        tally.PartlyShare.ShouldBe(0.25);
        tally.NoShare.ShouldBe(0.25);
        score.Overall.WeakestLink.ShouldBeNull();
        score.Overall.Mean.ShouldBeNull();
        score.Topics[0].Tally!.Yes.ShouldBe(2, "both beneficence questions");
    }

    [Fact]
    public void An_answer_to_a_question_the_template_lacks_is_refused_naming_it()
    {
        var outcome = AssessmentScoring.Read(TemplateFiles.Worked, new Dictionary<string, string?> { ["q1"] = "3", ["q9"] = "2" });

        var refusal = outcome.Refusal.ShouldNotBeNull();
        refusal.Kind.ShouldBe(RefusalKind.Invalid);
        refusal.Problems.Single().Field.ShouldBe("answers.q9");
        refusal.Problems.Single().Message.ShouldBe("'q9' is not a question of the template 't'");
    }

    [Theory]
    [InlineData("6")]
    [InlineData("0")]
    [InlineData("2.5")]
    [InlineData("yes")]
    public void A_level_off_the_scale_is_refused_naming_the_question(string answer)
    {
        var refusal = AssessmentScoring.Read(TemplateFiles.Worked, new Dictionary<string, string?> { ["q2"] = answer }).Refusal.ShouldNotBeNull();

        refusal.Problems.Single().Field.ShouldBe("answers.q2");
        refusal.Problems.Single().Message.ShouldStartWith($"'{answer}' is not on the scale of question 'q2': answer a level from 1 to 5 (1 Beginning");
    }

    [Fact]
    public void A_checklist_refuses_a_level()
    {
        var t = TemplateFiles.Shipped.Find("local-digital-capital")!;
        var refusal = AssessmentScoring.Read(t, new Dictionary<string, string?> { ["trade-support-available"] = "3" }).Refusal.ShouldNotBeNull();
        refusal.Problems.Single().Message.ShouldContain("answer yes, partly, no or not-applicable");
    }
}
