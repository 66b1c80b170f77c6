using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Rendering.Charts.Maps;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Areas;

/// <summary>
/// Areas as ONS Explore Local Statistics serves them: find, describe, and walk the hierarchy. JSON by default;
/// CSV for <c>Accept: text/csv</c> or a path ending in <c>.csv</c>; a spreadsheet (XLSX) for a path ending in <c>.xlsx</c>.
/// </summary>
public static class AreasApi
{
    public sealed record AreaSummary(string Code, string Name, string Type, string? Nation, string? Region, string? RegionCode);

    public sealed record AreaRef(string Code, string Name, string Type);

    /// <summary>A place found by name: how close (1 is the name itself) and, when another name matched, that name.</summary>
    public sealed record PlaceMatch(string Code, string Name, string Type, string? Nation, string? Region, bool Current, double Score, bool Exact, string? MatchedName);

    /// <summary>What the place search found; <c>Best</c> is the place a person typing the words clearly means, when there is one.</summary>
    public sealed record PlaceSearch(string Query, AreaSummary? Best, IReadOnlyList<PlaceMatch> Matches);

    public sealed record AreaChange(string Code, string Name, int? Year);

    public sealed record AreaDetail(string Code, string Name, string Type, string? Nation, string? Region, string? RegionCode,
        IReadOnlyList<AreaRef> Parents, AreaChange? Successor, IReadOnlyList<AreaChange> Successors, IReadOnlyList<AreaChange> Predecessors,
        bool Current, string? Start, string? End, long? Population);

    public static readonly IReadOnlyList<string> Relations = ["parents", "children", "siblings", "neighbours"];

    private static readonly IReadOnlyList<CsvResults.Column<AreaSummary>> SummaryColumns =
    [
        new("code", a => a.Code), new("name", a => a.Name), new("type", a => a.Type), new("nation", a => a.Nation),
        new("region", a => a.Region), new("region_code", a => a.RegionCode),
    ];

    private static readonly IReadOnlyList<CsvResults.Column<AreaRef>> RefColumns =
        [new("code", a => a.Code), new("name", a => a.Name), new("type", a => a.Type)];

    private static readonly IReadOnlyList<CsvResults.Column<AreaDetail>> DetailColumns =
    [
        new("code", a => a.Code), new("name", a => a.Name), new("type", a => a.Type), new("nation", a => a.Nation),
        new("region", a => a.Region), new("region_code", a => a.RegionCode),
        new("parents", a => string.Join(';', a.Parents.Select(p => p.Code))),
        new("successors", a => string.Join(';', a.Successors.Select(p => p.Code))),
        new("predecessors", a => string.Join(';', a.Predecessors.Select(p => p.Code))),
        new("current", a => a.Current ? "true" : "false"), new("start", a => a.Start), new("end", a => a.End),
        new("population", a => a.Population?.ToString(CultureInfo.InvariantCulture)),
    ];

    public static void MapAreasApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Areas");
        api.MapGet("/areas", FindAreas)
            .WithSummary("Find areas by name or code, nation and type (a slug such as london-borough). With no words and no type, the current councils.");
        api.MapGet("/areas.csv", FindAreasAsCsv)
            .WithSummary("The same as /api/areas, as CSV.");
        api.MapGet("/areas.xlsx", FindAreasAsXlsx)
            .WithSummary("The same as /api/areas.csv, as a spreadsheet (XLSX) with a notes sheet giving the sources, their licences and the date made.");
        api.MapGet("/areas/search", SearchPlaces)
            .WithSummary("Find a place by name as a person types it: misspelt (\"Wiggan\"), in Welsh or Scottish Gaelic where the register has the name (\"Caerdydd\"), with or without \"council\". Closest first, with the place clearly meant as best.");
        api.MapGet("/areas/{code}", GetArea)
            .WithSummary("An area: its type, nation, region, parents nearest first, code changes, dates and population. CSV for a code ending .csv, XLSX for one ending .xlsx.");
        api.MapGet("/areas/{code}/data.csv", GetAreaDataAsCsvAsync)
            .WithSummary("Everything the area page shows as one file: every indicator's value for the area in every period, with its unit, confidence interval, status, source and licence. CSV.");
        api.MapGet("/areas/{code}/data.xlsx", GetAreaDataAsXlsxAsync)
            .WithSummary("The same as /api/areas/{code}/data.csv, as a spreadsheet (XLSX) with a notes sheet giving the sources, their licences and the date made.");
        api.MapGet("/areas/{code}/related/{relation}", GetRelated)
            .WithSummary("An area's parents (nearest first), children, siblings (same type, same parent) or neighbours (sharing a border).");
        // The background every area page's locator map draws its area over: kept by the browser, not sent in each page.
        app.MapGet(LocatorBackground.Path, LocatorMapBackground).ExcludeFromDescription();
    }

    private static ContentHttpResult LocatorMapBackground(HttpContext context, LocatorBackground background)
    {
        context.Response.Headers.CacheControl = context.Request.Query["v"] == background.Fingerprint
            ? PageCaching.ImmutableCaching : PageCaching.PublicCaching;
        return TypedResults.Text(background.Svg, "image/svg+xml; charset=utf-8");
    }

    private static Results<Ok<List<AreaSummary>>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult> FindAreas(string? q, string? nation, string? type, bool? historic,
        HttpContext context, PlaceRegistry places, TimeProvider clock) => List(q, nation, type, historic, context, places, clock, csv: false);

    private static Results<Ok<List<AreaSummary>>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult> FindAreasAsCsv(string? q, string? nation, string? type, bool? historic,
        HttpContext context, PlaceRegistry places, TimeProvider clock) => List(q, nation, type, historic, context, places, clock, csv: true);

    private static Results<Ok<List<AreaSummary>>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult> FindAreasAsXlsx(string? q, string? nation, string? type, bool? historic,
        HttpContext context, PlaceRegistry places, TimeProvider clock) => List(q, nation, type, historic, context, places, clock, csv: false, xlsx: true);

    /// <summary>One row of an area's data: an observation with the words a reader needs beside it.</summary>
    private sealed record AreaDataRow(ObservationPoint Point, IndicatorDefinition Indicator, IndicatorDataset Dataset);

    private static readonly IReadOnlyList<CsvResults.Column<AreaDataRow>> AreaDataColumns =
    [
        new("area", r => r.Point.AreaCode), new("indicator", r => r.Indicator.Id), new("indicator_name", r => r.Indicator.Name),
        new("period", r => r.Point.Period.ToIso()), new("value", r => Numbers.RoundTrip(r.Point.Value)), new("unit", r => r.Indicator.Unit),
        new("lci95", r => Numbers.RoundTrip(r.Point.Lci95)), new("uci95", r => Numbers.RoundTrip(r.Point.Uci95)),
        new("status", r => r.Point.Status), new("note", r => r.Point.Note),
        new("source", r => r.Dataset.Source.Organisation), new("source_url", r => r.Dataset.Source.Url), new("licence", r => r.Dataset.Source.Licence),
    ];

    private static Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> GetAreaDataAsCsvAsync(string code, HttpContext context,
        PlaceRegistry places, IndicatorCatalogue catalogue, ObservationQueries queries, TimeProvider clock, CancellationToken ct) =>
        AreaDataAsync(code, xlsx: false, context, places, catalogue, queries, clock, ct);

    private static Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> GetAreaDataAsXlsxAsync(string code, HttpContext context,
        PlaceRegistry places, IndicatorCatalogue catalogue, ObservationQueries queries, TimeProvider clock, CancellationToken ct) =>
        AreaDataAsync(code, xlsx: true, context, places, catalogue, queries, clock, ct);

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> AreaDataAsync(string code, bool xlsx, HttpContext context,
        PlaceRegistry places, IndicatorCatalogue catalogue, ObservationQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (places.Find(code) is not { } place)
        {
            return ApiSetup.NotFound($"There is no area with the code '{code}'.");
        }
        // In catalogue order, then oldest period first, as the area page lists them.
        var order = catalogue.Indicators.Select((indicator, i) => (indicator.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var rows = (await queries.ForAreasAsync([place.Code], ct))
            .Where(p => catalogue.Find(p.IndicatorId) is not null)
            .Select(p => new AreaDataRow(p, catalogue.Find(p.IndicatorId)!, catalogue.FindDataset(catalogue.Find(p.IndicatorId)!.DatasetId)!))
            .OrderBy(r => order[r.Indicator.Id]).ThenBy(r => r.Point.Period.Start).ToList();
        var name = $"{place.Code}-data";
        if (!xlsx)
        {
            return CsvResults.Csv(rows, AreaDataColumns, name + CsvResults.Extension, context.Response);
        }
        var notes = SpreadsheetResults.Notes($"{place.Name} ({place.Code}): every indicator the Observatory holds for the area", clock,
            [.. rows.Select(r => r.Dataset).Distinct().Select(SpreadsheetResults.Source), .. SpreadsheetResults.Places]);
        return SpreadsheetResults.File(CsvResults.Write(rows, AreaDataColumns), notes, name + SpreadsheetResults.Extension);
    }

    private static Results<Ok<PlaceSearch>, ProblemHttpResult> SearchPlaces(string? q, PlaceRegistry places)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return ApiSetup.BadRequest("Give the name of a place as q, for example ?q=Wigan.");
        }
        var result = places.Names.Search(q);
        return TypedResults.Ok(new PlaceSearch(result.Query, result.Best is { } best ? Summary(best, places) : null,
            [.. result.Matches.Select(m => new PlaceMatch(m.Place.Code, m.Place.Name, PlaceTypes.Slug(m.Place.Type), m.Place.Nation, Region(m.Place, places)?.Name,
                m.Place.IsCurrent, Math.Round(m.Score, 3), m.Exact, m.MatchedName))]));
    }

    private static Results<Ok<AreaDetail>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult> GetArea(string code, HttpContext context, PlaceRegistry places, TimeProvider clock)
    {
        code = SpreadsheetResults.StripExtension(CsvResults.StripExtension(code, out var csv), out var xlsx);
        if (places.Find(code) is not { } place)
        {
            return ApiSetup.NotFound($"There is no area with the code '{code}'.");
        }
        var detail = Detail(place, places);
        if (xlsx)
        {
            return SpreadsheetResults.File(CsvResults.Write([detail], DetailColumns),
                SpreadsheetResults.Notes($"{place.Name} ({place.Code}): the area's details", clock, SpreadsheetResults.Places), $"{place.Code}.xlsx");
        }
        return csv || CsvResults.Wants(context.Request)
            ? CsvResults.Csv([detail], DetailColumns, $"{place.Code}.csv", context.Response)
            : TypedResults.Ok(detail);
    }

    private static Results<Ok<List<AreaRef>>, ContentHttpResult, ProblemHttpResult> GetRelated(string code, string relation,
        HttpContext context, PlaceRegistry places, PlaceAdjacency adjacency)
    {
        relation = CsvResults.StripExtension(relation, out var csv);
        if (places.Find(code) is not { } place)
        {
            return ApiSetup.NotFound($"There is no area with the code '{code}'.");
        }
        IReadOnlyList<Place>? related = relation.ToLowerInvariant() switch
        {
            "parents" => places.ParentsOf(place.Code),
            "children" => places.ChildrenOf(place.Code),
            "siblings" => places.SiblingsOf(place.Code),
            "neighbours" => adjacency.NeighboursOf(places, place.Code),
            _ => null,
        };
        if (related is null)
        {
            return ApiSetup.BadRequest($"'{relation}' is not a relation; use {string.Join(", ", Relations)}.");
        }
        var refs = related.Select(Ref).ToList();
        return csv || CsvResults.Wants(context.Request)
            ? CsvResults.Csv(refs, RefColumns, $"{place.Code}-{relation.ToLowerInvariant()}.csv", context.Response)
            : TypedResults.Ok(refs);
    }

    private static Results<Ok<List<AreaSummary>>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult> List(string? q, string? nation, string? type, bool? historic,
        HttpContext context, PlaceRegistry places, TimeProvider clock, bool csv, bool xlsx = false)
    {
        string? nationName = null;
        if (!string.IsNullOrWhiteSpace(nation) && (nationName = AreaSearch.NationNamed(nation)) is null)
        {
            return ApiSetup.BadRequest($"'{nation}' is not a nation; use {string.Join(", ", AreaSearch.Nations)}.");
        }
        PlaceType? placeType = null;
        if (!string.IsNullOrWhiteSpace(type))
        {
            if (!PlaceTypes.TryParseSlug(type.Trim(), out var parsed) || !AreaSearch.Types.Contains(parsed))
            {
                return ApiSetup.BadRequest($"'{type}' is not a type of area; use one of {string.Join(", ", AreaSearch.Types.Select(PlaceTypes.Slug))}.");
            }
            placeType = parsed;
        }
        var found = AreaSearch.Find(places, q, nationName, placeType, historic ?? false).Select(p => Summary(p, places)).ToList();
        if (xlsx)
        {
            return SpreadsheetResults.File(CsvResults.Write(found, SummaryColumns), SpreadsheetResults.Notes("UK areas", clock, SpreadsheetResults.Places), "areas.xlsx");
        }
        return csv || CsvResults.Wants(context.Request) ? CsvResults.Csv(found, SummaryColumns, "areas.csv", context.Response) : TypedResults.Ok(found);
    }

    private static AreaSummary Summary(Place place, PlaceRegistry places)
    {
        var region = Region(place, places);
        return new AreaSummary(place.Code, place.Name, PlaceTypes.Slug(place.Type), place.Nation, region?.Name, region?.Code);
    }

    private static AreaDetail Detail(Place place, PlaceRegistry places)
    {
        var region = Region(place, places);
        var successors = Changes(places.SuccessionOf(place.Code).Select(c => (c.SuccessorCode, c.Year)), places);
        var predecessors = Changes(places.PredecessionOf(place.Code).Select(c => (c.FormerCode, c.Year)), places);
        return new AreaDetail(place.Code, place.Name, PlaceTypes.Slug(place.Type), place.Nation, region?.Name, region?.Code,
            [.. places.ParentsOf(place.Code).Select(Ref)],
            // A split has several successors and no single one to name.
            successors.Count == 1 ? successors[0] : null,
            successors, predecessors, place.IsCurrent, Date(place.StartDate), Date(place.EndDate), place.Population);
    }

    private static List<AreaChange> Changes(IEnumerable<(string Code, int? Year)> changes, PlaceRegistry places) =>
        [.. changes.Select(c => new AreaChange(c.Code, places.Find(c.Code)?.Name ?? c.Code, c.Year))];

    private static Place? Region(Place place, PlaceRegistry places) => place.RegionCode is { } code ? places.Find(code) : null;

    private static AreaRef Ref(Place place) => new(place.Code, place.Name, PlaceTypes.Slug(place.Type));

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
