using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Rendering.Charts;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Portraits;

/// <summary>
/// Doughnut portraits: one place's dimensions with values, thresholds, ratios and statuses, or every place of a
/// definition with its counts. JSON by default; CSV for <c>Accept: text/csv</c> or a path ending in <c>.csv</c>; a
/// spreadsheet (XLSX) for a path ending in <c>.xlsx</c>.
/// </summary>
public static class PortraitsApi
{
    public sealed record DimensionJson(string Id, string Name, string Ring, double? Value, string? Unit, double? Threshold, string? ThresholdKind, string? ThresholdSource,
        double? Ratio, string Status, string? Period);

    public sealed record PortraitJson(string Place, string Name, string Definition, string? Period, IReadOnlyList<DimensionJson> Dimensions,
        int SocialAchieved, int SocialWithData, int EcologicalTransgressed, int EcologicalWithData);

    public sealed record PortraitListJson(string Definition, string? Period, IReadOnlyList<PlaceCounts> Places);

    private sealed record DimensionRow(PortraitJson Portrait, DimensionJson Dimension);

    private static readonly IReadOnlyList<CsvResults.Column<DimensionRow>> DimensionColumns =
    [
        new("place", r => r.Portrait.Place), new("definition", r => r.Portrait.Definition), new("period", r => r.Portrait.Period),
        new("dimension", r => r.Dimension.Id), new("name", r => r.Dimension.Name), new("ring", r => r.Dimension.Ring),
        new("value", r => Numbers.RoundTrip(r.Dimension.Value)), new("unit", r => r.Dimension.Unit), new("threshold", r => Numbers.RoundTrip(r.Dimension.Threshold)),
        new("threshold_kind", r => r.Dimension.ThresholdKind), new("threshold_source", r => r.Dimension.ThresholdSource),
        new("ratio", r => Numbers.RoundTrip(r.Dimension.Ratio)), new("status", r => r.Dimension.Status), new("value_period", r => r.Dimension.Period),
    ];

    public static void MapPortraitsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Portraits");
        api.MapGet("/portraits/{place}", GetPortraitAsync)
            .WithSummary("A place's Doughnut portrait (GSS code for a council, ISO 3166 alpha-3 for a country, WLD for the world): every dimension with its value, threshold, ratio (1 = the threshold) and status, and the counts. The definition defaults to uk-council for councils and oneill-2018 for countries. CSV for a place ending .csv, XLSX (with a notes sheet of sources and licences) for one ending .xlsx.");
        api.MapGet("/portraits", ListPortraitsAsync)
            .WithSummary("Every place of a portrait definition (default uk-council) with its counts of social thresholds achieved and ecological boundaries transgressed, and each dimension's status.");
    }

    private static async Task<Results<Ok<PortraitJson>, ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> GetPortraitAsync(string place, string? definition, string? period,
        HttpContext context, PlaceRegistry places, PortraitDefinitions definitions, PortraitService service, IndicatorCatalogue catalogue, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        place = SpreadsheetResults.StripExtension(CsvResults.StripExtension(place, out var csv), out var xlsx);
        var lookup = await PortraitRequest.ResolveAsync(place, definition, period, places, definitions, service, cancellationToken);
        if (lookup.Portrait is not { } portrait)
        {
            return Problem(lookup);
        }
        var json = Json(portrait, lookup.PlaceName);
        if (xlsx)
        {
            var d = lookup.Definition!;
            // A council definition reads the Observatory's indicators; a national one its published dataset.
            var datasets = d.Indicators.Select(i => i.IndicatorId is { } id ? catalogue.Find(id) : null).OfType<IndicatorDefinition>()
                .Select(i => catalogue.FindDataset(i.DatasetId)!).Distinct().Select(SpreadsheetResults.Source).ToList();
            var notes = SpreadsheetResults.Notes($"Doughnut portrait of {json.Name} ({json.Place}), {d.Name}{(json.Period is null ? "" : ", " + json.Period)}", clock,
                [new SpreadsheetSource(d.Citation, d.Url ?? (d.Doi is null ? null : "https://doi.org/" + d.Doi), "As the published source states; thresholds and their reasons are on the definition's page"),
                    .. datasets]);
            return SpreadsheetResults.File(CsvResults.Write(json.Dimensions.Select(dim => new DimensionRow(json, dim)), DimensionColumns), notes,
                $"portrait-{json.Place}-{json.Definition}{SpreadsheetResults.Extension}");
        }
        return csv || CsvResults.Wants(context.Request)
            ? CsvResults.Csv(json.Dimensions.Select(d => new DimensionRow(json, d)), DimensionColumns, $"portrait-{json.Place}-{json.Definition}.csv", context.Response)
            : TypedResults.Ok(json);
    }

    private static async Task<Results<Ok<PortraitListJson>, ContentHttpResult, ProblemHttpResult>> ListPortraitsAsync(string? definition, string? period,
        HttpContext context, PlaceRegistry places, PortraitDefinitions definitions, PortraitService service, CancellationToken cancellationToken)
    {
        var id = string.IsNullOrWhiteSpace(definition) ? PortraitRequest.CouncilDefault : definition.Trim();
        if (definitions.Find(id) is not { } found)
        {
            return ApiSetup.NotFound($"There is no portrait definition '{id}'; use one of {string.Join(", ", definitions.All.Select(d => d.Id))}.");
        }
        if (!PortraitRequest.TryReadPeriod(period, found, service, out var parsed, out var error))
        {
            return ApiSetup.BadRequest(error!);
        }
        if (await service.ForAllPlacesAsync(found.Id, parsed, cancellationToken: cancellationToken) is not { } batch)
        {
            return ApiSetup.BadRequest($"The definition '{found.Id}' has no data for that period.");
        }
        var list = new PortraitListJson(batch.Definition.Id, batch.Period?.Label(), PortraitCounts.Of(batch, places));
        if (CsvResults.Wants(context.Request))
        {
            IReadOnlyList<CsvResults.Column<PlaceCounts>> columns =
            [
                new("place", p => p.Place), new("name", p => p.Name),
                new("social_achieved", p => Numbers.Whole(p.SocialAchieved)), new("social_with_data", p => Numbers.Whole(p.SocialWithData)),
                new("ecological_transgressed", p => Numbers.Whole(p.EcologicalTransgressed)), new("ecological_with_data", p => Numbers.Whole(p.EcologicalWithData)),
                .. found.Dimensions.Select(d => new CsvResults.Column<PlaceCounts>(d.Id, p => p.Statuses[d.Id])),
            ];
            return CsvResults.Csv(list.Places, columns, $"portraits-{found.Id}.csv", context.Response);
        }
        return TypedResults.Ok(list);
    }

    private static PortraitJson Json(Portrait portrait, string name) => new(
        portrait.PlaceCode, name, portrait.DefinitionId, portrait.Period?.Label(),
        [.. portrait.Dimensions.Select(d => new DimensionJson(d.Id, d.Name, RingSlug(d.Ring), d.Value, d.Deciding?.Unit ?? d.Indicators.FirstOrDefault()?.Unit,
            d.Threshold?.Value, d.ThresholdKind is { } kind ? PortraitReader.ThresholdKindSlug(kind) : null, d.Threshold?.Source,
            d.Ratio, DoughnutChart.StatusSlug(d.Status), d.Deciding?.Period?.Label()))],
        portrait.SocialAchieved, portrait.SocialWithData, portrait.EcologicalTransgressed, portrait.EcologicalWithData);

    private static string RingSlug(Ring ring) => ring == Ring.Social ? "social" : "ecological";

    private static ProblemHttpResult Problem(PortraitLookup lookup) =>
        lookup.StatusCode == StatusCodes.Status404NotFound ? ApiSetup.NotFound(lookup.Detail!) : ApiSetup.BadRequest(lookup.Detail!);
}
