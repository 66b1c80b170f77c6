using Observatory.Frameworks;

namespace Observatory.Rendering.Charts;

/// <summary>A drawn diagram with its text alternative: a caption and the same content as table rows.</summary>
public sealed record Diagram(string Svg, string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The diagrams a framework page shows where a picture helps: the 4Rs around the four place-making outcomes,
/// the Doughnut's two rings, and models built as pillars (connected places, the Socitm ecosystem).
/// </summary>
/// <remarks>
/// Diagrams hold no links: an SVG with role="img" is one picture to assistive technology, so links inside it
/// would be unreachable. The element list and the table beside each diagram carry the links.
/// </remarks>
public static class FrameworkDiagrams
{
    // GOV.UK palette colours that carry white text at 4.5:1 or better.
    private static readonly string[] DarkFills = ["#1d70b8", "#00703c", "#4c2c92", "#003078", "#912b88", "#005a30", "#6d3b8c", "#0b0c0c"];

    public static Diagram? For(Framework framework, FrameworkCatalogue catalogue) => framework.Diagram switch
    {
        "four-rs" => FourRs(framework, catalogue),
        "doughnut" => Doughnut(framework),
        "pillars" => Pillars(framework),
        _ => null,
    };

    /// <summary>The four recovery pillars as a ring around the four place-making outcomes and their areas of focus.</summary>
    private static Diagram? FourRs(Framework framework, FrameworkCatalogue catalogue)
    {
        var pillars = (catalogue.Find("four-rs") ?? framework).AllElements().Where(e => e.Kind == "pillar").ToList();
        var outcomes = (catalogue.Find("place-making") ?? framework).AllElements().Where(e => e.Kind == "outcome").ToList();
        if (pillars.Count == 0 && outcomes.Count == 0)
        {
            return null;
        }
        const double size = 640, c = size / 2, outer = 300, inner = 235, core = 225;
        var svg = new Svg($"diagram-{framework.Id}", size, size,
            "The recovery and resilience model",
            $"The {pillars.Count} recovery pillars ({string.Join(", ", pillars.Select(p => p.Name))}) form a ring around the {outcomes.Count} outcomes of ethical, digital place-making ({string.Join(", ", outcomes.Select(o => o.Name))}), each with its areas of focus.");
        for (var i = 0; i < pillars.Count; i++)
        {
            var start = i * 360.0 / pillars.Count + 1;
            var end = (i + 1) * 360.0 / pillars.Count - 1;
            svg.Element("path", ("d", Svg.RingSegment(c, c, inner, outer, start, end)), ("fill", DarkFills[i % DarkFills.Length]));
            var (x, y) = Svg.Polar(c, c, (inner + outer) / 2, (start + end) / 2);
            svg.TextElement(pillars[i].Name, ("x", x), ("y", y + 6), ("text-anchor", "middle"), ("font-size", 20), ("font-weight", "bold"), ("fill", "#ffffff"));
        }
        for (var i = 0; i < outcomes.Count; i++)
        {
            var start = i * 360.0 / outcomes.Count + 45;
            var end = (i + 1) * 360.0 / outcomes.Count + 45;
            svg.Element("path", ("d", Svg.RingSegment(c, c, 0.01, core, start, end)), ("fill", "#f3f2f1"), ("stroke", "#ffffff"), ("stroke-width", 4));
            var (x, y) = Svg.Polar(c, c, core * 0.55, (start + end) / 2);
            var areas = outcomes[i].Children.Select(a => a.Name).ToList();
            var top = y - (areas.Count * 17 + 24) / 2.0 + 14;
            svg.TextElement(outcomes[i].Name, ("x", x), ("y", top), ("text-anchor", "middle"), ("font-size", 19), ("font-weight", "bold"), ("fill", "#0b0c0c"));
            for (var a = 0; a < areas.Count; a++)
            {
                svg.TextElement(areas[a], ("x", x), ("y", top + 22 + a * 17), ("text-anchor", "middle"), ("font-size", 14), ("fill", "#0b0c0c"));
            }
        }
        var rows = pillars.Select(p => (IReadOnlyList<string>)["Recovery pillar (outer ring)", p.Name, ""])
            .Concat(outcomes.Select(o => (IReadOnlyList<string>)["Place-making outcome (centre)", o.Name, string.Join(", ", o.Children.Select(a => a.Name))]))
            .ToList();
        return new Diagram(svg.ToString(), "The 4Rs around the four place-making outcomes", ["Part of the model", "Name", "Areas of focus"], rows);
    }

    /// <summary>The Doughnut: social foundation inside, ecological ceiling outside, the safe and just space between.</summary>
    private static Diagram? Doughnut(Framework framework)
    {
        var social = framework.Elements.FirstOrDefault(e => e.Id == "social-foundation")?.Children ?? [];
        var ecological = framework.Elements.FirstOrDefault(e => e.Id == "ecological-ceiling")?.Children ?? [];
        if (social.Count == 0 && ecological.Count == 0)
        {
            return null;
        }
        const double size = 680, c = size / 2;
        var svg = new Svg($"diagram-{framework.Id}", size, size,
            "The Doughnut of social and planetary boundaries",
            $"An inner ring of {social.Count} social-foundation dimensions and an outer ring of {ecological.Count} ecological-ceiling dimensions; between them, the safe and just space for humanity.");
        // The safe and just space.
        svg.Element("path", ("d", Svg.RingSegment(c, c, 165, 245, 0, 359.99)), ("fill", "#cce2d8"));
        svg.TextElement("The safe and just space", ("x", c), ("y", c - 200), ("text-anchor", "middle"), ("font-size", 15), ("font-weight", "bold"), ("fill", "#005a30"));
        svg.TextElement("for humanity", ("x", c), ("y", c - 182), ("text-anchor", "middle"), ("font-size", 15), ("font-weight", "bold"), ("fill", "#005a30"));
        Ring(svg, social, c, 95, 165, "#1d70b8", labelInside: true);
        Ring(svg, ecological, c, 245, 320, "#00703c", labelInside: true);
        svg.TextElement("Social foundation", ("x", c), ("y", c + 4), ("text-anchor", "middle"), ("font-size", 16), ("font-weight", "bold"), ("fill", "#0b0c0c"));
        var rows = social.Select(d => (IReadOnlyList<string>)["Social foundation (inner ring)", d.Name])
            .Concat(ecological.Select(d => (IReadOnlyList<string>)["Ecological ceiling (outer ring)", d.Name]))
            .ToList();
        return new Diagram(svg.ToString(), "The Doughnut's two rings", ["Ring", "Dimension"], rows);
    }

    private static void Ring(Svg svg, IReadOnlyList<FrameworkElement> dimensions, double c, double inner, double outer, string fill, bool labelInside)
    {
        for (var i = 0; i < dimensions.Count; i++)
        {
            var start = i * 360.0 / dimensions.Count + 0.6;
            var end = (i + 1) * 360.0 / dimensions.Count - 0.6;
            var mid = (start + end) / 2;
            svg.Element("path", ("d", Svg.RingSegment(c, c, inner, outer, start, end)), ("fill", fill));
            var lines = Svg.Wrap(dimensions[i].Name, outer - inner > 70 ? 14 : 11);
            var radius = labelInside ? (inner + outer) / 2 : outer + 26;
            var (x, y) = Svg.Polar(c, c, radius, mid);
            var anchor = labelInside ? "middle" : mid < 10 || mid > 350 || (mid > 170 && mid < 190) ? "middle" : mid < 180 ? "start" : "end";
            var first = y - (lines.Count - 1) * 7;
            for (var l = 0; l < lines.Count; l++)
            {
                svg.TextElement(lines[l], ("x", x), ("y", first + l * 14 + 4), ("text-anchor", anchor), ("font-size", 12),
                    ("fill", labelInside ? "#ffffff" : "#0b0c0c"), ("font-weight", labelInside ? "bold" : null));
            }
        }
    }

    /// <summary>Pillars with their parts, under the aim or outcomes they hold up.</summary>
    private static Diagram? Pillars(Framework framework)
    {
        var pillars = framework.AllElements().Where(e => e.Kind == "pillar").ToList();
        if (pillars.Count == 0)
        {
            return null;
        }
        var roof = framework.AllElements().Where(e => e.Kind is "aim" or "outcome").ToList();
        const double width = 720, gap = 16;
        var columnWidth = (width - gap * (pillars.Count + 1)) / pillars.Count;
        var maxParts = pillars.Max(p => p.Children.Sum(ch => Svg.Wrap(ch.Name, (int)(columnWidth / 8)).Count));
        var roofHeight = roof.Count == 0 ? 0 : 40 + roof.Count * 20;
        var height = roofHeight + 90 + maxParts * 18 + 30;
        var svg = new Svg($"diagram-{framework.Id}", width, height, framework.Name,
            $"{pillars.Count} pillars: {string.Join("; ", pillars.Select(p => p.Name))}." + (roof.Count > 0 ? $" They support: {string.Join("; ", roof.Select(r => r.Name))}." : ""));
        if (roof.Count > 0)
        {
            svg.Element("rect", ("x", gap), ("y", 10), ("width", width - 2 * gap), ("height", roofHeight - 10), ("fill", "#f3f2f1"), ("stroke", "#b1b4b6"));
            for (var r = 0; r < roof.Count; r++)
            {
                svg.TextElement(roof[r].Name, ("x", width / 2), ("y", 38 + r * 20), ("text-anchor", "middle"), ("font-size", r == 0 && roof[0].Kind == "aim" ? 17 : 14),
                    ("font-weight", r == 0 && roof[0].Kind == "aim" ? "bold" : null), ("fill", "#0b0c0c"));
            }
        }
        for (var i = 0; i < pillars.Count; i++)
        {
            var x = gap + i * (columnWidth + gap);
            var top = roofHeight + 10;
            svg.Element("rect", ("x", x), ("y", top), ("width", columnWidth), ("height", height - top - 10), ("fill", DarkFills[i % DarkFills.Length]));
            var titleLines = Svg.Wrap(pillars[i].Name, (int)(columnWidth / 10));
            for (var l = 0; l < titleLines.Count; l++)
            {
                svg.TextElement(titleLines[l], ("x", x + columnWidth / 2), ("y", top + 26 + l * 20), ("text-anchor", "middle"), ("font-size", 17), ("font-weight", "bold"), ("fill", "#ffffff"));
            }
            var line = 0;
            foreach (var part in pillars[i].Children)
            {
                foreach (var text in Svg.Wrap(part.Name, (int)(columnWidth / 8)))
                {
                    svg.TextElement(text, ("x", x + columnWidth / 2), ("y", top + 40 + titleLines.Count * 20 + line * 18), ("text-anchor", "middle"), ("font-size", 14), ("fill", "#ffffff"));
                    line++;
                }
                line++;
            }
        }
        var rows = pillars.Select(p => (IReadOnlyList<string>)[p.Name, string.Join(", ", p.Children.Select(ch => ch.Name))]).ToList();
        return new Diagram(svg.ToString(), $"{framework.Name} as pillars", ["Pillar", "Parts"], rows);
    }
}
