using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Rendering.Charts;
using Observatory.Rendering.Charts.Maps;

namespace Observatory.Web.Features.Indicators;

/// <summary>
/// One indicator for one period: every council on a map and a dot plot, every area in a table, chosen areas over
/// time, and what the numbers are. An unknown or malformed period is answered with 400 and an error on the period
/// selector, and the page shows the default period beneath it, so the reader can pick again.
/// </summary>
public sealed class ShowModel(IndicatorCatalogue catalogue, ObservationQueries queries, IndicatorCoverage coverage, PlaceRegistry places,
    BoundarySet boundaries, FrameworkLibrary library, DrawingCache drawings) : PageModel
{
    /// <summary>One row of the table of areas: every area with a value or a status in the period.</summary>
    public sealed record AreaRow(string Code, string Name, string Type, ObservationPoint Point);

    public sealed record Distribution(double Lowest, double LowerQuartile, double Median, double UpperQuartile, double Highest, int Count);

    public IndicatorDefinition Indicator { get; private set; } = null!;
    public IndicatorDataset Dataset { get; private set; } = null!;
    public IReadOnlyList<Period> Periods { get; private set; } = [];
    public Period? Period { get; private set; }
    public string? PeriodError { get; private set; }
    public string? AreasError { get; private set; }
    public string AreasText { get; private set; } = "";

    /// <summary>"Did you mean" for each area name nothing matched, each choice a link that charts it instead (no script needed).</summary>
    public IReadOnlyList<(string Entry, IReadOnlyList<(string Name, string Href)> Choices)> AreaCorrections { get; private set; } = [];

    /// <summary>The codes of the areas charted, for links and forms that keep the chart as it is.</summary>
    public string AreaCodes { get; private set; } = "";
    public IReadOnlyList<AreaRow> Rows { get; private set; } = [];
    public int CouncilsWithData { get; private set; }
    public Choropleth? Map { get; private set; }
    public Chart? DotPlot { get; private set; }
    public Distribution? Spread { get; private set; }
    public IReadOnlyList<TrendSeries> Trend { get; private set; } = [];
    public IReadOnlyList<Period> TrendPeriods { get; private set; } = [];
    public Chart? TrendChart { get; private set; }
    public IReadOnlyList<(Framework Framework, FrameworkElement Element)> Elements { get; private set; } = [];
    public IReadOnlyList<string> Errors => [.. new[] { PeriodError, AreasError }.OfType<string>()];

    public string Format(double? value) => value is { } v ? Indicator.FormatValue(v) : "";

    public string Label(Period period) => period.Label(Indicator);

    public async Task<IActionResult> OnGetAsync(string id, string? period, [FromQuery] string[]? areas, CancellationToken cancellationToken)
    {
        if (catalogue.Find(id) is not { } indicator)
        {
            return NotFound();
        }
        Indicator = indicator;
        Dataset = catalogue.FindDataset(indicator.DatasetId)!;
        var frameworks = await library.GetCatalogueAsync(cancellationToken);
        Elements = [.. indicator.Evidences
            .Select(e => (Framework: frameworks.Find(e.FrameworkId), Element: frameworks.FindElement(e)))
            .Where(p => p.Framework is not null && p.Element is not null)
            .Select(p => (p.Framework!, p.Element!))];
        Periods = await queries.PeriodsAsync(id, cancellationToken);
        Period = await ChoosePeriodAsync(id, period, cancellationToken);

        var points = Period is { } shown ? await queries.ForIndicatorAsync(id, period: shown, cancellationToken: cancellationToken) : [];
        Rows = [.. points
            .Select(p => places.Find(p.AreaCode) is { } place ? new AreaRow(p.AreaCode, place.Name, place.TypeName, p) : new AreaRow(p.AreaCode, p.AreaCode, "", p))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Code, StringComparer.Ordinal)];
        var councils = Rows.Where(r => places.Find(r.Code) is { IsCouncil: true }).ToList();
        var councilValues = councils.Where(r => r.Point.Value is not null).Select(r => new DotPlotValue(r.Code, r.Name, r.Point.Value!.Value)).ToList();
        CouncilsWithData = councilValues.Count;
        if (Period is { } p && councils.Count > 0)
        {
            DrawCouncils(councils, councilValues, p);
        }
        await ChooseTrendAsync(id, areas, points, councilValues, cancellationToken);

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    private async Task<Period?> ChoosePeriodAsync(string id, string? requested, CancellationToken cancellationToken)
    {
        var fallback = await coverage.DefaultPeriodAsync(id, cancellationToken);
        if (string.IsNullOrWhiteSpace(requested))
        {
            return fallback;
        }
        string? problem = null;
        if (!Observatory.Indicators.Period.TryParse(requested, out var parsed))
        {
            problem = $"‘{requested}’ is not a period. Choose a period from the list";
        }
        else if (!Periods.Contains(parsed))
        {
            problem = $"There is no data for {Indicator.Name} {parsed.Preposition} {parsed.Label(Indicator)}. Choose a period from the list";
        }
        if (problem is null)
        {
            return parsed;
        }
        PeriodError = problem;
        ModelState.AddModelError("period", problem);
        return fallback;
    }

    private void DrawCouncils(List<AreaRow> councils, List<DotPlotValue> values, Period period)
    {
        var mapValues = new List<ChoroplethValue>();
        foreach (var row in councils)
        {
            // Boundaries carry the codes of May 2024; a council recoded since is drawn over its predecessor's shape.
            var code = boundaries.Find(row.Code) is not null ? row.Code
                : places.PredecessionOf(row.Code).Select(c => c.FormerCode).FirstOrDefault(c => boundaries.Find(c) is not null) ?? row.Code;
            var text = row.Point.Value is { } v ? Indicator.FormatValue(v) : IndicatorText.Status(row.Point.Status) is { Length: > 0 } s ? s : ChoroplethMap.NoDataLabel;
            mapValues.Add(new ChoroplethValue(code, row.Name, row.Point.Value, text, $"/areas/{row.Code}"));
        }
        var label = period.Label(Indicator);
        // Drawing every UK council is most of the page's work: kept for as long as the same values are asked for.
        var key = DrawingCache.KeyOf("indicator-map", [Indicator.Id, label, .. mapValues.Select(v => $"{v.Code}|{v.Name}|{v.Value?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}|{v.ValueText}|{v.Href}")]);
        Map = drawings.GetOrDraw(key, () => ChoroplethMap.Draw(boundaries, $"{Indicator.Name}, {label}: map of UK councils",
            $"{Indicator.Name} ({IndicatorText.Unit(Indicator)}) for each UK council in {label}.",
            mapValues.DistinctBy(v => v.Code),
            new ChoroplethOptions
            {
                Id = "map",
                Polarity = Indicator.Polarity switch { Polarity.HigherIsBetter => MapPolarity.HigherIsBetter, Polarity.LowerIsBetter => MapPolarity.LowerIsBetter, _ => MapPolarity.Neither },
                FormatValue = Indicator.FormatValue,
            }));
        if (values.Count == 0)
        {
            return;
        }
        DotPlot = IndicatorCharts.DotPlot("dots", $"{Indicator.Name}, {label}: every council's value", values, Indicator.FormatValue, Indicator.Thresholds,
            Indicator.Polarity == Polarity.Neither ? null : $"{IndicatorText.Polarity(Indicator.Polarity)}.");
        var sorted = values.Select(v => v.Value).Order().ToArray();
        Spread = new Distribution(sorted[0], Quantile(sorted, 0.25), IndicatorStatistics.Median(sorted), Quantile(sorted, 0.75), sorted[^1], sorted.Length);
    }

    private async Task ChooseTrendAsync(string id, string[]? requested, IReadOnlyList<ObservationPoint> points, List<DotPlotValue> councilValues, CancellationToken cancellationToken)
    {
        // A blank areas= binds as a null entry. Names or codes, so nobody has to look a code up first.
        var typed = string.Join(", ", (requested ?? []).OfType<string>()
            .SelectMany(a => a.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        var codes = new List<string>();
        if (typed.Length > 0)
        {
            var named = PlaceNames.Resolve(places, typed);
            codes = [.. named.Found.Select(p => p.Code)];
            if (named.Unknown.Count > 0)
            {
                var quoted = named.Unknown.Take(5).Select(u => $"‘{(u.Length > Observatory.Content.InputLimits.QuoteLength ? u[..Observatory.Content.InputLimits.QuoteLength] + "…" : u)}’").ToList();
                var entries = typed.Split(',', StringSplitOptions.TrimEntries);
                AreaCorrections = [.. named.Unknown.Take(5)
                    .Select(u => (Entry: u, Choices: (IReadOnlyList<(string, string)>)[.. PlaceNames.Suggest(places, u)
                        .Select(p => (p.Name, $"/indicators/{Uri.EscapeDataString(id)}?{(Period is { } period ? $"period={Uri.EscapeDataString(period.ToIso())}&" : "")}areas="
                            + Uri.EscapeDataString(string.Join(", ", entries.Select(e => string.Equals(e, u, StringComparison.Ordinal) ? p.Name : e))) + "#over-time"))]))
                    .Where(c => c.Choices.Count > 0)];
                AreasError = quoted.Count == 1
                    ? $"{quoted[0]} is not an area name or code the Observatory knows. Check the spelling, or find the area in the table of all areas"
                    : $"{string.Join(", ", quoted)} are not area names or codes the Observatory knows. Check the spelling, or find the areas in the table of all areas";
            }
            else if (codes.Count > IndicatorCharts.MaxTrendSeries)
            {
                AreasError = $"Choose up to {IndicatorCharts.MaxTrendSeries} areas; the chart shows the first {IndicatorCharts.MaxTrendSeries}";
            }
            if (AreasError is not null)
            {
                ModelState.AddModelError("areas", AreasError);
            }
            codes = [.. codes.Take(IndicatorCharts.MaxTrendSeries)];
            AreasText = typed;
        }
        // An unknown name keeps the chart: of the areas that were found, else of the default ones, beside the error.
        if (codes.Count == 0)
        {
            var withData = points.Select(p => p.AreaCode).ToHashSet(StringComparer.Ordinal);
            codes = [.. new[] { "K02000001", "E92000001" }.Where(withData.Contains)];
            if (codes.Count == 0)
            {
                codes = [.. councilValues.OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).Take(3).Select(v => v.Code)];
            }
            if (AreasText.Length == 0)
            {
                AreasText = string.Join(", ", codes.Select(c => places.Find(c)?.Name ?? c));
            }
        }
        if (codes.Count == 0)
        {
            return;
        }
        AreaCodes = string.Join(",", codes);
        var history = await queries.ForIndicatorAsync(id, codes, cancellationToken: cancellationToken);
        TrendPeriods = [.. history.Select(h => h.Period).Distinct().Order()];
        Trend = [.. codes.Select(code => new TrendSeries(code, places.Find(code)?.Name ?? code,
            [.. TrendPeriods.Select(p => new TrendPoint(p, history.FirstOrDefault(h => h.AreaCode == code && h.Period == p)?.Value))]))];
        TrendChart = IndicatorCharts.Trend("trend", $"{Indicator.Name} over time", Trend, Indicator.FormatValue, Label);
    }

    /// <summary>Linear interpolation between closest ranks, as spreadsheets' QUARTILE.INC does, so readers can check it.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var position = (sorted.Length - 1) * q;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
