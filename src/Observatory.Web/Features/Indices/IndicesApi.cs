using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Indices;
using Observatory.Places;
using Observatory.Similarity;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Indices;

/// <summary>Composite indices and similar areas. JSON by default; CSV for <c>Accept: text/csv</c> or a path ending in <c>.csv</c>.</summary>
public static class IndicesApi
{
    public sealed record IndicatorWeight(string Id, double Weight, string Polarity, string? Period);

    public sealed record DomainSummary(string Id, string Name, double Weight, string Aggregation, int MinimumCoverage, string? Element,
        string? NoData, IReadOnlyList<IndicatorWeight> Indicators, IReadOnlyList<DomainSummary> Domains);

    public sealed record IndexSummary(string Id, string Name, string Summary, string? Method, string Normalisation, double? K, double? Scale,
        string ReferenceSet, string ReferencePeriod, string Aggregation, int MinimumCoverage, IReadOnlyList<DomainSummary> Domains);

    public sealed record Coverage(int DomainsWithData, int Domains);

    public sealed record AreaScore(string Area, string Name, double? Score, IReadOnlyDictionary<string, double?> Domains, Coverage Coverage);

    public sealed record SimilarCouncil(int Rank, string Code, string Name, double? Score, double? Distance);

    private static readonly IReadOnlyList<CsvResults.Column<SimilarCouncil>> SimilarColumns =
    [
        new("rank", s => Numbers.Whole(s.Rank)), new("code", s => s.Code), new("name", s => s.Name),
        new("score", s => Numbers.RoundTrip(s.Score)), new("distance", s => Numbers.RoundTrip(s.Distance)),
    ];

    public static void MapIndicesApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Indices");
        api.MapGet("/indices", ListIndices)
            .WithSummary("The composite indices: method, reference set and period, weights, aggregation and missing-data rule.");
        api.MapGet("/indices/{id}/scores", GetScoresAsync)
            .WithSummary("Every current council's score, its domains' scores and how many domains have data. Period: each indicator takes its latest period starting on or before the end of this one.");
        api.MapGet("/areas/{code}/similar", GetSimilarAsync)
            .WithSummary("A council's k most similar current councils (k from 1 to 50, default 10), nearest first, with match score (100 = the same, 50 = half as far as the council's median council, 0 = as far as it or farther) and distance. set: an indicator set or an ONS model (ons-global, ons-economic, ons-demographic), which publish no scores.");
    }

    private static Ok<List<IndexSummary>> ListIndices(IndexDefinitions definitions) => TypedResults.Ok(definitions.All.Select(Summary).ToList());

    private static async Task<Results<Ok<List<AreaScore>>, ContentHttpResult, ProblemHttpResult>> GetScoresAsync(string id, string? period,
        HttpContext context, IndexDefinitions definitions, IndexService indices, PlaceRegistry places, CancellationToken cancellationToken)
    {
        if (definitions.Find(id) is not { } definition)
        {
            return ApiSetup.NotFound($"There is no index with the id '{id}'.");
        }
        Period? asOf = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!Period.TryParse(period.Trim(), out var parsed))
            {
                return ApiSetup.BadRequest($"'{period}' is not a period; use an ISO 8601 date or interval such as 2023-01-01/P1Y.");
            }
            asOf = parsed;
        }
        var result = (await indices.ComputeAsync(definition.Id, asOf, cancellationToken))!;
        var scores = Scores(result, places);
        if (CsvResults.Wants(context.Request))
        {
            IReadOnlyList<CsvResults.Column<AreaScore>> columns =
            [
                new("area", s => s.Area), new("name", s => s.Name), new("score", s => Numbers.RoundTrip(s.Score)),
                .. definition.Domains.Select(d => new CsvResults.Column<AreaScore>(d.Id, s => Numbers.RoundTrip(s.Domains[d.Id]))),
                new("domains_with_data", s => Numbers.Whole(s.Coverage.DomainsWithData)),
                new("domains", s => Numbers.Whole(s.Coverage.Domains)),
            ];
            return CsvResults.Csv(scores, columns, $"{definition.Id}-scores.csv", context.Response);
        }
        return TypedResults.Ok(scores);
    }

    private static async Task<Results<Ok<List<SimilarCouncil>>, ContentHttpResult, ProblemHttpResult>> GetSimilarAsync(string code, int? k, string? set,
        HttpContext context, PlaceRegistry places, SimilarAreaSets sets, SimilarAreaService similar, CancellationToken cancellationToken)
    {
        var count = k ?? 10;
        if (count is < 1 or > SimilarAreaService.MaxK)
        {
            return ApiSetup.BadRequest($"k must be from 1 to {SimilarAreaService.MaxK}.");
        }
        if (places.Find(code) is not { } place)
        {
            return ApiSetup.NotFound($"There is no area with the code '{code}'.");
        }
        if (set is not null && sets.Find(set) is null && sets.FindOns(set) is null)
        {
            return ApiSetup.BadRequest($"'{set}' is not a set; use {string.Join(", ", sets.Sets.Select(s => s.Id).Concat(sets.Ons.Select(o => o.Id)))}.");
        }
        if (await similar.FindAsync(place.Code, count, set, cancellationToken) is not { } found)
        {
            return ApiSetup.NotFound($"'{place.Code}' is not a current council; only current councils have similar areas.");
        }
        var rows = found.Neighbours.Select(n => new SimilarCouncil(n.Rank, n.Place.Code, n.Place.Name, n.Score, n.Distance is { } d ? Math.Round(d, 4) : null)).ToList();
        return CsvResults.Wants(context.Request)
            ? CsvResults.Csv(rows, SimilarColumns, $"{place.Code}-similar.csv", context.Response)
            : TypedResults.Ok(rows);
    }

    private static List<AreaScore> Scores(IndexResult result, PlaceRegistry places) =>
        [.. result.Matrix.Areas.Select((code, a) => new AreaScore(code, places.Find(code)?.Name ?? code, Round(result.Headline[a]),
            result.Definition.Domains.ToDictionary(d => d.Id, d => Round(result.ValuesOf(d)[a])),
            new Coverage(result.DomainsWithData(a), result.Definition.Domains.Count)))];

    private static IndexSummary Summary(IndexDefinition d) => new(d.Id, d.Name, d.Summary, d.Method,
        YamlFile.Spelling(IndexReader.Normalisations, d.Normalisation),
        d.Normalisation == IndexNormalisation.ZScoreCapped ? d.K : null,
        d.Normalisation is IndexNormalisation.MinMax or IndexNormalisation.Rank ? d.Scale : null,
        YamlFile.Spelling(IndexReader.ReferenceSets, d.ReferenceSet), d.ReferencePeriod?.ToIso() ?? "latest",
        YamlFile.Spelling(IndexReader.Aggregations, d.Headline.Aggregation), d.Headline.MinimumCoverage, [.. d.Domains.Select(Domain)]);

    private static DomainSummary Domain(IndexNode n) => new(n.Id, n.Name, n.Weight, YamlFile.Spelling(IndexReader.Aggregations, n.Aggregation),
        n.MinimumCoverage, n.Element?.ToString(), n.NoDataReason,
        [.. n.Indicators.Select(i => new IndicatorWeight(i.IndicatorId, i.Weight, i.Polarity == Polarity.LowerIsBetter ? "lower-is-better" : "higher-is-better", i.Period?.ToIso()))],
        [.. n.Children.Select(Domain)]);

    private static double? Round(double value) => double.IsFinite(value) ? Math.Round(value, 4, MidpointRounding.AwayFromZero) : null;
}
