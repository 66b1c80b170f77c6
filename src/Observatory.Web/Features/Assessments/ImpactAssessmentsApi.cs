using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Observatory.Assessments.AlgorithmicImpact;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// Organisations' own algorithmic impact assessments over the API: members list and read them; contributors (write
/// token) start one, save answers or a file saved from Canada's tool, and complete it. Anyone else is told it does
/// not exist.
/// </summary>
public static class ImpactAssessmentsApi
{
    public sealed record StartRequest(string? Name, Dictionary<string, JsonElement>? Answers);

    public sealed record ImpactAssessmentItem(long Id, string Name, string State, int? ImpactLevel, string? ImpactLevelName, DateTime UpdatedAt, DateTime? CompletedAt, string Url);

    public sealed record ImpactAssessmentResult(long Id, string Organisation, string OrganisationName, string Name, string State, string TemplateVersion,
        IReadOnlyDictionary<string, object> Answers, AlgorithmicImpactApi.ScoreResult Score, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy,
        DateTime? CompletedAt, string? CompletedBy, bool CanEdit, string Url, string Page);

    /// <summary>The answers as a file saved from Canada's tool: the tool opens it, and this API imports it back.</summary>
    public sealed record AnswerFileResult(int CurrentPage, IReadOnlyDictionary<string, object> Data);

    public static void MapImpactAssessmentsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Assessments");
        api.MapGet("/organisations/{slug}/impact-assessments", ListAsync)
            .WithSummary("An organisation's algorithmic impact assessments, one per system, newest change first. Members only: 404 for anyone else.");
        api.MapPost("/organisations/{slug}/impact-assessments", StartAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Starts a draft impact assessment of a system: {name, answers?: {questionName: choiceValue | [choiceValue…]}}. Contributors with a write token. 400 naming the name or each question wrong.");
        api.MapGet("/impact-assessments/{id:long}", GetAsync)
            .WithSummary("One impact assessment: its answers, and its score (raw, mitigation, current, impact level I–IV and the obligations of the level) — as it stands for a draft, as kept for a completed one. Members of its organisation only.");
        api.MapGet("/impact-assessments/{id:long}/answers", AnswersAsync)
            .WithSummary("The answers as a file saved from Canada's tool ({currentPage, data}), which the tool opens and PUT takes back.");
        api.MapPut("/impact-assessments/{id:long}/answers", SaveAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithMetadata(new RequestSizeLimitAttribute(ImpactAssessmentModel.MaxFileBytes))
            .WithSummary("Saves answers to a draft, all or none: a file saved from Canada's tool, unchanged ({currentPage, data}), replaces every answer; {answers: {questionName: choiceValue | [choiceValue…] | null}} changes only the questions named (null clears one). "
                + "Each problem is a 400 entry naming the line and answers.{questionName}. Contributors with a write token; 409 once completed.");
        api.MapPost("/impact-assessments/{id:long}/complete", CompleteAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Completes a draft: its score is kept and its answers fixed. 400 while no impact question is answered, 409 when already completed.");
    }

    private static async Task<IResult> ListAsync(string slug, OrganisationImpactAssessments assessments, CancellationToken ct)
    {
        if (!(await assessments.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(list.Assessments.Select(a => new ImpactAssessmentItem(a.Id, a.Name, StateName(a), a.ImpactLevel,
            a.ImpactLevel is { } level ? AlgorithmicImpactTemplate.LevelName(level) : null, a.UpdatedAt, a.CompletedAt, Url(a.Id))).ToList());
    }

    private static async Task<IResult> StartAsync(string slug, StartRequest? request, OrganisationImpactAssessments assessments, CancellationToken ct)
    {
        // Outsiders are told the organisation does not exist before anything they sent is read.
        if (!(await assessments.ListAsync(slug, ct)).Succeeded(out _, out var hidden))
        {
            return hidden.ToProblem();
        }
        Dictionary<string, ImpactAnswer?>? answers = null;
        if (request?.Answers is { } given && !AlgorithmicImpactApi.ReadAnswers(given).Succeeded(out answers, out var unreadable))
        {
            return unreadable.ToProblem();
        }
        return (await assessments.StartAsync(slug, request?.Name, answers, ct)).Succeeded(out var view, out var refusal)
            ? TypedResults.Created(Url(view.Assessment.Id), ResultOf(view, assessments.Template))
            : refusal.ToProblem();
    }

    private static async Task<IResult> GetAsync(long id, OrganisationImpactAssessments assessments, CancellationToken ct) =>
        (await assessments.GetAsync(id, ct)).Succeeded(out var view, out var refusal) ? TypedResults.Ok(ResultOf(view, assessments.Template)) : refusal.ToProblem();

    private static async Task<IResult> AnswersAsync(long id, OrganisationImpactAssessments assessments, CancellationToken ct) =>
        (await assessments.GetAsync(id, ct)).Succeeded(out var view, out var refusal) ? TypedResults.Ok(new AnswerFileResult(0, Plain(view.Answers))) : refusal.ToProblem();

    private static async Task<IResult> SaveAsync(long id, HttpRequest request, OrganisationImpactAssessments assessments, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        return (await assessments.ImportAsync(id, "request body", text, ct)).Succeeded(out var view, out var refusal)
            ? TypedResults.Ok(ResultOf(view, assessments.Template))
            : refusal.ToProblem();
    }

    private static async Task<IResult> CompleteAsync(long id, OrganisationImpactAssessments assessments, CancellationToken ct) =>
        (await assessments.CompleteAsync(id, ct)).Succeeded(out var view, out var refusal) ? TypedResults.Ok(ResultOf(view, assessments.Template)) : refusal.ToProblem();

    private static ImpactAssessmentResult ResultOf(ImpactAssessmentView view, AlgorithmicImpactTemplate template)
    {
        var a = view.Assessment;
        return new ImpactAssessmentResult(a.Id, view.Organisation.Slug, view.Organisation.Name, a.Name, StateName(a), a.TemplateVersion, Plain(view.Answers),
            AlgorithmicImpactApi.ResultOf(template, view.Score), a.CreatedAt, a.CreatedBy, a.UpdatedAt, a.UpdatedBy, a.CompletedAt, a.CompletedBy, view.CanEdit,
            Url(a.Id), $"/impact-assessments/{a.Id}");
    }

    private static Dictionary<string, object> Plain(IReadOnlyDictionary<string, ImpactAnswer> answers) =>
        answers.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value.IsList ? a.Value.Values : (object)a.Value.Values[0], StringComparer.Ordinal);

    private static string StateName(ImpactAssessmentRecord a) => a.IsCompleted ? "completed" : "draft";

    private static string Url(long id) => $"/api/impact-assessments/{id}";
}
