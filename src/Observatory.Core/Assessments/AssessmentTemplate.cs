using Observatory.Frameworks;

namespace Observatory.Assessments;

/// <summary>How a question is answered.</summary>
public enum AnswerScale
{
    /// <summary>Five anchored levels, each with a statement per question (Beginning … Mastering).</summary>
    Maturity,

    /// <summary>Yes, partly, no or not applicable.</summary>
    Checklist,

    /// <summary>1 (strongly disagree) to 5 (strongly agree); summed up by the median and the distribution of answers.</summary>
    Agreement,

    /// <summary>Words only; not scored.</summary>
    FreeText,
}

/// <summary>An answer on the checklist scale.</summary>
public enum ChecklistAnswer
{
    Yes,
    Partly,
    No,
    NotApplicable,
}

/// <summary>Whether a template is a flat list of sections or topics split into themes (as the government's data maturity assessment is).</summary>
public enum TemplateStructure
{
    Sections,
    Topics,
}

/// <summary>Where a template shipped from, or that it was made from a framework of the catalogue.</summary>
public enum TemplateOrigin
{
    Shipped,
    FromFramework,
}

/// <summary>A published document a template is taken from: its title as published and the section.</summary>
public sealed record TemplateSource(string Title, string? Section)
{
    public override string ToString() => Section is null ? Title : $"{Title}, “{Section}”";
}

/// <summary>What a question's answer at one level looks like.</summary>
public sealed record LevelStatement(int Level, string Text);

public sealed class AssessmentQuestion
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public string? Guidance { get; init; }

    /// <summary>The framework elements the answer is evidence of.</summary>
    public IReadOnlyList<ElementRef> Elements { get; init; } = [];

    /// <summary>One per level, in level order, on the maturity scale; none otherwise.</summary>
    public IReadOnlyList<LevelStatement> Statements { get; init; } = [];

    /// <summary>Answered in words (on a free-text template, or <c>scale: free-text</c> beside scored questions): never scored.</summary>
    public bool InWords { get; init; }

    public int Line { get; init; }
}

/// <summary>A group of questions that reaches a level together: a theme of a topic, or a section itself.</summary>
public sealed class AssessmentTheme
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<AssessmentQuestion> Questions { get; init; }
}

/// <summary>A topic (split into themes) or a section (one theme of the same id, never shown as such).</summary>
public sealed class AssessmentTopic
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Guidance { get; init; }

    /// <summary>Other names for the topic, e.g. the 2022 and current LGA labels of an outcome.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<ElementRef> Elements { get; init; } = [];
    public required IReadOnlyList<AssessmentTheme> Themes { get; init; }

    public IEnumerable<AssessmentQuestion> Questions => Themes.SelectMany(t => t.Questions);
}

/// <summary>
/// A questionnaire as data: versioned, cited to the published source, with an answer scale and its questions in
/// the template's own hierarchy. Every assessment, score and benchmark runs on one of these.
/// </summary>
public sealed class AssessmentTemplate
{
    /// <summary>The scale's levels on the agreement scale.</summary>
    public static readonly IReadOnlyList<string> AgreementLevels = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? ShortTitle { get; init; }
    public required string Version { get; init; }
    public required string Publisher { get; init; }
    public required string Summary { get; init; }

    /// <summary>Who wrote the questions when the source publishes none (the Observatory, from the definitions).</summary>
    public string? Authorship { get; init; }

    public required IReadOnlyList<TemplateSource> Sources { get; init; }
    public required AnswerScale Scale { get; init; }

    /// <summary>The names of levels 1 to 5 (maturity and agreement scales); empty otherwise.</summary>
    public IReadOnlyList<string> LevelNames { get; init; } = [];

    public required TemplateStructure Structure { get; init; }
    public required IReadOnlyList<AssessmentTopic> Topics { get; init; }
    public TemplateOrigin Origin { get; init; } = TemplateOrigin.Shipped;
    public string? SourceFile { get; init; }

    public string DisplayTitle => ShortTitle ?? Title;

    /// <summary>Maturity and agreement answers are levels and score; checklists are counted; free text is not scored.</summary>
    public bool IsLevelled => Scale is AnswerScale.Maturity or AnswerScale.Agreement;

    public int MaxLevel => LevelNames.Count;

    public IEnumerable<AssessmentQuestion> Questions => Topics.SelectMany(t => t.Questions);

    public int QuestionCount => Questions.Count();

    /// <summary>
    /// Whether a question's answer scores — or, on a template answered all in words, is at least counted. A question
    /// answered in words beside scored ones never is: it is not needed to submit, and it is left out of the weakest
    /// link, the mean, the coverage of each level and every benchmark or survey figure. The one rule scoring,
    /// submitting, benchmarks and surveys all follow.
    /// </summary>
    public bool Scores(AssessmentQuestion question) => Scale == AnswerScale.FreeText || !question.InWords;

    /// <summary>The questions that score (<see cref="Scores"/>), in the template's order.</summary>
    public IEnumerable<AssessmentQuestion> ScoredQuestions => Questions.Where(Scores);

    /// <summary>
    /// The template with its questions answered in words beside scored ones left out (and any theme or topic left
    /// empty by that): they place nothing on the scale, and a theme's weakest link would otherwise count them as
    /// unanswered, level 0. Benchmarks and surveys compute over this; the template itself when nothing is left out.
    /// </summary>
    public AssessmentTemplate Scored()
    {
        if (Scale == AnswerScale.FreeText || !Questions.Any(q => q.InWords))
        {
            return this;
        }
        var topics = Topics
            .Select(t => new AssessmentTopic
            {
                Id = t.Id,
                Title = t.Title,
                Guidance = t.Guidance,
                Labels = t.Labels,
                Elements = t.Elements,
                Themes = [.. t.Themes.Select(h => new AssessmentTheme { Id = h.Id, Title = h.Title, Questions = [.. h.Questions.Where(Scores)] }).Where(h => h.Questions.Count > 0)],
            })
            .Where(t => t.Themes.Count > 0).ToList();
        return new AssessmentTemplate
        {
            Id = Id,
            Title = Title,
            ShortTitle = ShortTitle,
            Version = Version,
            Publisher = Publisher,
            Summary = Summary,
            Authorship = Authorship,
            Sources = Sources,
            Scale = Scale,
            LevelNames = LevelNames,
            Structure = Structure,
            Topics = topics,
            Origin = Origin,
            SourceFile = SourceFile,
        };
    }

    /// <summary>The scale a question is answered on: the template's, or words.</summary>
    public AnswerScale ScaleOf(AssessmentQuestion question) => question.InWords ? AnswerScale.FreeText : Scale;

    public string LevelName(int level) => level >= 1 && level <= LevelNames.Count ? LevelNames[level - 1] : "Not yet at any level";

    public static string ScaleName(AnswerScale scale) => scale switch
    {
        AnswerScale.Maturity => "maturity",
        AnswerScale.Checklist => "checklist",
        AnswerScale.Agreement => "agreement",
        _ => "free-text",
    };

    public static string AnswerName(ChecklistAnswer answer) => answer switch
    {
        ChecklistAnswer.Yes => "yes",
        ChecklistAnswer.Partly => "partly",
        ChecklistAnswer.No => "no",
        _ => "not-applicable",
    };
}
