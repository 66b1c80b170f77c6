using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Web.Api;

/// <summary>
/// The evidence library as a file: CSV, JSON or schema.org JSON-LD, with the list's filters except the text search.
/// Only published items the caller may see; an anonymous item never carries its organisations.
/// </summary>
public static class EvidenceExportApi
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "json", "jsonld"];

    public static void MapEvidenceExportApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Evidence");

        api.MapGet("/evidence/export", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            string? format, [FromQuery] string[]? element, [FromQuery] string[]? all, [FromQuery] string[]? place, string? region, string? nation,
            [FromQuery] string[]? kind, string? strength, string? year, HttpContext context, EvidenceExports exports, FrameworkLibrary frameworks,
            PlaceRegistry places, CurrentActor current, CancellationToken cancellationToken) =>
        {
            var chosen = string.IsNullOrWhiteSpace(format) ? "json" : format.Trim().ToLowerInvariant();
            if (!Formats.Contains(chosen))
            {
                return ApiSetup.BadRequest($"format '{format}' is not an export format; use {string.Join(", ", Formats)}.");
            }
            var catalogue = await frameworks.GetCatalogueAsync(cancellationToken);
            if (Filter(element, all, place, region, nation, kind, strength, year, catalogue, places, out var filter) is { } problem)
            {
                return ApiSetup.BadRequest(problem);
            }
            var items = await exports.ItemsAsync(current.Actor, filter, cancellationToken);
            var site = $"{context.Request.Scheme}://{context.Request.Host}";
            var (body, type) = chosen switch
            {
                "csv" => (EvidenceExports.Csv(items, site), "text/csv; charset=utf-8; header=present"),
                "json" => (EvidenceExports.Json(items, site), "application/json; charset=utf-8"),
                _ => (EvidenceExports.JsonLd(items, site, catalogue, places), "application/ld+json; charset=utf-8"),
            };
            return TypedResults.File(Encoding.UTF8.GetBytes(body), type, $"evidence.{chosen}");
        }).WithSummary("Published evidence items as CSV, JSON or schema.org JSON-LD (format=csv|json|jsonld), filtered by element (any), all (every one), place, region, nation, kind, strength (minimum) and year.");
    }

    /// <summary>Reads the filters, or says which parameter is wrong and why.</summary>
    public static string? Filter(string[]? element, string[]? all, string[]? place, string? region, string? nation, string[]? kind, string? strength, string? year,
        FrameworkCatalogue catalogue, PlaceRegistry places, out EvidenceExportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(places);
        filter = new EvidenceExportFilter();
        var elements = new List<ElementRef>();
        var every = new List<ElementRef>();
        foreach (var (name, values, into) in new[] { ("element", element, elements), ("all", all, every) })
        {
            foreach (var text in Values(values))
            {
                if (!ElementRef.TryParse(text, out var reference))
                {
                    return $"{name} '{text}' must be framework-id/element-id, for example place-making/food.";
                }
                if (!catalogue.Contains(reference))
                {
                    return $"{name} '{text}' is not an element of any framework in the catalogue.";
                }
                into.Add(reference);
            }
        }
        var codes = new List<string>();
        foreach (var text in Values(place))
        {
            if (places.Find(text) is not { } found)
            {
                return $"place '{text}' is not a GSS code or ISO 3166 alpha-3 country code the Observatory knows.";
            }
            codes.Add(found.Code);
        }
        string? regionCode = null;
        if (!string.IsNullOrWhiteSpace(region))
        {
            if (places.Find(region) is not { Type: PlaceType.Region } found)
            {
                return $"region '{region}' is not the GSS code of an English region (E12…).";
            }
            regionCode = found.Code;
        }
        string? nationName = null;
        if (!string.IsNullOrWhiteSpace(nation) && (nationName = AreaSearch.NationNamed(nation)) is null)
        {
            return $"nation '{nation}' is not a nation; use {string.Join(", ", AreaSearch.Nations)}.";
        }
        var kinds = new List<EvidenceKind>();
        foreach (var text in Values(kind))
        {
            if (!EvidenceSpellings.Kinds.TryGetValue(text.ToLowerInvariant(), out var parsed))
            {
                return $"kind '{text}' is not a kind of evidence; use {string.Join(", ", EvidenceSpellings.Kinds.Keys)}.";
            }
            kinds.Add(parsed);
        }
        int? minimum = null;
        if (!string.IsNullOrWhiteSpace(strength))
        {
            if (!int.TryParse(strength.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level < StrengthOfEvidence.Lowest || level > StrengthOfEvidence.Highest)
            {
                return $"strength '{strength}' must be a whole number from {StrengthOfEvidence.Lowest} to {StrengthOfEvidence.Highest}.";
            }
            minimum = level;
        }
        int? onlyYear = null;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < EvidenceQueryReader.EarliestYear || y > EvidenceQueryReader.LatestYear)
            {
                return $"year '{year}' must be a year from {EvidenceQueryReader.EarliestYear} to {EvidenceQueryReader.LatestYear}.";
            }
            onlyYear = y;
        }
        filter = new EvidenceExportFilter
        {
            Elements = elements,
            AllElements = every,
            Places = codes,
            Region = regionCode,
            Nation = nationName,
            Kinds = kinds,
            MinimumStrength = minimum,
            Year = onlyYear,
        };
        return null;
    }

    private static IEnumerable<string> Values(string[]? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal);
}
