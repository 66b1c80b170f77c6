using System.Globalization;

namespace Observatory.Rendering.Charts;

/// <summary>One place on the scatter: how many boundaries it transgresses and how many social thresholds it achieves.</summary>
public sealed record ScatterPlace(string Name, int Transgressed, int Achieved);

/// <summary>
/// Social performance against ecological overshoot, after Fanning et al. (2022) Figure 2: boundaries transgressed
/// across, social thresholds achieved up. The counts are whole numbers, so places share points; each point is a
/// circle whose area grows with the number of places on it, and says how many (and, for a few, which).
/// </summary>
public static class DoughnutScatter
{
    private const double Width = 640;
    private const double Height = 480;
    private const double Left = 70;
    private const double Right = 20;
    private const double Top = 20;
    private const double Bottom = 60;

    public static string Draw(string id, string title, IReadOnlyList<ScatterPlace> places, int maxTransgressed, int maxAchieved)
    {
        var points = places.GroupBy(p => (p.Transgressed, p.Achieved)).OrderBy(g => g.Key.Transgressed).ThenBy(g => g.Key.Achieved).ToList();
        var busiest = points.Count == 0 ? 1 : points.Max(g => g.Count());
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{places.Count} places plotted by ecological boundaries transgressed (0 to {maxTransgressed}, across) against social thresholds achieved (0 to {maxAchieved}, up). The most crowded point holds {busiest} places. The table below gives every place's counts.");
        var svg = new Svg(id, Width, Height, title, description);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        // Half a step of margin on every side, so circles at 0 and at the maximum are not cut by the axes.
        double X(int v) => Left + (v + 0.5) * plotW / (maxTransgressed + 1);
        double Y(int v) => Top + plotH - (v + 0.5) * plotH / (maxAchieved + 1);

        // The top-left corner is the safe and just space; shading it says where a place would want to be.
        svg.Element("rect", ("x", Left), ("y", Top), ("width", plotW * 0.12), ("height", plotH * 0.12), ("fill", DoughnutChart.WithinColour), ("fill-opacity", 0.2));
        for (var x = 0; x <= maxTransgressed; x++)
        {
            svg.Element("line", ("x1", X(x)), ("y1", Top), ("x2", X(x)), ("y2", Top + plotH), ("stroke", "#dddddd"), ("stroke-width", 1));
            svg.TextElement(x.ToString(CultureInfo.InvariantCulture), ("x", X(x)), ("y", Top + plotH + 20), ("text-anchor", "middle"), ("font-size", 14), ("fill", "#0b0c0c"));
        }
        for (var y = 0; y <= maxAchieved; y++)
        {
            svg.Element("line", ("x1", Left), ("y1", Y(y)), ("x2", Left + plotW), ("y2", Y(y)), ("stroke", "#dddddd"), ("stroke-width", 1));
            svg.TextElement(y.ToString(CultureInfo.InvariantCulture), ("x", Left - 10), ("y", Y(y) + 5), ("text-anchor", "end"), ("font-size", 14), ("fill", "#0b0c0c"));
        }
        svg.TextElement("Ecological boundaries transgressed", ("x", Left + plotW / 2), ("y", Height - 12), ("text-anchor", "middle"), ("font-size", 15), ("fill", "#0b0c0c"));
        svg.TextElement("Social thresholds achieved", ("x", 18), ("y", Top + plotH / 2), ("text-anchor", "middle"), ("font-size", 15), ("fill", "#0b0c0c"),
            ("transform", $"rotate(-90 18 {Svg.N(Top + plotH / 2)})"));
        var maxRadius = Math.Min(plotW / (maxTransgressed + 1), plotH / (maxAchieved + 1)) * 0.48;
        foreach (var point in points)
        {
            var count = point.Count();
            var r = Math.Max(4, maxRadius * Math.Sqrt((double)count / busiest));
            var names = point.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            var who = names.Count <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(8)) + $" and {names.Count - 8} more";
            svg.Open("g", ("class", "app-scatter__point"));
            svg.Title(string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "place" : "places")} transgressing {point.Key.Transgressed} and achieving {point.Key.Achieved}: {who}"));
            svg.Element("circle", ("cx", X(point.Key.Transgressed)), ("cy", Y(point.Key.Achieved)), ("r", r), ("fill", "#1d70b8"), ("stroke", "#0b0c0c"), ("stroke-width", 1));
            if (count > 1 && r >= 10)
            {
                svg.TextElement(count.ToString(CultureInfo.InvariantCulture), ("x", X(point.Key.Transgressed)), ("y", Y(point.Key.Achieved) + 5), ("text-anchor", "middle"), ("font-size", 13), ("fill", "#ffffff"), ("font-weight", "bold"));
            }
            svg.Close("g");
        }
        return svg.ToString();
    }
}
