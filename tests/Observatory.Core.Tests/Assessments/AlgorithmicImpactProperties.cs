using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Observatory.Assessments.AlgorithmicImpact;

namespace Observatory.Core.Tests.Assessments;

/// <summary>
/// The Algorithmic Impact Assessment's rule over generated answers to the shipped questionnaire (any choice or none
/// for each scored question, any set of boxes): more risk never lowers the level, mitigation never raises it.
/// </summary>
public sealed class AlgorithmicImpactProperties
{
    private static readonly AlgorithmicImpactAssessment Shipped = AlgorithmicImpactScoringTests.Shipped;

    private static readonly IReadOnlyList<ImpactQuestion> Scored = [.. Shipped.Template.Questions.Where(q => q.IsScored)];

    /// <summary>For each scored question a number: 0 unanswered; else, for one choice, the choice it picks; for boxes, a bit mask of the boxes ticked.</summary>
    public sealed record Case(int[] Picks)
    {
        public Dictionary<string, ImpactAnswer?> Answers(Func<ImpactQuestion, bool>? keep = null)
        {
            var answers = new Dictionary<string, ImpactAnswer?>();
            for (var i = 0; i < Scored.Count; i++)
            {
                var q = Scored[i];
                if (Picks[i] == 0 || (keep is not null && !keep(q)))
                {
                    continue;
                }
                answers[q.Name] = q.Kind == ImpactQuestionKind.ManyChoices
                    ? ImpactAnswer.Many([.. q.Choices.Where((_, bit) => (Picks[i] & (1 << bit)) != 0).Select(c => c.Value)])
                    : ImpactAnswer.One(q.Choices[(Picks[i] - 1) % q.Choices.Count].Value);
            }
            return answers;
        }

        public override string ToString() => string.Join(",", Picks);
    }

    private static Gen<Case> Cases() =>
        Gen.CollectToArray(Scored.Select(q => Gen.Frequency(
                (1, Gen.Constant(0)),
                (3, q.Kind == ImpactQuestionKind.ManyChoices ? Gen.Choose(1, (1 << Math.Min(q.Choices.Count, 16)) - 1) : Gen.Choose(1, q.Choices.Count)))))
            .Select(picks => new Case([.. picks]));

    private static ImpactScore Score(Dictionary<string, ImpactAnswer?> answers) => Shipped.Score(answers).Value;

    [Property(MaxTest = 200)]
    public Property Scores_stay_within_their_maxima_and_the_current_score_never_exceeds_the_raw() =>
        Prop.ForAll(Arb.From(Cases()), c =>
        {
            var s = Score(c.Answers());
            return s.RawScore >= 0 && s.RawScore <= s.MaxRawScore && s.MitigationScore >= 0 && s.MitigationScore <= s.MaxMitigationScore
                && s.CurrentScore <= s.RawScore && s.ImpactLevel is >= 1 and <= 4;
        });

    [Property(MaxTest = 300)]
    public Property Raising_a_risk_answer_s_score_never_lowers_the_level() =>
        Prop.ForAll(Arb.From(Cases()), Arb.From(Gen.Choose(0, 10_000)), (c, which) =>
        {
            var risks = Enumerable.Range(0, Scored.Count).Where(i => Scored[i].ScoreType == ImpactScoreType.Risk && Scored[i].Kind != ImpactQuestionKind.ManyChoices).ToList();
            var i = risks[which % risks.Count];
            var q = Scored[i];
            var before = Score(c.Answers());
            var current = c.Picks[i] == 0 ? 0 : q.Choices[(c.Picks[i] - 1) % q.Choices.Count].Weight;
            // Every choice worth at least as much as the one given (or any choice, for an unanswered question).
            return q.Choices.Select((choice, n) => (choice, n)).Where(x => x.choice.Weight >= current).All(x =>
            {
                var raised = (int[])c.Picks.Clone();
                raised[i] = x.n + 1;
                var after = Score(new Case(raised).Answers());
                return after.RawScore >= before.RawScore && after.ImpactLevel >= before.ImpactLevel;
            }).Label($"question {q.Name}");
        });

    [Property(MaxTest = 300)]
    public Property Ticking_another_risk_box_never_lowers_the_level() =>
        Prop.ForAll(Arb.From(Cases()), Arb.From(Gen.Choose(0, 10_000)), Arb.From(Gen.Choose(0, 15)), (c, which, bit) =>
        {
            var boxes = Enumerable.Range(0, Scored.Count).Where(i => Scored[i].ScoreType == ImpactScoreType.Risk && Scored[i].Kind == ImpactQuestionKind.ManyChoices).ToList();
            var i = boxes[which % boxes.Count];
            var ticked = (int[])c.Picks.Clone();
            ticked[i] |= 1 << (bit % Scored[i].Choices.Count);
            var before = Score(c.Answers());
            var after = Score(new Case(ticked).Answers());
            return (after.RawScore >= before.RawScore && after.ImpactLevel >= before.ImpactLevel).Label($"question {Scored[i].Name}");
        });

    [Property(MaxTest = 300)]
    public Property Mitigation_never_raises_the_level() =>
        Prop.ForAll(Arb.From(Cases()), c =>
        {
            var without = Score(c.Answers(q => q.ScoreType != ImpactScoreType.Mitigation));
            var with = Score(c.Answers());
            return with.RawScore == without.RawScore && with.CurrentScore <= without.CurrentScore && with.ImpactLevel <= without.ImpactLevel;
        });
}
