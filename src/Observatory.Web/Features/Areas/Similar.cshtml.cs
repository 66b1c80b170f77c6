using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Places;
using Observatory.Similarity;

namespace Observatory.Web.Features.Areas;

public sealed class SimilarModel(PlaceRegistry places, SimilarAreaSets sets, SimilarAreaService similar) : PageModel
{
    public const int DefaultK = 10;

    public Place Area { get; private set; } = null!;
    public SimilarAreas? Found { get; private set; }
    public SimilarAreaSets Sets => sets;
    public string K { get; private set; } = DefaultK.ToString(CultureInfo.InvariantCulture);
    public string Set { get; private set; } = "";

    /// <summary>Problems with the choices, by field id, for the error summary.</summary>
    public Dictionary<string, string> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync(string code, string? k, string? set, CancellationToken cancellationToken)
    {
        if (places.Find(code) is not { IsCouncil: true } area)
        {
            return NotFound();
        }
        Area = area;
        Set = string.IsNullOrWhiteSpace(set) ? sets.Default.Id : set.Trim();
        var count = DefaultK;
        if (!string.IsNullOrWhiteSpace(k))
        {
            K = k.Trim();
            if (!int.TryParse(K, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > SimilarAreaService.MaxK)
            {
                Problems["k"] = $"Number of councils must be a whole number from 1 to {SimilarAreaService.MaxK}";
            }
        }
        if (sets.Find(Set) is null && sets.FindOns(Set) is null)
        {
            Problems["set"] = "Choose how to compare councils from the list";
        }
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Found = await similar.FindAsync(area.Code, count, Set, cancellationToken);
        return Page();
    }
}
