using System.Globalization;

namespace Observatory.Rendering.Charts;

/// <summary>One part's spread in a peer group: the lower quartile, median and upper quartile of its levels; null when suppressed.</summary>
public sealed record SpreadBar(string Name, double? LowerQuartile, double? Median, double? UpperQuartile);

/// <summary>Benchmark distributions: where the middle half of a peer group's levels lies, and its median.</summary>
public static class BenchmarkCharts
{
    private const string Ink = "#0b0c0c";
    private const string Grid = "#b1b4b6";
    private const string BoxColour = "#1d70b8";

    /// <summary>
    /// One row per part: a bar from the lower to the upper quartile and a black tick at the median, on a 0 to
    /// <paramref name="maxLevel"/> axis. A suppressed part is written "not published" instead of a bar. Never a mean.
    /// </summary>
    public static Chart Spread(string id, string title, IReadOnlyList<SpreadBar> bars, int maxLevel)
    {
        const double width = 640, label = 230, right = 20, top = 40, pitch = 30, barHeight = 16, axisBand = 30;
        var height = top + bars.Count * pitch + axisBand;
        var plot = width - label - right;
        double X(double v) => label + v / Math.Max(1, maxLevel) * plot;
        static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var summary = string.Join("; ", bars.Select(b => b.Median is { } m
            ? $"{b.Name}: median {F(m)}, middle half from {F(b.LowerQuartile ?? m)} to {F(b.UpperQuartile ?? m)}"
            : $"{b.Name}: not published")) + ".";
        var svg = new Svg(id, width, height, title,
            $"A chart of each part's levels in the group, from 0 to {maxLevel}: a bar from the lower to the upper quartile and a mark at the median. {summary}");
        svg.Open("g", ("font-size", 13), ("fill", Ink));
        svg.Element("rect", ("x", label), ("y", 8), ("width", 14), ("height", 12), ("fill", BoxColour));
        svg.TextElement("Lower to upper quartile", ("x", label + 20), ("y", 19));
        svg.Element("rect", ("x", label + 200), ("y", 6), ("width", 4), ("height", 16), ("fill", Ink));
        svg.TextElement("Median", ("x", label + 210), ("y", 19));
        for (var level = 0; level <= maxLevel; level++)
        {
            svg.Element("line", ("x1", X(level)), ("y1", top - 6), ("x2", X(level)), ("y2", height - axisBand), ("stroke", Grid), ("stroke-width", 0.5));
            svg.TextElement(level.ToString(CultureInfo.InvariantCulture), ("x", X(level)), ("y", height - axisBand + 18), ("text-anchor", "middle"));
        }
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = top + i * pitch;
            var name = b.Name.Length > 32 ? b.Name[..31] + "…" : b.Name;
            svg.TextElement(name, ("x", label - 8), ("y", y + barHeight - 3), ("text-anchor", "end"));
            if (b.Median is not { } median)
            {
                svg.TextElement("not published", ("x", label + 6), ("y", y + barHeight - 3), ("font-style", "italic"));
                continue;
            }
            var lower = b.LowerQuartile ?? median;
            var upper = b.UpperQuartile ?? median;
            // A group whose quartiles meet still gets a bar a few pixels wide, so it can be seen.
            var left = X(lower);
            var barWidth = Math.Max(4, X(upper) - left);
            svg.Open("rect", ("x", left), ("y", y), ("width", barWidth), ("height", barHeight), ("fill", BoxColour), ("fill-opacity", 0.75));
            svg.Title($"{b.Name}: lower quartile {F(lower)}, upper quartile {F(upper)}").Close("rect");
            svg.Open("rect", ("x", X(median) - 2), ("y", y - 3), ("width", 4), ("height", barHeight + 6), ("fill", Ink));
            svg.Title($"{b.Name}: median {F(median)}").Close("rect");
        }
        svg.Close("g");
        return new Chart(svg.ToString(), summary);
    }
}
