using System.Globalization;
using System.Net;
using System.Text;

namespace Observatory.Rendering.Charts;

/// <summary>
/// A small writer for server-drawn SVG. Every chart the Observatory draws goes through it, so each one has the
/// same accessible frame: role="img" (or "group" when it holds links), a title and a description, and no inline
/// style (the Content-Security-Policy forbids it; presentation attributes only).
/// </summary>
public sealed class Svg
{
    private readonly StringBuilder _sb = new();

    /// <summary>Starts an SVG of the given size, labelled by its title and description.</summary>
    /// <param name="role">
    /// "img" makes the picture one image to assistive technology. A picture holding links must be a "group"
    /// instead: an image's children are presentational, so links inside one could not be reached.
    /// </param>
    public Svg(string id, double width, double height, string title, string description, string? cssClass = "app-diagram", string role = "img")
    {
        _sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"{Attr(role)}\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\"");
        if (cssClass is not null)
        {
            _sb.Append($" class=\"{Attr(cssClass)}\"");
        }
        _sb.Append('>');
        _sb.Append($"<title id=\"{id}-title\">{Text(title)}</title><desc id=\"{id}-desc\">{Text(description)}</desc>");
    }

    public Svg Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    /// <summary>Writes an element; attributes with null values are left out.</summary>
    public Svg Element(string name, params (string Name, object? Value)[] attributes) => Open(name, attributes, selfClose: true);

    public Svg Open(string name, params (string Name, object? Value)[] attributes) => Open(name, attributes, selfClose: false);

    public Svg Close(string name)
    {
        _sb.Append("</").Append(name).Append('>');
        return this;
    }

    public Svg TextElement(string text, params (string Name, object? Value)[] attributes)
    {
        Open("text", attributes, selfClose: false);
        _sb.Append(Text(text));
        return Close("text");
    }

    /// <summary>A tooltip-style title inside the current element (read by screen readers and shown on hover).</summary>
    public Svg Title(string text)
    {
        _sb.Append("<title>").Append(Text(text)).Append("</title>");
        return this;
    }

    public override string ToString() => _sb.ToString() + "</svg>";

    private Svg Open(string name, (string Name, object? Value)[] attributes, bool selfClose)
    {
        _sb.Append('<').Append(name);
        foreach (var (attribute, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }
            var text = value switch
            {
                double d => N(d),
                float f => N(f),
                int i => i.ToString(CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            _sb.Append(' ').Append(attribute).Append("=\"").Append(Attr(text)).Append('"');
        }
        _sb.Append(selfClose ? "/>" : ">");
        return this;
    }

    /// <summary>A number for SVG coordinates: invariant culture, at most two decimals (or as many as asked, up to four).</summary>
    public static string N(double value, int decimals = 2) => Math.Round(value, Math.Clamp(decimals, 0, 4)).ToString(decimals switch
    {
        <= 0 => "0",
        1 => "0.#",
        2 => "0.##",
        3 => "0.###",
        _ => "0.####",
    }, CultureInfo.InvariantCulture);

    public static string Text(string text) => WebUtility.HtmlEncode(text);

    public static string Attr(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Point on a circle, angle in degrees clockwise from 12 o'clock.</summary>
    public static (double X, double Y) Polar(double cx, double cy, double r, double degrees)
    {
        var radians = (degrees - 90) * Math.PI / 180;
        return (cx + r * Math.Cos(radians), cy + r * Math.Sin(radians));
    }

    /// <summary>Path of a ring segment (annular sector) between two radii and two angles.</summary>
    public static string RingSegment(double cx, double cy, double inner, double outer, double startDegrees, double endDegrees)
    {
        var large = endDegrees - startDegrees > 180 ? 1 : 0;
        var (x1, y1) = Polar(cx, cy, outer, startDegrees);
        var (x2, y2) = Polar(cx, cy, outer, endDegrees);
        var (x3, y3) = Polar(cx, cy, inner, endDegrees);
        var (x4, y4) = Polar(cx, cy, inner, startDegrees);
        return $"M{N(x1)},{N(y1)} A{N(outer)},{N(outer)} 0 {large} 1 {N(x2)},{N(y2)} L{N(x3)},{N(y3)} A{N(inner)},{N(inner)} 0 {large} 0 {N(x4)},{N(y4)} Z";
    }

    /// <summary>Splits a label into lines of at most <paramref name="width"/> characters, at spaces.</summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0)
            {
                line.Append(' ');
            }
            line.Append(word);
        }
        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }
        return lines;
    }
}
