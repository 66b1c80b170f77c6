using System.Globalization;
using System.Text;

namespace Observatory.Rendering.Charts;

/// <summary>
/// A word-sized line chart of a series, for a table cell. It is one image to assistive technology, named by a
/// sentence that gives the first and last values; the line itself is decorative detail, hidden, since the
/// figures are in the table beside it.
/// </summary>
public static class Sparkline
{
    public const double DefaultWidth = 120;
    public const double DefaultHeight = 32;

    // GOV.UK blue for the line and its last point; black ink for the first point, so the ends differ in shape
    // (size) as well as colour.
    private const string Line = "#1d70b8";
    private const string Ink = "#0b0c0c";
    private const double Pad = 3;

    /// <param name="label">What the sparkline shows, read in place of the picture.</param>
    public static string Draw(IReadOnlyList<double> values, string label, double width = DefaultWidth, double height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(label);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Svg.N(width)} {Svg.N(height)}\" width=\"{Svg.N(width)}\" height=\"{Svg.N(height)}\" role=\"img\" aria-label=\"{Svg.Attr(label)}\" focusable=\"false\" class=\"app-sparkline\">");
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count > 0)
        {
            var (min, max) = (finite.Min(), finite.Max());
            var points = finite.Select((v, i) => (
                X: finite.Count == 1 ? width / 2 : Pad + i * (width - 2 * Pad) / (finite.Count - 1),
                // A flat series sits mid-height rather than on the floor.
                Y: max == min ? height / 2 : height - Pad - (v - min) / (max - min) * (height - 2 * Pad))).ToList();
            sb.Append("<g aria-hidden=\"true\">");
            if (points.Count > 1)
            {
                sb.Append("<polyline fill=\"none\" stroke=\"").Append(Line).Append("\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"")
                    .AppendJoin(' ', points.Select(p => $"{Svg.N(p.X)},{Svg.N(p.Y)}")).Append("\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Svg.N(points[0].X)}\" cy=\"{Svg.N(points[0].Y)}\" r=\"2\" fill=\"{Ink}\"/>");
            }
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Svg.N(points[^1].X)}\" cy=\"{Svg.N(points[^1].Y)}\" r=\"3\" fill=\"{Line}\"/>");
            sb.Append("</g>");
        }
        return sb.Append("</svg>").ToString();
    }
}
