using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Portraits;
using Observatory.Rendering.Charts;

namespace Observatory.Web.Features.Portraits;

/// <summary>
/// One place's portrait, shared by /portraits/{definition}/{place} and /areas/{code}/portrait: load, call the
/// portrait service, render the chart, the summary and the table (and, unless printing, the forms, a comparison
/// and small multiples over time).
/// </summary>
public abstract class PortraitPageModel(PlaceRegistry places, PortraitDefinitions definitions, PortraitService service) : PageModel
{
    /// <summary>Small multiples drawn for a national definition: enough to show the trend, few enough to read.</summary>
    public const int MaxSmallMultiples = 6;

    public sealed record SmallMultiple(string Label, Portrait Portrait, string Svg);

    protected PortraitDefinitions AllDefinitions => definitions;

    public PortraitLookup Lookup { get; private set; } = null!;
    public Portrait Portrait => Lookup.Portrait!;
    public PortraitDefinition Definition => Lookup.Definition!;
    public string Chart { get; private set; } = "";
    public IReadOnlyList<PortraitDefinition> Definitions { get; private set; } = [];
    public IReadOnlyList<NationalYear> Periods { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> ComparePlaces { get; private set; } = [];
    public PortraitLookup? Compare { get; private set; }
    public string? CompareChart { get; private set; }
    public string? CompareError { get; private set; }
    public string? PeriodError { get; private set; }
    public IReadOnlyList<SmallMultiple> SmallMultiples { get; private set; } = [];
    public bool Print { get; private set; }
    public string? PeriodText { get; private set; }

    /// <summary>Where the page's own GET forms go.</summary>
    public abstract string SelfPath { get; }

    /// <summary>The organisation whose local targets the portrait is drawn against (the local-targets lens), if any.</summary>
    public Observatory.Accounts.Organisation? LensOrganisation { get; private set; }

    /// <summary>Organisations whose local targets for this place the reader may see, for the lens links.</summary>
    public IReadOnlyList<Observatory.Accounts.Organisation> LensOrganisations { get; private set; } = [];

    /// <summary>Whether the reader may set local targets for this place (a contributor of an organisation serving it).</summary>
    public bool CanSetTargets { get; private set; }

    protected async Task<IActionResult> LoadAsync(string code, string? definitionId, string? period, string? compare, bool print, string? format, CancellationToken cancellationToken,
        string? targets = null)
    {
        Print = print;
        PeriodText = period;
        var local = await LocalLensAsync(code, definitionId, targets, cancellationToken);
        Lookup = await PortraitRequest.ResolveAsync(code, definitionId, period, places, definitions, service, cancellationToken, local);
        if (Lookup.Problem == PortraitProblem.BadPeriod)
        {
            // A period the data do not have is the reader's mistake: say so over the latest portrait, with a 400.
            PeriodError = Lookup.Detail;
            PeriodText = null;
            Lookup = await PortraitRequest.ResolveAsync(code, definitionId, null, places, definitions, service, cancellationToken, local);
        }
        if (Lookup.Portrait is null)
        {
            return NotFound();
        }
        Chart = DoughnutChart.Draw(Portrait, Lookup.PlaceName);
        if (string.Equals(format, "svg", StringComparison.OrdinalIgnoreCase))
        {
            Response.Headers.ContentDisposition = $"attachment; filename=\"portrait-{Lookup.PlaceCode}-{Definition.Id}.svg\"";
            return Content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + Chart, "image/svg+xml; charset=utf-8");
        }
        Definitions = [.. definitions.All.Where(d => PortraitRequest.Covers(d, Lookup.PlaceCode, places))];
        Periods = service.PeriodsOf(Definition.Id);
        ComparePlaces = Definition.Places switch
        {
            PortraitPlaces.UkCouncils => [.. places.Councils.Where(c => c.Code != Lookup.PlaceCode).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (c.Code, c.Name))],
            PortraitPlaces.Countries => [.. (await service.ForAllPlacesAsync(Definition.Id, Portrait.Period, cancellationToken: cancellationToken))!.Places
                .Where(p => !p.Equals(Lookup.PlaceCode, StringComparison.OrdinalIgnoreCase))
                .Select(p => (Code: p, Name: PortraitRequest.NameOf(p, places) ?? p)).OrderBy(p => p.Name, StringComparer.Ordinal)],
            _ => [],
        };
        if (!print && !string.IsNullOrWhiteSpace(compare))
        {
            var other = await PortraitRequest.ResolveAsync(compare, Definition.Id, Portrait.Period is { } p && Definition.Places != PortraitPlaces.UkCouncils ? p.Start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : period,
                places, definitions, service, cancellationToken);
            if (other.Portrait is { } otherPortrait)
            {
                Compare = other;
                CompareChart = DoughnutChart.Draw(otherPortrait, other.PlaceName, new DoughnutChartOptions { Id = "compare", Small = true, Caption = other.PlaceName });
            }
            else
            {
                CompareError = other.Detail;
            }
        }
        if (!print && Definition.Places != PortraitPlaces.UkCouncils)
        {
            SmallMultiples = await SmallMultiplesAsync(cancellationToken);
        }
        if (PeriodError is not null || CompareError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    /// <summary>
    /// The local-targets lens: with <c>?targets=organisation-slug</c>, the thresholds that organisation set for
    /// this place replace the definition's. Only targets the reader may see are used.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, Observatory.Portraits.ThresholdOverride>?> LocalLensAsync(string code, string? definitionId, string? slug, CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        var targets = services.GetRequiredService<Observatory.Portraits.LocalTargets>();
        var actor = services.GetRequiredService<Observatory.Accounts.CurrentActor>().Actor;
        var place = places.Find(code);
        var definition = definitionId ?? (place is { IsCouncil: true } ? "uk-council" : null);
        if (place is null || definition is null)
        {
            return null;
        }
        LensOrganisations = await targets.OrganisationsWithTargetsAsync(place.Code, definition, cancellationToken);
        CanSetTargets = (await targets.SettableByAsync(actor, place.Code, cancellationToken)).Count > 0;
        if (string.IsNullOrWhiteSpace(slug) || LensOrganisations.FirstOrDefault(o => o.Slug == slug) is not { } organisation)
        {
            return null;
        }
        LensOrganisation = organisation;
        return await targets.OverridesAsync(organisation.Id, place.Code, definition, cancellationToken);
    }

    /// <summary>The historical years, evenly spaced from the first to the last, as small doughnuts.</summary>
    private async Task<IReadOnlyList<SmallMultiple>> SmallMultiplesAsync(CancellationToken cancellationToken)
    {
        var years = Periods.Where(y => y.Series == "historical").Select(y => y.Period.Start.Year).Distinct().ToList();
        if (years.Count < 2)
        {
            return [];
        }
        var picked = years.Count <= MaxSmallMultiples
            ? years
            : [.. Enumerable.Range(0, MaxSmallMultiples).Select(i => years[(int)Math.Round(i * (years.Count - 1) / (double)(MaxSmallMultiples - 1))]).Distinct()];
        var result = new List<SmallMultiple>();
        foreach (var year in picked)
        {
            if (await service.ForPlaceAsync(Lookup.PlaceCode, Definition.Id, Period.Year(year), cancellationToken: cancellationToken) is { } portrait)
            {
                var label = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
                result.Add(new SmallMultiple(label, portrait, DoughnutChart.Draw(portrait, Lookup.PlaceName, new DoughnutChartOptions { Id = $"year-{label}", Small = true, Caption = label })));
            }
        }
        return result;
    }
}
