using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Registers;
using Observatory.Web.Features.Shared;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Registers;

/// <summary>
/// The public finder of the algorithm register: words and the facets of GOV.UK's algorithmic transparency records
/// finder, in the filter pattern of the evidence library (results first, filters after them, a plain GET form that
/// works without JavaScript), paged.
/// </summary>
public sealed class IndexModel(AlgorithmRegister register) : PageModel
{
    public const int PageSize = 20;

    public RegisterPage? Result { get; private set; }

    public RegisterQuery Query { get; private set; } = new(null, new Dictionary<string, IReadOnlyList<string>>());

    public FormErrors Errors { get; } = new();

    public string? Text => string.IsNullOrWhiteSpace(Query.Text) ? null : Query.Text.Trim();

    public async Task<IActionResult> OnGetAsync(string? q, CancellationToken cancellationToken)
    {
        var filters = AlgorithmRegister.FacetFields.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)[.. Request.Query[f.Key].OfType<string>().Where(v => v.Length > 0)]);
        var page = 1;
        if (Request.Query.TryGetValue("page", out var p) && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            Errors.Add("q", "The page must be a whole number from 1");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Query = new RegisterQuery(q?.Trim(), filters, page, PageSize);
        if (!(await register.SearchAsync(Query, cancellationToken)).Succeeded(out var result, out var refusal))
        {
            return this.Refuse(refusal, Errors) ?? Page();
        }
        if (result.Query.Page > result.Pages)
        {
            return NotFound();
        }
        Result = result;
        return Page();
    }

    private List<KeyValuePair<string, string?>> Pairs()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (Text is not null)
        {
            pairs.Add(new("q", Text));
        }
        foreach (var (key, values) in Query.Filters)
        {
            pairs.AddRange(values.Select(v => new KeyValuePair<string, string?>(key, v)));
        }
        return pairs;
    }

    public string PageHref(int page) => "/registers/algorithms" + QueryString.Create(page > 1 ? [.. Pairs(), new("page", page.ToString(CultureInfo.InvariantCulture))] : Pairs());

    public string DownloadHref => "/api/registers/algorithms" + QueryString.Create([.. Pairs(), new("format", "csv")]);

    public sealed record AppliedFilter(string Category, string Label, string RemoveHref);

    public IReadOnlyList<AppliedFilter> Applied()
    {
        var pairs = Pairs();
        return [.. pairs.Select(pair =>
        {
            var facet = Result?.Facets.FirstOrDefault(f => f.Key == pair.Key);
            var (category, label) = pair.Key == "q" ? ("Words", $"‘{pair.Value}’") : (facet?.Name ?? pair.Key, facet?.Values.FirstOrDefault(v => v.Value == pair.Value)?.Label ?? pair.Value!);
            return new AppliedFilter(category, label, "/registers/algorithms" + QueryString.Create(pairs.Where(x => !x.Equals(pair))));
        })];
    }
}
