using Observatory.Assessments.AlgorithmicImpact;
using Observatory.Content;

namespace Observatory.Core.Tests.Assessments;

/// <summary>
/// Canada's Algorithmic Impact Assessment scored by its published rule, on answer sets worked by hand: a small
/// questionnaire in the tool's own shape whose every figure can be checked on paper, and the shipped edition.
/// </summary>
public sealed class AlgorithmicImpactScoringTests
{
    internal static readonly AlgorithmicImpactAssessment Shipped = AlgorithmicImpactAssessment.LoadShipped(DataFolder.Locate());

    /// <summary>
    /// Two risk questions (r1 one choice of 0, 1 or 3; r2 check boxes of 1, 2 and 4), so the maximum raw score is
    /// 3 + 7 = 10 and the levels end at 2.5, 5 and 7.5; two mitigation questions (m1 one choice of 0 or 2 with its
    /// own -MS ending; m2 check boxes of 1 and 1 in an -MS panel), so the maximum mitigation score is 4 and the
    /// reduction needs 0.8 × 4 / 2 = 1.6 points; a question in words and one not scored.
    /// </summary>
    private const string Survey = """
        {
          "pages": [
            { "name": "intro", "elements": [ { "type": "html", "name": "welcome", "html": { "default": "<p>Hello</p>" } } ] },
            { "name": "project", "title": { "default": "Project", "fr": "Projet" }, "elements": [
              { "type": "panel", "name": "projectPanel-NS", "elements": [
                { "type": "text", "name": "projectTitle", "title": { "default": "Title" } },
                { "type": "radiogroup", "name": "phase", "title": "Phase", "choices": [ { "value": "item1", "text": "Design" }, { "value": "item2", "text": "Implementation" } ] }
              ] } ] },
            { "name": "risk", "title": "Risk", "elements": [
              { "type": "panel", "name": "riskPanel-RS", "elements": [
                { "type": "radiogroup", "name": "r1", "title": "R1", "choices": [ { "value": "item1-0", "text": "None" }, { "value": "item2-1", "text": "Some" }, { "value": "item3-3", "text": "Much" } ] },
                { "type": "checkbox", "name": "r2", "title": "R2", "choices": [ { "value": "item1-1", "text": "A" }, { "value": "item2-2", "text": "B" }, { "value": "item3-4", "text": "C" } ] }
              ] } ] },
            { "name": "mitigation", "title": "Mitigation", "elements": [
              { "type": "dropdown", "name": "m1-MS", "title": "M1", "choices": [ { "value": "item1-2", "text": "Yes" }, { "value": "item2-0", "text": "No" } ] },
              { "type": "panel", "name": "mitigationPanel-MS", "elements": [
                { "type": "checkbox", "name": "m2", "title": "M2", "visibleIf": "{phase} = \"item1\"", "choices": [ { "value": "item1-1", "text": "X" }, { "value": "item2-1", "text": "Y" } ] }
              ] } ] }
          ]
        }
        """;

    private const string Manifest = """
        id: t
        title: Test assessment
        version: "1"
        publisher: Test
        summary: A small questionnaire.
        attribution: Test.
        source:
          - title: A test
        survey: survey.json
        requirements: en.json
        """;

    private static readonly string Requirements = """
        { "requirements": { "title": "Requirements", "elements": [
          { "title": "Approval", "elements": [ { "text": "Level one" }, { "text": "Level two" }, { "text": "Level <a href=\"x\">three</a>" }, { "text": "Level four" } ] }
        ] } }
        """;

    internal static (AlgorithmicImpactTemplate? Template, IReadOnlyList<ContentProblem> Problems) Read(string survey, string requirements = "", string manifest = Manifest)
    {
        var files = new Dictionary<string, string> { ["survey.json"] = survey, ["en.json"] = requirements.Length > 0 ? requirements : Requirements };
        return AlgorithmicImpactReader.Read("data/assessments/t/t.yaml", manifest, "t", name => files.TryGetValue(name, out var text) ? ("data/assessments/t/" + name, text) : null);
    }

    private static readonly AlgorithmicImpactTemplate Small = Read(Survey).Template.ShouldNotBeNull();

    private static ImpactScore ScoreOf(AlgorithmicImpactTemplate template, params (string Name, ImpactAnswer Answer)[] answers)
    {
        var outcome = AlgorithmicImpactScoring.Read(template, answers.ToDictionary(a => a.Name, a => (ImpactAnswer?)a.Answer));
        outcome.IsSuccess.ShouldBeTrue(outcome.ToString());
        return AlgorithmicImpactScoring.Score(template, outcome.Value);
    }

    [Fact]
    public void The_small_questionnaire_reads_with_its_maxima_summed_from_its_choices()
    {
        Small.MaxRawScore.ShouldBe(10);
        Small.MaxMitigationScore.ShouldBe(4);
        Small.Questions.Select(q => (q.Name, q.ScoreType, q.Kind)).ShouldBe([
            ("projectTitle", ImpactScoreType.NotScored, ImpactQuestionKind.Words),
            ("phase", ImpactScoreType.NotScored, ImpactQuestionKind.OneChoice),
            ("r1", ImpactScoreType.Risk, ImpactQuestionKind.OneChoice),
            ("r2", ImpactScoreType.Risk, ImpactQuestionKind.ManyChoices),
            ("m1-MS", ImpactScoreType.Mitigation, ImpactQuestionKind.OneChoice),
            ("m2", ImpactScoreType.Mitigation, ImpactQuestionKind.ManyChoices),
        ]);
        Small.Requirements.Single().ByLevel[2].ShouldBe("Level three");
    }

    public static TheoryData<string, string[], string?, string[], double, double, double, int> HandWorked => new()
    {
        // r1, r2 ticked, m1, m2 ticked → raw, mitigation, current, level (bounds 2.5 · 5 · 7.5; reduction from 1.6).
        { "item1-0", [], null, [], 0, 0, 0, 1 },
        { "item2-1", ["item1-1"], null, [], 2, 0, 2, 1 },
        { "item3-3", [], null, [], 3, 0, 3, 2 },
        { "item2-1", ["item3-4"], null, [], 5, 0, 5, 2 },
        { "item2-1", ["item1-1", "item3-4"], null, [], 6, 0, 6, 3 },
        { "item3-3", ["item1-1", "item3-4"], null, [], 8, 0, 8, 4 },
        // 8 with 2 mitigation points (≥ 1.6): 0.85 × 8 = 6.8, rounded 7, level III.
        { "item3-3", ["item1-1", "item3-4"], "item1-2", [], 8, 2, 7, 3 },
        // One mitigation point is under 1.6: no reduction.
        { "item3-3", ["item1-1", "item3-4"], null, ["item1-1"], 8, 1, 8, 4 },
        // Two check boxes of 1 reach 2: reduced.
        { "item3-3", ["item1-1", "item3-4"], "item2-0", ["item1-1", "item2-1"], 8, 2, 7, 3 },
        // 10 reduced is 8.5, which the tool rounds up to 9: still level IV.
        { "item3-3", ["item1-1", "item2-2", "item3-4"], "item1-2", ["item2-1"], 10, 3, 9, 4 },
        // 3 reduced is 2.55, rounded 3: level II, as unreduced.
        { "item3-3", [], "item1-2", [], 3, 2, 3, 2 },
    };

    [Theory]
    [MemberData(nameof(HandWorked))]
    public void Hand_worked_answer_sets_score_as_the_rule_says(string r1, string[] r2, string? m1, string[] m2, double raw, double mitigation, double current, int level)
    {
        var answers = new List<(string, ImpactAnswer)> { ("r1", ImpactAnswer.One(r1)), ("r2", ImpactAnswer.Many(r2)), ("m2", ImpactAnswer.Many(m2)) };
        if (m1 is not null)
        {
            answers.Add(("m1-MS", ImpactAnswer.One(m1)));
        }
        var score = ScoreOf(Small, [.. answers]);

        (score.RawScore, score.MitigationScore, score.CurrentScore, score.ImpactLevel).ShouldBe((raw, mitigation, current, level));
        score.MaxRawScore.ShouldBe(10);
        score.MaxMitigationScore.ShouldBe(4);
        score.MitigationThreshold.ShouldBe(1.6, 1e-9);
        score.Obligations.Single().Text.ShouldBe(new[] { "Level one", "Level two", "Level three", "Level four" }[level - 1]);
    }

    [Fact]
    public void Words_and_unscored_choices_count_for_nothing()
    {
        var score = ScoreOf(Small, ("projectTitle", ImpactAnswer.One("Benefits triage")), ("phase", ImpactAnswer.One("item2")));
        (score.RawScore, score.MitigationScore, score.ImpactLevel).ShouldBe((0, 0, 1));
    }

    [Fact]
    public void Bad_answers_are_refused_each_naming_its_question()
    {
        var outcome = AlgorithmicImpactScoring.Read(Small, new Dictionary<string, ImpactAnswer?>
        {
            ["r9"] = ImpactAnswer.One("item1-0"),
            ["r1"] = ImpactAnswer.One("item4-9"),
            ["r2"] = ImpactAnswer.Many("item1-1", "item1-1"),
            ["m1-MS"] = ImpactAnswer.Many("item1-2"),
            ["projectTitle"] = ImpactAnswer.Many("a"),
            ["m2"] = null,
        });

        outcome.IsSuccess.ShouldBeFalse();
        outcome.Refusal!.Problems.Select(p => p.Field).Order().ShouldBe(["answers.m1-MS", "answers.projectTitle", "answers.r1", "answers.r2", "answers.r9"]);
        outcome.Refusal.Problems.Single(p => p.Field == "answers.r1").Message.ShouldContain("item1-0, item2-1, item3-3");
    }

    [Fact]
    public void The_shipped_edition_has_the_maxima_of_Canada_s_content()
    {
        var t = Shipped.Template;
        // Worked out from the questionnaire independently (one row per scored question, largest weight or sum of boxes).
        t.MaxRawScore.ShouldBe(167);
        t.MaxMitigationScore.ShouldBe(154);
        t.Questions.Count(q => q.IsScored && q.ScoreType == ImpactScoreType.Risk).ShouldBe(70);
        t.Questions.Count(q => q.IsScored && q.ScoreType == ImpactScoreType.Mitigation).ShouldBe(90);
        t.Requirements.Select(r => r.Title).ShouldBe(["Notice", "Explanation", "Peer review", "Gender-based Analysis Plus", "Training", "Ensuring human involvement", "Approval for the system to operate"]);
        t.Question("aboutDataSource14")!.MaxScore.ShouldBe(0 + 1 + 1 + 3 + 3 + 1);
        t.Question("projectDetailsDepartment-NS")!.IsScored.ShouldBeFalse();
    }

    /// <summary>
    /// Answers the shipped questionnaire so the raw and mitigation scores are exactly the given figures: each
    /// question of the kind in turn takes the largest choice that still fits (check boxes as many as fit).
    /// </summary>
    internal static Dictionary<string, ImpactAnswer?> AnswersScoring(AlgorithmicImpactTemplate t, double raw, double mitigation)
    {
        var answers = new Dictionary<string, ImpactAnswer?>();
        foreach (var (type, target) in new[] { (ImpactScoreType.Risk, raw), (ImpactScoreType.Mitigation, mitigation) })
        {
            var left = target;
            foreach (var q in t.Questions.Where(q => q.IsScored && q.ScoreType == type))
            {
                if (q.Kind == ImpactQuestionKind.ManyChoices)
                {
                    var ticked = new List<string>();
                    foreach (var c in q.Choices.Where(c => c.Weight > 0).OrderByDescending(c => c.Weight))
                    {
                        if (c.Weight <= left)
                        {
                            ticked.Add(c.Value);
                            left -= c.Weight;
                        }
                    }
                    answers[q.Name] = ImpactAnswer.Many(ticked);
                }
                else
                {
                    // A drop-down whose least choice is worth more than is left stays unanswered.
                    if (q.Choices.Where(c => c.Weight <= left).OrderByDescending(c => c.Weight).FirstOrDefault() is { } c)
                    {
                        answers[q.Name] = ImpactAnswer.One(c.Value);
                        left -= c.Weight;
                    }
                }
            }
            left.ShouldBe(0, $"the shipped questionnaire cannot make a {type} score of {target}");
        }
        return answers;
    }

    [Theory]
    // Levels end at 167 / 4 = 41.75, 83.5 and 125.25.
    [InlineData(0, 1)]
    [InlineData(41, 1)]
    [InlineData(42, 2)]
    [InlineData(83, 2)]
    [InlineData(84, 3)]
    [InlineData(125, 3)]
    [InlineData(126, 4)]
    [InlineData(167, 4)]
    public void Every_level_of_the_shipped_edition_is_reached_at_its_quarter(double raw, int level)
    {
        var score = Shipped.Score(AnswersScoring(Shipped.Template, raw, 0)).Value;

        score.RawScore.ShouldBe(raw);
        score.CurrentScore.ShouldBe(raw);
        score.ImpactLevel.ShouldBe(level);
        score.LevelBounds.ShouldBe([41.75, 83.5, 125.25]);
    }

    [Fact]
    public void Mitigation_just_under_the_threshold_leaves_the_score_and_just_over_lowers_it()
    {
        // The threshold is 0.8 × 154 / 2 = 61.6 points. Raw 98 is level III (over 83.5); 0.85 × 98 = 83.3, rounded 83, is II.
        var under = Shipped.Score(AnswersScoring(Shipped.Template, 98, 61)).Value;
        var over = Shipped.Score(AnswersScoring(Shipped.Template, 98, 62)).Value;

        under.MitigationThreshold.ShouldBe(61.6, 1e-9);
        (under.MitigationScore, under.Reduced, under.CurrentScore, under.ImpactLevel).ShouldBe((61, false, 98, 3));
        (over.MitigationScore, over.Reduced, over.CurrentScore, over.ImpactLevel).ShouldBe((62, true, 83, 2));
    }

    [Fact]
    public void The_obligations_are_the_requirements_of_the_level_reached()
    {
        var one = Shipped.Score(AnswersScoring(Shipped.Template, 10, 0)).Value;
        var three = Shipped.Score(AnswersScoring(Shipped.Template, 100, 0)).Value;
        var four = Shipped.Score(AnswersScoring(Shipped.Template, 150, 0)).Value;

        one.Obligations.Single(o => o.Requirement == "Peer review").Text.ShouldBe("None");
        one.Obligations.Single(o => o.Requirement == "Approval for the system to operate").Text.ShouldStartWith("Assistant deputy minister");
        three.Obligations.Single(o => o.Requirement == "Ensuring human involvement").Text.ShouldStartWith("The final decision must be made by a human.");
        three.Obligations.Single(o => o.Requirement == "Approval for the system to operate").Text.ShouldBe("Deputy Head");
        four.Obligations.Single(o => o.Requirement == "Approval for the system to operate").Text.ShouldBe("Treasury Board");
        four.Obligations.Single(o => o.Requirement == "Gender-based Analysis Plus").Text.ShouldNotContain("<a");
    }

    [Fact]
    public void A_check_box_scores_every_weight_ticked()
    {
        // "About the data" source 14: 0, 1, 1, 3, 3 and 1 points; ticking the two 3s and a 1 is 7.
        var score = Shipped.Score(new Dictionary<string, ImpactAnswer?> { ["aboutDataSource14"] = ImpactAnswer.Many("item4-3", "item5-3", "item2-1") }).Value;
        score.RawScore.ShouldBe(7);
    }

    [Fact]
    public void Problems_in_a_questionnaire_name_the_file_line_and_field()
    {
        var broken = Survey.Replace("\"item2-1\", \"text\": \"Some\"", "\"item1-0\", \"text\": \"Some\"", StringComparison.Ordinal);
        var (template, problems) = Read(broken);

        template.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.File.ShouldBe("data/assessments/t/survey.json");
        problem.Line.ShouldBe(Survey.Split('\n').ToList().FindIndex(l => l.Contains("\"name\": \"r1\"", StringComparison.Ordinal)) + 1);
        problem.Field.ShouldBe("pages[2].elements[0].elements[0].choices[1].value");
        problem.Message.ShouldContain("another choice's value");

        var (_, missing) = Read(Survey, manifest: Manifest.Replace("survey.json", "nowhere.json", StringComparison.Ordinal));
        missing.ShouldHaveSingleItem().Field.ShouldBe("survey");
    }
}
