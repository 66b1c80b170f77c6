using Observatory.Content;
using Observatory.Outcomes;

namespace Observatory.Assessments.AlgorithmicImpact;

/// <summary>An answer as Canada's tool saves it: one choice value, several (check boxes), or words.</summary>
public sealed record ImpactAnswer(IReadOnlyList<string> Values, bool IsList)
{
    public static ImpactAnswer One(string value) => new([value], false);

    public static ImpactAnswer Many(params IReadOnlyList<string> values) => new(values, true);
}

/// <summary>The obligations of the level reached: each requirement in its words for that level.</summary>
public sealed record ImpactObligation(string Requirement, string Text);

/// <summary>
/// The result of an Algorithmic Impact Assessment as Canada's tool gives it: the raw impact score and the mitigation
/// score out of their maxima, the current score after any reduction, and the impact level I to IV.
/// </summary>
public sealed record ImpactScore(
    double RawScore, double MaxRawScore, double MitigationScore, double MaxMitigationScore, double CurrentScore, int ImpactLevel,
    bool Reduced, double MitigationThreshold, IReadOnlyList<double> LevelBounds, IReadOnlyList<ImpactObligation> Obligations)
{
    public string ImpactLevelName => AlgorithmicImpactTemplate.LevelName(ImpactLevel);
}

/// <summary>
/// Canada's scoring rule, exactly as its tool computes it (<c>calculateFinalScore</c>): the raw score sums the weights
/// chosen in risk questions and the mitigation score those in mitigation questions, each check box counting every
/// weight ticked. When the mitigation score reaches 80 % of half the maximum mitigation score (half, because the
/// design and implementation branches ask most mitigation questions twice), the current score is the raw score less
/// 15 %, rounded to a whole number as the tool rounds (halves up); otherwise it is the raw score. The level is I up to
/// a quarter of the maximum raw score, II up to a half, III up to three quarters and IV above. Pure: no state.
/// </summary>
public static class AlgorithmicImpactScoring
{
    public const double MitigationShare = 0.8;
    public const double Reduction = 0.15;
    public static readonly IReadOnlyList<double> Quarters = [0.25, 0.5, 0.75];

    /// <summary>
    /// Checks answers against the questionnaire in one pass: every question must be one of its names, a choice
    /// question's value one of its choices, and only a check-box question may take a list. Each problem names the
    /// question (<c>answers.{name}</c>). A null answer is no answer.
    /// </summary>
    public static Outcome<IReadOnlyDictionary<string, ImpactAnswer>> Read(AlgorithmicImpactTemplate template, IReadOnlyDictionary<string, ImpactAnswer?> answers)
    {
        var problems = new List<ContentProblem>();
        var read = new Dictionary<string, ImpactAnswer>(StringComparer.Ordinal);
        foreach (var (name, answer) in answers)
        {
            var field = $"answers.{name}";
            if (template.Question(name) is not { } question)
            {
                problems.Add(new ContentProblem("", 0, 0, field, $"{InputLimits.Quote(name)} is not a question of the {template.Title}"));
                continue;
            }
            if (answer is null)
            {
                continue;
            }
            if (question.Kind == ImpactQuestionKind.Words)
            {
                if (answer.IsList)
                {
                    problems.Add(new ContentProblem("", 0, 0, field, $"'{name}' is answered in words, not a list of choices"));
                }
                else
                {
                    read[name] = answer;
                }
                continue;
            }
            if (answer.IsList && question.Kind == ImpactQuestionKind.OneChoice)
            {
                problems.Add(new ContentProblem("", 0, 0, field, $"'{name}' takes one choice, not a list"));
                continue;
            }
            var wrong = answer.Values.Where(v => question.Choice(v) is null).ToList();
            if (wrong.Count > 0)
            {
                problems.Add(new ContentProblem("", 0, 0, field,
                    $"{string.Join(", ", wrong.Select(v => InputLimits.Quote(v)))} {(wrong.Count == 1 ? "is not a choice" : "are not choices")} of '{name}' (its choices are {string.Join(", ", question.Choices.Select(c => c.Value))})"));
                continue;
            }
            if (answer.Values.Distinct(StringComparer.Ordinal).Count() != answer.Values.Count)
            {
                problems.Add(new ContentProblem("", 0, 0, field, $"'{name}' names a choice more than once"));
                continue;
            }
            read[name] = answer;
        }
        return problems.Count > 0 ? Refusal.Invalid(problems) : Outcome.Success<IReadOnlyDictionary<string, ImpactAnswer>>(read);
    }

    public static ImpactScore Score(AlgorithmicImpactTemplate template, IReadOnlyDictionary<string, ImpactAnswer> answers)
    {
        double raw = 0, mitigation = 0;
        foreach (var (name, answer) in answers)
        {
            if (template.Question(name) is not { IsScored: true } question)
            {
                continue;
            }
            var points = answer.Values.Sum(v => question.Choice(v)?.Weight ?? 0);
            if (question.ScoreType == ImpactScoreType.Risk)
            {
                raw += points;
            }
            else
            {
                mitigation += points;
            }
        }
        return Score(template, raw, mitigation);
    }

    /// <summary>The rule itself, from the two sums; the maxima come from the questionnaire.</summary>
    public static ImpactScore Score(AlgorithmicImpactTemplate template, double raw, double mitigation)
    {
        var maxRaw = template.MaxRawScore;
        var maxMitigation = template.MaxMitigationScore;
        var threshold = MitigationShare * (maxMitigation / 2);
        var reduced = mitigation >= threshold;
        // The tool's Math.round: halves go up (all scores are positive, so away from zero is the same).
        var current = reduced ? Math.Round((1 - Reduction) * raw, MidpointRounding.AwayFromZero) : raw;
        var bounds = Quarters.Select(q => maxRaw * q).ToList();
        var level = current <= bounds[0] ? 1 : current <= bounds[1] ? 2 : current <= bounds[2] ? 3 : 4;
        var obligations = template.Requirements.Select(r => new ImpactObligation(r.Title, r.ByLevel[level - 1])).ToList();
        return new ImpactScore(raw, maxRaw, mitigation, maxMitigation, current, level, reduced, threshold, bounds, obligations);
    }
}
