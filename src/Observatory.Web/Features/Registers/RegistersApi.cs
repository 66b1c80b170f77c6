using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Observatory.Outcomes;
using Observatory.Registers;
using Observatory.Web.Features.Assessments;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>
/// The algorithm register over the API: anyone searches published records (words, GOV.UK's facets, pages) and reads
/// one in the Observatory's form, as ATRS v3.0 JSON or CSV, or in the Dutch publication standard; anyone reports a
/// problem with one. With an organisation token (write scope), its contributors draft, import and send records for
/// approval, its approvers publish them, and its members see and resolve the problems reported.
/// </summary>
public static class RegistersApi
{
    public const long MaxImportBytes = RegisterText.MaxImportBytes;

    public sealed record FacetValueItem(string Value, string Label, int Count, bool Selected);

    public sealed record FacetItem(string Key, string Name, IReadOnlyList<FacetValueItem> Values);

    public sealed record ListItem(long Id, int Version, string Title, string Summary, string Organisation, string OrganisationName, string? Phase, DateTime PublishedAt, string Url, string Page);

    public sealed record ListResult(int Total, int Page, int PageSize, int Pages, IReadOnlyList<ListItem> Items, IReadOnlyList<FacetItem> Facets);

    public sealed record ChangeItem(string Field, string Name, string? Before, string? After);

    public sealed record VersionItem(int Version, DateTime PublishedAt, string PublishedBy, string? ChangeNote, IReadOnlyList<ChangeItem> Changes);

    public sealed record RecordResult(long Id, int Version, string Organisation, string OrganisationName, DateTime PublishedAt, JsonObject Record, IReadOnlyList<VersionItem> History, string Page);

    public sealed record ProblemItem(long Id, int Version, string Description, string? Contact, DateTime ReportedAt, DateTime? ResolvedAt, string? ResolvedBy, string? Resolution);

    public sealed record WorkingResult(long Id, string Organisation, string State, int PublishedVersion, JsonObject Record, IReadOnlyList<ChangeItem> Unpublished,
        IReadOnlyList<string> StillEmpty, IReadOnlyList<VersionItem> History, IReadOnlyList<ProblemItem> Problems, bool CanEdit, bool CanSubmit, bool CanPublish, string Url);

    public sealed record OwnItem(long Id, string Title, string State, int PublishedVersion, int OpenProblems, DateTime UpdatedAt, string Url);

    public sealed record ImportResult(int Imported, IReadOnlyList<long> Ids);

    public sealed record PublishRequest(string? ChangeNote);

    public sealed record ProblemRequest(string? Description, string? Contact);

    public sealed record ResolveRequest(string? Resolution);

    public static void MapRegistersApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Algorithm register");
        api.MapGet("/registers/algorithms", SearchAsync)
            .WithSummary("Published algorithm records, newest first: q (words), the facets of GOV.UK's finder as repeatable parameters (organisation, organisation_type, function, capability, phase, region) and the Dutch register's (publication_category, status), page and pageSize (at most 100). "
                + "Each facet counts the records each value would find with the other choices. ?format=csv gives every match as ATRS v3.0 CSV.");
        api.MapGet("/registers/algorithms/{id:long}", GetAsync)
            .WithSummary("A published record (?version=N for an earlier one) with its version history, field by field. ?format=atrs-3.0 gives the ATRS JSON object, ?format=csv ATRS CSV, ?format=nl-1.0 the Dutch publication standard v1.0 (409 naming the fields it still needs). 404 until the record is first published.");
        api.MapPost("/registers/algorithms/{id:long}/problems", ReportAsync)
            .WithSummary("Reports a problem with a published record: {description, contact (optional)}. Seen only by the owning organisation; nobody is e-mailed.");
        api.MapGet("/organisations/{slug}/algorithms", ListOwnAsync)
            .WithSummary("An organisation's own records, drafts included. Members only: 404 for anyone else.");
        api.MapPost("/organisations/{slug}/algorithms", CreateAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Starts a draft from one ATRS v3.0 JSON object (the template's attribute names; repeating groups as arrays external_suppliers, model_specifications, data_specifications). Contributors with a write token. 400 naming the line and field of each problem.");
        api.MapPost("/organisations/{slug}/algorithms/import", ImportAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .Accepts<JsonArray>("application/json", "text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .WithSummary("Imports records as drafts, all or none: ?format=atrs-3.0 (JSON: an object or an array of them), csv (ATRS CSV, repeating-group fields numbered as model_name_1) or nl-1.0 (the Dutch standard's JSON). Every problem names the file, line and field; nothing is added if there is one. Up to 4 MB.");
        api.MapGet("/registers/algorithms/{id:long}/draft", GetWorkingAsync)
            .WithSummary("The working copy of a record (draft, in review or as published) with what it changes from the published version, the template's required fields still empty, and the problems reported. Members only.");
        api.MapPut("/registers/algorithms/{id:long}/draft", SaveAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Replaces the working copy with an ATRS v3.0 JSON object. Editing a published record starts a new draft; the published version stays on show. A record in review is changed only by an approver (409 for contributors).");
        api.MapPost("/registers/algorithms/{id:long}/submit", (long id, AlgorithmRegister register, CancellationToken ct) => WorkingOutcome(register.SubmitAsync(id, ct)))
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Sends a draft for approval: 400 naming each title or Tier 1 field still empty, 409 if it is not a draft.");
        api.MapPost("/registers/algorithms/{id:long}/return", (long id, AlgorithmRegister register, CancellationToken ct) => WorkingOutcome(register.ReturnAsync(id, ct)))
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("An approver sends a record in review back to draft.");
        api.MapPost("/registers/algorithms/{id:long}/publish", (long id, PublishRequest? request, AlgorithmRegister register, CancellationToken ct) => WorkingOutcome(register.PublishAsync(id, request?.ChangeNote, ct)))
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("The organisation's approver publishes a record in review as its next version: {changeNote (optional)}. 409 unless it is in review.");
        api.MapPost("/registers/algorithms/{id:long}/problems/{reportId:long}/resolve", ResolveAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .WithSummary("Marks a reported problem resolved: {resolution (optional): what was done}. Contributors of the owning organisation; 409 if it already is.");
    }

    private static RegisterQuery QueryOf(HttpRequest request, int? page, int? pageSize)
    {
        var filters = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (key, values) in request.Query)
        {
            if (key is not ("q" or "page" or "pageSize" or "format"))
            {
                filters[key] = [.. values.OfType<string>().Where(v => v.Length > 0)];
            }
        }
        return new RegisterQuery(request.Query["q"].ToString(), filters, page ?? 1, pageSize ?? 20);
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, int? page, int? pageSize, string? format, AlgorithmRegister register, CancellationToken ct)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        var query = QueryOf(request, csv ? 1 : page, csv ? AlgorithmRegister.MaxPageSize : pageSize);
        if (csv)
        {
            // Every match, not a page of them.
            if (!(await register.SearchAsync(query with { PageSize = 1 }, ct)).Succeeded(out var first, out var refused))
            {
                return refused.ToProblem();
            }
            var all = new List<RegisterEntry>();
            for (var p = 1; all.Count < first.Total; p++)
            {
                all.AddRange((await register.SearchAsync(query with { Page = p, PageSize = AlgorithmRegister.MaxPageSize }, ct)).Value.Items);
            }
            return Results.Text(AtrsFiles.ToCsv(all.Select(e => (e.Content, e.Id, (DateTime?)e.PublishedAt))), "text/csv; charset=utf-8");
        }
        if (!(await register.SearchAsync(query, ct)).Succeeded(out var result, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(new ListResult(result.Total, query.Page, query.PageSize, result.Pages,
            [.. result.Items.Select(e => new ListItem(e.Id, e.Version, e.Title, e.Summary, e.Organisation.Slug, e.Organisation.Name, e.Content["phase"], e.PublishedAt, Url(e.Id), PageUrl(e.Id)))],
            [.. result.Facets.Select(f => new FacetItem(f.Key, f.Name, [.. f.Values.Select(v => new FacetValueItem(v.Value, v.Label, v.Count, v.Selected))]))]));
    }

    private static async Task<IResult> GetAsync(long id, int? version, string? format, HttpRequest request, AlgorithmRegister register, CancellationToken ct)
    {
        if (!(await register.FindPublishedAsync(id, version, ct)).Succeeded(out var record, out var refusal))
        {
            return refusal.ToProblem();
        }
        var updated = (DateTime?)record.Version.PublishedAt;
        switch (format?.ToLowerInvariant())
        {
            case null or "":
                return TypedResults.Ok(new RecordResult(id, record.Version.Number, record.Organisation.Slug, record.Organisation.Name, record.Version.PublishedAt,
                    AtrsFiles.ToJson(record.Content, id, updated), [.. record.History.Select(VersionOf)], PageUrl(id)));
            case "atrs-3.0" or "atrs":
                return TypedResults.Ok(AtrsFiles.ToJson(record.Content, id, updated));
            case "csv":
                return Results.Text(AtrsFiles.ToCsv([(record.Content, id, updated)]), "text/csv; charset=utf-8");
            case DutchStandard.Format:
                var source = $"{request.Scheme}://{request.Host}{Url(id)}?format={DutchStandard.Format}";
                return DutchStandard.Export(record.Content, id, source).Succeeded(out var dutch, out var why) ? TypedResults.Ok(dutch) : why.ToProblem();
            default:
                return Refusal.Invalid("format", $"The formats are atrs-3.0, csv and {DutchStandard.Format} (not {Content.InputLimits.Quote(format)})").ToProblem();
        }
    }

    private static async Task<Results<Created<ProblemItem>, ProblemHttpResult>> ReportAsync(long id, ProblemRequest request, AlgorithmRegister register, CancellationToken ct) =>
        (await register.ReportProblemAsync(id, request.Description, request.Contact, ct)).Succeeded(out var report, out var refusal)
            ? TypedResults.Created($"{Url(id)}/draft", ProblemOf(report))
            : refusal.ToProblem();

    private static async Task<Results<Ok<List<OwnItem>>, ProblemHttpResult>> ListOwnAsync(string slug, AlgorithmRegister register, CancellationToken ct) =>
        (await register.ListAsync(slug, ct)).Succeeded(out var list, out var refusal)
            ? TypedResults.Ok(list.Records.Select(r => new OwnItem(r.Record.Id, r.Title, StateName(r.Record.State), r.Record.PublishedVersion, r.OpenProblems, r.Record.UpdatedAt, $"{Url(r.Record.Id)}/draft")).ToList())
            : refusal.ToProblem();

    private static async Task<IResult> CreateAsync(string slug, HttpRequest request, AlgorithmRegister register, CancellationToken ct)
    {
        if (!(await register.MayAddAsync(slug, ct)).Succeeded(out var denied))
        {
            return denied.ToProblem();
        }
        if (!(await ReadAsync(request, "atrs-3.0", ct)).Succeeded(out var records, out var refusal))
        {
            return refusal.ToProblem();
        }
        if (records.Count != 1)
        {
            return Refusal.Invalid("record", "Send one ATRS record as a JSON object; use /import for several").ToProblem();
        }
        return (await register.CreateAsync(slug, records[0].Content, ct)).Succeeded(out var working, out var why)
            ? TypedResults.Created($"{Url(working.Record.Id)}/draft", WorkingOf(working))
            : why.ToProblem();
    }

    private static async Task<IResult> ImportAsync(string slug, string? format, HttpRequest request, AlgorithmRegister register, CancellationToken ct)
    {
        if (!(await register.MayAddAsync(slug, ct)).Succeeded(out var denied))
        {
            return denied.ToProblem();
        }
        if (!(await ReadAsync(request, format ?? (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true ? "csv" : "atrs-3.0"), ct))
            .Succeeded(out var records, out var refusal))
        {
            return refusal.ToProblem();
        }
        return (await register.ImportAsync(slug, FileName(request), records, ct)).Succeeded(out var added, out var why)
            ? TypedResults.Ok(new ImportResult(added.Count, [.. added.Select(r => r.Id)]))
            : why.ToProblem();
    }

    private static async Task<IResult> GetWorkingAsync(long id, AlgorithmRegister register, CancellationToken ct) =>
        (await register.GetAsync(id, ct)).Succeeded(out var working, out var refusal) ? TypedResults.Ok(WorkingOf(working)) : refusal.ToProblem();

    private static async Task<IResult> SaveAsync(long id, HttpRequest request, AlgorithmRegister register, CancellationToken ct)
    {
        // Outsiders are told the record does not exist before anything they sent is read.
        if (!(await register.GetAsync(id, ct)).Succeeded(out _, out var hidden))
        {
            return hidden.ToProblem();
        }
        if (!(await ReadAsync(request, "atrs-3.0", ct)).Succeeded(out var records, out var refusal))
        {
            return refusal.ToProblem();
        }
        if (records.Count != 1)
        {
            return Refusal.Invalid("record", "Send one ATRS record as a JSON object").ToProblem();
        }
        return await WorkingOutcome(register.SaveAsync(id, records[0].Content, ct));
    }

    private static async Task<IResult> ResolveAsync(long id, long reportId, ResolveRequest? request, AlgorithmRegister register, CancellationToken ct) =>
        (await register.ResolveProblemAsync(id, reportId, request?.Resolution, ct)).Succeeded(out var report, out var refusal)
            ? TypedResults.Ok(ProblemOf(report))
            : refusal.ToProblem();

    private static async Task<IResult> WorkingOutcome(Task<Outcome<WorkingRecord>> task) =>
        (await task).Succeeded(out var working, out var refusal) ? TypedResults.Ok(WorkingOf(working)) : refusal.ToProblem();

    /// <summary>Reads the body as a file in <paramref name="format"/>, named by the Content-Disposition file name if one is sent.</summary>
    private static async Task<Outcome<List<ImportedRecord>>> ReadAsync(HttpRequest request, string format, CancellationToken ct)
    {
        string text;
        using (var reader = new StreamReader(request.Body))
        {
            text = await reader.ReadToEndAsync(ct);
        }
        var file = FileName(request);
        return format.ToLowerInvariant() switch
        {
            "atrs-3.0" or "atrs" or "json" => AtrsFiles.ReadJson(file, text),
            "csv" => AtrsFiles.ReadCsv(file, text),
            DutchStandard.Format => DutchStandard.Read(file, text),
            _ => Refusal.Invalid("format", $"The formats are atrs-3.0, csv and {DutchStandard.Format}"),
        };
    }

    private static string FileName(HttpRequest request) =>
        Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            && disposition.FileName.HasValue ? Path.GetFileName(disposition.FileName.Value!.Trim('"')) : "request body";

    public static string StateName(Observatory.Accounts.WorkflowState state) => state switch
    {
        Observatory.Accounts.WorkflowState.Draft => "draft",
        Observatory.Accounts.WorkflowState.Submitted => "in-review",
        _ => "published",
    };

    private static VersionItem VersionOf(VersionChanges v) =>
        new(v.Version.Number, v.Version.PublishedAt, v.Version.PublishedBy, v.Version.ChangeNote, [.. v.Changes.Select(ChangeOf)]);

    private static ChangeItem ChangeOf(FieldChange c) => new(c.Field, c.Name, c.Before, c.After);

    private static ProblemItem ProblemOf(AlgorithmProblemReport p) => new(p.Id, p.Version, p.Description, p.Contact, p.ReportedAt, p.ResolvedAt, p.ResolvedBy, p.Resolution);

    private static WorkingResult WorkingOf(WorkingRecord w) =>
        new(w.Record.Id, w.Organisation.Slug, StateName(w.Record.State), w.Record.PublishedVersion, AtrsFiles.ToJson(w.Content, w.Record.Id, null),
            [.. w.Unpublished.Select(ChangeOf)], [.. RecordRules.Unanswered(w.Content).Select(f => f.Attribute)], [.. w.History.Select(VersionOf)],
            [.. w.Problems.Select(ProblemOf)], w.CanEdit, w.CanSubmit, w.CanPublish, $"{Url(w.Record.Id)}/draft");

    public static string Url(long id) => RegisterText.ApiUrl(id);

    public static string PageUrl(long id) => "/registers/algorithms/" + id.ToString(CultureInfo.InvariantCulture);
}
