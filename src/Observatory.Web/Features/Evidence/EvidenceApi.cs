using Microsoft.AspNetCore.Http.HttpResults;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Evidence;

/// <summary>Search the evidence library, and read one item. Only what the caller may see is counted or returned.</summary>
public static class EvidenceApi
{
    public sealed record EvidenceSummary(string Id, string Title, string Kind, IReadOnlyList<string> Places, IReadOnlyList<string> Elements,
        int Strength, string StrengthName, string Status, int? Year, string Snippet, string? Reason, double Rank, string Url);

    public sealed record PlaceNamed(string Code, string Name, IReadOnlyList<string> Neighbours);

    public sealed record SearchResults(int Total, int Page, int PageSize, IReadOnlyList<EvidenceSummary> Items, EvidenceFacets Facets, PlaceNamed? Place);

    public sealed record EvidenceDetail(string Id, string Title, string Kind, string Summary, string? Body, IReadOnlyList<string> Places,
        IReadOnlyList<string> PlaceNames, IReadOnlyList<string> Organisations, int? Year, IReadOnlyList<EvidenceLink> Links,
        IReadOnlyList<string> Elements, int Strength, string StrengthName, string Status, bool Anonymous, EvidenceSource? Source,
        string? Collection, string State, int Version, DateTime Updated, string Url);

    public static void MapEvidenceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Evidence");

        api.MapGet("/evidence", SearchAsync).WithSummary("Search the evidence library: q (words; \"a phrase\"; a place name also finds its neighbours' evidence), element, all, place (each repeatable), "
            + "region, nation, kind (repeatable), strength (minimum level 1–5), year, page, pageSize (1–100). Filters combine with AND; repeated values with OR, "
            + "except all, which needs every element. Facets count the whole match set, each under the other filters. Snippets are HTML with the matched words in <mark>.");

        api.MapGet("/evidence/{id}", GetItemAsync).WithSummary("One evidence item: every field (organisations omitted when it is published anonymously), its curation state, version and when it last changed. 404 when it does not exist or you may not see it.");
    }

    private static async Task<Results<Ok<SearchResults>, ValidationProblem>> SearchAsync(HttpContext context, IEvidenceSearch search,
        CurrentActor current, FrameworkCatalogue frameworks, PlaceRegistry places, CancellationToken cancellationToken)
    {
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
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}.")),
                title: "The request was not valid");
        }
        var result = await search.SearchAsync(current.Actor, query with { PageSize = pageSize }, cancellationToken);
        return TypedResults.Ok(new SearchResults(result.Total, result.Page, result.PageSize, [.. result.Items.Select(Summary)], result.Facets,
            result.Place is { } p ? new PlaceNamed(p.Place.Code, p.Place.Name, [.. p.Neighbours.Select(n => n.Code)]) : null));
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
            record.State.ToString().ToLowerInvariant(), record.Version, record.UpdatedAt, Url(item.Id)));
    }

    public static string Url(string id) => "/evidence/" + Uri.EscapeDataString(id);

    private static EvidenceSummary Summary(EvidenceHit hit) => new(hit.Item.Id, hit.Item.Title, EvidenceSpellings.Of(hit.Item.Kind), hit.Item.Places,
        [.. hit.Item.Elements.Select(e => e.ToString())], hit.Item.Strength, StrengthOfEvidence.NameOf(hit.Item.Strength), EvidenceSpellings.Of(hit.Item.Status),
        hit.Item.Year, hit.SnippetHtml, hit.Reason, Math.Round(hit.Rank, 6), Url(hit.Item.Id));
}
