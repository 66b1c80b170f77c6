namespace Observatory.Assessments.AlgorithmicImpact;

/// <summary>What a question's answer counts towards, from the <c>-RS</c>, <c>-MS</c> or <c>-NS</c> ending of its name or its panel's.</summary>
public enum ImpactScoreType
{
    /// <summary>Not scored: project details, and any question without a scored ending.</summary>
    NotScored,

    /// <summary>Raw impact (risk) score (<c>-RS</c>).</summary>
    Risk,

    /// <summary>Mitigation score (<c>-MS</c>).</summary>
    Mitigation,
}

/// <summary>How a question is answered in Canada's tool.</summary>
public enum ImpactQuestionKind
{
    /// <summary>One choice (a radio group or a drop-down): scores its choice's weight.</summary>
    OneChoice,

    /// <summary>Any number of choices (check boxes): scores the sum of the weights chosen.</summary>
    ManyChoices,

    /// <summary>Words (a text box or comment): never scored, but part of a saved answer file.</summary>
    Words,
}

/// <summary>A choice with the value Canada's tool saves (<c>item2-3</c>) and the weight in it (3).</summary>
public sealed record ImpactChoice(string Value, string Text, double Weight);

public sealed class ImpactQuestion
{
    /// <summary>The question's name in Canada's questionnaire, kept so a saved answer file reads unchanged.</summary>
    public required string Name { get; init; }

    public required string Title { get; init; }
    public required string Page { get; init; }
    public required ImpactQuestionKind Kind { get; init; }
    public required ImpactScoreType ScoreType { get; init; }
    public IReadOnlyList<ImpactChoice> Choices { get; init; } = [];

    /// <summary>When the tool shows the question (its <c>visibleIf</c> condition), if only sometimes.</summary>
    public string? ShownWhen { get; init; }

    public int Line { get; init; }

    public bool IsScored => ScoreType != ImpactScoreType.NotScored && Kind != ImpactQuestionKind.Words;

    /// <summary>
    /// The most the question can score, as the tool counts it: the largest weight of one choice, or the sum of every
    /// weight of a multiple choice.
    /// </summary>
    public double MaxScore => Choices.Count == 0 ? 0
        : Kind == ImpactQuestionKind.ManyChoices ? Choices.Sum(c => c.Weight) : Math.Max(0, Choices.Max(c => c.Weight));

    public ImpactChoice? Choice(string value) => Choices.FirstOrDefault(c => c.Value == value);
}

/// <summary>A page of the questionnaire (project details, about the system, … privacy in implementation).</summary>
public sealed record ImpactPage(string Name, string Title, IReadOnlyList<ImpactQuestion> Questions);

/// <summary>A requirement of the Directive on Automated Decision-Making, in its words for each impact level I to IV.</summary>
public sealed record ImpactRequirement(string Title, IReadOnlyList<string> ByLevel);

/// <summary>
/// Canada's Algorithmic Impact Assessment as data: the questionnaire read from the tool's own SurveyJS file, with
/// its question names and choice values, and the requirements per impact level read from its English strings. The
/// maxima are summed from the content, never written down, so a new edition scores right without code.
/// </summary>
public sealed class AlgorithmicImpactTemplate
{
    /// <summary>Levels I to IV, each reached when the current score passes a quarter more of the maximum raw score.</summary>
    public const int Levels = 4;

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Version { get; init; }
    public required string Publisher { get; init; }
    public required string Summary { get; init; }
    public required string Attribution { get; init; }
    public required IReadOnlyList<TemplateSource> Sources { get; init; }
    public required IReadOnlyList<ImpactPage> Pages { get; init; }
    public required IReadOnlyList<ImpactRequirement> Requirements { get; init; }

    public IEnumerable<ImpactQuestion> Questions => Pages.SelectMany(p => p.Questions);

    public ImpactQuestion? Question(string name) => _byName.Value.GetValueOrDefault(name);

    private readonly Lazy<Dictionary<string, ImpactQuestion>> _byName;

    public AlgorithmicImpactTemplate() => _byName = new(() => Questions.ToDictionary(q => q.Name, StringComparer.Ordinal));

    public double MaxRawScore => Questions.Where(q => q.IsScored && q.ScoreType == ImpactScoreType.Risk).Sum(q => q.MaxScore);

    public double MaxMitigationScore => Questions.Where(q => q.IsScored && q.ScoreType == ImpactScoreType.Mitigation).Sum(q => q.MaxScore);

    public static string LevelName(int level) => level switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Impact levels run from 1 (I) to 4 (IV)."),
    };
}
