using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Indicators.Importing;
using Observatory.Places;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Indicators;

/// <summary>The indicator catalogue, its values and downloads, and the record of every import.</summary>
public static class IndicatorsApi
{
    public sealed record IndicatorSummary(string Id, string Name, string? Unit, string Polarity, string Topic, string Dataset, string? LatestPeriod);

    public sealed record DatasetView(string Id, string Name, string Organisation, string Url, string Licence, string Attribution, DateOnly? Released);

    public sealed record EvidenceView(string Element, string? Name, string? Framework);

    public sealed record ThresholdView(string Kind, double Value, string Source, string Rationale);

    public sealed record IndicatorDetail(string Id, string Name, string Label, string Description, string Measure, string? Unit, int DecimalPlaces,
        string Polarity, string PolarityReason, string PeriodFormat, string? Caveats, string Topic, DatasetView Dataset,
        IReadOnlyList<EvidenceView> Evidences, IReadOnlyList<ThresholdView> Thresholds, IReadOnlyList<string> Periods, string? LatestPeriod,
        int CouncilsWithData);

    public sealed record DataPoint(string Area, string Period, double? Value, double? Lci95, double? Uci95, string? Status, string? Note);

    public sealed record ImportView(long Id, string FileName, string Format, string Source, DateTime ImportedAt, string? ImportedBy,
        IReadOnlyList<string> Indicators, long RowsRead, long Added, long Changed, long Unchanged, long Merged, long Recoded, string FileHash);

    public static void MapIndicatorsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Indicators");
        api.MapGet("/indicators", ListIndicatorsAsync).WithSummary("Every indicator in the catalogue, with the latest period that has council values.");
        api.MapGet("/indicators/{id}", GetIndicatorAsync)
            .WithSummary("What an indicator measures, its polarity, source, licence, thresholds, the framework elements it is evidence for and its periods.");
        api.MapGet("/indicators/{id}/data", GetDataAsync)
            .WithSummary("Values of an indicator: ?area= one code or a comma-separated list, ?period= an ISO 8601 period. CSV (tidy layout) with Accept: text/csv.");
        api.MapGet("/indicators/{id}/data.csv", GetDataAsCsvAsync).WithSummary("Values of an indicator as CSV in the tidy layout, ready to edit and import again.");
        api.MapGet("/indicators/{id}/data.xlsx", GetDataAsXlsxAsync)
            .WithSummary("The same as data.csv (?area=, ?period=), as a spreadsheet (XLSX) with a notes sheet giving the source, its licence and the date made.");
        api.MapGet("/indicators/{id}/export", ExportAsync)
            .WithSummary("Download every value of an indicator: ONS Explore Local Statistics CSV (els), the same as a spreadsheet (xlsx), Open SDG CSV (opensdg) or CSVW metadata for the ELS CSV (csvw).");
        api.MapGet("/indicators.zip", BulkAsync)
            .WithSummary("Every indicator for every council in one ZIP: an ONS Explore Local Statistics CSV per indicator (as /api/indicators/{id}/export?format=els) and csv-metadata.json, CSV on the Web metadata describing each CSV. Built once per import, not per request.");
        api.MapGet("/imports", ListImportsAsync).WithTags("Imports").WithSummary("Every import of indicator data, newest first.");
        api.MapGet("/imports/{id:long}", GetImportAsync).WithTags("Imports").WithSummary("One import: its file, hash, source, who, the indicators it held and what it changed.");
    }

    private static async Task<Ok<List<IndicatorSummary>>> ListIndicatorsAsync(IndicatorCatalogue catalogue, IndicatorCoverage coverage, CancellationToken ct)
    {
        var counts = await coverage.AllAsync(ct);
        return TypedResults.Ok(catalogue.Indicators.Select(i => new IndicatorSummary(i.Id, i.Name, i.Unit, IndicatorText.PolarityKey(i.Polarity),
            catalogue.FindDataset(i.DatasetId)!.Topic, i.DatasetId, counts.GetValueOrDefault(i.Id)?.Latest?.ToIso())).ToList());
    }

    private static async Task<Results<Ok<IndicatorDetail>, ProblemHttpResult>> GetIndicatorAsync(string id, IndicatorCatalogue catalogue,
        ObservationQueries queries, IndicatorCoverage coverage, FrameworkLibrary library, CancellationToken ct)
    {
        if (catalogue.Find(id) is not { } i)
        {
            return UnknownIndicator(id);
        }
        var d = catalogue.FindDataset(i.DatasetId)!;
        var frameworks = await library.GetCatalogueAsync(ct);
        var periods = await queries.PeriodsAsync(id, ct);
        var summary = (await coverage.AllAsync(ct)).GetValueOrDefault(id);
        return TypedResults.Ok(new IndicatorDetail(i.Id, i.Name, i.Label, i.Description, i.Measure, i.Unit, i.DecimalPlaces,
            IndicatorText.PolarityKey(i.Polarity), i.PolarityReason, IndicatorText.PeriodFormatKey(i.PeriodFormat), i.Caveats, d.Topic,
            new DatasetView(d.Id, d.Name, d.Source.Organisation, d.Source.Url, d.Source.Licence, d.Source.Attribution, d.Source.Released),
            [.. i.Evidences.Select(e => new EvidenceView(e.ToString(), frameworks.FindElement(e)?.Name, frameworks.Find(e.FrameworkId)?.Name))],
            [.. i.Thresholds.Select(t => new ThresholdView(t.Kind.ToString().ToLowerInvariant(), t.Value, t.Source, t.Rationale))],
            [.. periods.Select(p => p.ToIso())], summary?.Latest?.ToIso(), summary?.CouncilsWithData ?? 0));
    }

    private static Task<Results<Ok<List<DataPoint>>, FileContentHttpResult, ProblemHttpResult>> GetDataAsync(string id, string? area, string? period,
        HttpRequest request, IndicatorCatalogue catalogue, PlaceRegistry places, ObservationQueries queries, CancellationToken ct) =>
        DataAsync(id, area, period, CsvResults.Wants(request), catalogue, places, queries, ct);

    private static Task<Results<Ok<List<DataPoint>>, FileContentHttpResult, ProblemHttpResult>> GetDataAsCsvAsync(string id, string? area, string? period,
        IndicatorCatalogue catalogue, PlaceRegistry places, ObservationQueries queries, CancellationToken ct) =>
        DataAsync(id, area, period, csv: true, catalogue, places, queries, ct);

    private static Task<Results<Ok<List<DataPoint>>, FileContentHttpResult, ProblemHttpResult>> GetDataAsXlsxAsync(string id, string? area, string? period,
        IndicatorCatalogue catalogue, PlaceRegistry places, ObservationQueries queries, TimeProvider clock, CancellationToken ct) =>
        DataAsync(id, area, period, csv: true, catalogue, places, queries, ct, clock);

    /// <summary>The notes of an indicator's spreadsheet: its dataset's publisher and licence.</summary>
    private static SpreadsheetNotes Notes(IndicatorDefinition indicator, IndicatorCatalogue catalogue, TimeProvider clock) =>
        SpreadsheetResults.Notes($"{indicator.Name} ({indicator.Id})", clock, SpreadsheetResults.Source(catalogue.FindDataset(indicator.DatasetId)!));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string id, string? format, HttpRequest request,
        IndicatorCatalogue catalogue, PlaceRegistry places, ObservationQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (catalogue.Find(id) is not { } i)
        {
            return UnknownIndicator(id);
        }
        switch ((format ?? "els").ToLowerInvariant())
        {
            case "els":
                return CsvResults.File(ObservationExport.ToElsCsv(i, await queries.ForIndicatorAsync(id, cancellationToken: ct), places), $"{i.Id}.csv");
            case "xlsx":
                return SpreadsheetResults.File(ObservationExport.ToElsCsv(i, await queries.ForIndicatorAsync(id, cancellationToken: ct), places),
                    Notes(i, catalogue, clock), $"{i.Id}{SpreadsheetResults.Extension}");
            case "opensdg":
                return CsvResults.File(ObservationExport.ToOpenSdgCsv(i, await queries.ForIndicatorAsync(id, allBreakdowns: true, cancellationToken: ct)), $"{i.Id}-opensdg.csv");
            case "csvw":
                var csvUrl = $"{request.Scheme}://{request.Host}/api/indicators/{Uri.EscapeDataString(i.Id)}/export?format=els";
                return TypedResults.File(Encoding.UTF8.GetBytes(ObservationExport.ToCsvwMetadata(i, catalogue.FindDataset(i.DatasetId)!, csvUrl)),
                    "application/csvm+json", $"{i.Id}.csv-metadata.json");
            default:
                return ApiSetup.BadRequest($"'{format}' is not an export format; use els, xlsx, opensdg or csvw.");
        }
    }

    /// <summary>The bulk ZIP, kept with the data it was built from; page caching adds the ETag, as for every public answer.</summary>
    private static async Task<FileContentHttpResult> BulkAsync(BulkDownload bulk, CancellationToken ct) =>
        TypedResults.File((await bulk.CurrentAsync(ct)).Content, "application/zip", BulkDownload.FileName);

    private static async Task<Ok<List<ImportView>>> ListImportsAsync(ImportHistory history, CancellationToken ct) =>
        TypedResults.Ok((await history.AllAsync(ct)).Select(View).ToList());

    private static async Task<Results<Ok<ImportView>, ProblemHttpResult>> GetImportAsync(long id, ImportHistory history, CancellationToken ct) =>
        await history.FindAsync(id, ct) is { } import ? TypedResults.Ok(View(import)) : ApiSetup.NotFound($"There is no import {id}.");

    /// <param name="clock">Given for a spreadsheet: the CSV is written, then made into an XLSX with its notes.</param>
    private static async Task<Results<Ok<List<DataPoint>>, FileContentHttpResult, ProblemHttpResult>> DataAsync(string id, string? area, string? period, bool csv,
        IndicatorCatalogue catalogue, PlaceRegistry places, ObservationQueries queries, CancellationToken ct, TimeProvider? clock = null)
    {
        if (catalogue.Find(id) is not { } indicator)
        {
            return UnknownIndicator(id);
        }
        Period? wanted = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!Period.TryParse(period, out var parsed))
            {
                return ApiSetup.BadRequest($"'{period}' is not a period; use ISO 8601, e.g. 2023-01-01/P1Y or 2025-04-30.");
            }
            wanted = parsed;
        }
        List<string>? areas = null;
        if (!string.IsNullOrWhiteSpace(area))
        {
            areas = [.. area.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            var unknown = areas.Where(a => places.Find(a) is null).ToList();
            if (unknown.Count > 0)
            {
                return ApiSetup.BadRequest($"{string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Count == 1 ? "is not an area code" : "are not area codes")} the Observatory knows.");
            }
            areas = [.. areas.Select(a => places.Find(a)!.Code)];
        }
        var points = await queries.ForIndicatorAsync(id, areas, wanted, cancellationToken: ct);
        if (csv)
        {
            // The tidy layout (docs/data-formats.md), so a download can be edited and imported again.
            IReadOnlyList<CsvResults.Column<ObservationPoint>> columns =
            [
                new("area", p => p.AreaCode), new("indicator", _ => indicator.Id), new("period", p => p.Period.ToIso()),
                new("value", p => Numbers.RoundTrip(p.Value)), new("lci95", p => Numbers.RoundTrip(p.Lci95)), new("uci95", p => Numbers.RoundTrip(p.Uci95)),
                new("status", p => p.Status), new("note", p => p.Note),
            ];
            var text = CsvResults.Write(points, columns);
            return clock is null
                ? CsvResults.File(text, $"{indicator.Id}.csv")
                : SpreadsheetResults.File(text, Notes(indicator, catalogue, clock), $"{indicator.Id}{SpreadsheetResults.Extension}");
        }
        return TypedResults.Ok(points.Select(p => new DataPoint(p.AreaCode, p.Period.ToIso(), p.Value, p.Lci95, p.Uci95, p.Status, p.Note)).ToList());
    }

    private static ProblemHttpResult UnknownIndicator(string id) => ApiSetup.NotFound($"There is no indicator '{id}'.");

    private static ImportView View(IndicatorImport i) =>
        new(i.Id, i.FileName, i.Format, i.Source, DateTime.SpecifyKind(i.ImportedAt, DateTimeKind.Utc), i.ImportedBy,
            [.. i.Indicators.Split(',', StringSplitOptions.RemoveEmptyEntries)], i.RowsRead, i.Added, i.Changed, i.Unchanged, i.Merged, i.Recoded, i.FileHash);
}
