using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Assessments;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>Assessment templates, and scoring answers to one without an account (nothing is kept).</summary>
public static class AssessmentsApi
{
    public sealed record Source(string Title, string? Section);

    public sealed record TemplateSummary(string Id, string Title, string Version, string Publisher, string Scale, string Structure, int QuestionCount, IReadOnlyList<Source> Source);

    public sealed record Statement(int Level, string Text);

    public sealed record Theme(string Id, string Title, IReadOnlyList<Question> Questions);

    /// <summary>A section has its questions; a topic its themes.</summary>
    public sealed record Part(string Id, string Title, string? Guidance, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Elements,
        IReadOnlyList<Theme>? Themes, IReadOnlyList<Question>? Questions);

    public sealed record Level(int Value, string Name);

    public sealed record TemplateDetail(string Id, string Title, string Version, string Publisher, string Summary, string? Authorship,
        IReadOnlyList<Source> Source, string Scale, IReadOnlyList<Level> Levels, IReadOnlyList<string> Answers,
        IReadOnlyList<Part>? Sections, IReadOnlyList<Part>? Topics);

    public sealed record ScoreRequest(Dictionary<string, JsonElement>? Answers);

    public sealed record Tally(int Yes, int Partly, int No, int NotApplicable, int Unanswered, double? YesShare, double? PartlyShare, double? NoShare);

    public sealed record Score(string Id, string Title, int Questions, int Answered, int? WeakestLink, double? Mean,
        IReadOnlyDictionary<string, double>? Coverage, Tally? Tally, IReadOnlyList<Score>? Themes, double? Median, IReadOnlyDictionary<string, int>? Distribution);

    public sealed record Overall(int Questions, int Answered, int? WeakestLink, double? Mean, IReadOnlyDictionary<string, double>? Coverage, Tally? Tally,
        double? Median, IReadOnlyDictionary<string, int>? Distribution);

    public sealed record Question(string Id, string Text, string? Guidance, IReadOnlyList<string> Elements, IReadOnlyList<Statement> Statements, string Scale);

    public sealed record ScoreResult(string Template, string Version, string Scale, Overall Overall, IReadOnlyList<Score> Topics);

    public static void MapAssessmentsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Assessments");
        api.MapGet("/assessment-templates", List).WithSummary("Every shipped assessment template, with its source, scale and number of questions.");
        api.MapGet("/assessment-templates/{id}", GetAsync)
            .WithSummary("A template in its own hierarchy (sections, or topics with themes), each question with the framework elements it evidences and, on the maturity scale, its five level statements. 'framework-' and a framework's id gives that framework as a checklist.");
        api.MapPost("/assessment-templates/{id}/score", ScoreAsync)
            .WithSummary("Scores answers ({answers: {questionId: level or answer}}) without keeping them: the weakest link, the mean, the median and the distribution with the coverage of each level, or checklist counts; answers in words are not scored. An unknown question or an answer off the scale is a 400 naming the question.");
    }

    private static Ok<List<TemplateSummary>> List(AssessmentTemplates templates) =>
        TypedResults.Ok(templates.Shipped.Select(t => new TemplateSummary(t.Id, t.Title, t.Version, t.Publisher, AssessmentTemplate.ScaleName(t.Scale),
            t.Structure.ToString().ToLowerInvariant(), t.QuestionCount, [.. t.Sources.Select(ToSource)])).ToList());

    private static async Task<Results<Ok<TemplateDetail>, ProblemHttpResult>> GetAsync(string id, AssessmentTemplates templates, CancellationToken ct)
    {
        if (!(await templates.FindAsync(id, ct)).Succeeded(out var t, out var refusal))
        {
            return refusal.ToProblem();
        }
        var parts = t.Topics.Select(topic => new Part(topic.Id, topic.Title, topic.Guidance, topic.Labels, [.. topic.Elements.Select(e => e.ToString())],
            t.Structure == TemplateStructure.Topics ? [.. topic.Themes.Select(th => new Theme(th.Id, th.Title, [.. th.Questions.Select(q => ToQuestion(t, q))]))] : null,
            t.Structure == TemplateStructure.Sections ? [.. topic.Questions.Select(q => ToQuestion(t, q))] : null)).ToList();
        return TypedResults.Ok(new TemplateDetail(t.Id, t.Title, t.Version, t.Publisher, t.Summary, t.Authorship, [.. t.Sources.Select(ToSource)],
            AssessmentTemplate.ScaleName(t.Scale), [.. t.LevelNames.Select((n, i) => new Level(i + 1, n))], Answers(t),
            t.Structure == TemplateStructure.Sections ? parts : null, t.Structure == TemplateStructure.Topics ? parts : null));
    }

    private static async Task<Results<Ok<ScoreResult>, ProblemHttpResult>> ScoreAsync(string id, ScoreRequest request, AssessmentTemplates templates, CancellationToken ct)
    {
        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (question, value) in request.Answers ?? [])
        {
            answers[question] = value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => value.GetString(),
                // A number keeps its text, so 2.5 or 1e3 is refused as off the scale rather than rounded.
                _ => value.GetRawText(),
            };
        }
        if (!(await templates.ScoreAsync(id, answers, ct)).Succeeded(out var score, out var refusal))
        {
            return refusal.ToProblem();
        }
        var o = score.Overall;
        return TypedResults.Ok(new ScoreResult(score.Template.Id, score.Template.Version, AssessmentTemplate.ScaleName(score.Template.Scale),
            new Overall(o.Questions, o.Answered, o.WeakestLink, o.Mean, Coverage(o), ToTally(o.Tally), o.Median, Distribution(o)),
            [.. score.Topics.Select(topic => ToScore(topic, score.Template.Structure == TemplateStructure.Topics))]));
    }

    /// <summary>The answers a template takes, as the score endpoint reads them.</summary>
    private static List<string> Answers(AssessmentTemplate t) => t.Scale switch
    {
        AnswerScale.Checklist => ["yes", "partly", "no", "not-applicable"],
        AnswerScale.FreeText => ["text"],
        _ => [.. Enumerable.Range(1, t.MaxLevel).Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))],
    };

    private static Score ToScore(PartScore p, bool withThemes) =>
        new(p.Id, p.Title, p.Questions, p.Answered, p.WeakestLink, p.Mean, Coverage(p), ToTally(p.Tally), withThemes ? [.. p.Parts.Select(th => ToScore(th, false))] : null,
            p.Median, Distribution(p));

    private static Dictionary<string, int>? Distribution(PartScore p) =>
        p.Distribution?.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value);

    private static Dictionary<string, double>? Coverage(PartScore p) =>
        p.Coverage?.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => Math.Round(kv.Value, 4));

    private static Tally? ToTally(ChecklistTally? t) =>
        t is null ? null : new Tally(t.Yes, t.Partly, t.No, t.NotApplicable, t.Unanswered, t.YesShare, t.PartlyShare, t.NoShare);

    private static Question ToQuestion(AssessmentTemplate t, AssessmentQuestion q) =>
        new(q.Id, q.Text, q.Guidance, [.. q.Elements.Select(e => e.ToString())], [.. q.Statements.Select(s => new Statement(s.Level, s.Text))], AssessmentTemplate.ScaleName(t.ScaleOf(q)));

    private static Source ToSource(TemplateSource s) => new(s.Title, s.Section);
}
