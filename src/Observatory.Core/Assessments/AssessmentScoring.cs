using System.Globalization;
using Observatory.Content;
using Observatory.Outcomes;

namespace Observatory.Assessments;

/// <summary>One question's answer: a level (maturity, agreement), a checklist answer or words.</summary>
public readonly record struct Answer(int? Level, ChecklistAnswer? Choice, string? Text);

/// <summary>The answers given to one template, checked against it: every question is the template's and every answer on its scale.</summary>
public sealed class AnswerSet
{
    internal AnswerSet(AssessmentTemplate template, IReadOnlyDictionary<string, Answer> answers)
    {
        Template = template;
        Answers = answers;
    }

    public AssessmentTemplate Template { get; }

    public IReadOnlyDictionary<string, Answer> Answers { get; }

    public Answer? For(string questionId) => Answers.TryGetValue(questionId, out var a) ? a : null;
}

/// <summary>Counts of checklist answers, with each answer's share of those answered yes, partly or no.</summary>
public sealed record ChecklistTally(int Yes, int Partly, int No, int NotApplicable, int Unanswered)
{
    /// <summary>The answers that count towards the shares: not-applicable and unanswered questions do not.</summary>
    public int Applicable => Yes + Partly + No;

    public double? YesShare => Share(Yes);

    public double? PartlyShare => Share(Partly);

    public double? NoShare => Share(No);

    private double? Share(int count) => Applicable == 0 ? null : (double)count / Applicable;
}

/// <summary>
/// The score of a part of a template (a theme, a topic or section, or the whole) and its parts. On a levelled scale:
/// the weakest link, the mean of the answers given and the coverage of each level; on the checklist scale: the tally.
/// </summary>
public sealed record PartScore(
    string Id,
    string Title,
    int Questions,
    int Answered,
    int? WeakestLink,
    double? Mean,
    IReadOnlyDictionary<int, double>? Coverage,
    ChecklistTally? Tally,
    IReadOnlyList<PartScore> Parts)
{
    /// <summary>The middle answer on a levelled scale (halfway between the two middle ones when the count is even); none when nothing is answered.</summary>
    public double? Median { get; init; }

    /// <summary>How many questions were answered at each level (1 to the top level) on a levelled scale.</summary>
    public IReadOnlyDictionary<int, int>? Distribution { get; init; }
}

/// <summary>The whole template's score; its parts are the topics (or sections), theirs the themes.</summary>
public sealed record TemplateScore(AssessmentTemplate Template, PartScore Overall)
{
    public IReadOnlyList<PartScore> Topics => Overall.Parts;
}

/// <summary>
/// Scores answers to a template, always two views of the same answers on a levelled scale:
/// <list type="bullet">
/// <item>the <b>weakest link</b>, as the government's data maturity assessment and NHS practice score: a theme reaches
/// level L when every question in it is answered at L or higher (an unanswered question is at no level, 0); a topic's
/// level is the lowest of its themes'; the whole template's the lowest of its topics';</item>
/// <item>the <b>mean</b> of the levels of the questions answered (none answered: no mean);</item>
/// <item>the <b>coverage</b> of each level: the share of the part's questions answered at that level or higher, which
/// is 1 for every level up to the weakest link and shows how near the next ones are.</item>
/// </list>
/// On the agreement scale the <b>median</b> and the <b>distribution</b> of answers (how many at each level) say most:
/// they are given for every levelled part. Checklists are counted instead: yes, partly, no, not applicable and
/// unanswered. Answers in words (a free-text template, or a free-text question beside scored ones) are not scored
/// and count nowhere.
/// </summary>
public static class AssessmentScoring
{
    private static readonly IReadOnlyDictionary<string, ChecklistAnswer> ChecklistSpellings = new Dictionary<string, ChecklistAnswer>(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = ChecklistAnswer.Yes,
        ["partly"] = ChecklistAnswer.Partly,
        ["no"] = ChecklistAnswer.No,
        ["not-applicable"] = ChecklistAnswer.NotApplicable,
        ["not applicable"] = ChecklistAnswer.NotApplicable,
        ["n/a"] = ChecklistAnswer.NotApplicable,
    };

    /// <summary>
    /// Checks raw answers (question id → a level's number or name, a checklist answer, or words; null or empty for
    /// no answer) against the template. Refuses, naming each question, an answer to a question the template lacks
    /// and an answer off its scale.
    /// </summary>
    public static Outcome<AnswerSet> Read(AssessmentTemplate template, IReadOnlyDictionary<string, string?> raw)
    {
        var questions = template.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var problems = new List<ContentProblem>();
        foreach (var (questionId, value) in raw)
        {
            var field = $"answers.{InputLimits.Quote(questionId).Trim('\'')}";
            if (!questions.ContainsKey(questionId))
            {
                problems.Add(new ContentProblem("", 0, 0, field, $"{InputLimits.Quote(questionId)} is not a question of the template '{template.Id}'"));
                continue;
            }
            var text = value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }
            if (ReadAnswer(template, template.ScaleOf(questions[questionId]), text) is { } answer)
            {
                answers[questionId] = answer;
            }
            else
            {
                problems.Add(new ContentProblem("", 0, 0, field, $"{InputLimits.Quote(text)} is not on the scale of question '{questionId}': {ScaleHint(template, template.ScaleOf(questions[questionId]))}"));
            }
        }
        return problems.Count > 0 ? Refusal.Invalid(problems) : new AnswerSet(template, answers);
    }

    /// <summary>Answers known to be on the template's scale, as the scoring form and the tests give them.</summary>
    public static AnswerSet Answers(AssessmentTemplate template, IReadOnlyDictionary<string, Answer> answers) =>
        Read(template, answers.ToDictionary(a => a.Key, a => (string?)Spell(a.Value))).Value;

    /// <summary>What answers a template takes, for messages and forms.</summary>
    public static string ScaleHint(AssessmentTemplate template) => ScaleHint(template, template.Scale);

    private static string ScaleHint(AssessmentTemplate template, AnswerScale scale) => scale switch
    {
        AnswerScale.Checklist => "answer yes, partly, no or not-applicable",
        AnswerScale.FreeText => $"answer in at most {AssessmentLimits.MaxAnswerLength.ToString("N0", CultureInfo.InvariantCulture)} characters",
        _ => $"answer a level from 1 to {template.MaxLevel} ({string.Join(", ", template.LevelNames.Select((n, i) => $"{i + 1} {n}"))})",
    };

    private static Answer? ReadAnswer(AssessmentTemplate template, AnswerScale scale, string text)
    {
        switch (scale)
        {
            case AnswerScale.Checklist:
                return ChecklistSpellings.TryGetValue(text, out var choice) ? new Answer(null, choice, null) : null;
            case AnswerScale.FreeText:
                return text.Length <= AssessmentLimits.MaxAnswerLength ? new Answer(null, null, text) : null;
            default:
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level >= 1 && level <= template.MaxLevel)
                {
                    return new Answer(level, null, null);
                }
                var named = template.LevelNames.ToList().FindIndex(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                return named >= 0 ? new Answer(named + 1, null, null) : null;
        }
    }

    private static string? Spell(Answer answer) =>
        answer.Level?.ToString(CultureInfo.InvariantCulture) ?? (answer.Choice is { } c ? AssessmentTemplate.AnswerName(c) : answer.Text);

    public static TemplateScore Score(AnswerSet answers)
    {
        var template = answers.Template;
        var topics = template.Topics.Select(topic =>
        {
            var themes = topic.Themes.Select(theme => Leaf(theme.Id, theme.Title, theme.Questions, answers)).ToList();
            return Combine(topic.Id, topic.Title, topic.Questions, themes, answers);
        }).ToList();
        return new TemplateScore(template, Combine(template.Id, template.Title, template.Questions, topics, answers));
    }

    /// <summary>A theme: its level is the highest L that every question reaches, i.e. its lowest answer.</summary>
    private static PartScore Leaf(string id, string title, IReadOnlyList<AssessmentQuestion> questions, AnswerSet answers)
    {
        var template = answers.Template;
        int? weakest = template.IsLevelled ? Scored(template, questions).Select(q => LevelOf(q, answers)).DefaultIfEmpty(0).Min() : null;
        return Part(id, title, questions, weakest, [], answers);
    }

    /// <summary>A topic or the whole: its level is the lowest of its parts' levels.</summary>
    private static PartScore Combine(string id, string title, IEnumerable<AssessmentQuestion> questions, IReadOnlyList<PartScore> parts, AnswerSet answers)
    {
        // A part of words only has nothing to reach, so it holds nothing back.
        int? weakest = answers.Template.IsLevelled ? parts.Where(p => p.Questions > 0).Select(p => p.WeakestLink ?? 0).DefaultIfEmpty(0).Min() : null;
        return Part(id, title, [.. questions], weakest, parts, answers);
    }

    private static PartScore Part(string id, string title, IReadOnlyList<AssessmentQuestion> all, int? weakest, IReadOnlyList<PartScore> parts, AnswerSet answers)
    {
        var template = answers.Template;
        var questions = Scored(template, all);
        var given = questions.Select(q => answers.For(q.Id)).OfType<Answer>().ToList();
        if (!template.IsLevelled)
        {
            ChecklistTally? tally = template.Scale == AnswerScale.Checklist
                ? new ChecklistTally(
                    given.Count(a => a.Choice == ChecklistAnswer.Yes),
                    given.Count(a => a.Choice == ChecklistAnswer.Partly),
                    given.Count(a => a.Choice == ChecklistAnswer.No),
                    given.Count(a => a.Choice == ChecklistAnswer.NotApplicable),
                    questions.Count - given.Count)
                : null;
            return new PartScore(id, title, questions.Count, given.Count, null, null, null, tally, parts);
        }
        var levels = questions.Select(q => LevelOf(q, answers)).ToList();
        var answered = levels.Where(l => l > 0).ToList();
        var coverage = Enumerable.Range(1, template.MaxLevel)
            .ToDictionary(level => level, level => levels.Count == 0 ? 0 : (double)levels.Count(l => l >= level) / levels.Count);
        return new PartScore(id, title, questions.Count, answered.Count, weakest,
            answered.Count == 0 ? null : answered.Average(), coverage, null, parts)
        {
            Median = Median(answered),
            Distribution = Enumerable.Range(1, template.MaxLevel).ToDictionary(level => level, level => answered.Count(l => l == level)),
        };
    }

    /// <summary>The middle of the answers in order; with an even count, halfway between the two middle ones (1, 2, 4, 5 → 3).</summary>
    public static double? Median(IReadOnlyList<int> levels)
    {
        if (levels.Count == 0)
        {
            return null;
        }
        var ordered = levels.Order().ToList();
        var middle = ordered.Count / 2;
        return ordered.Count % 2 == 1 ? ordered[middle] : (ordered[middle - 1] + ordered[middle]) / 2.0;
    }

    /// <summary>The questions that score (<see cref="AssessmentTemplate.Scores"/>): all but those answered in words beside scored ones.</summary>
    private static IReadOnlyList<AssessmentQuestion> Scored(AssessmentTemplate template, IReadOnlyList<AssessmentQuestion> questions) =>
        [.. questions.Where(template.Scores)];

    private static int LevelOf(AssessmentQuestion question, AnswerSet answers) => answers.For(question.Id)?.Level ?? 0;
}

/// <summary>Bounds on what a person may answer.</summary>
public static class AssessmentLimits
{
    /// <summary>A free-text answer.</summary>
    public const int MaxAnswerLength = 10_000;
}
