using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Rendering.Charts;
using Observatory.Rendering.Charts.Maps;

namespace Observatory.Web.Features.Portraits;

public sealed class DefinitionModel(PortraitDefinitions definitions, PortraitService service, PlaceRegistry places, BoundarySet boundaries, DrawingCache drawings) : PageModel
{
    public PortraitDefinition Definition { get; private set; } = null!;
    public PortraitBatch Batch { get; private set; } = null!;
    public IReadOnlyList<PlaceCounts> Rows { get; private set; } = [];
    public IReadOnlyList<NationalYear> Periods { get; private set; } = [];
    public Choropleth? Map { get; private set; }
    public string Scatter { get; private set; } = "";
    public string? PeriodError { get; private set; }
    public string? PeriodText { get; private set; }

    public async Task<IActionResult> OnGetAsync(string definition, string? period, CancellationToken cancellationToken)
    {
        if (definitions.Find(definition) is not { } found)
        {
            return NotFound();
        }
        Definition = found;
        Periods = service.PeriodsOf(found.Id);
        PeriodText = period;
        if (!PortraitRequest.TryReadPeriod(period, found, service, out var parsed, out var error))
        {
            PeriodError = error;
            PeriodText = null;
            parsed = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        if (await service.ForAllPlacesAsync(found.Id, parsed, cancellationToken: cancellationToken) is not { } batch)
        {
            return NotFound();
        }
        Batch = batch;
        Rows = [.. PortraitCounts.Of(batch, places).OrderBy(r => r.Name, StringComparer.Ordinal)];
        var socialTotal = found.Ring(Ring.Social).Count();
        var ecologicalTotal = found.Ring(Ring.Ecological).Count();
        // The scatter and the map depend only on the counts drawn: kept for as long as the same counts are asked for.
        var key = DrawingCache.KeyOf("portrait-counts", [found.Id, socialTotal, ecologicalTotal, .. Rows.Select(r => $"{r.Place}|{r.Name}|{r.SocialAchieved}|{r.SocialWithData}|{r.EcologicalTransgressed}")]);
        Scatter = drawings.GetOrDraw($"scatter:{key}", () => DoughnutScatter.Draw("scatter", $"Social thresholds achieved against ecological boundaries transgressed, {Definition.Name}",
            [.. Rows.Select(r => new ScatterPlace(r.Name, r.EcologicalTransgressed, r.SocialAchieved))], ecologicalTotal, socialTotal));
        if (found.Places == PortraitPlaces.UkCouncils)
        {
            var byCode = Rows.ToDictionary(r => r.Place, StringComparer.OrdinalIgnoreCase);
            Map = drawings.GetOrDraw($"map:{key}", () => ChoroplethMap.Draw(boundaries, "Social thresholds achieved by council",
                "A map of the United Kingdom's councils shaded by the number of social thresholds each achieves; the table below gives every council's counts.",
                boundaries.Areas.Select(b => AreaBoundaries.PlaceFor(places, b.Code) is { } place && byCode.TryGetValue(place.Code, out var row)
                    ? new ChoroplethValue(b.Code, row.Name, row.SocialWithData == 0 ? null : row.SocialAchieved, $"{row.SocialAchieved} of {row.SocialWithData} social thresholds achieved")
                    : new ChoroplethValue(b.Code, b.Name, null, "No data")),
                new ChoroplethOptions { Id = "achieved", Polarity = MapPolarity.HigherIsBetter, FormatValue = v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture) }));
        }
        return Page();
    }
}
