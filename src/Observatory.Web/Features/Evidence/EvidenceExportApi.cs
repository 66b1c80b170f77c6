using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Web.Features.Shared;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// The evidence library as a file: CSV, JSON or schema.org JSON-LD, with the list's filters (read by the same
/// <see cref="EvidenceQueryReader"/> as /api/evidence, so they mean the same) except the text search.
/// Only published items the caller may see; an anonymous item never carries its organisations.
/// </summary>
public static class EvidenceExportApi
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx", "json", "jsonld"];

    public static void MapEvidenceExportApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Evidence");

        api.MapGet("/evidence/export", ExportAsync).WithSummary("Published evidence items as CSV, a spreadsheet (XLSX, the CSV's table with a notes sheet), JSON or schema.org JSON-LD (format=csv|xlsx|json|jsonld), filtered as /api/evidence is by element (any), "
            + "all (every one), place, region, nation, kind, strength (minimum) and year; not by q, page or pageSize, which are refused.");
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(string? format, HttpContext context,
        EvidenceExports exports, FrameworkLibrary frameworks, PlaceRegistry places, CurrentActor current, PublicAddress address, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var request = context.Request.Query;
        var catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
        var (filter, problems) = EvidenceQueryReader.Read(name => [.. request[name].OfType<string>()], catalogue, places);
        var errors = problems.ToDictionary(p => p.Key, p => new[] { p.Value });
        var chosen = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant();
        if (!Formats.Contains(chosen))
        {
            errors["format"] = [$"'{format}' is not an export format; use {string.Join(", ", Formats)}"];
        }
        // An export holds every match, and the text search ranks rather than filters, so neither is taken
        // silently: a caller who sent them would think the file answered them.
        foreach (var ignored in new[] { "q", "page", "pageSize" })
        {
            if (request.ContainsKey(ignored))
            {
                errors[ignored] = [$"the export takes the list's filters but not {ignored}; it holds every item that matches them"];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}.")),
                title: "The request was not valid");
        }
        var items = await exports.ItemsAsync(current.Actor, filter, cancellationToken);
        // Links name the configured public address, never the request's Host header (docs/security.md).
        var site = address.BaseUrl.AbsoluteUri;
        if (chosen == "xlsx")
        {
            return TypedResults.File(SpreadsheetWriter.FromCsv(EvidenceExports.Csv(items, site),
                SpreadsheetResults.Notes("Evidence library: published items", clock, SpreadsheetNotes.EvidenceDocuments, SpreadsheetNotes.Observatory)),
                SpreadsheetWriter.ContentType, "evidence.xlsx");
        }
        var (body, type) = chosen switch
        {
            "csv" => (EvidenceExports.Csv(items, site), "text/csv; charset=utf-8; header=present"),
            "json" => (EvidenceExports.Json(items, site), "application/json; charset=utf-8"),
            _ => (EvidenceExports.JsonLd(items, site, catalogue, places), "application/ld+json; charset=utf-8"),
        };
        return TypedResults.File(Encoding.UTF8.GetBytes(body), type, $"evidence.{chosen}");
    }
}
