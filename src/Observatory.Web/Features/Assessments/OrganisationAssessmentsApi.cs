using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Assessments;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// An organisation's own assessments over the API: list and start them, read and answer one, submit it and opt it
/// into benchmarking. A token acts as its person, so it reaches only their organisations, and writes only with the
/// write scope. Someone outside the organisation is answered 404, whatever they try.
/// </summary>
public static class OrganisationAssessmentsApi
{
    public sealed record StartRequest(string? TemplateId, string? Period, bool? CopyForward);

    /// <summary>Each question's answer: <c>{"answer": 3, "evidence": ["https://…"], "note", "confidence", "method", "target", "action"}</c>, or the answer alone.</summary>
    public sealed record AnswersRequest(Dictionary<string, JsonElement>? Answers);

    public sealed record BenchmarkingRequest(bool? OptIn);

    /// <summary><c>{"visibility": "private" | "shared" | "public", "sharedWith": ["organisation-slug"]}</c>.</summary>
    public sealed record VisibilityRequest(string? Visibility, IReadOnlyList<string>? SharedWith);

    public sealed record AssessmentListItem(long Id, string Template, string TemplateTitle, string Period, string State, bool Benchmarking,
        int Questions, int Answered, IReadOnlyList<string> AssignedToYou, DateTime UpdatedAt, string Url);

    public sealed record AnswerDetail(object? Answer, IReadOnlyList<string> Evidence, string? Note, string? Confidence, string? Method, int? Target, string? Action,
        DateTime UpdatedAt, string UpdatedBy);

    public sealed record Assignment(string Section, long PersonId, string Name);

    public sealed record AssessmentDetail(long Id, string Organisation, string Template, string TemplateVersion, string TemplateTitle, string Period,
        string State, string Visibility, bool Benchmarking, int Questions, int Answered, IReadOnlyList<string> Unanswered, long? CopiedFrom,
        DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy, DateTime? SubmittedAt, string? SubmittedBy,
        IReadOnlyDictionary<string, AnswerDetail> Answers, IReadOnlyList<Assignment> Assignments, string Url, IReadOnlyList<string> SharedWith);

    private static readonly string[] AnswerFields = ["answer", "evidence", "note", "confidence", "method", "target", "action"];

    public static void MapOrganisationAssessmentsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Organisation assessments");
        api.MapGet("/organisations/{slug}/assessments", ListAsync)
            .WithSummary("An organisation's assessments, newest period first, with how many questions each has answered and the sections assigned to you. Members only: 404 for anyone else.");
        api.MapPost("/organisations/{slug}/assessments", StartAsync)
            .AddEndpointFilter(JsonFromBrowsers)
            .WithSummary("Starts an assessment ({templateId, period: \"2026/27\", copyForward: true to copy the previous round's answers}). Contributors with a write token; one per template and period (409 for a second).");
        api.MapGet("/assessments/{id:long}", GetAsync)
            .WithSummary("One assessment with every answer, its evidence links and note, confidence (low, medium, high), method (self, peer, independent), target level and action. 404 unless you may see it.");
        api.MapPut("/assessments/{id:long}", SaveAsync)
            .AddEndpointFilter(JsonFromBrowsers)
            .WithSummary("Saves answers to a draft: {answers: {questionId: {answer, evidence: [links], note, confidence, method, target, action}}} (or {questionId: answer}). Each question sent is replaced whole; others are kept. "
                + "Every problem is a 400 entry named answers.{questionId}[.field], and nothing is saved if there is one.");
        api.MapPost("/assessments/{id:long}/submit", SubmitAsync)
            .AddEndpointFilter(JsonFromBrowsers)
            .WithSummary("Submits a draft: 400 naming every unanswered question, 409 when it was already submitted. The answers are then fixed.");
        api.MapPost("/assessments/{id:long}/benchmarking", BenchmarkingAsync)
            .AddEndpointFilter(JsonFromBrowsers)
            .WithSummary("Opts a submitted assessment into anonymised benchmarking ({optIn: true}) or out ({optIn: false}); 409 for a draft.");
        api.MapPost("/assessments/{id:long}/visibility", VisibilityAsync)
            .AddEndpointFilter(JsonFromBrowsers)
            .WithSummary("Chooses who may read a submitted assessment: {visibility: \"private\"} (the organisation only), {visibility: \"shared\", sharedWith: [\"organisation-slug\"]} or {visibility: \"public\"} (anyone, without signing in). "
                + "Approvers of the organisation with a write token; sharing or making public publishes it; 409 for a draft.");
    }

    /// <summary>
    /// A browser signed in with its cookie writes through the API only with a JSON body, which a form on another site
    /// cannot send (that needs the Observatory's permission under CORS, which it never gives): so no other site can
    /// make a signed-in person's browser submit their assessment. Scripts with a token are not asked.
    /// </summary>
    internal static async ValueTask<object?> JsonFromBrowsers(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == Authentication.CookieScheme) && !http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the request as JSON (Content-Type: application/json).");
        }
        return await next(context);
    }

    private static async Task<Results<Ok<List<AssessmentListItem>>, ProblemHttpResult>> ListAsync(string slug, OrganisationAssessments assessments, CancellationToken ct)
    {
        if (!(await assessments.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(list.Assessments.Select(s => new AssessmentListItem(s.Assessment.Id, s.Assessment.TemplateId, s.TemplateTitle, s.Assessment.Period,
            StateName(s.Assessment), s.Assessment.Benchmarking, s.Questions, s.Answered, s.SectionsAssignedToYou, s.Assessment.UpdatedAt, Url(s.Assessment.Id))).ToList());
    }

    private static async Task<Results<Created<AssessmentDetail>, ProblemHttpResult>> StartAsync(string slug, StartRequest request, OrganisationAssessments assessments, CancellationToken ct)
    {
        if (!(await assessments.StartAsync(slug, request.TemplateId, request.Period, request.CopyForward ?? false, ct)).Succeeded(out var record, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Created(Url(record.Assessment.Id), Detail(record));
    }

    private static async Task<Results<Ok<AssessmentDetail>, ProblemHttpResult>> GetAsync(long id, OrganisationAssessments assessments, CancellationToken ct) =>
        Respond(await assessments.GetAsync(id, ct));

    private static async Task<Results<Ok<AssessmentDetail>, ProblemHttpResult>> SaveAsync(long id, AnswersRequest request, OrganisationAssessments assessments, CancellationToken ct)
    {
        var (inputs, problems) = Read(request.Answers ?? []);
        if (problems.Count > 0)
        {
            // The shape is wrong (a note that is a list, an unknown field): said before the service sees the answers.
            return Refusal.Invalid(problems).ToProblem();
        }
        return Respond(await assessments.SaveAnswersAsync(id, inputs, ct));
    }

    private static async Task<Results<Ok<AssessmentDetail>, ProblemHttpResult>> SubmitAsync(long id, OrganisationAssessments assessments, CancellationToken ct) =>
        Respond(await assessments.SubmitAsync(id, ct));

    private static async Task<Results<Ok<AssessmentDetail>, ProblemHttpResult>> BenchmarkingAsync(long id, BenchmarkingRequest request, OrganisationAssessments assessments, CancellationToken ct)
    {
        if (request.OptIn is not { } optIn)
        {
            return Refusal.Invalid("optIn", "Say whether the assessment counts in benchmarks: {\"optIn\": true} or {\"optIn\": false}").ToProblem();
        }
        return Respond(await assessments.SetBenchmarkingAsync(id, optIn, ct));
    }

    private static async Task<Results<Ok<AssessmentDetail>, ProblemHttpResult>> VisibilityAsync(long id, VisibilityRequest request, OrganisationAssessments assessments, CancellationToken ct)
    {
        if (!Enum.TryParse<Observatory.Accounts.Visibility>(request.Visibility, ignoreCase: true, out var visibility) || int.TryParse(request.Visibility, out _))
        {
            if (!(await assessments.GetAsync(id, ct)).Succeeded(out _, out var refusal))
            {
                // Someone who may not see the assessment learns nothing from the shape of their request.
                return refusal.ToProblem();
            }
            return Refusal.Invalid("visibility", "Say who may read the assessment: {\"visibility\": \"private\"}, {\"visibility\": \"shared\", \"sharedWith\": [\"organisation-slug\"]} or {\"visibility\": \"public\"}").ToProblem();
        }
        return Respond(await assessments.SetVisibilityAsync(id, visibility, request.SharedWith ?? [], ct));
    }

    private static Results<Ok<AssessmentDetail>, ProblemHttpResult> Respond(Outcome<AssessmentRecord> outcome) =>
        outcome.Succeeded(out var record, out var refusal) ? TypedResults.Ok(Detail(record)) : refusal.ToProblem();

    /// <summary>
    /// Reads each question's JSON into what the service takes, keeping numbers as their text so that 2.5 is refused
    /// as off the scale rather than rounded. A wrong type or an unknown field is a problem named after the question.
    /// </summary>
    private static (List<AnswerInput> Inputs, List<ContentProblem> Problems) Read(Dictionary<string, JsonElement> answers)
    {
        var inputs = new List<AnswerInput>();
        var problems = new List<ContentProblem>();
        foreach (var (question, value) in answers)
        {
            var field = $"answers.{InputLimits.Quote(question).Trim('\'')}";
            if (value.ValueKind != JsonValueKind.Object)
            {
                inputs.Add(new AnswerInput(question, Scalar(value, field, problems)));
                continue;
            }
            foreach (var property in value.EnumerateObject().Where(p => !AnswerFields.Contains(p.Name)))
            {
                problems.Add(new ContentProblem("", 0, 0, $"{field}.{InputLimits.Quote(property.Name).Trim('\'')}", $"{InputLimits.Quote(property.Name)} is not a field of an answer: use {string.Join(", ", AnswerFields)}"));
            }
            string? Get(string name) => value.TryGetProperty(name, out var v) ? Scalar(v, $"{field}.{name}", problems) : null;
            List<string> evidence = [];
            if (value.TryGetProperty("evidence", out var links))
            {
                if (links.ValueKind == JsonValueKind.Array)
                {
                    evidence.AddRange(links.EnumerateArray().Select(l => Scalar(l, $"{field}.evidence", problems)).OfType<string>());
                }
                else if (Scalar(links, $"{field}.evidence", problems) is { } one)
                {
                    evidence.Add(one);
                }
            }
            inputs.Add(new AnswerInput(question, Get("answer"), evidence, Get("note"), Get("confidence"), Get("method"), Get("target"), Get("action")));
        }
        return (inputs, problems);
    }

    private static string? Scalar(JsonElement value, string field, List<ContentProblem> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                return value.GetRawText();
            default:
                problems.Add(new ContentProblem("", 0, 0, field, "must be a number or text"));
                return null;
        }
    }

    private static AssessmentDetail Detail(AssessmentRecord r)
    {
        var a = r.Assessment;
        // Someone reading an assessment another organisation shared or made public reads its answers, never who gave them.
        string Who(string name) => r.IsOwn ? name : r.Organisation.Name;
        return new AssessmentDetail(a.Id, r.Organisation.Slug, a.TemplateId, a.TemplateVersion, r.Template.Title, a.Period, StateName(a),
            a.Visibility.ToString().ToLowerInvariant(), a.Benchmarking, r.Template.QuestionCount, r.Answered, [.. r.Unanswered.Select(q => q.Id)], a.CopiedFromId,
            a.CreatedAt, Who(a.CreatedBy), a.UpdatedAt, Who(a.UpdatedBy), a.SubmittedAt, a.SubmittedBy is null ? null : Who(a.SubmittedBy),
            r.Template.Questions.Where(q => r.AnswerTo(q.Id) is not null).ToDictionary(q => q.Id, q => ToAnswer(r.AnswerTo(q.Id)!) with { UpdatedBy = Who(r.AnswerTo(q.Id)!.UpdatedBy) }),
            r.IsOwn ? [.. r.Assignees.Select(s => new Assignment(s.SectionId, s.PersonId, s.Name))] : [], Url(a.Id), [.. r.SharedWithOrganisations.Select(o => o.Slug)]);
    }

    private static AnswerDetail ToAnswer(AssessmentAnswer a) =>
        new(a.Level is { } level ? (object)level : a.Choice ?? a.Text, a.Links, a.Note, a.Confidence?.ToString().ToLowerInvariant(), a.Method?.ToString().ToLowerInvariant(),
            a.TargetLevel, a.Action, a.UpdatedAt, a.UpdatedBy);

    private static string StateName(Assessment a) => a.State.ToString().ToLowerInvariant();

    private static string Url(long id) => "/api/assessments/" + id.ToString(CultureInfo.InvariantCulture);
}
