using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Observatory.Outcomes;
using Observatory.Registers;
using Observatory.Web.Features.Assessments;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>
/// The applications register over the API: an organisation's members list and export its entries; its contributors
/// (write token) add, import and change them; anyone reads an entry they may see and the sector view of products and
/// contracts across councils.
/// </summary>
public static class ApplicationsApi
{
    public const string XlsxType = ApplicationText.XlsxType;

    public sealed record ServiceAreaItem(string Id, string Name, string Description);

    public sealed record ServiceAreaList(string Title, string Version, string Publisher, IReadOnlyList<ServiceAreaItem> Areas);

    public sealed record ApplicationResult(long Id, string Organisation, string OrganisationName, string Sharing, IReadOnlyDictionary<string, JsonElement> Fields,
        DateTime UpdatedAt, bool CanEdit, string Url, string Page);

    public sealed record ImportResult(int Imported, IReadOnlyList<long> Ids);

    public sealed record ProductItem(string Product, IReadOnlyList<string> Suppliers, IReadOnlyList<string> Councils, int? OtherCouncils, int? TotalCouncils, bool Suppressed);

    public sealed record ContractItem(long Id, string Name, string? Product, string Organisation, string OrganisationName, string ContractEnd, string Url);

    public sealed record SectorResult(string? ServiceArea, string From, string Until, int MinimumOrganisations, IReadOnlyList<ProductItem> Products,
        IReadOnlyList<ContractItem> ContractsEnding, int? OtherCouncilsWithContractsEnding, bool OtherContractsSuppressed);

    public static void MapApplicationsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Applications register");
        api.MapGet("/registers/service-areas", (ServiceAreas areas) =>
                TypedResults.Ok(new ServiceAreaList(areas.Title, areas.Version, areas.Publisher, [.. areas.Areas.Select(a => new ServiceAreaItem(a.Id, a.Name, a.Description))])))
            .WithSummary("The shared list of council service areas that entries' service_areas name, with its version.");
        api.MapGet("/registers/applications", SectorAsync)
            .WithSummary("The sector view: ?service=revenues-and-benefits (a service area id; every area when absent) and ?from=2026-12-07 (today when absent). "
                + "Products in live use serving the area with the councils running each, and contracts ending in the next two years. Councils whose entries you cannot see are counted, not named, and a count of fewer than 5 is suppressed (null).");
        api.MapGet("/organisations/{slug}/applications", ListAsync)
            .WithSummary("An organisation's application entries, private ones included; ?format=csv or ?format=xlsx downloads them in the import's columns. Members only: 404 for anyone else.");
        api.MapPost("/organisations/{slug}/applications", CreateAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .Accepts<JsonElement>("application/json")
            .WithSummary("Adds an entry from a JSON object of fields (name required; service_areas and algorithm_records as arrays; sharing private, councils or published, private by default). Contributors with a write token. 400 naming each field wrong.");
        api.MapPost("/organisations/{slug}/applications/import", ImportAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            // No Accepts metadata: it would answer 415 to another content type before anyone is asked who they are.
            .WithMetadata(new RequestSizeLimitAttribute(RegisterText.MaxImportBytes))
            .WithSummary("Imports entries from CSV (text/csv) or XLSX, all or none: a header row of field keys, one entry a row, lists separated by semicolons. Every problem names the file, line and field; nothing is added if there is one. Up to 4 MB.");
        api.MapGet("/applications/{id:long}", GetAsync)
            .WithSummary("One entry: for its organisation's members, for members of any council when shared with councils, and for anyone when published. 404 otherwise.");
        api.MapPut("/applications/{id:long}", SaveAsync)
            .AddEndpointFilter(OrganisationAssessmentsApi.JsonFromBrowsers)
            .Accepts<JsonElement>("application/json")
            .WithSummary("Replaces an entry's fields with a JSON object of fields (a field left out is emptied). Contributors of its organisation with a write token.");
    }

    private static async Task<IResult> SectorAsync(string? service, string? from, ApplicationsRegister register, CancellationToken ct)
    {
        DateOnly? start = null;
        if (!string.IsNullOrEmpty(from))
        {
            if (ApplicationFields.DateOf(from) is not { } d)
            {
                return Refusal.Invalid("from", $"must be a date written as 2026-12-31, not {Content.InputLimits.Quote(from)}").ToProblem();
            }
            start = d;
        }
        if (!(await register.SectorAsync(service, start, ct)).Succeeded(out var view, out var refusal))
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(new SectorResult(view.Area?.Id, Iso(view.From), Iso(view.Until), ApplicationsRegister.MinimumOrganisations,
            [.. view.Products.Select(p => new ProductItem(p.Product, p.Suppliers, [.. p.Named.Select(o => o.Slug)], p.Others, p.Total, p.Others is null))],
            [.. view.ContractsEnding.Select(c => new ContractItem(c.Application.Entry.Id, c.Application.Name, c.Application.Values.GetValueOrDefault(ApplicationFields.Product),
                c.Application.Organisation.Slug, c.Application.Organisation.Name, Iso(c.End), Url(c.Application.Entry.Id)))],
            view.OtherContractsEnding, view.OtherContractsEnding is null));
    }

    private static async Task<IResult> ListAsync(string slug, string? format, ApplicationsRegister register, TimeProvider clock, CancellationToken ct)
    {
        if (!(await register.ListAsync(slug, ct)).Succeeded(out var list, out var refusal))
        {
            return refusal.ToProblem();
        }
        var rows = list.Entries.Select(e => (e.Values, e.Entry.Sharing));
        return format?.ToLowerInvariant() switch
        {
            null or "" => TypedResults.Ok(list.Entries.Select(ResultOf).ToList()),
            "csv" => Results.File(System.Text.Encoding.UTF8.GetBytes(ApplicationFiles.ToCsv(rows)), "text/csv; charset=utf-8", $"{slug}-applications.csv"),
            "xlsx" => Results.File(ApplicationFiles.ToXlsx(rows, list.Organisation.Name, clock.GetUtcNow()), XlsxType, $"{slug}-applications.xlsx"),
            _ => Refusal.Invalid("format", $"The formats are csv and xlsx (not {Content.InputLimits.Quote(format)})").ToProblem(),
        };
    }

    private static async Task<IResult> CreateAsync(string slug, HttpRequest request, ApplicationsRegister register, CancellationToken ct)
    {
        // Outsiders are told the organisation does not exist before anything they sent is read.
        if (!(await register.MayAddAsync(slug, ct)).Succeeded(out _, out var denied))
        {
            return denied.ToProblem();
        }
        if (!(await ReadObjectAsync(request, ct)).Succeeded(out var fields, out var refusal))
        {
            return refusal.ToProblem();
        }
        return (await register.CreateAsync(slug, fields, ct)).Succeeded(out var view, out var why)
            ? TypedResults.Created(Url(view.Entry.Id), ResultOf(view))
            : why.ToProblem();
    }

    private static async Task<IResult> ImportAsync(string slug, HttpRequest request, ApplicationsRegister register, CancellationToken ct)
    {
        if (!(await register.MayAddAsync(slug, ct)).Succeeded(out _, out var denied))
        {
            return denied.ToProblem();
        }
        var file = FileName(request);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        var rows = IsXlsx(request.ContentType, file)
            ? ApplicationFiles.ReadXlsx(file, body)
            : ApplicationFiles.ReadCsv(file, System.Text.Encoding.UTF8.GetString(body.ToArray()));
        if (!rows.Succeeded(out var read, out var refusal))
        {
            return refusal.ToProblem();
        }
        return (await register.ImportAsync(slug, file, read, ct)).Succeeded(out var added, out var why)
            ? TypedResults.Ok(new ImportResult(added.Count, [.. added.Select(a => a.Id)]))
            : why.ToProblem();
    }

    public static bool IsXlsx(string? contentType, string file) => ApplicationText.IsXlsx(contentType, file);

    private static async Task<IResult> GetAsync(long id, ApplicationsRegister register, CancellationToken ct) =>
        (await register.GetAsync(id, ct)).Succeeded(out var view, out var refusal) ? TypedResults.Ok(ResultOf(view)) : refusal.ToProblem();

    private static async Task<IResult> SaveAsync(long id, HttpRequest request, ApplicationsRegister register, CancellationToken ct)
    {
        if (!(await register.GetAsync(id, ct)).Succeeded(out _, out var hidden))
        {
            return hidden.ToProblem();
        }
        if (!(await ReadObjectAsync(request, ct)).Succeeded(out var fields, out var refusal))
        {
            return refusal.ToProblem();
        }
        return (await register.SaveAsync(id, fields, ct)).Succeeded(out var view, out var why) ? TypedResults.Ok(ResultOf(view)) : why.ToProblem();
    }

    private static async Task<Outcome<IReadOnlyList<KeyValuePair<string, string?>>>> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Refusal.Invalid("", "Send one application entry as a JSON object of fields");
            }
            return ApplicationFields.FromJson(doc.RootElement);
        }
        catch (JsonException e)
        {
            return Refusal.Invalid([new Content.ContentProblem(FileName(request), (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "", "is not valid JSON")]);
        }
    }

    private static string FileName(HttpRequest request) =>
        Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            && disposition.FileName.HasValue ? Path.GetFileName(disposition.FileName.Value!.Trim('"')) : "request body";

    /// <summary>The fields as JSON: list fields as arrays (algorithm records as numbers), yes/no as true/false, the rest as strings.</summary>
    public static ApplicationResult ResultOf(ApplicationView view)
    {
        var fields = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in ApplicationFields.All)
        {
            var value = field.Key == ApplicationFields.Sharing ? ApplicationEntry.SharingName(view.Entry.Sharing) : view.Values.GetValueOrDefault(field.Key);
            if (value is null)
            {
                continue;
            }
            fields[field.Key] = field.Kind switch
            {
                ApplicationFieldKind.ServiceAreas => JsonSerializer.SerializeToElement(ApplicationFields.Items(value)),
                ApplicationFieldKind.AlgorithmRecords => JsonSerializer.SerializeToElement(ApplicationFields.Items(value).Select(long.Parse)),
                ApplicationFieldKind.YesNo => JsonSerializer.SerializeToElement(value == "yes"),
                _ => JsonSerializer.SerializeToElement(value),
            };
        }
        return new ApplicationResult(view.Entry.Id, view.Organisation.Slug, view.Organisation.Name, ApplicationEntry.SharingName(view.Entry.Sharing), fields,
            view.Entry.UpdatedAt, view.CanEdit, Url(view.Entry.Id), PageUrl(view.Entry.Id));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Url(long id) => ApplicationText.ApiUrl(id);

    public static string PageUrl(long id) => "/applications/" + id.ToString(CultureInfo.InvariantCulture);
}
