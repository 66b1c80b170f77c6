using System.Security.Cryptography;
using System.Text;

namespace Observatory.Rendering.Charts.Maps;

/// <summary>
/// "Where is this place?" maps: the whole United Kingdom in one light shade with the place (or the councils in it)
/// shaded dark on top. Every council's map shares the same background, so it is drawn once as a file the browser
/// keeps (<see cref="DrawBackground"/>) and each page carries only its own area's outline: a page of about 10 KB
/// instead of 260 KB, most of which was the same 361 council shapes again.
/// </summary>
public static class LocatorMap
{
    /// <summary>The two shades of the ColorBrewer Blues the choropleth maps use for two classes.</summary>
    public const string OtherColour = "#deebf7";

    public const string InsideColour = "#08519c";

    public const string OtherLabel = "Other areas";

    private const string Ink = "#0b0c0c";
    private const string Border = "#ffffff";
    private const double HighlightWidth = 1.5;

    /// <summary>Every area in the light shade with white borders: a standalone SVG file, shown as an image behind each locator.</summary>
    public static string DrawBackground(BoundarySet boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        var svg = new Svg("uk", boundaries.Width, boundaries.Height, "The United Kingdom's council areas",
            $"Every council area of the United Kingdom in one shade. {boundaries.Attribution}", cssClass: null);
        svg.Open("g", ("fill", OtherColour), ("stroke", Border), ("stroke-width", 0.4), ("stroke-linejoin", "round"), ("fill-rule", "evenodd"));
        foreach (var area in boundaries.Areas)
        {
            svg.Element("path", ("d", area.Path));
        }
        svg.Close("g");
        return svg.ToString();
    }

    /// <summary>A short digest of the background, to address it so that a browser may keep it for a year.</summary>
    public static string Fingerprint(string background) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(background)))[..16].ToLowerInvariant();

    /// <summary>
    /// The locator: <paramref name="backgroundHref"/> drawn behind, the <paramref name="shaded"/> areas dark over it,
    /// and <paramref name="outlined"/> (if any) outlined in black. The key comes back as two classes so the page can
    /// write it out beside the map, as it does for a choropleth.
    /// </summary>
    /// <param name="insideLabel">What the dark shade means, e.g. the area's name or "Councils in North West".</param>
    public static Choropleth Draw(BoundarySet boundaries, string title, string description, string backgroundHref,
        IReadOnlyCollection<string> shaded, string? outlined, string insideLabel, string id = "locator")
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(shaded);
        var drawn = boundaries.Areas.Where(a => shaded.Contains(a.Code) || a.Code == outlined).ToList();
        var highlight = outlined is { } o ? boundaries.Find(o) : null;
        var others = boundaries.Areas.Count - drawn.Count;
        var parts = new List<string> { description.TrimEnd(), $"Location, in 2 shades: {insideLabel}; {OtherLabel}." };
        if (highlight is not null)
        {
            parts.Add($"{highlight.Name} is outlined.");
        }
        var svg = new Svg(id, boundaries.Width, boundaries.Height, title, string.Join(" ", parts), cssClass: "app-map");
        svg.Element("image", ("href", backgroundHref), ("x", 0), ("y", 0), ("width", Svg.N(boundaries.Width)), ("height", Svg.N(boundaries.Height)));
        svg.Open("g", ("fill-rule", "evenodd"), ("stroke", Border), ("stroke-width", 0.4), ("stroke-linejoin", "round"));
        // The outlined area last, so no neighbour covers its outline.
        foreach (var area in drawn.Where(a => !ReferenceEquals(a, highlight)).Append(highlight).OfType<BoundaryArea>())
        {
            var isHighlight = ReferenceEquals(area, highlight);
            svg.Open("path", ("d", area.Path), ("fill", InsideColour), ("data-code", area.Code),
                ("stroke", isHighlight ? Ink : null), ("stroke-width", isHighlight ? HighlightWidth : null));
            svg.Title($"{area.Name}: {insideLabel}").Close("path");
        }
        svg.Close("g");
        IReadOnlyList<ChoroplethClass> classes =
        [
            new ChoroplethClass(1, OtherLabel, OtherColour, others, null, 1),
            new ChoroplethClass(2, insideLabel, InsideColour, drawn.Count, 1, null),
        ];
        return new Choropleth(svg.ToString(), classes, 0, "Location", [], boundaries.Attribution);
    }
}

/// <summary>The locator maps' shared background, drawn once per process from the shipped boundaries.</summary>
public sealed class LocatorBackground(BoundarySet boundaries)
{
    private readonly Lazy<(string Svg, string Fingerprint)> _drawn = new(() =>
    {
        var svg = LocatorMap.DrawBackground(boundaries);
        return (svg, LocatorMap.Fingerprint(svg));
    });

    public const string Path = "/maps/locator.svg";

    public string Svg => _drawn.Value.Svg;

    public string Fingerprint => _drawn.Value.Fingerprint;

    /// <summary>The address pages use: with the digest, so a browser keeps it until the boundaries change.</summary>
    public string Href => $"{Path}?v={Fingerprint}";
}
