using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Plans;
using Observatory.Web.Features.Assessments;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Plans;

/// <summary>
/// Recovery and resilience plans over the API: an organisation's plans, one plan with each target's progress as the
/// store now stands, and the writes (a plan, a target, an action, an update, submission, publication) with an
/// organisation member's write token. A draft is not found by anyone outside its organisation.
/// </summary>
public static class PlansApi
{
    /// <summary>Far more than any plan's file; a bigger body is refused before it is read.</summary>
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public sealed record PlanListItem(long Id, string Title, string Place, string PlaceName, int StartYear, int EndYear, string State, string Url);

    public sealed record PeriodValueJson(string Period, string Label, double Value);

    public sealed record TargetJson(long Id, string Indicator, string IndicatorName, string Area, string AreaName, PeriodValueJson Baseline, PeriodValueJson Target,
        PeriodValueJson? Latest, double? Trajectory, string Status, string Polarity, IReadOnlyList<string> Elements);

    public sealed record UpdateJson(string On, string Status, string Note, string By);

    public sealed record ActionJson(long Id, string Title, string Description, string Owner, IReadOnlyList<string> Partners, string? StartOn, string? DueOn, string Status,
        IReadOnlyList<string> Elements, IReadOnlyList<string> Evidence, IReadOnlyList<UpdateJson> Updates);

    public sealed record PartnerJson(string Organisation, string Name);

    public sealed record PlanJson(long Id, string Title, string Summary, string Organisation, string Place, string PlaceName, int StartYear, int EndYear, string Framework,
        string State, string Rule, IReadOnlyList<TargetJson> Targets, IReadOnlyList<ActionJson> Actions, string Url)
    {
        /// <summary>The organisations working on the plan beside the one that leads it (<see cref="Organisation"/>).</summary>
        public IReadOnlyList<PartnerJson> Partners { get; init; } = [];
    }

    public sealed record PartnerRequest(string? Organisation);

    public sealed record CreateRequest(string? Title, string? Summary, string? Place, int? StartYear, int? EndYear, string? Framework);

    public sealed record TargetRequest(string? Indicator, string? Area, string? BaselinePeriod, string? TargetPeriod, double? TargetValue, IReadOnlyList<string>? Elements);

    public sealed record ActionRequest(string? Title, string? Description, string? Owner, IReadOnlyList<string>? Partners, string? StartOn, string? DueOn, string? Status,
        IReadOnlyList<string>? Elements, IReadOnlyList<string>? Evidence);

    public sealed record UpdateRequest(string? On, string? Status, string? Note);

    public static void MapPlansApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Plans");
        api.MapGet("/organisations/{slug}/plans", ListAsync)
            .WithSummary("An organisation's recovery and resilience plans: all of them for its members, the published ones for anyone else (404 when there are none).");
        api.MapPost("/organisations/{slug}/plans", CreateAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Starts a draft plan ({title, summary, place: GSS code, startYear, endYear, framework: a catalogue framework id, place-making by default}). Contributors with a write token.");
        api.MapGet("/plans/{id:long}", GetAsync)
            .WithSummary("One plan with targets: [{indicator, area, baseline: {period, value}, target: {period, value}, latest: {period, value}, status}] worked out from the latest data now, and its actions with their updates. 404 unless you may see it.");
        api.MapGet("/plans/{id:long}/export", ExportAsync)
            .WithSummary("The plan to download: ?format=json (the same as /api/plans/{id}) or ?format=csv (one line per target and per action).");
        api.MapPost("/plans/{id:long}/targets", AddTargetAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Adds a target ({indicator, area (the plan's place by default), baselinePeriod (the latest published by default; its value is read from the store), targetPeriod: \"2030\", targetValue, elements: [\"place-making/health\", \"four-rs/renew\"]}).");
        api.MapDelete("/plans/{id:long}/targets/{targetId:long}", RemoveTargetAsync)
            .WithSummary("Removes a target from a plan the caller may change.");
        api.MapPost("/plans/{id:long}/actions", AddActionAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Adds an action ({title, description, owner, partners: [..], startOn, dueOn: yyyy-mm-dd, status: not-started|on-track|at-risk|late|done|dropped, elements: [..], evidence: [evidence item slugs]}).");
        api.MapPost("/plans/{id:long}/actions/{actionId:long}/updates", AddUpdateAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Reports on an action ({on: yyyy-mm-dd, status, note}); the action takes the status reported.");
        api.MapPost("/plans/{id:long}/import", ImportAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            // No Accepts metadata: routing would answer 415 to any other body before the plan is looked up, and someone
            // outside the organisation must be told the plan does not exist, whatever they send.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes))
            .WithSummary("Adds the targets and actions of a CSV file (text/csv) or an Excel workbook (its first sheet; the XLSX content type or a file name ending .xlsx) to the plan, all or none (the columns of the CSV download: kind = target or action, title, description, indicator, area, baseline_period, target_period, target_value, status, owner, partners separated by ;, start_on, due_on, elements and evidence separated by spaces). Every problem names the file, line (the sheet's row), column and field; nothing is added if there is one. Up to 2 MB.");
        api.MapPost("/plans/{id:long}/partners", AddPartnerAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Makes another organisation a partner on the plan ({organisation: its address, for example bolton-council}): its members see the plan and its editors change its targets and actions. The lead organisation's editors only.");
        api.MapDelete("/plans/{id:long}/partners/{organisation}", RemovePartnerAsync)
            .WithSummary("Ends a partnership: the organisation's members no longer see a draft plan nor change it. The lead organisation's editors only.");
        api.MapPost("/plans/{id:long}/submit", SubmitAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Submits a draft plan to the organisation's approvers; 409 once submitted.");
        api.MapPost("/plans/{id:long}/publish", PublishAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Publishes a submitted plan for anyone to read (approvers only); 409 for a draft.");
        app.MapSocialValueApi();
    }

    private static async Task<Results<Ok<List<PlanListItem>>, ProblemHttpResult>> ListAsync(string slug, RecoveryPlans plans, CancellationToken ct)
    {
        if (!(await plans.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(list.Plans.Select(p => new PlanListItem(p.Plan.Id, p.Plan.Title, p.Plan.PlaceCode, p.PlaceName, p.Plan.StartYear, p.Plan.EndYear,
            PlanText.StateCode(p.Plan.State), PlanText.Path(p.Plan.Id))).ToList());
    }

    private static async Task<Results<Created<PlanJson>, ProblemHttpResult>> CreateAsync(string slug, CreateRequest request, RecoveryPlans plans, CancellationToken ct)
    {
        if (!(await plans.CreateAsync(slug, new PlanInput(request.Title, request.Summary, request.Place, request.StartYear, request.EndYear, request.Framework), ct))
            .Succeeded(out var record, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Created("/api" + PlanText.Path(record.Plan.Id), Json(record));
    }

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> GetAsync(long id, RecoveryPlans plans, CancellationToken ct) =>
        Respond(await plans.GetAsync(id, ct));

    private static async Task<IResult> ExportAsync(long id, string? format, RecoveryPlans plans, CancellationToken ct)
    {
        if (!(await plans.GetAsync(id, ct)).Succeeded(out var record, out var refusal))
        {
            return refusal.ToProblem();
        }
        var name = $"plan-{id.ToString(CultureInfo.InvariantCulture)}";
        return (format ?? "json").ToLowerInvariant() switch
        {
            "json" => new DownloadResult(TypedResults.Json(Json(record)), name + ".json"),
            "csv" => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(PlanText.Csv(record)), CsvResults.ContentType + "; charset=utf-8", name + ".csv"),
            _ => Refusal.Invalid("format", "Choose json or csv").ToProblem(),
        };
    }

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> AddTargetAsync(long id, TargetRequest request, RecoveryPlans plans, CancellationToken ct) =>
        Respond(await plans.AddTargetAsync(id, new TargetInput(request.Indicator, request.Area, request.BaselinePeriod, request.TargetPeriod, request.TargetValue, request.Elements), ct));

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> RemoveTargetAsync(long id, long targetId, RecoveryPlans plans, CancellationToken ct) =>
        Respond(await plans.RemoveTargetAsync(id, targetId, ct));

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> AddActionAsync(long id, ActionRequest request, RecoveryPlans plans, CancellationToken ct) =>
        Respond(await plans.AddActionAsync(id, new ActionInput(request.Title, request.Description, request.Owner, request.Partners, request.StartOn, request.DueOn, request.Status,
            request.Elements, request.Evidence), ct));

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> AddUpdateAsync(long id, long actionId, UpdateRequest request, RecoveryPlans plans, CancellationToken ct) =>
        Respond(await plans.AddActionUpdateAsync(id, actionId, new ActionUpdateInput(request.On, request.Status, request.Note), ct));

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> ImportAsync(long id, HttpRequest request, RecoveryPlans plans, CancellationToken ct)
    {
        // Outsiders are told the plan does not exist before anything they sent is read.
        if (!(await plans.GetAsync(id, ct)).Succeeded(out _, out var hidden))
        {
            return hidden.ToProblem();
        }
        var name = FileName(request);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        (PlanFile? File, IReadOnlyList<ContentProblem> Problems) read;
        if (SpreadsheetReader.IsWorkbook(request.ContentType, name))
        {
            read = PlanImportFile.ReadXlsx(name, body);
        }
        else
        {
            using var reader = new StreamReader(body);
            read = PlanImportFile.ReadCsv(name, await reader.ReadToEndAsync(ct));
        }
        var (file, problems) = read;
        return file is null ? Refusal.Invalid(problems).ToProblem() : Respond(await plans.ImportAsync(id, file, ct));
    }

    /// <summary>The name the sender gave the file (Content-Disposition), which every problem names; "request body" otherwise.</summary>
    private static string FileName(HttpRequest request) =>
        Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            && disposition.FileName.HasValue ? Path.GetFileName(disposition.FileName.Value!.Trim('"')) : "request body";

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> AddPartnerAsync(long id, PartnerRequest request, RecoveryPlans plans, CancellationToken ct) =>
        Respond(await plans.AddPartnerAsync(id, request.Organisation, ct));

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> RemovePartnerAsync(long id, string organisation, RecoveryPlans plans, CancellationToken ct) =>
        Respond(await plans.RemovePartnerAsync(id, organisation, ct));

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> SubmitAsync(long id, RecoveryPlans plans, CancellationToken ct) =>
        Respond(await plans.SubmitAsync(id, ct));

    private static async Task<Results<Ok<PlanJson>, ProblemHttpResult>> PublishAsync(long id, RecoveryPlans plans, CancellationToken ct) =>
        Respond(await plans.PublishAsync(id, ct));

    private static Results<Ok<PlanJson>, ProblemHttpResult> Respond(Outcome<PlanRecord> outcome) =>
        outcome.Succeeded(out var record, out var refusal) ? TypedResults.Ok(Json(record)) : refusal.ToProblem();

    private static PeriodValueJson Value(TargetView view, PeriodValue value) => new(value.Period.ToIso(), view.Label(value.Period), value.Value);

    public static PlanJson Json(PlanRecord record) => new(
        record.Plan.Id, record.Plan.Title, record.Plan.Summary, record.Organisation.Slug, record.Plan.PlaceCode, record.Place.Name, record.Plan.StartYear, record.Plan.EndYear,
        record.Plan.FrameworkId, PlanText.StateCode(record.Plan.State), TargetProgress.Rule,
        [.. record.Targets.Select(t => new TargetJson(t.Target.Id, t.Indicator.Id, t.Indicator.Name, t.Area.Code, t.Area.Name, Value(t, t.Baseline), Value(t, t.Goal),
            t.Assessment.Latest is { } latest ? Value(t, latest) : null, t.Assessment.Expected, TargetProgress.Code(t.Assessment.Status),
            t.Indicator.Polarity.ToString(), [.. RecoveryPlans.Refs(t.Target.Elements).Select(e => e.ToString())]))],
        [.. record.Actions.Select(a => new ActionJson(a.Action.Id, a.Action.Title, a.Action.Description, a.Action.Owner, PlanText.Lines(a.Action.Partners),
            a.Action.StartOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Action.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            RecoveryPlans.Code(a.Action.Status), [.. RecoveryPlans.Refs(a.Action.Elements).Select(e => e.ToString())], [.. a.Evidence.Select(e => e.Slug)],
            [.. a.Updates.Select(u => new UpdateJson(u.ReportedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), RecoveryPlans.Code(u.Status), u.Note, u.ReportedBy))]))],
        PlanText.Path(record.Plan.Id))
    {
        Partners = [.. record.Partners.Select(p => new PartnerJson(p.Slug, p.Name))],
    };

    /// <summary>A JSON answer saved as a file by a browser.</summary>
    private sealed class DownloadResult(IResult inner, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
