using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Places;

namespace Observatory.Web.Features.Areas;

/// <summary>
/// The place search of the home page and the header: one place clearly meant goes straight to its page, anything
/// else is listed, and nothing found says what to try next.
/// </summary>
public sealed class SearchModel(PlaceRegistry places) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The words were sent with nothing in them: the form's error, not an empty page.</summary>
    public bool Blank { get; private set; }

    public PlaceSearchResult? Result { get; private set; }

    public IActionResult OnGet()
    {
        // The form sent with nothing typed binds as null, as does no form at all: only the address tells them apart.
        if (Q is null && !Request.Query.ContainsKey("q"))
        {
            return Page();
        }
        Q = Q?.Trim() ?? "";
        if (Q.Length == 0)
        {
            Blank = true;
            ModelState.AddModelError("q", "Enter the name of a council or place");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Result = places.Names.Search(Q);
        Q = Result.Query;
        return Result.Best is { } place ? Redirect($"/areas/{Uri.EscapeDataString(place.Code)}") : Page();
    }

    public string? RegionOrNation(Place place) =>
        place.RegionCode is { } region && places.Find(region) is { } r ? r.Name : place.Nation;
}
