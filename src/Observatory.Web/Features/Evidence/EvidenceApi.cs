using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// Search the evidence library, and read one item. Only what the caller may see is counted or returned. A search
/// is also a CSV file of every match in the order the pages list them (<c>/api/evidence.csv</c>, or
/// <c>Accept: text/csv</c>): the evidence list's "Download" link.
/// </summary>
public static class EvidenceApi
{
    public sealed record EvidenceSummary(string Id, string Title, string Kind, IReadOnlyList<string> Places, IReadOnlyList<string> Elements,
        int Strength, string StrengthName, string Status, int? Year, string Snippet, string? Reason, double Rank, string Url);

    public sealed record PlaceNamed(string Code, string Name, IReadOnlyList<string> Neighbours);

    public sealed record SearchResults(int Total, int Page, int PageSize, IReadOnlyList<EvidenceSummary> Items, EvidenceFacets Facets, PlaceNamed? Place);

    public sealed record EvidenceDetail(string Id, string Title, string Kind, string Summary, string? Body, IReadOnlyList<string> Places,
        IReadOnlyList<string> PlaceNames, IReadOnlyList<string> Organisations, int? Year, IReadOnlyList<EvidenceLink> Links,
        IReadOnlyList<string> Elements, int Strength, string StrengthName, string Status, bool Anonymous, EvidenceSource? Source,
        string? Collection, string State, int Version, DateTime Updated, string Url, string? StrengthReason, IReadOnlyList<TagReason> TagReasons,
        string? NoAreaOfFocus);

    /// <summary>Why the item is tagged with one element, from its source.</summary>
    public sealed record TagReason(string Element, string Because);

    public static void MapEvidenceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Evidence");

        api.MapGet("/evidence", SearchAsync).WithSummary("Search the evidence library: q (words; \"a phrase\"; a place name also finds its neighbours' evidence), element, all, place (each repeatable), "
            + "region, nation, kind (repeatable), strength (minimum level 1–5), year, page, pageSize (1–100). Filters combine with AND; repeated values with OR, "
            + "except all, which needs every element. Facets count the whole match set, each under the other filters. Snippets are HTML with the matched words in <mark>.");

        api.MapGet("/evidence.csv", SearchAsCsvAsync).WithSummary("The same search as /api/evidence, as CSV: every match (not one page) in the order the pages list them, one row per item. "
            + "page and pageSize are refused, as the file holds every match.");

        api.MapGet("/evidence.xlsx", SearchAsXlsxAsync).WithSummary("The same search as /api/evidence.csv, as a spreadsheet (XLSX) with a notes sheet giving the sources, their licences and the date made.");

        api.MapGet("/evidence/{id}", GetItemAsync).WithSummary("One evidence item: every field (organisations omitted when it is published anonymously), its curation state, version and when it last changed. 404 when it does not exist or you may not see it.");
    }

    private static async Task<Results<Ok<SearchResults>, ContentHttpResult, ValidationProblem>> SearchAsync(HttpContext context, IEvidenceSearch search,
        CurrentActor current, FrameworkCatalogue frameworks, PlaceRegistry places, PublicAddress address, CancellationToken cancellationToken)
    {
        if (CsvResults.Wants(context.Request))
        {
            return await SearchAsCsvAsync(context, search, current, frameworks, places, address, cancellationToken) switch
            {
                { Result: ContentHttpResult csv } => csv,
                { Result: ValidationProblem problem } => problem,
                _ => throw new InvalidOperationException("The CSV search answers a file or a problem."),
            };
        }
        var request = context.Request.Query;
        var (query, problems) = EvidenceQueryReader.Read(name => [.. request[name].OfType<string>()], frameworks, places);
        var errors = problems.ToDictionary(p => p.Key, p => new[] { p.Value });
        var pageSize = EvidenceQuery.DefaultPageSize;
        if (request["pageSize"].ToString() is { Length: > 0 } sizeText
            && (!int.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageSize)
                || pageSize < 1 || pageSize > EvidenceQuery.MaxPageSize))
        {
            errors["pageSize"] = [$"'{sizeText}' is not allowed: pageSize is a whole number from 1 to {EvidenceQuery.MaxPageSize}"];
        }
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }
        var result = await search.SearchAsync(current.Actor, query with { PageSize = pageSize }, cancellationToken);
        return TypedResults.Ok(new SearchResults(result.Total, result.Page, result.PageSize, [.. result.Items.Select(Summary)], result.Facets,
            result.Place is { } p ? new PlaceNamed(p.Place.Code, p.Place.Name, [.. p.Neighbours.Select(n => n.Code)]) : null));
    }

    /// <summary>
    /// Every match of a search as CSV, read by the same <see cref="EvidenceQueryReader"/> and answered by the same
    /// search as the list, so the file holds exactly the items the list counts. Written by <see cref="CsvResults"/>,
    /// which neutralises anything a spreadsheet would run as a formula.
    /// </summary>
    private static async Task<Results<ContentHttpResult, ValidationProblem>> SearchAsCsvAsync(HttpContext context, IEvidenceSearch search,
        CurrentActor current, FrameworkCatalogue frameworks, PlaceRegistry places, PublicAddress address, CancellationToken cancellationToken)
    {
        var (csv, invalid) = await SearchCsvAsync(context, search, current, frameworks, places, address, cancellationToken);
        return invalid is not null ? invalid : CsvResults.Csv(csv!.Value.Rows, csv.Value.Columns, "evidence-results.csv", context.Response);
    }

    /// <summary>The same file as <see cref="SearchAsCsvAsync"/>, as a spreadsheet.</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem>> SearchAsXlsxAsync(HttpContext context, IEvidenceSearch search,
        CurrentActor current, FrameworkCatalogue frameworks, PlaceRegistry places, PublicAddress address, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (csv, invalid) = await SearchCsvAsync(context, search, current, frameworks, places, address, cancellationToken);
        return invalid is not null
            ? invalid
            : SpreadsheetResults.File(CsvResults.Write(csv!.Value.Rows, csv.Value.Columns),
                SpreadsheetResults.Notes("Evidence library: the items of a search", clock, SpreadsheetNotes.EvidenceDocuments, SpreadsheetNotes.Observatory),
                "evidence-results" + SpreadsheetResults.Extension);
    }

    private static async Task<((IEnumerable<(int Position, EvidenceHit Hit)> Rows, IReadOnlyList<CsvResults.Column<(int Position, EvidenceHit Hit)>> Columns)? Csv, ValidationProblem? Invalid)> SearchCsvAsync(
        HttpContext context, IEvidenceSearch search, CurrentActor current, FrameworkCatalogue frameworks, PlaceRegistry places, PublicAddress address,
        CancellationToken cancellationToken)
    {
        var request = context.Request.Query;
        var (query, problems) = EvidenceQueryReader.Read(name => [.. request[name].OfType<string>()], frameworks, places);
        var errors = problems.ToDictionary(p => p.Key, p => new[] { p.Value });
        foreach (var paging in new[] { "page", "pageSize" })
        {
            if (request.ContainsKey(paging))
            {
                errors[paging] = [$"the CSV holds every match, so it takes the search's words and filters but not {paging}"];
            }
        }
        if (errors.Count > 0)
        {
            return (null, Invalid(errors));
        }
        var hits = await search.EveryMatchAsync(current.Actor, query with { Page = 1 }, cancellationToken);
        // Links name the configured public address, never the request's Host header (docs/security.md).
        var site = address.BaseUrl.AbsoluteUri;
        return ((hits.Select((hit, i) => (Position: i + 1, Hit: hit)), CsvColumns(new EvidenceLabels(frameworks, places), site)), null);
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}.")), title: "The request was not valid");

    /// <summary>
    /// The columns of the results file: the codes a program reads (kind, places, elements, as the API spells them)
    /// beside the names a person reads, and the item's address on the site.
    /// </summary>
    public static IReadOnlyList<CsvResults.Column<(int Position, EvidenceHit Hit)>> CsvColumns(EvidenceLabels labels, string siteUrl)
    {
        ArgumentNullException.ThrowIfNull(labels);
        const string separator = EvidenceExports.ListSeparator;
        return
        [
            new("position", r => r.Position.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("id", r => r.Hit.Item.Id),
            new("title", r => r.Hit.Item.Title),
            new("kind", r => EvidenceSpellings.Of(r.Hit.Item.Kind)),
            new("kind_name", r => EvidenceSpellings.KindName(r.Hit.Item.Kind)),
            new("strength", r => r.Hit.Item.Strength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("strength_name", r => StrengthOfEvidence.NameOf(r.Hit.Item.Strength)),
            new("year", r => r.Hit.Item.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("places", r => string.Join(separator, r.Hit.Item.Places)),
            new("place_names", r => string.Join(separator, r.Hit.Item.Places.Count > 0 ? r.Hit.Item.Places.Select(labels.PlaceName) : r.Hit.Item.PlaceNames)),
            new("elements", r => string.Join(separator, r.Hit.Item.Elements)),
            new("element_names", r => string.Join(separator, r.Hit.Item.Elements.Select(e => labels.ElementName(e.ToString())))),
            new("organisations", r => string.Join(separator, r.Hit.Item.ShownOrganisations)),
            new("summary", r => r.Hit.Item.Summary),
            new("matched_because", r => r.Hit.Reason),
            new("url", r => EvidenceExports.ItemUrl(siteUrl, r.Hit.Item.Id)),
        ];
    }

    private static async Task<Results<Ok<EvidenceDetail>, ProblemHttpResult>> GetItemAsync(string id, CurrentActor current, EvidenceLibrary library,
        CancellationToken cancellationToken)
    {
        if (await library.FindAsync(current.Actor, id, cancellationToken) is not { } record)
        {
            return ApiSetup.NotFound($"There is no evidence item with the id '{id}'.");
        }
        var item = record.Item;
        return TypedResults.Ok(new EvidenceDetail(item.Id, item.Title, EvidenceSpellings.Of(item.Kind), item.Summary, item.Body, item.Places,
            item.PlaceNames, item.ShownOrganisations, item.Year, item.Links, [.. item.Elements.Select(e => e.ToString())], item.Strength,
            StrengthOfEvidence.NameOf(item.Strength), EvidenceSpellings.Of(item.Status), item.Anonymous, item.Source, item.Collection,
            record.State.ToString().ToLowerInvariant(), record.Version, record.UpdatedAt, Url(item.Id), item.StrengthReason,
            [.. item.TagReasons.Select(r => new TagReason(r.Element.ToString(), r.Because))], item.NoAreaOfFocus));
    }

    public static string Url(string id) => "/evidence/" + Uri.EscapeDataString(id);

    private static EvidenceSummary Summary(EvidenceHit hit) => new(hit.Item.Id, hit.Item.Title, EvidenceSpellings.Of(hit.Item.Kind), hit.Item.Places,
        [.. hit.Item.Elements.Select(e => e.ToString())], hit.Item.Strength, StrengthOfEvidence.NameOf(hit.Item.Strength), EvidenceSpellings.Of(hit.Item.Status),
        hit.Item.Year, hit.SnippetHtml, hit.Reason, Math.Round(hit.Rank, 6), Url(hit.Item.Id));
}
