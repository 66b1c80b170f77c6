using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Indicators;
using Observatory.Indices;
using Observatory.Places;

namespace Observatory.Web.Features.Indices;

public sealed class AreaModel(IndexService indices, PlaceRegistry places, IndicatorCatalogue catalogue) : PageModel
{
    public IndexResult Result { get; private set; } = null!;
    public Place Council { get; private set; } = null!;
    public int Area { get; private set; }
    public IndexExplanation Explanation { get; private set; } = null!;

    public IndexDefinition Definition => Result.Definition;

    public IndicatorDefinition Indicator(string id) => catalogue.Find(id)!;

    public Period? PeriodOf(string indicatorId) => Result.Matrix.Periods[Result.Matrix.Row(indicatorId)];

    public async Task<IActionResult> OnGetAsync(string id, string area, CancellationToken cancellationToken)
    {
        if (places.Find(area) is not { IsCouncil: true } council)
        {
            return NotFound();
        }
        if (await indices.ComputeAsync(id, cancellationToken: cancellationToken) is not { } result || result.AreaIndex(council.Code) is not { } index)
        {
            return NotFound();
        }
        Result = result;
        Council = council;
        Area = index;
        Explanation = result.Explain(index);
        return Page();
    }
}
