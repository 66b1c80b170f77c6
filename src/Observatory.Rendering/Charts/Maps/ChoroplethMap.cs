using System.Globalization;
using System.Text.RegularExpressions;

namespace Observatory.Rendering.Charts.Maps;

/// <summary>Which way is good for the value a map shows. It changes only the wording of the key: darker is always higher.</summary>
public enum MapPolarity
{
    Neither,
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>One area's value. A null value is drawn as no data; <paramref name="ValueText"/> is shown as given.</summary>
/// <param name="Href">Where the area links to, if anywhere.</param>
public sealed record ChoroplethValue(string Code, string Name, double? Value, string ValueText, string? Href = null);

public sealed record ChoroplethOptions
{
    /// <summary>Prefixes the SVG's ids, so several maps can share a page.</summary>
    public string Id { get; init; } = "map";

    /// <summary>How many quantile classes to shade, from 1 to 7; fewer are drawn when tied values leave some empty.</summary>
    public int Classes { get; init; } = 5;

    /// <summary>
    /// Class boundaries in ascending order, replacing the quantiles: a value equal to a boundary falls in the
    /// class above it.
    /// </summary>
    public IReadOnlyList<double>? Breaks { get; init; }

    public MapPolarity Polarity { get; init; } = MapPolarity.Neither;

    /// <summary>The code of an area to outline, drawn last so no neighbour covers its outline.</summary>
    public string? Highlight { get; init; }

    /// <summary>
    /// Formats class boundaries in the key. By default: invariant culture, with thousands separators and as many
    /// decimals as the most precise value has (up to three).
    /// </summary>
    public Func<double, string>? FormatValue { get; init; }

    /// <summary>
    /// Replaces the key's heading ("Darker = higher"), for maps whose shades name groups rather than amounts,
    /// such as a locator map.
    /// </summary>
    public string? KeyHeading { get; init; }

    /// <summary>
    /// Whether the key is drawn inside the map. A map shown small (a locator beside a page's summary) would shrink its
    /// key's text below what people can read, so the page writes the key out as text beside it instead.
    /// </summary>
    public bool DrawKey { get; init; } = true;
}

/// <summary>One shade of the key.</summary>
/// <param name="Lower">The inclusive lower boundary; null for the first class.</param>
/// <param name="Upper">The exclusive upper boundary; null for the last class.</param>
public sealed record ChoroplethClass(int Number, string Label, string Colour, int Count, double? Lower, double? Upper)
{
    public bool Contains(double value) => (Lower is null || value >= Lower) && (Upper is null || value < Upper);
}

/// <summary>A drawn map with its key as data, so a page can repeat the key, or colour a table, beside it.</summary>
/// <param name="NoDataCount">Areas drawn as no data: those with a null value and those given no value at all.</param>
/// <param name="Unmapped">Codes given a value but not in the boundary set, so not drawn.</param>
/// <param name="Attribution">The boundaries' credit, to show with the map.</param>
public sealed record Choropleth(
    string Svg,
    IReadOnlyList<ChoroplethClass> Classes,
    int NoDataCount,
    string ShadingNote,
    IReadOnlyList<string> Unmapped,
    string Attribution)
{
    public ChoroplethClass? ClassFor(double? value) => value is { } v ? Classes.FirstOrDefault(c => c.Contains(v)) : null;
}

/// <summary>
/// Draws values over a boundary set as a choropleth: each area shaded by its class, with a key, hover titles and
/// optional links.
/// </summary>
/// <remarks>
/// Without links the map is one image (role="img") whose description summarises the key; the page's table
/// carries the figures. With links it becomes a group, because an image's children are hidden from assistive
/// technology and the links could not be reached; each link is then named by its area and value.
/// </remarks>
public static partial class ChoroplethMap
{
    public const string NoDataLabel = "No data";

    /// <summary>
    /// ColorBrewer's single-hue Blues (safe for every common colour-vision deficiency), resampled between #deebf7
    /// and #08519c so each step has the same luminance contrast to the next: about 1.6:1 for five classes, the
    /// most that range allows. The lightest stays clear of both the white page and the grey no-data hatch.
    /// </summary>
    private static readonly string[][] Palettes =
    [
        ["#4f9aca"],
        ["#deebf7", "#08519c"],
        ["#deebf7", "#4f9aca", "#08519c"],
        ["#deebf7", "#77b4d8", "#3280bd", "#08519c"],
        ["#deebf7", "#8fc1dd", "#4f9aca", "#2574b6", "#08519c"],
        ["#deebf7", "#9dc9e1", "#65a9d3", "#3c8bc2", "#1e6db2", "#08519c"],
        ["#deebf7", "#a9cee5", "#77b4d8", "#4f9aca", "#3280bd", "#1b68ae", "#08519c"],
    ];

    private const string Ink = "#0b0c0c";
    private const string Border = "#ffffff";
    private const string NoDataBackground = "#f3f2f1";
    private const string NoDataLines = "#b1b4b6";

    // The key sits over the open sea west of Orkney and north of the Hebrides; a test keeps every area clear of it.
    private const double KeyX = 10, KeyY = 10;
    private const double HighlightWidth = 1.5;

    public static Choropleth Draw(BoundarySet boundaries, string title, string description, IEnumerable<ChoroplethValue> values, ChoroplethOptions? options = null)
    {
        options ??= new ChoroplethOptions();
        if (!IdPattern().IsMatch(options.Id))
        {
            throw new ArgumentException($"The map id '{options.Id}' must start with a letter and hold only letters, digits and hyphens.", nameof(options));
        }

        var given = new Dictionary<string, ChoroplethValue>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (!given.TryAdd(value.Code, value))
            {
                throw new ArgumentException($"Area {value.Code} is given more than one value.", nameof(values));
            }
        }
        var unmapped = given.Keys.Where(code => boundaries.Find(code) is null).Order(StringComparer.Ordinal).ToList();
        var numbers = boundaries.Areas.Select(a => given.GetValueOrDefault(a.Code)?.Value).OfType<double>().Where(double.IsFinite).ToList();
        var format = options.FormatValue ?? DefaultFormat(numbers);
        var classes = Classify(numbers, options, format);
        var noData = boundaries.Areas.Count(a => ValueOf(given.GetValueOrDefault(a.Code)) is null);
        var note = options.KeyHeading ?? options.Polarity switch
        {
            MapPolarity.HigherIsBetter => "Darker = higher (better)",
            MapPolarity.LowerIsBetter => "Darker = higher (worse)",
            _ => "Darker = higher",
        };
        var highlight = options.Highlight is { } h ? boundaries.Find(h) : null;
        var linked = given.Values.Any(v => v.Href is not null && boundaries.Find(v.Code) is not null);

        var svg = new Svg(options.Id, boundaries.Width, boundaries.Height, title,
            Describe(description, note, classes, noData, highlight), cssClass: "app-map", role: linked ? "group" : "img");
        var hatch = $"{options.Id}-no-data";
        svg.Open("defs")
            .Open("pattern", ("id", hatch), ("patternUnits", "userSpaceOnUse"), ("width", 6), ("height", 6), ("patternTransform", "rotate(45)"))
            .Element("rect", ("width", 6), ("height", 6), ("fill", NoDataBackground))
            .Element("line", ("x1", 0), ("y1", 0), ("x2", 0), ("y2", 6), ("stroke", NoDataLines), ("stroke-width", 2.5))
            .Close("pattern")
            .Close("defs");

        svg.Open("g", ("fill-rule", "evenodd"), ("stroke", Border), ("stroke-width", 0.4), ("stroke-linejoin", "round"));
        foreach (var area in boundaries.Areas.Where(a => !ReferenceEquals(a, highlight)))
        {
            DrawArea(svg, area, given.GetValueOrDefault(area.Code), classes, format, hatch, highlighted: false);
        }
        if (highlight is not null)
        {
            DrawArea(svg, highlight, given.GetValueOrDefault(highlight.Code), classes, format, hatch, highlighted: true);
        }
        svg.Close("g");

        if (options.DrawKey)
        {
            DrawKey(svg, note, classes, noData > 0 ? hatch : null, highlight);
        }
        return new Choropleth(svg.ToString(), classes, noData, note, unmapped, boundaries.Attribution);
    }

    /// <summary>Every number in the key gets the same decimals, so "89" never sits beside "92.2".</summary>
    private static Func<double, string> DefaultFormat(List<double> numbers)
    {
        var decimals = numbers.Count == 0 ? 0 : numbers.Max(v => Enumerable.Range(0, 4).First(d => d == 3 || Math.Abs(Math.Round(v, d) - v) < 1e-9));
        var pattern = decimals == 0 ? "#,##0" : "#,##0." + new string('0', decimals);
        return v => v.ToString(pattern, CultureInfo.InvariantCulture);
    }

    private static double? ValueOf(ChoroplethValue? value) => value?.Value is { } v && double.IsFinite(v) ? v : null;

    private static void DrawArea(Svg svg, BoundaryArea area, ChoroplethValue? value, IReadOnlyList<ChoroplethClass> classes, Func<double, string> format, string hatch, bool highlighted)
    {
        var number = ValueOf(value);
        var fill = number is { } v ? classes.First(c => c.Contains(v)).Colour : $"url(#{hatch})";
        var shown = value is { ValueText: { } text } && !string.IsNullOrWhiteSpace(text) ? text
            : number is { } n ? format(n) : NoDataLabel;
        var label = $"{value?.Name ?? area.Name}: {shown}";
        var href = value?.Href;
        if (href is not null)
        {
            svg.Open("a", ("href", href), ("aria-label", label));
        }
        svg.Open("path", ("d", area.Path), ("fill", fill), ("data-code", area.Code),
            ("stroke", highlighted ? Ink : null), ("stroke-width", highlighted ? HighlightWidth : null));
        svg.Title(label).Close("path");
        if (href is not null)
        {
            svg.Close("a");
        }
    }

    private static IReadOnlyList<ChoroplethClass> Classify(List<double> numbers, ChoroplethOptions options, Func<double, string> format)
    {
        IReadOnlyList<double> breaks;
        if (options.Breaks is { } explicitBreaks)
        {
            if (explicitBreaks.Count + 1 > Palettes.Length || explicitBreaks.Any(b => !double.IsFinite(b)) ||
                explicitBreaks.Zip(explicitBreaks.Skip(1)).Any(pair => pair.First >= pair.Second))
            {
                throw new ArgumentException($"Breaks must be at most {Palettes.Length - 1} finite numbers in ascending order.", nameof(options));
            }
            breaks = explicitBreaks;
        }
        else
        {
            if (options.Classes < 1 || options.Classes > Palettes.Length)
            {
                throw new ArgumentException($"A map has from 1 to {Palettes.Length} classes, not {options.Classes}.", nameof(options));
            }
            if (numbers.Count == 0)
            {
                return [];
            }
            breaks = QuantileBreaks(numbers, options.Classes);
        }

        var palette = Palettes[breaks.Count];
        var classes = new List<ChoroplethClass>();
        for (var i = 0; i <= breaks.Count; i++)
        {
            double? lower = i == 0 ? null : breaks[i - 1];
            double? upper = i == breaks.Count ? null : breaks[i];
            var members = numbers.Where(v => (lower is null || v >= lower) && (upper is null || v < upper)).ToList();
            string label;
            if (options.Breaks is null)
            {
                // Quantile classes are named by the values they hold, which never overlap.
                var (min, max) = (format(members.Min()), format(members.Max()));
                label = min == max ? min : $"{min} to {max}";
            }
            else
            {
                label = (lower, upper) switch
                {
                    (null, null) => "All values",
                    (null, { } u) => $"Under {format(u)}",
                    ({ } l, null) => $"{format(l)} or more",
                    ({ } l, { } u) => $"{format(l)} to under {format(u)}",
                };
            }
            classes.Add(new ChoroplethClass(i + 1, label, palette[i], members.Count, lower, upper));
        }
        return classes;
    }

    /// <summary>
    /// Boundaries that put about the same number of values in each class, each one a value from the data, so the
    /// minimum always falls in the first class and the maximum in the last. Tied values never straddle a
    /// boundary: it moves to the nearer end of the tie, and the values left over are shared out again among the
    /// classes left, so ties never leave a class empty and only run out of classes when there are too few
    /// distinct values.
    /// </summary>
    internal static IReadOnlyList<double> QuantileBreaks(IReadOnlyCollection<double> values, int classes)
    {
        var sorted = values.Order().ToArray();
        var breaks = new List<double>();
        var start = 0;
        for (var left = classes; left > 1 && start < sorted.Length; left--)
        {
            var target = start + (sorted.Length - start + left - 1) / left;
            if (target >= sorted.Length)
            {
                break;
            }
            if (sorted[target - 1] == sorted[target])
            {
                var tieStart = Array.IndexOf(sorted, sorted[target], start);
                var tieEnd = target;
                while (tieEnd < sorted.Length && sorted[tieEnd] == sorted[target])
                {
                    tieEnd++;
                }
                var backwards = tieStart > start ? target - tieStart : int.MaxValue;
                var forwards = tieEnd < sorted.Length ? tieEnd - target : int.MaxValue;
                if (backwards == int.MaxValue && forwards == int.MaxValue)
                {
                    break;
                }
                target = backwards <= forwards ? tieStart : tieEnd;
            }
            breaks.Add(sorted[target]);
            start = target;
        }
        return breaks;
    }

    private static string Describe(string description, string note, IReadOnlyList<ChoroplethClass> classes, int noData, BoundaryArea? highlight)
    {
        var parts = new List<string> { description.TrimEnd() };
        if (classes.Count > 0)
        {
            parts.Add($"{note}, in {classes.Count} {(classes.Count == 1 ? "shade" : "shades")}: {string.Join("; ", classes.Select(c => c.Label))}.");
        }
        if (noData > 0)
        {
            parts.Add(noData == 1 ? "1 area has no data." : $"{noData} areas have no data.");
        }
        if (highlight is not null)
        {
            parts.Add($"{highlight.Name} is outlined.");
        }
        return string.Join(" ", parts.Where(p => p.Length > 0));
    }

    private static void DrawKey(Svg svg, string note, IReadOnlyList<ChoroplethClass> classes, string? hatch, BoundaryArea? highlight)
    {
        const double swatchWidth = 24, swatchHeight = 16, pitch = 22, fontSize = 14, textX = KeyX + swatchWidth + 8;
        svg.Open("g", ("class", "app-map__key"), ("font-size", fontSize), ("fill", Ink));
        svg.TextElement(note, ("x", KeyX), ("y", KeyY + fontSize), ("font-weight", "bold"));
        var y = KeyY + fontSize + 10;
        var rows = classes.Select(c => (Fill: c.Colour, c.Label)).ToList();
        if (hatch is not null)
        {
            rows.Add(($"url(#{hatch})", NoDataLabel));
        }
        foreach (var (fill, label) in rows)
        {
            svg.Element("rect", ("x", KeyX), ("y", y), ("width", swatchWidth), ("height", swatchHeight), ("fill", fill), ("stroke", "#505a5f"), ("stroke-width", 0.5));
            svg.TextElement(label, ("x", textX), ("y", y + swatchHeight - 3));
            y += pitch;
        }
        if (highlight is not null)
        {
            svg.Element("rect", ("x", KeyX + 1), ("y", y + 1), ("width", swatchWidth - 2), ("height", swatchHeight - 2), ("fill", "none"), ("stroke", Ink), ("stroke-width", HighlightWidth));
            var lines = Svg.Wrap($"Outlined: {highlight.Name}", 26);
            for (var l = 0; l < lines.Count; l++)
            {
                svg.TextElement(lines[l], ("x", textX), ("y", y + swatchHeight - 3 + l * 17));
            }
        }
        svg.Close("g");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]*$")]
    private static partial Regex IdPattern();
}
