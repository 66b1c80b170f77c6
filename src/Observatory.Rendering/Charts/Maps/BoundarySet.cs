using System.Globalization;
using System.Text;
using System.Text.Json;
using Observatory.Content;
using Observatory.Places;

namespace Observatory.Rendering.Charts.Maps;

/// <summary>A point in a boundary set's drawing plane (SVG user units, y down).</summary>
public readonly record struct MapPoint(double X, double Y);

/// <summary>An axis-aligned rectangle in a boundary set's drawing plane.</summary>
public readonly record struct MapBounds(double MinX, double MinY, double MaxX, double MaxY)
{
    public double Width => MaxX - MinX;

    public double Height => MaxY - MinY;
}

/// <summary>One area ready to draw: its SVG path, where its weight lies and where a label inside it can go.</summary>
/// <param name="Path">The SVG path data (<c>d</c>), one closed subpath per ring; holes need <c>fill-rule="evenodd"</c>.</param>
/// <param name="Centroid">The area-weighted centroid of all its parts, which may fall outside the area.</param>
/// <param name="LabelPoint">A point inside its largest part.</param>
public sealed record BoundaryArea(string Code, string Name, string Path, MapPoint Centroid, MapPoint LabelPoint, MapBounds Bounds);

/// <summary>
/// Area boundaries from a TopoJSON file, projected, simplified and fitted once into a fixed drawing plane, so a
/// map is only string assembly. Immutable after loading: hold one per process.
/// </summary>
/// <remarks>
/// Simplification works on the topology's arcs, not on each area's rings, so a border two areas share is
/// simplified once and both areas draw exactly the same line: no gap or sliver opens between neighbours.
/// </remarks>
public sealed class BoundarySet
{
    /// <summary>The shipped boundaries: the 361 local authority districts of the UK, May 2024 (which border which is <see cref="PlaceAdjacency"/>'s).</summary>
    public const string ShippedFile = PlaceAdjacency.ShippedFile;

    public const string ShippedAttribution =
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2024.";

    public const double DefaultWidth = 600;

    public const double DefaultHeight = 1000;

    /// <summary>
    /// The default simplification tolerance in drawing units. At the UK's fit one unit is about 1.2 km, so this
    /// keeps coastlines recognisable while a whole-UK choropleth stays under 200 KB of SVG.
    /// </summary>
    public const double DefaultTolerance = 0.35;

    // A map drawn to the viewBox edge clips strokes and highlight outlines.
    private const double Margin = 10;

    // The National Grid's central meridian, so the shapes match the Ordnance Survey maps people know.
    private const double CentralMeridian = -2.0;

    private readonly Dictionary<string, BoundaryArea> _byCode;

    private BoundarySet(IReadOnlyList<BoundaryArea> areas, double width, double height, string attribution, int vertexCount)
    {
        Areas = areas;
        Width = width;
        Height = height;
        Attribution = attribution;
        VertexCount = vertexCount;
        _byCode = areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    /// <summary>The areas in the order of the source file.</summary>
    public IReadOnlyList<BoundaryArea> Areas { get; }

    /// <summary>The drawing plane is <c>0 0 Width Height</c>; every area lies inside it.</summary>
    public double Width { get; }

    public double Height { get; }

    /// <summary>The credit the boundaries' licence asks for wherever a map drawn from them is shown.</summary>
    public string Attribution { get; }

    /// <summary>How many vertices the simplified arcs keep, shared borders counted once.</summary>
    public int VertexCount { get; }

    public BoundaryArea? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Loads the shipped UK local authority districts from the data folder.</summary>
    public static BoundarySet LoadShipped(DataFolder data) =>
        Load(data.Combine("places", ShippedFile), ShippedAttribution);

    /// <summary>
    /// Loads a TopoJSON file whose first object is a collection of Polygon and MultiPolygon features carrying
    /// <c>id</c> and <c>name</c> properties.
    /// </summary>
    public static BoundarySet Load(string path, string attribution, double tolerance = DefaultTolerance, double width = DefaultWidth, double height = DefaultHeight)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Load(stream, attribution, tolerance, width, height);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: {e.Message}", e);
        }
    }

    public static BoundarySet Load(Stream topoJson, string attribution, double tolerance = DefaultTolerance, double width = DefaultWidth, double height = DefaultHeight)
    {
        using var document = JsonDocument.Parse(topoJson);
        var root = document.RootElement;
        if (!root.TryGetProperty("type", out var type) || type.GetString() != "Topology")
        {
            throw new InvalidDataException("not a TopoJSON topology (type is not \"Topology\").");
        }

        var arcs = Project(DecodeArcs(root));
        var fit = Fit(arcs, width, height);
        var drawn = new MapPoint[arcs.Length][];
        var vertices = 0;
        for (var i = 0; i < arcs.Length; i++)
        {
            drawn[i] = Round(Simplify(fit.Apply(arcs[i]), tolerance));
            vertices += drawn[i].Length - 1;
        }

        var unsimplified = new Lazy<MapPoint[][]>(() => fit.Apply(arcs));
        var areas = new List<BoundaryArea>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in FirstObject(root).GetProperty("geometries").EnumerateArray())
        {
            var area = ReadArea(feature, drawn, unsimplified);
            if (!codes.Add(area.Code))
            {
                throw new InvalidDataException($"two features have the id {area.Code}.");
            }
            areas.Add(area);
        }
        return new BoundarySet(areas, width, height, attribution, vertices);
    }

    private static JsonElement FirstObject(JsonElement root)
    {
        foreach (var property in root.GetProperty("objects").EnumerateObject())
        {
            return property.Value;
        }
        throw new InvalidDataException("the topology has no objects.");
    }

    /// <summary>Arcs as longitude and latitude, undoing the quantisation and delta encoding when present.</summary>
    private static double[][] DecodeArcs(JsonElement root)
    {
        double sx = 1, sy = 1, tx = 0, ty = 0;
        var quantised = root.TryGetProperty("transform", out var transform);
        if (quantised)
        {
            sx = transform.GetProperty("scale")[0].GetDouble();
            sy = transform.GetProperty("scale")[1].GetDouble();
            tx = transform.GetProperty("translate")[0].GetDouble();
            ty = transform.GetProperty("translate")[1].GetDouble();
        }
        var arcs = new List<double[]>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            var points = new double[arc.GetArrayLength() * 2];
            double x = 0, y = 0;
            var n = 0;
            foreach (var position in arc.EnumerateArray())
            {
                if (quantised)
                {
                    x += position[0].GetDouble();
                    y += position[1].GetDouble();
                    points[n++] = x * sx + tx;
                    points[n++] = y * sy + ty;
                }
                else
                {
                    points[n++] = position[0].GetDouble();
                    points[n++] = position[1].GetDouble();
                }
            }
            arcs.Add(points);
        }
        return [.. arcs];
    }

    /// <summary>
    /// Spherical transverse Mercator on the National Grid's central meridian (2°W): conformal, and within a few
    /// per cent of the Ordnance Survey's ellipsoidal projection across the UK, far below what a 600-unit map
    /// shows. A plain equirectangular plot would stretch Shetland and squash Cornwall by over 10 per cent.
    /// </summary>
    private static MapPoint[][] Project(double[][] arcs)
    {
        const double radians = Math.PI / 180;
        var projected = new MapPoint[arcs.Length][];
        for (var a = 0; a < arcs.Length; a++)
        {
            var arc = arcs[a];
            var points = new MapPoint[arc.Length / 2];
            for (var i = 0; i < points.Length; i++)
            {
                var lambda = (arc[2 * i] - CentralMeridian) * radians;
                var phi = arc[2 * i + 1] * radians;
                var b = Math.Cos(phi) * Math.Sin(lambda);
                // North is up on screen, where y grows downwards.
                points[i] = new MapPoint(Math.Atanh(b), -Math.Atan2(Math.Tan(phi), Math.Cos(lambda)));
            }
            projected[a] = points;
        }
        return projected;
    }

    private sealed record Fitting(double Scale, double OffsetX, double OffsetY)
    {
        public MapPoint[] Apply(MapPoint[] points) =>
            Array.ConvertAll(points, p => new MapPoint(p.X * Scale + OffsetX, p.Y * Scale + OffsetY));

        public MapPoint[][] Apply(MapPoint[][] arcs) => Array.ConvertAll(arcs, Apply);
    }

    /// <summary>Scales the whole set to fill the plane less a margin, keeping its shape, and centres it.</summary>
    private static Fitting Fit(MapPoint[][] arcs, double width, double height)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var p in arcs.SelectMany(a => a))
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }
        if (minX > maxX)
        {
            throw new InvalidDataException("the topology has no arcs.");
        }
        var scale = Math.Min((width - 2 * Margin) / Math.Max(maxX - minX, 1e-12), (height - 2 * Margin) / Math.Max(maxY - minY, 1e-12));
        return new Fitting(scale, (width - (maxX - minX) * scale) / 2 - minX * scale, (height - (maxY - minY) * scale) / 2 - minY * scale);
    }

    /// <summary>
    /// Douglas–Peucker, keeping both ends so arcs still meet at their junctions. A closed arc (an island drawn as
    /// one arc) is first split at its point farthest from the start, or it would collapse to nothing.
    /// </summary>
    internal static MapPoint[] Simplify(MapPoint[] points, double tolerance)
    {
        if (points.Length <= 2 || tolerance <= 0)
        {
            return points;
        }
        var keep = new bool[points.Length];
        keep[0] = keep[^1] = true;
        var stack = new Stack<(int From, int To)>();
        if (points[0] == points[^1])
        {
            var far = 1;
            for (var i = 2; i < points.Length - 1; i++)
            {
                if (Distance2(points[i], points[0]) > Distance2(points[far], points[0]))
                {
                    far = i;
                }
            }
            keep[far] = true;
            stack.Push((0, far));
            stack.Push((far, points.Length - 1));
        }
        else
        {
            stack.Push((0, points.Length - 1));
        }
        var tolerance2 = tolerance * tolerance;
        while (stack.Count > 0)
        {
            var (from, to) = stack.Pop();
            var worst = -1;
            var worstDistance = tolerance2;
            for (var i = from + 1; i < to; i++)
            {
                var d = SegmentDistance2(points[i], points[from], points[to]);
                if (d > worstDistance)
                {
                    worst = i;
                    worstDistance = d;
                }
            }
            if (worst >= 0)
            {
                keep[worst] = true;
                stack.Push((from, worst));
                stack.Push((worst, to));
            }
        }
        var kept = new List<MapPoint>();
        for (var i = 0; i < points.Length; i++)
        {
            if (keep[i])
            {
                kept.Add(points[i]);
            }
        }
        return [.. kept];
    }

    /// <summary>
    /// Rounds to the tenth of a unit the SVG is written at, here rather than when writing, so both areas beside
    /// a shared border write exactly the same numbers.
    /// </summary>
    private static MapPoint[] Round(MapPoint[] points)
    {
        var rounded = new List<MapPoint>(points.Length);
        for (var i = 0; i < points.Length; i++)
        {
            var p = new MapPoint(Math.Round(points[i].X, 1), Math.Round(points[i].Y, 1));
            if (rounded.Count == 0 || rounded[^1] != p || i == points.Length - 1)
            {
                rounded.Add(p);
            }
        }
        if (rounded.Count > 2 && rounded[^1] == rounded[^2])
        {
            rounded.RemoveAt(rounded.Count - 2);
        }
        return [.. rounded];
    }

    private static BoundaryArea ReadArea(JsonElement feature, MapPoint[][] drawn, Lazy<MapPoint[][]> unsimplified)
    {
        var properties = feature.GetProperty("properties");
        var code = properties.GetProperty("id").GetString() ?? throw new InvalidDataException("a feature has no id.");
        var name = properties.TryGetProperty("name", out var n) ? n.GetString() ?? code : code;
        var polygons = feature.GetProperty("type").GetString() switch
        {
            "Polygon" => [feature.GetProperty("arcs")],
            "MultiPolygon" => feature.GetProperty("arcs").EnumerateArray().ToList(),
            var other => throw new InvalidDataException($"feature {code} is a {other}; only Polygon and MultiPolygon can be drawn as areas."),
        };

        var parts = new List<List<MapPoint[]>>();
        foreach (var polygon in polygons)
        {
            var rings = polygon.EnumerateArray().Select(r => Ring(r, drawn)).Where(r => r.Length >= 3 && Math.Abs(SignedArea(r)) > 0).ToList();
            if (rings.Count > 0)
            {
                parts.Add(rings);
            }
        }
        if (parts.Count == 0)
        {
            // Every ring of a very small area fell under the tolerance; draw its largest unsimplified ring
            // rather than lose the area from the map.
            var largest = polygons.SelectMany(p => p.EnumerateArray()).Select(r => Round(Ring(r, unsimplified.Value))).MaxBy(r => Math.Abs(SignedArea(r)))
                ?? throw new InvalidDataException($"feature {code} has no rings.");
            parts.Add([largest]);
        }

        return new BoundaryArea(code, name, PathData(parts), Centroid(parts), LabelPoint(parts), Bounds(parts));
    }

    /// <summary>A ring's points, open (the closing point is implied by Z); a negative arc index means arc ~i reversed.</summary>
    private static MapPoint[] Ring(JsonElement arcIndexes, MapPoint[][] arcs)
    {
        var ring = new List<MapPoint>();
        foreach (var index in arcIndexes.EnumerateArray())
        {
            var i = index.GetInt32();
            var arc = arcs[i >= 0 ? i : ~i];
            for (var k = 0; k < arc.Length; k++)
            {
                var p = arc[i >= 0 ? k : arc.Length - 1 - k];
                // Each arc starts where the one before it ends.
                if (ring.Count == 0 || ring[^1] != p)
                {
                    ring.Add(p);
                }
            }
        }
        while (ring.Count > 1 && ring[^1] == ring[0])
        {
            ring.RemoveAt(ring.Count - 1);
        }
        return [.. ring];
    }

    /// <summary>
    /// Each ring starts at an absolute point and goes on in relative steps, which at this scale are mostly under
    /// one unit: that roughly halves the size of the map against absolute coordinates. The points are already
    /// rounded to tenths, so the steps are exact and a browser lands on the same points.
    /// </summary>
    private static string PathData(List<List<MapPoint[]>> parts)
    {
        var sb = new StringBuilder();
        foreach (var ring in parts.SelectMany(p => p))
        {
            var x = Tenths(ring[0].X);
            var y = Tenths(ring[0].Y);
            sb.Append('M');
            AppendTenths(sb, x, first: true);
            AppendTenths(sb, y, first: false);
            sb.Append('l');
            for (var i = 1; i < ring.Length; i++)
            {
                var nx = Tenths(ring[i].X);
                var ny = Tenths(ring[i].Y);
                AppendTenths(sb, nx - x, first: i == 1);
                AppendTenths(sb, ny - y, first: false);
                (x, y) = (nx, ny);
            }
            sb.Append('z');
        }
        return sb.ToString();
    }

    private static long Tenths(double value) => (long)Math.Round(value * 10);

    /// <summary>Writes a number of tenths as the shortest SVG number ("-.3", "12", "1.5"); a minus sign separates by itself.</summary>
    private static void AppendTenths(StringBuilder sb, long tenths, bool first)
    {
        if (tenths < 0)
        {
            sb.Append('-');
            tenths = -tenths;
        }
        else if (!first)
        {
            sb.Append(' ');
        }
        var whole = tenths / 10;
        var fraction = tenths % 10;
        if (whole > 0 || fraction == 0)
        {
            sb.Append(whole.ToString(CultureInfo.InvariantCulture));
        }
        if (fraction > 0)
        {
            sb.Append('.').Append((char)('0' + fraction));
        }
    }

    private static double SignedArea(MapPoint[] ring)
    {
        var sum = 0.0;
        for (var i = 0; i < ring.Length; i++)
        {
            var a = ring[i];
            var b = ring[(i + 1) % ring.Length];
            sum += a.X * b.Y - b.X * a.Y;
        }
        return sum / 2;
    }

    /// <summary>
    /// The first ring of each part is its outline and the rest are its holes, whichever way they wind, so each
    /// ring is weighed by its unsigned area, taken away for a hole.
    /// </summary>
    private static MapPoint Centroid(IEnumerable<List<MapPoint[]>> parts)
    {
        double area = 0, cx = 0, cy = 0;
        foreach (var part in parts)
        {
            for (var r = 0; r < part.Count; r++)
            {
                var ring = part[r];
                var signed = SignedArea(ring);
                if (signed == 0)
                {
                    continue;
                }
                double rx = 0, ry = 0;
                for (var i = 0; i < ring.Length; i++)
                {
                    var a = ring[i];
                    var b = ring[(i + 1) % ring.Length];
                    var cross = a.X * b.Y - b.X * a.Y;
                    rx += (a.X + b.X) * cross;
                    ry += (a.Y + b.Y) * cross;
                }
                var weight = r == 0 ? Math.Abs(signed) : -Math.Abs(signed);
                area += weight;
                cx += rx / (6 * signed) * weight;
                cy += ry / (6 * signed) * weight;
            }
        }
        return area == 0 ? new MapPoint(0, 0) : new MapPoint(cx / area, cy / area);
    }

    /// <summary>
    /// The centroid of the largest part when it falls inside it; otherwise the middle of the widest stretch of
    /// the part along the horizontal through the centroid, which is always inside.
    /// </summary>
    private static MapPoint LabelPoint(List<List<MapPoint[]>> parts)
    {
        var largest = parts.MaxBy(p => Math.Abs(SignedArea(p[0])) - p.Skip(1).Sum(h => Math.Abs(SignedArea(h))))!;
        var centroid = Centroid([largest]);
        var crossings = new List<double>();
        foreach (var ring in largest)
        {
            for (var i = 0; i < ring.Length; i++)
            {
                var a = ring[i];
                var b = ring[(i + 1) % ring.Length];
                if ((a.Y > centroid.Y) != (b.Y > centroid.Y))
                {
                    crossings.Add(a.X + (centroid.Y - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                }
            }
        }
        crossings.Sort();
        var best = (Width: -1.0, X: centroid.X);
        for (var i = 0; i + 1 < crossings.Count; i += 2)
        {
            if (centroid.X >= crossings[i] && centroid.X <= crossings[i + 1])
            {
                return centroid;
            }
            if (crossings[i + 1] - crossings[i] > best.Width)
            {
                best = (crossings[i + 1] - crossings[i], (crossings[i] + crossings[i + 1]) / 2);
            }
        }
        return new MapPoint(best.X, centroid.Y);
    }

    private static MapBounds Bounds(List<List<MapPoint[]>> parts)
    {
        var points = parts.SelectMany(p => p).SelectMany(r => r).ToList();
        return new MapBounds(points.Min(p => p.X), points.Min(p => p.Y), points.Max(p => p.X), points.Max(p => p.Y));
    }

    private static double Distance2(MapPoint a, MapPoint b) => (a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y);

    private static double SegmentDistance2(MapPoint p, MapPoint a, MapPoint b)
    {
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        var length2 = dx * dx + dy * dy;
        if (length2 == 0)
        {
            return Distance2(p, a);
        }
        var t = Math.Clamp(((p.X - a.X) * dx + (p.Y - a.Y) * dy) / length2, 0, 1);
        return Distance2(p, new MapPoint(a.X + t * dx, a.Y + t * dy));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Areas.Count} areas, {VertexCount} vertices");
}
