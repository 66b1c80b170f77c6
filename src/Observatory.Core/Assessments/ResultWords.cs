using System.Globalization;

namespace Observatory.Assessments;

/// <summary>Strengths and gaps of one set of answers, in plain sentences a board paper can quote.</summary>
/// <param name="Overview">One sentence on the whole assessment.</param>
/// <param name="Strengths">The strongest sections or topics, with their level names.</param>
/// <param name="Gaps">The weakest ones, and how far each is from the next level.</param>
/// <param name="GapParts">The parts the gap sentences are about, weakest first, for "what works for this gap".</param>
public sealed record ResultSentences(string Overview, IReadOnlyList<string> Strengths, IReadOnlyList<string> Gaps, IReadOnlyList<PartScore> GapParts);

/// <summary>
/// Writes strengths and gaps in words from the scores alone, so the same answers always read the same: the parts
/// (sections or topics) are ranked by the scale's own measure — the weakest link then the mean on the maturity
/// scale, the median then the mean on the agreement scale, the share answered yes (partly counting half) on a
/// checklist — and the highest and lowest are named. Parts tied at the top or bottom are named together, at most
/// <see cref="MostNamed"/> of them.
/// </summary>
public static class ResultWords
{
    /// <summary>How many parts one list of strengths or gaps names.</summary>
    public const int MostNamed = 3;

    public static ResultSentences Describe(TemplateScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var template = score.Template;
        var noun = template.Structure == TemplateStructure.Topics ? "topic" : "section";
        var overall = score.Overall;
        if (template.Scale == AnswerScale.FreeText || overall.Questions == 0)
        {
            return new ResultSentences("Answers in words are not scored, so this template has no strengths or gaps to show.", [], [], []);
        }
        if (overall.Answered == 0)
        {
            return new ResultSentences("You have not answered any of the scored questions yet, so there are no strengths or gaps to show.", [], [], []);
        }
        var parts = score.Topics.Where(p => p.Questions > 0).ToList();
        var answered = parts.Where(p => template.Scale == AnswerScale.Checklist ? p.Tally is { Applicable: > 0 } : p.Answered > 0).ToList();
        // On the maturity scale an unanswered part is at no level, so it holds the whole back and is a gap; a
        // checklist or survey part nobody answered is not yet assessed, and is neither a strength nor a gap.
        var ranked = template.Scale == AnswerScale.Maturity ? parts : answered;
        var rank = Rank(template);
        List<PartScore> best = answered.Count == 0 ? [] : [.. answered.Where(p => rank(p) == answered.Max(rank))];
        var worstKey = ranked.Count == 0 ? 0 : ranked.Min(rank);
        var worst = ranked.Where(p => rank(p) == worstKey).ToList();
        var overview = Overview(template, overall);
        if (ranked.Count > 1 && best.Count == ranked.Count)
        {
            return new ResultSentences(overview + $" Every {noun} scores the same, so none stands out as a strength or a gap.", [], [], []);
        }
        if (ranked.Count == 1 && answered.Count == 1 && !AtTheTop(template, ranked[0]))
        {
            // One part assessed, not at the top: it is a gap, and calling it the strongest too would say nothing.
            best = [];
        }
        var strengths = best.OrderBy(p => p.Title, StringComparer.Ordinal).Take(MostNamed).Select(p => Strength(template, p, noun)).ToList();
        var gapParts = worst.Where(p => !AtTheTop(template, p)).OrderBy(p => p.Title, StringComparer.Ordinal).Take(MostNamed).ToList();
        return new ResultSentences(overview, strengths, [.. gapParts.Select(p => Gap(template, p, noun))], gapParts);
    }

    /// <summary>The measure parts are ranked by: higher is stronger. An unanswered part ranks lowest.</summary>
    private static Func<PartScore, double> Rank(AssessmentTemplate template) => template.Scale switch
    {
        // The weakest link counts first; the mean (at most the top level) only orders parts at the same level.
        AnswerScale.Maturity => p => p.Answered == 0 ? -1 : (p.WeakestLink ?? 0) * 10 + (p.Mean ?? 0),
        AnswerScale.Agreement => p => p.Answered == 0 ? -1 : (p.Median ?? 0) * 10 + (p.Mean ?? 0),
        _ => p => p.Tally is { Applicable: > 0 } t ? (t.Yes + t.Partly / 2.0) / t.Applicable : -1,
    };

    private static bool AtTheTop(AssessmentTemplate template, PartScore p) => template.Scale switch
    {
        AnswerScale.Maturity => p.WeakestLink == template.MaxLevel,
        AnswerScale.Agreement => p.Answered == p.Questions && p.Distribution is { } d && d[template.MaxLevel] == p.Answered,
        _ => p.Tally is { } t && t.Unanswered == 0 && t.Yes == t.Applicable,
    };

    private static string Overview(AssessmentTemplate t, PartScore o)
    {
        var count = $"{o.Answered} of {o.Questions} scored questions answered";
        return t.Scale switch
        {
            AnswerScale.Maturity when (o.WeakestLink ?? 0) > 0 =>
                $"Overall you are at level {Level(t, o.WeakestLink!.Value)} by the weakest link, with a mean answer of {Number(o.Mean)} ({count}).",
            AnswerScale.Maturity =>
                $"Overall you are not yet at any level by the weakest link, because {Plural(o.Questions - o.Answered, "question is", "questions are")} unanswered; the mean of your answers is {Number(o.Mean)} ({count}).",
            AnswerScale.Agreement =>
                $"Overall the median answer is {Agreement(t, o.Median)}, with {Plural(Disagreeing(o), "answer", "answers")} of {o.Answered} disagreeing ({count}).",
            _ => $"Overall, {Tally(o.Tally!)} ({count}).",
        };
    }

    private static string Strength(AssessmentTemplate t, PartScore p, string noun) => t.Scale switch
    {
        AnswerScale.Maturity when (p.WeakestLink ?? 0) > 0 =>
            $"{p.Title} is your strongest {noun}: every question in it is at level {Level(t, p.WeakestLink!.Value)} or higher, with a mean of {Number(p.Mean)}.",
        AnswerScale.Maturity =>
            $"{p.Title} has your highest answers, a mean of {Number(p.Mean)}, though not every question in it is answered yet.",
        AnswerScale.Agreement =>
            $"{p.Title} has the most agreement: the median answer is {Agreement(t, p.Median)}.",
        _ => $"{p.Title} is your strongest {noun}: {Tally(p.Tally!)}.",
    };

    private static string Gap(AssessmentTemplate t, PartScore p, string noun)
    {
        if (p.Answered == 0)
        {
            return $"{p.Title} has no answers yet, so it holds the whole assessment back.";
        }
        switch (t.Scale)
        {
            case AnswerScale.Maturity:
                var level = p.WeakestLink ?? 0;
                var next = level + 1;
                var below = (int)Math.Round((1 - p.Coverage![next]) * p.Questions);
                var now = level == 0 ? "is not yet at any level" : $"is at level {Level(t, level)}";
                return $"{p.Title} is your weakest {noun}: it {now}, with a mean of {Number(p.Mean)}. To reach level {Level(t, next)}, {below} of its {Plural(p.Questions, "question", "questions")} must rise to that level.";
            case AnswerScale.Agreement:
                return $"{p.Title} has the least agreement: the median answer is {Agreement(t, p.Median)}, and {Plural(Disagreeing(p), "answer", "answers")} of {p.Answered} disagree.";
            default:
                return $"{p.Title} is your biggest gap: {Tally(p.Tally!)}.";
        }
    }

    private static int Disagreeing(PartScore p) => p.Distribution is { } d ? d[1] + d[2] : 0;

    private static string Tally(ChecklistTally t)
    {
        if (t.Applicable == 0)
        {
            return "no question is answered yes, partly or no";
        }
        var parts = new List<string> { $"{t.Yes} answered yes" };
        if (t.Partly > 0)
        {
            parts.Add($"{t.Partly} partly");
        }
        parts.Add($"{t.No} no");
        return $"of {Plural(t.Applicable, "question", "questions")} that apply, {string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";
    }

    private static string Level(AssessmentTemplate t, int level) => $"{level.ToString(CultureInfo.InvariantCulture)} ({t.LevelName(level)})";

    /// <summary>A median on the agreement scale in words: "Agree", or "between Agree and Strongly agree" for a half.</summary>
    public static string Agreement(AssessmentTemplate t, double? median)
    {
        if (median is not { } m)
        {
            return "not known";
        }
        var low = (int)Math.Floor(m);
        return m == low ? $"{t.LevelName(low)} ({low.ToString(CultureInfo.InvariantCulture)})"
            : $"between {t.LevelName(low)} and {t.LevelName(low + 1)} ({m.ToString("0.0", CultureInfo.InvariantCulture)})";
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "not known";

    private static string Plural(int count, string one, string many) => $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
}
