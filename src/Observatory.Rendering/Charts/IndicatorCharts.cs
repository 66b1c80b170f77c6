using Observatory.Indicators;

namespace Observatory.Rendering.Charts;

/// <summary>One area's value in a dot plot.</summary>
public sealed record DotPlotValue(string Code, string Name, double Value);

/// <summary>A line of a trend chart: one area's value in each period it has one.</summary>
public sealed record TrendSeries(string Code, string Name, IReadOnlyList<TrendPoint> Points);

public sealed record TrendPoint(Period Period, double? Value);

/// <summary>A drawn chart and the sentence that says what it shows, for the page to print beside it.</summary>
public sealed record Chart(string Svg, string Summary);

/// <summary>
/// The indicator page's charts, drawn on the server: where every council sits among the others (a dot plot that
/// stacks equal values, so the shape of the distribution shows without ranking anyone), and how chosen areas
/// changed over time. Both are images with a title and a description; the page repeats their numbers in tables.
/// </summary>
public static class IndicatorCharts
{
    private const string Ink = "#0b0c0c";
    private const string Grid = "#b1b4b6";
    private const string DotColour = "#1d70b8";
    private const double Width = 640;

    /// <summary>
    /// Colours from the GOV.UK palette, each line also with its own dash and marker shape, so no line is told
    /// apart by colour alone.
    /// </summary>
    private static readonly (string Colour, string? Dash, string Marker)[] LineStyles =
    [
        ("#1d70b8", null, "circle"),
        ("#d4351c", "8 4", "square"),
        ("#00703c", "2 3", "triangle"),
        ("#4c2c92", "10 3 2 3", "diamond"),
        ("#b14f00", null, "square"),
        ("#0b0c0c", "8 4", "circle"),
        ("#912b88", "2 3", "diamond"),
        ("#6f72af", "10 3 2 3", "triangle"),
        ("#505a5f", null, "diamond"),
        ("#003078", "8 4", "triangle"),
    ];

    public static int MaxTrendSeries => LineStyles.Length;

    /// <summary>
    /// Every value as a dot along one axis, equal or near values stacked (a beeswarm), with the median marked and
    /// any threshold that falls within the range drawn as a line.
    /// </summary>
    public static Chart DotPlot(string id, string title, IReadOnlyList<DotPlotValue> values, Func<double, string> format,
        IReadOnlyList<Threshold>? thresholds = null, string? betterNote = null)
    {
        const double left = 24, right = 24, radius = 4, pitch = 2 * radius + 1, labelBand = 34, axisBand = 44;
        if (values.Count == 0)
        {
            var empty = new Svg(id, Width, 60, title, "No values to plot.");
            empty.TextElement("No values to plot", ("x", 10), ("y", 34), ("font-size", 16), ("fill", Ink));
            return new Chart(empty.ToString(), "There are no values to plot.");
        }
        var numbers = values.Select(v => v.Value).ToList();
        var (min, max) = (numbers.Min(), numbers.Max());
        var ticks = NiceTicks(min, max, 6);
        var (lo, hi) = (Math.Min(ticks[0], min), Math.Max(ticks[^1], max));
        var plotWidth = Width - left - right;
        double X(double v) => hi == lo ? left + plotWidth / 2 : left + (v - lo) / (hi - lo) * plotWidth;

        // Stack dots falling in the same column, alternately above and below the centre line.
        var columns = new Dictionary<int, int>();
        var placed = new List<(DotPlotValue Value, double X, int Offset)>();
        foreach (var v in values.OrderBy(v => v.Value).ThenBy(v => v.Name, StringComparer.Ordinal))
        {
            var column = (int)Math.Floor((X(v.Value) - left) / pitch);
            var n = columns.GetValueOrDefault(column);
            columns[column] = n + 1;
            var offset = n == 0 ? 0 : n % 2 == 1 ? (n + 1) / 2 : -(n / 2);
            placed.Add((v, left + (column + 0.5) * pitch, offset));
        }
        var reach = placed.Max(p => Math.Abs(p.Offset));
        var swarmHeight = (2 * reach + 1) * pitch;
        var height = labelBand + swarmHeight + axisBand;
        var centre = labelBand + swarmHeight / 2;
        var median = IndicatorStatistics.Median(numbers);
        var lowest = values.MinBy(v => v.Value)!;
        var highest = values.MaxBy(v => v.Value)!;
        var summary = $"{values.Count} {(values.Count == 1 ? "area" : "areas")}, from {format(lowest.Value)} ({lowest.Name}) to {format(highest.Value)} ({highest.Name}); the median is {format(median)}."
            + (betterNote is null ? "" : $" {betterNote}");
        var svg = new Svg(id, Width, height, title, $"A dot plot: each dot is one area, placed by its value and stacked where values are close. {summary}");

        svg.Open("g", ("font-size", 13), ("fill", Ink));
        foreach (var tick in ticks)
        {
            var x = X(tick);
            svg.Element("line", ("x1", x), ("y1", labelBand), ("x2", x), ("y2", labelBand + swarmHeight), ("stroke", Grid), ("stroke-width", 0.5));
            svg.TextElement(format(tick), ("x", x), ("y", labelBand + swarmHeight + 18), ("text-anchor", "middle"));
        }
        svg.Element("line", ("x1", left), ("y1", labelBand + swarmHeight), ("x2", Width - right), ("y2", labelBand + swarmHeight), ("stroke", Ink), ("stroke-width", 1));
        svg.Close("g");

        svg.Open("g", ("fill", DotColour), ("stroke", "#ffffff"), ("stroke-width", 0.75));
        foreach (var (value, x, offset) in placed)
        {
            svg.Open("circle", ("cx", x), ("cy", centre + offset * pitch), ("r", radius), ("data-code", value.Code));
            svg.Title($"{value.Name}: {format(value.Value)}").Close("circle");
        }
        svg.Close("g");

        foreach (var threshold in thresholds ?? [])
        {
            if (threshold.Value < lo || threshold.Value > hi)
            {
                continue;
            }
            var x = X(threshold.Value);
            svg.Element("line", ("x1", x), ("y1", labelBand - 4), ("x2", x), ("y2", labelBand + swarmHeight), ("stroke", "#d4351c"), ("stroke-width", 2), ("stroke-dasharray", "6 3"));
            svg.TextElement($"{ThresholdWord(threshold.Kind)} {format(threshold.Value)}", ("x", x), ("y", labelBand + swarmHeight + 36),
                ("text-anchor", Anchor(x, left, Width - right)), ("font-size", 13), ("fill", "#d4351c"));
        }
        var mx = X(median);
        svg.Element("line", ("x1", mx), ("y1", labelBand - 8), ("x2", mx), ("y2", labelBand + swarmHeight), ("stroke", Ink), ("stroke-width", 2));
        svg.TextElement($"Median {format(median)}", ("x", mx), ("y", labelBand - 14), ("text-anchor", Anchor(mx, left, Width - right)),
            ("font-size", 14), ("font-weight", "bold"), ("fill", Ink));
        return new Chart(svg.ToString(), summary);
    }

    /// <summary>One line per area over time, each labelled at its end; a missing period breaks the line.</summary>
    public static Chart Trend(string id, string title, IReadOnlyList<TrendSeries> series, Func<double, string> format, Func<Period, string> label)
    {
        const double left = 64, right = 180, top = 20, plotHeight = 260, bottom = 44;
        var height = top + plotHeight + bottom;
        var values = series.SelectMany(s => s.Points).Where(p => p.Value is not null).ToList();
        if (values.Count == 0)
        {
            var empty = new Svg(id, Width, 60, title, "No values to plot for the areas chosen.");
            empty.TextElement("No values to plot for the areas chosen", ("x", 10), ("y", 34), ("font-size", 16), ("fill", Ink));
            return new Chart(empty.ToString(), "There are no values for the areas chosen.");
        }
        var periods = series.SelectMany(s => s.Points).Select(p => p.Period).Distinct().Order().ToList();
        var (first, last) = (periods[0].Start.DayNumber, periods[^1].Start.DayNumber);
        var plotWidth = Width - left - right;
        double X(Period p) => last == first ? left + plotWidth / 2 : left + (double)(p.Start.DayNumber - first) / (last - first) * plotWidth;
        var ticks = NiceTicks(values.Min(p => p.Value!.Value), values.Max(p => p.Value!.Value), 5);
        var (lo, hi) = (ticks[0], ticks[^1]);
        double Y(double v) => hi == lo ? top + plotHeight / 2 : top + plotHeight - (v - lo) / (hi - lo) * plotHeight;

        var described = series.Select(s =>
        {
            var known = s.Points.Where(p => p.Value is not null).OrderBy(p => p.Period).ToList();
            return known.Count == 0 ? $"{s.Name}: no values"
                : known.Count == 1 ? $"{s.Name}: {format(known[0].Value!.Value)} in {label(known[0].Period)}"
                : $"{s.Name}: from {format(known[0].Value!.Value)} in {label(known[0].Period)} to {format(known[^1].Value!.Value)} in {label(known[^1].Period)}";
        });
        var summary = string.Join("; ", described) + ".";
        var svg = new Svg(id, Width, height, title, $"A line chart of {series.Count} {(series.Count == 1 ? "area" : "areas")} from {label(periods[0])} to {label(periods[^1])}. {summary}");

        svg.Open("g", ("font-size", 13), ("fill", Ink));
        foreach (var tick in ticks)
        {
            var y = Y(tick);
            svg.Element("line", ("x1", left), ("y1", y), ("x2", left + plotWidth), ("y2", y), ("stroke", Grid), ("stroke-width", 0.5));
            svg.TextElement(format(tick), ("x", left - 8), ("y", y + 4), ("text-anchor", "end"));
        }
        var step = Math.Max(1, (int)Math.Ceiling(periods.Count / 7.0));
        for (var i = 0; i < periods.Count; i += step)
        {
            var x = X(periods[i]);
            svg.Element("line", ("x1", x), ("y1", top + plotHeight), ("x2", x), ("y2", top + plotHeight + 5), ("stroke", Ink), ("stroke-width", 1));
            svg.TextElement(label(periods[i]), ("x", x), ("y", top + plotHeight + 20), ("text-anchor", "middle"));
        }
        svg.Element("line", ("x1", left), ("y1", top + plotHeight), ("x2", left + plotWidth), ("y2", top + plotHeight), ("stroke", Ink), ("stroke-width", 1));
        svg.Close("g");

        var labels = new List<(double Y, string Text, string Colour)>();
        for (var s = 0; s < series.Count; s++)
        {
            var (colour, dash, marker) = LineStyles[s % LineStyles.Length];
            var points = series[s].Points.OrderBy(p => p.Period).ToList();
            var path = new System.Text.StringBuilder();
            var pen = false;
            foreach (var point in points)
            {
                if (point.Value is not { } v)
                {
                    pen = false;
                    continue;
                }
                path.Append(pen ? " L" : " M").Append(Svg.N(X(point.Period))).Append(',').Append(Svg.N(Y(v)));
                pen = true;
            }
            svg.Open("g", ("data-code", series[s].Code));
            if (path.Length > 0)
            {
                svg.Element("path", ("d", path.ToString().Trim()), ("fill", "none"), ("stroke", colour), ("stroke-width", 2.5), ("stroke-dasharray", dash));
            }
            foreach (var point in points.Where(p => p.Value is not null))
            {
                Marker(svg, marker, X(point.Period), Y(point.Value!.Value), colour, $"{series[s].Name}, {label(point.Period)}: {format(point.Value!.Value)}");
            }
            svg.Close("g");
            if (points.LastOrDefault(p => p.Value is not null) is { } end)
            {
                labels.Add((Y(end.Value!.Value), series[s].Name, colour));
            }
        }
        // Push end labels apart so none overlaps another; their order still follows the lines'.
        labels.Sort((a, b) => a.Y.CompareTo(b.Y));
        for (var i = 1; i < labels.Count; i++)
        {
            if (labels[i].Y - labels[i - 1].Y < 15)
            {
                labels[i] = labels[i] with { Y = labels[i - 1].Y + 15 };
            }
        }
        svg.Open("g", ("font-size", 13));
        foreach (var (y, text, colour) in labels)
        {
            var shown = text.Length > 24 ? text[..23] + "…" : text;
            svg.TextElement(shown, ("x", left + plotWidth + 10), ("y", y + 4), ("fill", colour), ("font-weight", "bold"));
        }
        svg.Close("g");
        return new Chart(svg.ToString(), summary);
    }

    private static void Marker(Svg svg, string shape, double x, double y, string colour, string title)
    {
        const double r = 4;
        switch (shape)
        {
            case "square":
                svg.Open("rect", ("x", x - r), ("y", y - r), ("width", 2 * r), ("height", 2 * r), ("fill", colour));
                break;
            case "triangle":
                svg.Open("path", ("d", $"M{Svg.N(x)},{Svg.N(y - r - 1)} L{Svg.N(x + r + 1)},{Svg.N(y + r)} L{Svg.N(x - r - 1)},{Svg.N(y + r)} Z"), ("fill", colour));
                break;
            case "diamond":
                svg.Open("path", ("d", $"M{Svg.N(x)},{Svg.N(y - r - 1)} L{Svg.N(x + r + 1)},{Svg.N(y)} L{Svg.N(x)},{Svg.N(y + r + 1)} L{Svg.N(x - r - 1)},{Svg.N(y)} Z"), ("fill", colour));
                break;
            default:
                svg.Open("circle", ("cx", x), ("cy", y), ("r", r), ("fill", colour));
                break;
        }
        svg.Title(title).Close(shape is "square" ? "rect" : shape is "circle" ? "circle" : "path");
    }

    private static string ThresholdWord(ThresholdKind kind) => kind switch
    {
        ThresholdKind.Floor => "Floor",
        ThresholdKind.Ceiling => "Ceiling",
        _ => "Target",
    };

    /// <summary>Labels near an edge are anchored inwards so they are never cut off.</summary>
    private static string Anchor(double x, double left, double right) =>
        x - left < 60 ? "start" : right - x < 60 ? "end" : "middle";

    /// <summary>Round-number axis ticks (1, 2 or 5 × a power of ten) covering the range.</summary>
    internal static IReadOnlyList<double> NiceTicks(double min, double max, int target)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return [0];
        }
        if (max - min < 1e-12)
        {
            var pad = Math.Abs(min) < 1e-12 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        var rough = (max - min) / Math.Max(1, target - 1);
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(m => m * power).First(s => s >= rough);
        var start = Math.Floor(min / step) * step;
        var ticks = new List<double>();
        for (var t = start; t <= max + step * 0.5 && ticks.Count < 50; t += step)
        {
            ticks.Add(Math.Round(t, 10));
            if (t >= max)
            {
                break;
            }
        }
        return ticks;
    }
}
