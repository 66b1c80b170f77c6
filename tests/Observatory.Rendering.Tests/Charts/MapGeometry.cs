using System.Globalization;
using System.Text.RegularExpressions;
using Observatory.Content;
using Observatory.Rendering.Charts.Maps;

namespace Observatory.Rendering.Tests.Charts;

/// <summary>The shipped boundaries, loaded once for every map test, and a reader for the paths they draw.</summary>
internal static partial class MapGeometry
{
    public static readonly BoundarySet Uk = BoundarySet.LoadShipped(DataFolder.Locate());

    /// <summary>
    /// The rings of an SVG path as absolute points, read back the way a browser would, so the tests check what
    /// is drawn rather than how the boundary set holds it.
    /// </summary>
    public static List<List<MapPoint>> Rings(string d)
    {
        var rings = new List<List<MapPoint>>();
        foreach (Match subpath in SubpathPattern().Matches(d))
        {
            var start = Numbers(subpath.Groups["start"].Value);
            var steps = Numbers(subpath.Groups["steps"].Value);
            start.Count.ShouldBe(2, $"subpath start in {d}");
            (steps.Count % 2).ShouldBe(0, $"steps in {d}");
            var (x, y) = (start[0], start[1]);
            var ring = new List<MapPoint> { new(x, y) };
            for (var i = 0; i < steps.Count; i += 2)
            {
                x += steps[i];
                y += steps[i + 1];
                ring.Add(new MapPoint(Math.Round(x, 1), Math.Round(y, 1)));
            }
            rings.Add(ring);
        }
        return rings;
    }

    public static IEnumerable<MapPoint> Points(string d) => Rings(d).SelectMany(r => r);

    /// <summary>Even-odd point-in-polygon over every ring, as the map fills them.</summary>
    public static bool Inside(MapPoint p, string d)
    {
        var inside = false;
        foreach (var ring in Rings(d))
        {
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                var (a, b) = (ring[i], ring[j]);
                if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y) + a.X)
                {
                    inside = !inside;
                }
            }
        }
        return inside;
    }

    private static List<double> Numbers(string text) =>
        NumberPattern().Matches(text).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"M(?<start>[^lz]+)l(?<steps>[^z]*)z")]
    private static partial Regex SubpathPattern();

    [GeneratedRegex(@"-?(?:\d+\.?\d*|\.\d+)")]
    private static partial Regex NumberPattern();
}
