using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Places;

namespace Observatory.Web.Features.Areas;

public sealed class IndexModel(PlaceRegistry places) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Longer words than any place name only make the search slower.</summary>
    public const int MaxQueryLength = 100;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Nation { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Historic { get; set; }

    /// <summary>From the query string by hand: Razor Pages keeps a route value called "page" for itself.</summary>
    public int PageNumber { get; private set; } = 1;

    public IReadOnlyList<Place> Results { get; private set; } = [];

    public IReadOnlyList<Place> PageOfResults { get; private set; } = [];

    public int PageCount { get; private set; }

    /// <summary>Problems with the filters, by field id, for the error summary.</summary>
    public Dictionary<string, string> Problems { get; } = [];

    public bool IsDefaultListing => string.IsNullOrWhiteSpace(Q) && string.IsNullOrEmpty(Type);

    public IActionResult OnGet()
    {
        Q = Q?.Trim() is { Length: > 0 } q ? q[..Math.Min(q.Length, MaxQueryLength)] : null;
        string? nation = null;
        if (!string.IsNullOrEmpty(Nation) && (nation = AreaSearch.NationNamed(Nation)) is null)
        {
            Problems["nation"] = "Choose a nation from the list";
        }
        PlaceType? type = null;
        if (!string.IsNullOrEmpty(Type))
        {
            if (PlaceTypes.TryParseSlug(Type, out var parsed) && AreaSearch.Types.Contains(parsed))
            {
                type = parsed;
            }
            else
            {
                Problems["type"] = "Choose a type of area from the list";
            }
        }
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var pageText = Request.Query["page"].ToString();
        var pageNumber = 1;
        if (pageText.Length > 0 && !int.TryParse(pageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageNumber))
        {
            return NotFound();
        }
        PageNumber = pageNumber;
        Nation = nation;
        Results = AreaSearch.Find(places, Q, nation, type, Historic);
        PageCount = Math.Max(1, (Results.Count + PageSize - 1) / PageSize);
        if (PageNumber < 1 || PageNumber > PageCount)
        {
            return NotFound();
        }
        PageOfResults = [.. Results.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }

    public string? RegionOrNation(Place place) =>
        place.RegionCode is { } region && places.Find(region) is { } r ? r.Name : place.Nation;

    /// <summary>The address of another page of the same results.</summary>
    public string PageHref(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Q is not null)
        {
            query.Add(new("q", Q));
        }
        if (!string.IsNullOrEmpty(Nation))
        {
            query.Add(new("nation", Nation));
        }
        if (!string.IsNullOrEmpty(Type))
        {
            query.Add(new("type", Type));
        }
        if (Historic)
        {
            query.Add(new("historic", "true"));
        }
        if (page > 1)
        {
            query.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return "/areas" + QueryString.Create(query);
    }

    /// <summary>
    /// Page numbers to offer: the first, the last, and those either side of the current one, with gaps (null)
    /// between, as the Design System's pagination pattern shows them.
    /// </summary>
    public IReadOnlyList<int?> PageNumbers()
    {
        var wanted = new SortedSet<int> { 1, PageCount, PageNumber - 1, PageNumber, PageNumber + 1 };
        var numbers = new List<int?>();
        var last = 0;
        foreach (var n in wanted.Where(n => n >= 1 && n <= PageCount))
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
