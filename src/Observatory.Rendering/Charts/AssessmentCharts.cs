using System.Globalization;

namespace Observatory.Rendering.Charts;

/// <summary>One part's two scores: the weakest link (a whole level, 0 for none yet) and the mean of the answers given.</summary>
public sealed record ScoreBar(string Name, int WeakestLink, double? Mean);

/// <summary>The scores of an assessment as paired horizontal bars, one pair per topic or section.</summary>
public static class AssessmentCharts
{
    private const string Ink = "#0b0c0c";
    private const string Grid = "#b1b4b6";
    private const string WeakestColour = "#1d70b8";
    private const string MeanColour = "#00703c";

    /// <summary>
    /// Weakest link as a solid bar and the mean as a hatched one beneath it, on a 0 to <paramref name="maxLevel"/> axis;
    /// the two are told apart by pattern and position as well as colour.
    /// </summary>
    public static Chart Scores(string id, string title, IReadOnlyList<ScoreBar> bars, int maxLevel)
    {
        const double width = 640, label = 230, right = 20, top = 40, pitch = 44, barHeight = 14, axisBand = 30;
        var height = top + bars.Count * pitch + axisBand;
        var plot = width - label - right;
        double X(double v) => label + v / Math.Max(1, maxLevel) * plot;
        string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        var summary = string.Join("; ", bars.Select(b => $"{b.Name}: weakest link {b.WeakestLink}, mean {(b.Mean is { } m ? F(m) : "none")}")) + ".";
        var svg = new Svg(id, width, height, title, $"A bar chart of each part's weakest-link level and mean level, from 0 to {maxLevel}. {summary}");
        svg.Open("defs").Open("pattern", ("id", id + "-hatch"), ("width", 6), ("height", 6), ("patternUnits", "userSpaceOnUse"), ("patternTransform", "rotate(45)"))
            .Element("rect", ("width", 6), ("height", 6), ("fill", "#ffffff"))
            .Element("line", ("x1", 0), ("y1", 0), ("x2", 0), ("y2", 6), ("stroke", MeanColour), ("stroke-width", 4))
            .Close("pattern").Close("defs");
        svg.Open("g", ("font-size", 13), ("fill", Ink));
        svg.Element("rect", ("x", label), ("y", 8), ("width", 14), ("height", 12), ("fill", WeakestColour));
        svg.TextElement("Weakest link", ("x", label + 20), ("y", 19));
        svg.Element("rect", ("x", label + 130), ("y", 8), ("width", 14), ("height", 12), ("fill", $"url(#{id}-hatch)"), ("stroke", MeanColour));
        svg.TextElement("Mean", ("x", label + 150), ("y", 19));
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
            svg.TextElement(name, ("x", label - 8), ("y", y + barHeight + 4), ("text-anchor", "end"));
            svg.Open("rect", ("x", label), ("y", y), ("width", X(b.WeakestLink) - label), ("height", barHeight), ("fill", WeakestColour));
            svg.Title($"{b.Name}: weakest link {b.WeakestLink}").Close("rect");
            if (b.Mean is { } mean)
            {
                svg.Open("rect", ("x", label), ("y", y + barHeight + 2), ("width", X(mean) - label), ("height", barHeight), ("fill", $"url(#{id}-hatch)"), ("stroke", MeanColour));
                svg.Title($"{b.Name}: mean {F(mean)}").Close("rect");
            }
        }
        svg.Close("g");
        return new Chart(svg.ToString(), summary);
    }
}
