using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Web.Features.Evidence;

/// <summary>
/// The evidence library: search with filters that combine, facets with counts, and applied filters to remove.
/// The results come first and the filters after them, reached by a "Filter" link (the Ministry of Justice filter
/// pattern as it works without JavaScript), so a phone shows the first result before any filter control; a facet
/// offers only values that would find something, and whatever is chosen.
/// </summary>
public sealed class IndexModel(IEvidenceSearch search, CurrentActor current, FrameworkCatalogue frameworks, PlaceRegistry places) : PageModel
{
    private EvidenceLabels Labels => field ??= new(frameworks, places);

    /// <summary>How many values a facet offers as checkboxes: the largest, and any already chosen.</summary>
    public const int FacetLimit = 12;

    public EvidenceQuery Query { get; private set; } = new();

    public EvidenceSearchResult? Result { get; private set; }

    /// <summary>Problems with the parameters, by field id, for the error summary.</summary>
    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (query, problems) = EvidenceQueryReader.Read(name => [.. Request.Query[name].OfType<string>()], frameworks, places);
        Query = query;
        Problems = problems;
        if (problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Result = await search.SearchAsync(current.Actor, query, cancellationToken);
        if (Result.Page > Result.PageCount)
        {
            return NotFound();
        }
        return Page();
    }

    public string? Text => string.IsNullOrWhiteSpace(Query.Text) ? null : Query.Text;

    public string PlaceName(string code) => Labels.PlaceName(code);

    public string ElementName(string reference) => Labels.ElementName(reference);

    public static string KindName(string spelling) => EvidenceLabels.KindName(spelling);

    /// <summary>The same search as a CSV file of every match (not only this page), from /api/evidence.csv.</summary>
    public string DownloadHref => "/api/evidence.csv" + QueryString.Create(Pairs().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    /// <summary>The same file as <see cref="DownloadHref"/>, as a spreadsheet with a notes sheet (/api/evidence.xlsx).</summary>
    public string SpreadsheetHref => "/api/evidence.xlsx" + QueryString.Create(Pairs().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    /// <summary>How many filters are in force, words aside: shown on the "Filter" link.</summary>
    public int FilterCount => Pairs().Count(p => p.Key != "q");

    /// <summary>The parameters of this search as name/value pairs, in one order, so links built from them are stable.</summary>
    private List<KeyValuePair<string, string>> Pairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (Text is { } q)
        {
            pairs.Add(new("q", q));
        }
        pairs.AddRange(Query.Elements.Select(e => new KeyValuePair<string, string>("element", e.ToString())));
        pairs.AddRange(Query.AllElements.Select(e => new KeyValuePair<string, string>("all", e.ToString())));
        pairs.AddRange(Query.Places.Select(p => new KeyValuePair<string, string>("place", p)));
        if (Query.Region is { } region)
        {
            pairs.Add(new("region", region));
        }
        if (Query.Nation is { } nation)
        {
            pairs.Add(new("nation", nation));
        }
        pairs.AddRange(Query.Kinds.Select(k => new KeyValuePair<string, string>("kind", EvidenceSpellings.Of(k))));
        if (Query.MinimumStrength is { } strength)
        {
            pairs.Add(new("strength", strength.ToString(CultureInfo.InvariantCulture)));
        }
        if (Query.Year is { } year)
        {
            pairs.Add(new("year", year.ToString(CultureInfo.InvariantCulture)));
        }
        return pairs;
    }

    private static string Href(IEnumerable<KeyValuePair<string, string>> pairs) =>
        "/evidence" + QueryString.Create(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    public string PageHref(int page) =>
        Href(page > 1 ? [.. Pairs(), new("page", page.ToString(CultureInfo.InvariantCulture))] : Pairs());

    public sealed record AppliedFilter(string Category, string Label, string RemoveHref);

    /// <summary>Every filter in force, each with a link to the same search without it (back to page 1).</summary>
    public IReadOnlyList<AppliedFilter> Applied()
    {
        var pairs = Pairs();
        var applied = new List<AppliedFilter>();
        foreach (var pair in pairs)
        {
            var (category, label) = pair.Key switch
            {
                "q" => ("Words", $"‘{pair.Value}’"),
                "element" => ("Framework element", ElementName(pair.Value)),
                "all" => ("Every one of", ElementName(pair.Value)),
                "place" => ("Place", PlaceName(pair.Value)),
                "region" => ("Region", PlaceName(pair.Value)),
                "nation" => ("Nation", pair.Value),
                "kind" => ("Kind", KindName(pair.Value)),
                "strength" => ("Strength", $"{StrengthOfEvidence.NameOf(int.Parse(pair.Value, CultureInfo.InvariantCulture))} ({pair.Value}) or stronger"),
                _ => ("Year", pair.Value),
            };
            applied.Add(new AppliedFilter(category, label, Href(pairs.Where(p => !p.Equals(pair)))));
        }
        return applied;
    }

    /// <summary>
    /// A facet's values to offer: the largest few that would find something, and every chosen one (with its count,
    /// 0 when it finds nothing now), so a choice can always be undone in the form.
    /// </summary>
    public static IReadOnlyList<FacetValue> Offered(IReadOnlyList<FacetValue> values, IEnumerable<string> chosen)
    {
        var chosenSet = chosen.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var finding = values.Where(v => v.Count > 0).ToList();
        return [.. finding.Take(FacetLimit).Concat(finding.Skip(FacetLimit).Where(v => chosenSet.Contains(v.Value)))
            .Concat(chosenSet.Where(c => finding.All(v => !string.Equals(v.Value, c, StringComparison.OrdinalIgnoreCase))).Select(c => new FacetValue(c, 0)))];
    }

    /// <summary>
    /// The values of a short, fixed list (kinds, strengths, nations) to offer, in the list's order: those the facet
    /// counts above 0 and those chosen. An option that could only return nothing is not offered.
    /// </summary>
    public static IReadOnlyList<FacetValue> OfferedInOrder(IEnumerable<string> all, IReadOnlyList<FacetValue> values, IEnumerable<string> chosen)
    {
        var chosenSet = chosen.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. all.Select(value => new FacetValue(value,
                values.FirstOrDefault(v => string.Equals(v.Value, value, StringComparison.OrdinalIgnoreCase))?.Count ?? 0))
            .Where(v => v.Count > 0 || chosenSet.Contains(v.Value))];
    }

    /// <summary>
    /// Page numbers to offer: the first, the last, and those either side of the current one, with gaps (null)
    /// between, as the Design System's pagination pattern shows them.
    /// </summary>
    public IReadOnlyList<int?> PageNumbers()
    {
        var count = Result?.PageCount ?? 1;
        var pageNumber = Result?.Page ?? 1;
        var wanted = new SortedSet<int> { 1, count, pageNumber - 1, pageNumber, pageNumber + 1 };
        var numbers = new List<int?>();
        var last = 0;
        foreach (var n in wanted.Where(n => n >= 1 && n <= count))
        {
            if (n > last + 1)
            {
                numbers.Add(null);
            }
            numbers.Add(n);
            last = n;
        }
        return numbers;
    }
}
