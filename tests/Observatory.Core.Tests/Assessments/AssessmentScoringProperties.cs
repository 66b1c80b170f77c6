using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Observatory.Assessments;
using Observatory.Frameworks;

namespace Observatory.Core.Tests.Assessments;

/// <summary>
/// The scoring rules over generated templates (one to four topics of one to four themes of one to five questions) and
/// generated answers (any level or none): the relations between the weakest link, the mean and the coverage that
/// hold whatever the answers.
/// </summary>
public sealed class AssessmentScoringProperties
{
    public sealed record Case(AssessmentTemplate Template, int[] Levels)
    {
        public AnswerSet Answers(int[]? levels = null) => AssessmentScoring.Answers(Template,
            Template.Questions.Zip(levels ?? Levels).Where(p => p.Second > 0).ToDictionary(p => p.First.Id, p => new Answer(p.Second, null, null)));

        public override string ToString() =>
            $"[{string.Join(" | ", Template.Topics.Select(t => string.Join(" / ", t.Themes.Select(th => th.Questions.Count))))}] levels {string.Join(",", Levels)}";
    }

    private static Gen<Case> Cases() =>
        from shape in Gen.Choose(1, 5).ArrayOf().Where(a => a.Length is >= 1 and <= 4).ArrayOf().Where(a => a.Length is >= 1 and <= 4)
        let count = shape.Sum(t => t.Sum())
        from levels in Gen.Frequency((1, Gen.Constant(0)), (5, Gen.Choose(1, 5))).ArrayOf(count)
        select new Case(Template(shape), levels);

    private static AssessmentTemplate Template(int[][] shape)
    {
        var n = 0;
        return new AssessmentTemplate
        {
            Id = "t",
            Title = "t",
            Version = "1",
            Publisher = "p",
            Summary = "s",
            Sources = [],
            Scale = AnswerScale.Maturity,
            LevelNames = ["1", "2", "3", "4", "5"],
            Structure = TemplateStructure.Topics,
            Topics = [.. shape.Select((themes, t) => new AssessmentTopic
            {
                Id = $"t{t}",
                Title = $"t{t}",
                Themes = [.. themes.Select((questions, th) => new AssessmentTheme
                {
                    Id = $"t{t}-{th}",
                    Title = "x",
                    Questions = [.. Enumerable.Range(0, questions).Select(_ => new AssessmentQuestion { Id = $"q{n++}", Text = "?", Elements = [new ElementRef("f", "e")] })],
                })],
            })],
        };
    }

    private static IEnumerable<PartScore> AllParts(TemplateScore s) => s.Topics.SelectMany(t => t.Parts.Prepend(t)).Prepend(s.Overall);

    [Property(MaxTest = 300)]
    public Property The_weakest_link_never_exceeds_the_mean_or_its_floor() =>
        Prop.ForAll(Arb.From(Cases()), c => AllParts(AssessmentScoring.Score(c.Answers()))
            .All(p => p.Mean is not { } mean || (p.WeakestLink <= mean && p.WeakestLink <= (int)Math.Floor(mean))));

    [Property(MaxTest = 300)]
    public Property A_part_s_level_is_its_lowest_answer_and_never_above_its_weakest_part() =>
        Prop.ForAll(Arb.From(Cases()), c =>
        {
            var score = AssessmentScoring.Score(c.Answers());
            var byQuestion = c.Template.Questions.Zip(c.Levels).ToDictionary(p => p.First.Id, p => p.Second);
            return score.Topics.All(topic => topic.Parts.All(theme => topic.WeakestLink <= theme.WeakestLink)
                    && topic.WeakestLink == c.Template.Topics.Single(t => t.Id == topic.Id).Questions.Min(q => byQuestion[q.Id]))
                && score.Overall.WeakestLink == score.Topics.Min(t => t.WeakestLink)
                && score.Overall.WeakestLink == c.Levels.Min();
        });

    [Property(MaxTest = 300)]
    public Property Raising_one_answer_never_lowers_a_level_a_mean_or_a_coverage() =>
        Prop.ForAll(Arb.From(Cases()), Arb.From(Gen.Choose(0, 1000)), Arb.From(Gen.Choose(1, 5)), (c, which, by) =>
        {
            var i = which % c.Levels.Length;
            if (c.Levels[i] == 0)
            {
                // Answering an unanswered question never lowers a level or a coverage (the mean is of the answers given).
                var answered = (int[])c.Levels.Clone();
                answered[i] = by;
                return AllParts(AssessmentScoring.Score(c.Answers())).Zip(AllParts(AssessmentScoring.Score(c.Answers(answered))))
                    .All(p => p.Second.WeakestLink >= p.First.WeakestLink && p.First.Coverage!.All(kv => p.Second.Coverage![kv.Key] >= kv.Value));
            }
            var raised = (int[])c.Levels.Clone();
            raised[i] = Math.Min(5, raised[i] + by);
            return AllParts(AssessmentScoring.Score(c.Answers())).Zip(AllParts(AssessmentScoring.Score(c.Answers(raised))))
                .All(p => p.Second.WeakestLink >= p.First.WeakestLink
                    && (p.First.Mean is null || p.Second.Mean >= p.First.Mean - 1e-12)
                    && p.First.Coverage!.All(kv => p.Second.Coverage![kv.Key] >= kv.Value));
        });

    [Property(MaxTest = 300)]
    public Property Coverage_is_a_share_that_falls_with_the_level_and_is_whole_up_to_the_weakest_link() =>
        Prop.ForAll(Arb.From(Cases()), c => AllParts(AssessmentScoring.Score(c.Answers())).All(p =>
        {
            var shares = Enumerable.Range(1, 5).Select(l => p.Coverage![l]).ToList();
            return shares.All(s => s is >= 0 and <= 1)
                && shares.Zip(shares.Skip(1)).All(pair => pair.First >= pair.Second)
                && Enumerable.Range(1, 5).All(l => l <= p.WeakestLink ? p.Coverage![l] == 1.0 : l > p.WeakestLink + 1 || p.Coverage![l] < 1.0);
        }));

    [Property(MaxTest = 300)]
    public Property The_mean_is_of_the_answers_given_and_within_the_scale() =>
        Prop.ForAll(Arb.From(Cases()), c =>
        {
            var overall = AssessmentScoring.Score(c.Answers()).Overall;
            var given = c.Levels.Where(l => l > 0).ToList();
            return overall.Answered == given.Count
                && (given.Count == 0 ? overall.Mean is null : Math.Abs(overall.Mean!.Value - given.Average()) < 1e-12 && overall.Mean is >= 1 and <= 5);
        });
}
