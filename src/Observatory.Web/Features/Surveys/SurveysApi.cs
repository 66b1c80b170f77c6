using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Assessments.Benchmarking;
using Observatory.Assessments.Surveys;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Web.Features.Assessments;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Surveys;

/// <summary>
/// Sector surveys over the API: anyone reads published surveys and their results; invited organisations' members
/// see the surveys sent to them and start their response; site administrators and curators create, open, close and
/// publish surveys and see how many have answered (counts only, never an organisation's answers).
/// </summary>
public static class SurveysApi
{
    public sealed record CreateRequest(string? Title, string? TemplateId, string? Period, string? OpensOn, string? ClosesOn, string? Audience, List<string>? Organisations);

    public sealed record EditRequest(string? Title, string? OpensOn, string? ClosesOn, string? Audience, List<string>? Organisations);

    public sealed record RespondRequest(string? Organisation, bool? PublishWords);

    public sealed record Progress(int Invited, int Started, int Submitted);

    public sealed record Invitation(string Organisation, string OrganisationName, long? Response, string? ResponseState, bool? PublishWords, string? ResponseUrl);

    public sealed record SurveySummary(long Id, string Title, string Template, string TemplateTitle, string TemplateVersion, string Period, string OpensOn, string ClosesOn,
        string Audience, string AudienceName, string State, bool TakingAnswers, DateTime? PublishedAt, string Url, string? ResultsUrl,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] Progress? Progress,
        IReadOnlyList<Invitation> Invitations);

    public sealed record WordsAnswer(string Question, string Text, IReadOnlyList<string> Answers);

    public sealed record Results(long Id, string Title, string Template, string TemplateVersion, string Period, DateTime PublishedAt, int Invited, int Responded,
        string Group, string GroupName, int? Contributors, string? Suppressed, IReadOnlyList<BenchmarksApi.Item> Items, bool WordsWithheld, string WordsNote,
        IReadOnlyList<WordsAnswer> Words);

    private sealed record Row(long Survey, string Group, BenchmarksApi.Item Item);

    private static readonly IReadOnlyList<CsvResults.Column<Row>> Columns =
    [
        new("survey", r => r.Survey.ToString(CultureInfo.InvariantCulture)),
        new("group", r => r.Group),
        new("item", r => r.Item.Id),
        new("kind", r => r.Item.Kind),
        new("count", r => r.Item.Count?.ToString(CultureInfo.InvariantCulture)),
        new("median", r => Numbers.RoundTrip(r.Item.Median)),
        new("lower_quartile", r => Numbers.RoundTrip(r.Item.LowerQuartile)),
        new("upper_quartile", r => Numbers.RoundTrip(r.Item.UpperQuartile)),
        new("suppressed", r => r.Item.Suppressed == true ? "true" : "false"),
        new("reason", r => r.Item.Reason),
    ];

    public const string WordsNote = "Written answers are shown only from organisations that agreed, and were edited to remove names: the organisation's own name is shown as [organisation], its area's as [area] and people's as [name].";

    public static void MapSurveysApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Surveys");
        api.MapGet("/surveys", ListAsync)
            .WithSummary("The surveys you may see: published ones for everyone, those sent to your organisations, and all of them for site administrators and curators (with counts of responses).");
        api.MapGet("/surveys/{id:long}", GetAsync)
            .WithSummary("One survey: its template, round, open and close dates, audience and state; your organisations' invitations; counts of responses for those who run surveys. 404 if you may not see it.");
        api.MapGet("/surveys/{id:long}/results.csv", (long id, string? group, HttpContext context, SectorSurveys surveys, PeerGroupDirectory groups, CancellationToken ct) =>
            ResultsAsync(id, group, "csv", context, surveys, groups, ct)).ExcludeFromDescription();
        api.MapGet("/surveys/{id:long}/results", ResultsAsync)
            .WithSummary("A published survey's results for a peer group (?group=, default all): the response rate, each question's, theme's and topic's count, median and quartiles or {suppressed: true, reason} (fewer than 5 organisations, directly or by difference), and written answers from those who agreed with names removed. CSV (figures only) for Accept: text/csv, ?format=csv or results.csv. 404 before publication.");
        api.MapPost("/surveys", CreateAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Creates a draft survey (site administrators and curators): {title, templateId, period, opensOn: \"2027-01-10\", closesOn, audience: \"all\" | a peer group id | \"chosen\", organisations: [slugs] when chosen}. 400 naming each field.");
        api.MapPost("/surveys/{id:long}/open", (long id, SectorSurveys surveys, CancellationToken ct) => MoveAsync(surveys.OpenAsync(id, ct)))
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Opens a draft survey: invited organisations may answer from its open date to its close date.");
        api.MapPost("/surveys/{id:long}/close", (long id, SectorSurveys surveys, CancellationToken ct) => MoveAsync(surveys.CloseAsync(id, ct)))
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Closes an open survey: no more answers are taken.");
        api.MapPost("/surveys/{id:long}/publish", PublishAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Publishes a closed survey's results (or an open one's after its close date); they are then fixed. 409 before it closes or once published.");
        api.MapPut("/surveys/{id:long}", (long id, EditRequest request, SectorSurveys surveys, CancellationToken ct) =>
                MoveAsync(surveys.EditAsync(id, new SurveyChanges(request.Title, request.OpensOn, request.ClosesOn, request.Audience, request.Organisations), ct)))
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Changes a survey (site administrators and curators): {title, opensOn, closesOn, audience, organisations}, fields left out unchanged. A draft's title, dates and recipients can change; once open only a later closesOn (409 for anything else, and for any change once closed). 400 naming each field; audited.");
        api.MapPost("/surveys/{id:long}/responses", RespondAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Starts (or finds) your organisation's response ({organisation: slug, publishWords: true|false}): an assessment answered and submitted with PUT /api/assessments/{id} and POST /api/assessments/{id}/submit. publishWords says whether written answers may be published without names. 404 if the survey was not sent to the organisation; 409 outside its open and close dates.");
    }

    private static async Task<Ok<List<SurveySummary>>> ListAsync(SectorSurveys surveys, CancellationToken ct) =>
        TypedResults.Ok((await surveys.ListAsync(ct)).Select(Summary).ToList());

    private static async Task<Results<Ok<SurveySummary>, ProblemHttpResult>> GetAsync(long id, SectorSurveys surveys, CancellationToken ct) =>
        (await surveys.GetAsync(id, ct)).Succeeded(out var view, out var refusal) ? TypedResults.Ok(Summary(view)) : refusal.ToProblem();

    private static async Task<Results<Created<SurveySummary>, ProblemHttpResult>> CreateAsync(CreateRequest request, SectorSurveys surveys, CancellationToken ct)
    {
        var input = new SurveyInput(request.Title, request.TemplateId, request.Period, request.OpensOn, request.ClosesOn, request.Audience, request.Organisations);
        return (await surveys.CreateAsync(input, ct)).Succeeded(out var view, out var refusal)
            ? TypedResults.Created(Url(view.Survey.Id), Summary(view))
            : refusal.ToProblem();
    }

    private static async Task<Results<Ok<SurveySummary>, ProblemHttpResult>> MoveAsync(Task<Outcome<SurveyView>> move) =>
        (await move).Succeeded(out var view, out var refusal) ? TypedResults.Ok(Summary(view)) : refusal.ToProblem();

    private static async Task<Results<Ok<Results>, ProblemHttpResult>> PublishAsync(long id, SectorSurveys surveys, PeerGroupDirectory groups, CancellationToken ct)
    {
        if (!(await surveys.PublishAsync(id, ct)).Succeeded(out var published, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(ResultsOf(published, published.Results.Statistics.Group(PeerGroupDirectory.AllId)!));
    }

    private static async Task<Results<Ok<Invitation>, ProblemHttpResult>> RespondAsync(long id, RespondRequest request, SectorSurveys surveys, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Organisation))
        {
            return Refusal.Invalid("organisation", "Say which of your organisations is answering: {\"organisation\": \"its-slug\"}").ToProblem();
        }
        return (await surveys.RespondAsync(id, request.Organisation, request.PublishWords, ct)).Succeeded(out var invitation, out var refusal)
            ? TypedResults.Ok(InvitationOf(invitation))
            : refusal.ToProblem();
    }

    private static async Task<IResult> ResultsAsync(long id, string? group, string? format, HttpContext context, SectorSurveys surveys, PeerGroupDirectory groups, CancellationToken ct)
    {
        var surveyId = id;
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) || CsvResults.Wants(context.Request);
        var groupId = string.IsNullOrWhiteSpace(group) ? PeerGroupDirectory.AllId : group.Trim();
        if (groups.Find(groupId) is null)
        {
            return Refusal.Invalid("group", $"There is no peer group '{groupId}'. The groups are: {string.Join(", ", groups.Groups.Select(g => g.Id))}.").ToProblem();
        }
        if (!(await surveys.ResultsAsync(surveyId, ct)).Succeeded(out var published, out var refusal))
        {
            return refusal.ToProblem();
        }
        if (published.Results.Statistics.Group(groupId) is not { } figures)
        {
            return Refusal.NotFound($"The results have no figures for the group '{groupId}'.").ToProblem();
        }
        var results = ResultsOf(published, figures);
        if (csv)
        {
            return CsvResults.Csv(results.Items.Select(i => new Row(surveyId, figures.Group.Id, i)), Columns, $"survey-{surveyId}-{figures.Group.Id}-results.csv", context.Response);
        }
        return TypedResults.Ok(results);
    }

    private static Results ResultsOf(PublishedSurvey published, GroupBenchmark figures)
    {
        var s = published.Results.Statistics;
        var kinds = s.Items.ToDictionary(i => i.Id, i => BenchmarkText.Kind(i.Kind));
        var items = figures.Figures.Select(f => f.Distribution is { } d
            ? new BenchmarksApi.Item(f.Item, kinds[f.Item], d.Count, d.Median, d.LowerQuartile, d.UpperQuartile, null, null)
            : new BenchmarksApi.Item(f.Item, kinds[f.Item], null, null, null, null, true, BenchmarkText.ReasonCode(f.Suppressed ?? SuppressionReason.FewerThanFive))).ToList();
        var survey = published.Survey;
        return new Results(survey.Id, survey.Title, survey.TemplateId, s.TemplateVersion, survey.Period, survey.PublishedAt ?? default, published.Results.Invited,
            published.Results.Responded, figures.Group.Id, figures.Group.Name, figures.Contributors, figures.Suppressed is { } r ? BenchmarkText.ReasonCode(r) : null, items,
            published.Results.WordsWithheld, WordsNote, [.. published.Results.Words.Select(w => new WordsAnswer(w.QuestionId, w.Question, w.Answers))]);
    }

    private static SurveySummary Summary(SurveyView view)
    {
        var s = view.Survey;
        return new SurveySummary(s.Id, s.Title, s.TemplateId, view.TemplateTitle, s.TemplateVersion, s.Period, Iso(s.OpensOn), Iso(s.ClosesOn), s.Audience, view.AudienceName,
            SectorSurveys.StateName(s.State), view.TakingAnswers, s.PublishedAt, Url(s.Id), s.State == SurveyState.Published ? $"{Url(s.Id)}/results" : null,
            view.Progress is { } p ? new Progress(p.Invited, p.Started, p.Submitted) : null, [.. view.Invitations.Select(InvitationOf)]);
    }

    private static Invitation InvitationOf(SurveyInvitation i) =>
        new(i.Organisation.Slug, i.Organisation.Name, i.Response?.Id, i.Response is { } r ? (r.State == Observatory.Accounts.WorkflowState.Draft ? "draft" : "submitted") : null, i.PublishWords,
            i.Response is { } a ? $"/api/assessments/{a.Id}" : null);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Url(long id) => $"/api/surveys/{id}";
}
