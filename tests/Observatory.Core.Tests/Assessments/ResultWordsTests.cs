using Observatory.Assessments;

namespace Observatory.Core.Tests.Assessments;

/// <summary>Strengths and gaps in words are written from the scores: they name the right parts, with their level names, and follow the answers.</summary>
public sealed class ResultWordsTests
{
    private static ResultSentences Words(AssessmentTemplate template, params (string Question, string Answer)[] answers) =>
        ResultWords.Describe(AssessmentScoring.Score(AssessmentScoring.Read(template, answers.ToDictionary(a => a.Question, a => (string?)a.Answer)).Value));

    [Fact]
    public void On_the_maturity_scale_the_strongest_and_weakest_topics_are_named_with_their_levels()
    {
        // Topic A: themes at 3 and 2 → 2 (Emerging); topic B: 4 and 5 → 4 (Developing).
        var words = Words(TemplateFiles.Worked, ("q1", "3"), ("q2", "4"), ("q3", "2"), ("q4", "5"), ("q5", "4"));

        words.Overview.ShouldBe("Overall you are at level 2 (Emerging) by the weakest link, with a mean answer of 3.6 (5 of 5 scored questions answered).");
        words.Strengths.ShouldBe(["Topic B is your strongest topic: every question in it is at level 4 (Developing) or higher, with a mean of 4.5."]);
        // Topic A has 3 questions: q1 (3) and q2 (4) are at level 3 or higher already, q3 (2) is not.
        words.Gaps.ShouldBe(["Topic A is your weakest topic: it is at level 2 (Emerging), with a mean of 3.0. To reach level 3 (Learning), 1 of its 3 questions must rise to that level."]);
        words.GapParts.Single().Id.ShouldBe("a");
    }

    [Fact]
    public void Changing_one_answer_changes_the_sentences()
    {
        var before = Words(TemplateFiles.Worked, ("q1", "3"), ("q2", "4"), ("q3", "2"), ("q4", "5"), ("q5", "4"));
        var after = Words(TemplateFiles.Worked, ("q1", "3"), ("q2", "4"), ("q3", "2"), ("q4", "5"), ("q5", "1"));

        after.Strengths.ShouldNotBe(before.Strengths);
        after.Gaps.Single().ShouldStartWith("Topic B is your weakest topic: it is at level 1 (Beginning)");
        after.Strengths.Single().ShouldStartWith("Topic A is your strongest topic: every question in it is at level 2 (Emerging)");
    }

    [Fact]
    public void An_unanswered_question_is_a_gap_and_nothing_answered_says_so()
    {
        var words = Words(TemplateFiles.Worked, ("q1", "3"), ("q2", "4"), ("q3", "2"), ("q4", "5"));
        words.Overview.ShouldStartWith("Overall you are not yet at any level by the weakest link, because 1 question is unanswered");
        words.Gaps.Single().ShouldStartWith("Topic B is your weakest topic: it is not yet at any level");

        var none = Words(TemplateFiles.Worked);
        none.Strengths.ShouldBeEmpty();
        none.Gaps.ShouldBeEmpty();
        none.Overview.ShouldContain("not answered any of the scored questions");
    }

    [Fact]
    public void On_a_checklist_the_section_with_most_yes_is_the_strength_and_with_most_no_the_gap()
    {
        var t = TemplateFiles.Shipped.Find("digital-identity-principles")!;
        var words = Words(t, ("no-single-point", "yes"), ("portable-identity", "yes"), ("citizen-controls-access", "no"), ("citizen-sees-use", "partly"),
            ("parts-separated", "partly"), ("parts-replaceable", "yes"), ("excluded-in-design", "no"), ("support-offered", "no"));

        words.Strengths.ShouldBe(["Operate on a distributed basis is your strongest section: of 2 questions that apply, 2 answered yes and 0 no."]);
        words.Gaps.ShouldBe(["Make provision for the digitally vulnerable is your biggest gap: of 2 questions that apply, 0 answered yes and 2 no."]);
        words.Overview.ShouldBe("Overall, of 8 questions that apply, 3 answered yes, 2 partly and 3 no (8 of 8 scored questions answered).");
    }

    [Fact]
    public void When_every_part_scores_the_same_none_is_called_a_strength_or_a_gap()
    {
        var words = Words(TemplateFiles.Worked, ("q1", "3"), ("q2", "3"), ("q3", "3"), ("q4", "3"), ("q5", "3"));
        words.Strengths.ShouldBeEmpty();
        words.Gaps.ShouldBeEmpty();
        words.Overview.ShouldEndWith("Every topic scores the same, so none stands out as a strength or a gap.");
    }

    [Fact]
    public void On_the_agreement_scale_the_medians_are_named_in_words()
    {
        var t = TemplateFiles.Shipped.Find("covid-impact-survey")!;
        var answers = t.Questions.Where(q => !q.InWords).Select(q => (q.Id, "4")).ToList();
        answers[^1] = (answers[^1].Id, "1");
        answers[^2] = (answers[^2].Id, "2");

        var words = Words(t, [.. answers]);

        // Estates rationalisation: 4, 2, 1 → median 2 (Disagree); every other theme: 4 (Agree).
        words.Gaps.ShouldBe(["Estates rationalisation has the least agreement: the median answer is Disagree (2), and 2 answers of 3 disagree."]);
        words.Strengths.Count.ShouldBe(ResultWords.MostNamed);
        words.Strengths.ShouldAllBe(s => s.EndsWith("has the most agreement: the median answer is Agree (4)."));
        words.Overview.ShouldBe("Overall the median answer is Agree (4), with 2 answers of 15 disagreeing (15 of 15 scored questions answered).");
    }
}
