using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Assessments.AlgorithmicImpact;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// Canada's Algorithmic Impact Assessment over the API: its questionnaire, and scoring answers to it without an
/// account (nothing is kept). The routes name the template literally, so they are matched before the catalogue's
/// <c>{id}</c> routes.
/// </summary>
public static class AlgorithmicImpactApi
{
    public const string Route = "/api/assessment-templates/" + AlgorithmicImpactAssessment.Folder;

    /// <summary>
    /// Answers as <c>{answers: {name: value | [value…]}}</c>, or an answer file saved from Canada's tool unchanged:
    /// <c>{currentPage, data: {name: value | [value…]}}</c>.
    /// </summary>
    public sealed record ScoreRequest(Dictionary<string, JsonElement>? Answers, Dictionary<string, JsonElement>? Data, int? CurrentPage);

    public sealed record Obligation(string Requirement, string Text);

    public sealed record ScoreResult(string Template, string Version, double RawScore, double MaxRawScore, double MitigationScore, double MaxMitigationScore,
        double CurrentScore, int ImpactLevel, string ImpactLevelName, bool Reduced, double MitigationThreshold, IReadOnlyList<double> LevelBounds,
        IReadOnlyList<Obligation> Obligations);

    public sealed record Choice(string Value, string Text, double Points);

    public sealed record Question(string Name, string Title, string Kind, string ScoreType, double MaxPoints, string? ShownWhen, IReadOnlyList<Choice> Choices);

    public sealed record Page(string Name, string Title, IReadOnlyList<Question> Questions);

    public sealed record Requirement(string Title, IReadOnlyList<string> ByLevel);

    public sealed record TemplateDetail(string Id, string Title, string Version, string Publisher, string Summary, string Attribution,
        IReadOnlyList<AssessmentsApi.Source> Source, double MaxRawScore, double MaxMitigationScore, IReadOnlyList<Page> Pages, IReadOnlyList<Requirement> Requirements);

    public static void MapAlgorithmicImpactApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Assessments");
        api.MapGet(Route["/api".Length..], Get)
            .WithSummary("Canada's Algorithmic Impact Assessment: every page and question with its name, kind (one choice, many choices or words), score type (risk, mitigation or not scored) and choices with their points, the maxima summed from them, and each requirement's words for impact levels I to IV.");
        api.MapPost(Route["/api".Length..] + "/score", Score)
            .WithSummary("Scores answers to the Algorithmic Impact Assessment exactly as Canada's tool does, without keeping them: {answers: {questionName: choiceValue | [choiceValue…]}} (or a file saved from Canada's tool, {currentPage, data}) gives {rawScore, maxRawScore, mitigationScore, maxMitigationScore, currentScore, impactLevel} and the obligations of the level. An unknown question, or a value off a question's choices, is a 400 naming the question.");
    }

    private static Ok<TemplateDetail> Get(AlgorithmicImpactAssessment assessment)
    {
        var t = assessment.Template;
        return TypedResults.Ok(new TemplateDetail(t.Id, t.Title, t.Version, t.Publisher, t.Summary, t.Attribution,
            [.. t.Sources.Select(s => new AssessmentsApi.Source(s.Title, s.Section))], t.MaxRawScore, t.MaxMitigationScore,
            [.. t.Pages.Where(p => p.Questions.Count > 0).Select(p => new Page(p.Name, p.Title, [.. p.Questions.Select(ToQuestion)]))],
            [.. t.Requirements.Select(r => new Requirement(r.Title, r.ByLevel))]));
    }

    private static Results<Ok<ScoreResult>, ProblemHttpResult> Score(ScoreRequest request, AlgorithmicImpactAssessment assessment)
    {
        if ((request.Answers ?? request.Data) is not { } given || (request.Answers is not null && request.Data is not null))
        {
            return Refusal.Invalid("answers", "Give the answers as {\"answers\": {questionName: choiceValue or [choiceValue, …]}}, or a file saved from Canada's tool ({\"data\": {…}}), not both.").ToProblem();
        }
        if (!ReadAnswers(given).Succeeded(out var answers, out var unreadable))
        {
            return unreadable.ToProblem();
        }
        if (!assessment.Score(answers).Succeeded(out var score, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(ResultOf(assessment.Template, score));
    }

    public static ScoreResult ResultOf(AlgorithmicImpactTemplate template, ImpactScore score) =>
        new(template.Id, template.Version, score.RawScore, score.MaxRawScore, score.MitigationScore,
            score.MaxMitigationScore, score.CurrentScore, score.ImpactLevel, score.ImpactLevelName, score.Reduced, score.MitigationThreshold, score.LevelBounds,
            [.. score.Obligations.Select(o => new Obligation(o.Requirement, o.Text))]);

    /// <summary>
    /// The answers of a request's <c>answers</c> (or <c>data</c>) object: a string or number is one value, an array
    /// several, null no answer; an object is refused, naming the question.
    /// </summary>
    public static Outcome<Dictionary<string, ImpactAnswer?>> ReadAnswers(IReadOnlyDictionary<string, JsonElement> given)
    {
        var answers = new Dictionary<string, ImpactAnswer?>(StringComparer.Ordinal);
        var problems = new List<ContentProblem>();
        foreach (var (name, value) in given)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    answers[name] = null;
                    break;
                case JsonValueKind.Array:
                    answers[name] = ImpactAnswer.Many([.. value.EnumerateArray().Select(Scalar)]);
                    break;
                case JsonValueKind.Object:
                    problems.Add(new ContentProblem("", 0, 0, $"answers.{name}", $"'{name}' must be a choice value, a list of choice values or words, not an object"));
                    break;
                default:
                    answers[name] = ImpactAnswer.One(Scalar(value));
                    break;
            }
        }
        return problems.Count > 0 ? Refusal.Invalid(problems) : answers;
    }

    /// <summary>A value as its text: a number keeps its own spelling, so 3 is not mistaken for the choice "item1-3".</summary>
    private static string Scalar(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static Question ToQuestion(ImpactQuestion q) => new(q.Name, q.Title,
        q.Kind switch { ImpactQuestionKind.OneChoice => "one-choice", ImpactQuestionKind.ManyChoices => "many-choices", _ => "words" },
        q.IsScored ? (q.ScoreType == ImpactScoreType.Risk ? "risk" : "mitigation") : "not-scored",
        q.IsScored ? q.MaxScore : 0, q.ShownWhen, [.. q.Choices.Select(c => new Choice(c.Value, c.Text, c.Weight))]);
}
