using System.Globalization;
using Observatory.Portraits;

namespace Observatory.Rendering.Charts;

/// <summary>How a doughnut is drawn: full size with labels and a legend, or small (for small multiples and comparisons).</summary>
public sealed record DoughnutChartOptions
{
    /// <summary>Prefix of the ids inside the SVG; unique on the page, because several charts may share it.</summary>
    public string Id { get; init; } = "doughnut";

    /// <summary>Small: no labels or legend, for small multiples; the page's table carries the names.</summary>
    public bool Small { get; init; }

    /// <summary>A heading drawn above a small chart (the year, the place), since it has no labels of its own.</summary>
    public string? Caption { get; init; }
}

/// <summary>
/// The Doughnut in its familiar form (Raworth 2017; O'Neill et al. 2018): a green band between the social foundation
/// (inner ring) and the ecological ceiling (outer ring). A social shortfall is a wedge growing inward from the
/// foundation in proportion to the shortfall; an ecological overshoot a wedge growing outward from the ceiling in
/// proportion to the overshoot. Dimensions within draw nothing; dimensions without data are grey and hatched, so no
/// data never reads as within.
/// </summary>
public static class DoughnutChart
{
    /// <summary>
    /// Overshoots beyond this (three times the boundary) are drawn at it and marked, because the USA's CO2 at
    /// thirteen times the boundary would otherwise squeeze every other wedge to nothing.
    /// </summary>
    public const double OvershootCap = 2;

    /// <summary>Labels longer than this are wrapped onto lines of this many characters.</summary>
    public const int LabelWidth = 14;

    public const string ShortfallColour = "#d4351c";
    public const string OvershootColour = "#942514";
    public const string WithinColour = "#00703c";
    public const string NoDataColour = "#b1b4b6";

    private const double Width = 900;
    private const double ChartHeight = 780;
    private const double LegendHeight = 60;
    private const double Cx = Width / 2;
    private const double Cy = 390;
    private const double Hole = 40;
    private const double Foundation = 170;
    private const double Ceiling = 240;
    private const double OvershootReach = 80;
    private const double LabelRadius = Ceiling + OvershootReach + 30;
    private const double NoDataDepth = 30;

    /// <summary>The chart as SVG, labelled by its title and by the text summary as its description.</summary>
    public static string Draw(Portrait portrait, string placeName, DoughnutChartOptions? options = null)
    {
        options ??= new DoughnutChartOptions();
        var id = options.Id;
        var height = options.Small ? ChartHeight : ChartHeight + LegendHeight;
        var top = options.Small && options.Caption is not null ? 60 : 0;
        var title = options.Caption is { } caption ? $"Doughnut portrait of {placeName}, {caption}" : $"Doughnut portrait of {placeName}";
        var svg = new Svg(id, Width, height + top, title, Summary(portrait, placeName), options.Small ? "app-diagram app-doughnut app-doughnut--small" : "app-diagram app-doughnut");
        svg.Open("defs")
            .Open("pattern", ("id", $"{id}-nodata"), ("width", 12), ("height", 12), ("patternUnits", "userSpaceOnUse"), ("patternTransform", "rotate(45)"))
            .Element("rect", ("width", 12), ("height", 12), ("fill", "#f3f2f1"))
            .Element("line", ("x1", 0), ("y1", 0), ("x2", 0), ("y2", 12), ("stroke", NoDataColour), ("stroke-width", 6))
            .Close("pattern").Close("defs");
        if (top > 0)
        {
            svg.TextElement(options.Caption!, ("x", Cx), ("y", 44), ("text-anchor", "middle"), ("font-size", 44), ("font-weight", "bold"), ("fill", "#0b0c0c"));
            svg.Open("g", ("transform", $"translate(0 {Svg.N(top)})"));
        }

        // The doughnut itself: the safe and just space between the two rings.
        svg.Element("path", ("d", Svg.RingSegment(Cx, Cy, Foundation, Ceiling, 0, 359.99)), ("fill", WithinColour), ("fill-opacity", 0.25), ("stroke", "none"));
        var social = portrait.Dimensions.Where(d => d.Ring == Ring.Social).ToList();
        var ecological = portrait.Dimensions.Where(d => d.Ring == Ring.Ecological).ToList();
        DrawRing(svg, id, social, Ring.Social, options.Small);
        DrawRing(svg, id, ecological, Ring.Ecological, options.Small);
        svg.Element("circle", ("cx", Cx), ("cy", Cy), ("r", Foundation), ("fill", "none"), ("stroke", WithinColour), ("stroke-width", 4));
        svg.Element("circle", ("cx", Cx), ("cy", Cy), ("r", Ceiling), ("fill", "none"), ("stroke", WithinColour), ("stroke-width", 4));
        if (!options.Small)
        {
            Legend(svg, id);
        }
        if (top > 0)
        {
            svg.Close("g");
        }
        return svg.ToString();
    }

    private static void DrawRing(Svg svg, string id, IReadOnlyList<DimensionResult> dimensions, Ring ring, bool small)
    {
        if (dimensions.Count == 0)
        {
            return;
        }
        var step = 360.0 / dimensions.Count;
        for (var i = 0; i < dimensions.Count; i++)
        {
            var d = dimensions[i];
            var start = i * step;
            var end = start + step;
            var gap = Math.Min(1.5, step / 10);
            svg.Open("g", ("class", $"app-doughnut__dimension app-doughnut__dimension--{StatusSlug(d.Status)}"), ("data-dimension", d.Id), ("data-ring", ring == Ring.Social ? "social" : "ecological"), ("data-status", StatusSlug(d.Status)));
            svg.Title(Describe(d));
            var wedge = Wedge(id, d, ring, start + gap, end - gap);
            if (wedge is { } w)
            {
                svg.Element("path", ("class", "app-doughnut__wedge"), ("d", w.Path), ("fill", w.Fill), ("stroke", w.Stroke), ("stroke-width", 1));
                if (w.Capped)
                {
                    // The cap mark: a dashed arc just beyond the wedge says "goes further than drawn".
                    var r = Ceiling + OvershootReach + 5;
                    var (x1, y1) = Svg.Polar(Cx, Cy, r, start + gap);
                    var (x2, y2) = Svg.Polar(Cx, Cy, r, end - gap);
                    svg.Element("path", ("class", "app-doughnut__cap"), ("d", $"M{Svg.N(x1)},{Svg.N(y1)} A{Svg.N(r)},{Svg.N(r)} 0 0 1 {Svg.N(x2)},{Svg.N(y2)}"),
                        ("fill", "none"), ("stroke", "#0b0c0c"), ("stroke-width", 3), ("stroke-dasharray", "6 4"));
                }
            }
            if (!small)
            {
                Label(svg, d, ring, (start + end) / 2);
            }
            svg.Close("g");
        }
    }

    private sealed record WedgeShape(string Path, string Fill, string Stroke, bool Capped);

    private static WedgeShape? Wedge(string id, DimensionResult d, Ring ring, double start, double end)
    {
        switch (d.Status)
        {
            case DimensionStatus.NoData:
                var (inner, outer) = ring == Ring.Social ? (Foundation - NoDataDepth, Foundation) : (Ceiling, Ceiling + NoDataDepth);
                return new WedgeShape(Svg.RingSegment(Cx, Cy, inner, outer, start, end), $"url(#{id}-nodata)", "#505a5f", false);
            case DimensionStatus.Shortfall when d.Size is { } size && size > 0:
                var depth = Math.Clamp(size, 0, 1) * (Foundation - Hole);
                return new WedgeShape(Svg.RingSegment(Cx, Cy, Foundation - depth, Foundation, start, end), ShortfallColour, "#ffffff", false);
            case DimensionStatus.Overshoot when d.Size is { } size && size > 0:
                var reach = Math.Min(size, OvershootCap) / OvershootCap * OvershootReach;
                return new WedgeShape(Svg.RingSegment(Cx, Cy, Ceiling, Ceiling + reach, start, end), OvershootColour, "#ffffff", size > OvershootCap);
            default:
                return null;
        }
    }

    private static void Label(Svg svg, DimensionResult d, Ring ring, double angle)
    {
        var lines = Svg.Wrap(ShortName(d.Name), LabelWidth);
        double x, y;
        string anchor;
        string fill;
        if (ring == Ring.Social)
        {
            // Social labels sit in the green band, as in Raworth's drawing, so they never collide with the ecological ones.
            (x, y) = Svg.Polar(Cx, Cy, (Foundation + Ceiling) / 2, angle);
            anchor = "middle";
            fill = "#0b0c0c";
        }
        else
        {
            (x, y) = Svg.Polar(Cx, Cy, LabelRadius, angle);
            var a = ((angle % 360) + 360) % 360;
            anchor = a is < 10 or > 350 or (> 170 and < 190) ? "middle" : a < 180 ? "start" : "end";
            fill = "#0b0c0c";
        }
        const double lineHeight = 15;
        var block = lines.Count * lineHeight;
        // Outer labels keep their nearest edge on the label circle: above the centre they grow upwards, below it
        // downwards, so a wrapped label never reaches back over a capped wedge.
        var lean = ring == Ring.Social ? 0 : (y - Cy) / LabelRadius;
        var firstY = y - block / 2 + 11 + lean * block / 2;
        svg.Open("text", ("class", "app-doughnut__label"), ("x", x), ("y", firstY), ("text-anchor", anchor), ("font-size", ring == Ring.Social ? 12 : 14), ("fill", fill));
        for (var i = 0; i < lines.Count; i++)
        {
            svg.Open("tspan", ("x", x), ("dy", i == 0 ? 0 : lineHeight)).Raw(Svg.Text(lines[i])).Close("tspan");
        }
        svg.Close("text");
    }

    private static void Legend(Svg svg, string id)
    {
        (string Fill, string Text)[] items =
        [
            (ShortfallColour, "Shortfall (inside the foundation)"),
            (WithinColour, "Within the doughnut"),
            (OvershootColour, "Overshoot (beyond the ceiling)"),
            ($"url(#{id}-nodata)", "No data"),
        ];
        for (var i = 0; i < items.Length; i++)
        {
            var (fill, text) = items[i];
            // Two columns of two, so the legend fits however wide the reader's font sets the words.
            var x = 200.0 + i % 2 * 300;
            var y = ChartHeight - 10 + i / 2 * 36;
            svg.Open("g", ("class", "app-doughnut__legend"));
            svg.Element("rect", ("x", x), ("y", y), ("width", 24), ("height", 24), ("fill", fill), ("stroke", "#0b0c0c"), ("stroke-width", 1));
            svg.TextElement(text, ("x", x + 32), ("y", y + 18), ("font-size", 16), ("fill", "#0b0c0c"));
            svg.Close("g");
        }
    }

    /// <summary>
    /// "Wigan achieves 4 of 6 social thresholds with data and transgresses 1 of 1 ecological boundary with data;
    /// 14 dimensions have no data."
    /// </summary>
    public static string Summary(Portrait portrait, string placeName)
    {
        var noData = portrait.Dimensions.Count(d => d.Status == DimensionStatus.NoData);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{placeName} achieves {portrait.SocialAchieved} of {portrait.SocialWithData} social {(portrait.SocialWithData == 1 ? "threshold" : "thresholds")} with data and transgresses {portrait.EcologicalTransgressed} of {portrait.EcologicalWithData} ecological {(portrait.EcologicalWithData == 1 ? "boundary" : "boundaries")} with data");
        return noData switch
        {
            0 => text + ".",
            1 => text + "; 1 dimension has no data.",
            _ => string.Create(CultureInfo.InvariantCulture, $"{text}; {noData} dimensions have no data."),
        };
    }

    /// <summary>The words for a status, as the labels' titles and the tables say them.</summary>
    public static string StatusText(DimensionStatus status, Ring ring) => status switch
    {
        DimensionStatus.Shortfall => "Shortfall",
        DimensionStatus.Overshoot => "Overshoot",
        DimensionStatus.Within => ring == Ring.Social ? "Threshold achieved" : "Within the boundary",
        _ => "No data",
    };

    public static string StatusSlug(DimensionStatus status) => status switch
    {
        DimensionStatus.Shortfall => "shortfall",
        DimensionStatus.Overshoot => "overshoot",
        DimensionStatus.Within => "within",
        _ => "no-data",
    };

    /// <summary>
    /// A name short enough for a label: a parenthesised gloss is dropped ("eHANPP (embodied human …)" → "eHANPP");
    /// the table gives the full name.
    /// </summary>
    public static string ShortName(string name)
    {
        var open = name.IndexOf(" (", StringComparison.Ordinal);
        return open > 0 ? name[..open] : name;
    }

    private static string Describe(DimensionResult d)
    {
        var status = StatusText(d.Status, d.Ring);
        var ring = d.Ring == Ring.Social ? "social foundation" : "ecological ceiling";
        var size = d.Status switch
        {
            DimensionStatus.Shortfall when d.Size is { } s => string.Create(CultureInfo.InvariantCulture, $", {Percent(s)} short of the threshold"),
            DimensionStatus.Overshoot when d.Size is { } s => string.Create(CultureInfo.InvariantCulture, $", {Percent(s)} beyond the boundary{(s > OvershootCap ? " (drawn at the cap)" : "")}"),
            _ => "",
        };
        return $"{d.Name} ({ring}): {status}{size}";
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
