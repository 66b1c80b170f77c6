using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Indicators;
using Observatory.Indices;
using Observatory.Places;
using Observatory.Rendering.Charts.Maps;

namespace Observatory.Web.Features.Indices;

public sealed class ShowModel(IndexService indices, PlaceRegistry places, BoundarySet boundaries, IndicatorCatalogue catalogue) : PageModel
{
    public IndexResult Result { get; private set; } = null!;
    public Choropleth Map { get; private set; } = null!;
    public IReadOnlyList<(Place Council, int Area)> Rows { get; private set; } = [];

    public IndexDefinition Definition => Result.Definition;

    public IndicatorDefinition? Indicator(string id) => catalogue.Find(id);

    public Period? PeriodOf(string indicatorId) => Result.Matrix.Periods[Result.Matrix.Row(indicatorId)];

    public int ScoredCount(IndexNode node) => Result.ValuesOf(node).Count(double.IsFinite);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await indices.ComputeAsync(id, cancellationToken: cancellationToken) is not { } result)
        {
            return NotFound();
        }
        Result = result;
        Rows = [.. result.Matrix.Areas.Select((code, a) => (places.Find(code)!, a)).OrderBy(r => r.Item1.Name, StringComparer.OrdinalIgnoreCase)];
        var d = result.Definition;
        Map = ChoroplethMap.Draw(boundaries, $"{d.Name} by council",
            $"A map of the United Kingdom's councils shaded by their {d.Name} score; the table below gives every council's score.",
            Rows.Select(r => (r.Council, r.Area, Boundary: AreaBoundaries.For(places, boundaries, r.Council.Code)))
                .Where(r => r.Boundary is not null)
                .Select(r => new ChoroplethValue(r.Boundary!.Code, r.Council.Name, double.IsFinite(result.Headline[r.Area]) ? result.Headline[r.Area] : null,
                    IndexText.Score(d, result.Headline[r.Area]), $"/indices/{d.Id}/{r.Council.Code}")),
            new ChoroplethOptions { Id = "index-map", Polarity = MapPolarity.HigherIsBetter, FormatValue = v => IndexText.Score(d, v) });
        return Page();
    }
}
