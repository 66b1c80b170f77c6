using System.Globalization;
using System.Text;
using Observatory.Decisions;

namespace Observatory.Rendering.Charts;

/// <summary>
/// A decision wheel for one option of a decision, in the way Cornwall Council attaches its wheels to cabinet papers: the
/// environmental segments in the outer ring, the social segments in the inner ring, each segment split into its short
/// term (the inner half) and its long term (the outer half), filled on a diverging scale from red (1, long-lasting or
/// severe negative) through a pale neutral (3) to green (5, long-lasting or extensive positive). What is not known is
/// grey and hatched, as prominent as any score, because not knowing matters. Segments are numbered (E1…, S1…) and named
/// in a key beside the wheel, which also gives both scores in words, so the drawing reads without colour.
/// </summary>
public static class DecisionWheelChart
{
    public const string UnknownColour = "#b1b4b6";

    /// <summary>The fill of each score, 1 to 5: a red-to-green diverging scale with a pale neutral middle.</summary>
    public static readonly IReadOnlyList<string> ScoreColours = ["#942514", "#e8836f", "#fff2a8", "#7fc29b", "#005a30"];

    private const double Width = 1000;
    private const double Height = 660;
    private const double Cx = 320;
    private const double Cy = 330;
    private const double Hole = 55;
    private const double InnerMiddle = 115;
    private const double InnerOuter = 175;
    private const double OuterInner = 185;
    private const double OuterMiddle = 245;
    private const double OuterOuter = 305;
    private const double KeyX = 660;

    /// <summary>The fill for a score; grey for unknown.</summary>
    public static string Fill(int? score) => score is >= 1 and <= 5 ? ScoreColours[score.Value - 1] : UnknownColour;

    /// <summary>The SVG of one option's wheel. <paramref name="context"/> gives the place's status beside each segment, where known.</summary>
    public static string Draw(DecisionWheel wheel, IReadOnlyDictionary<string, SegmentImpact> impacts, string title,
        IReadOnlyDictionary<string, SegmentContext>? context = null, string id = "wheel")
    {
        context ??= new Dictionary<string, SegmentContext>();
        var svg = new Svg(id, Width, Height, title, Summary(wheel, impacts, context), "app-diagram app-decision-wheel");
        svg.Open("defs")
            .Open("pattern", ("id", $"{id}-unknown"), ("width", 10), ("height", 10), ("patternUnits", "userSpaceOnUse"), ("patternTransform", "rotate(45)"))
            .Element("rect", ("width", 10), ("height", 10), ("fill", UnknownColour))
            .Element("line", ("x1", 0), ("y1", 0), ("x2", 0), ("y2", 10), ("stroke", "#505a5f"), ("stroke-width", 3))
            .Close("pattern").Close("defs");
        svg.Element("rect", ("x", 0), ("y", 0), ("width", Width), ("height", Height), ("fill", "#ffffff"));
        var keyLine = 0;
        foreach (var ring in wheel.Rings)
        {
            var (inner, middle, outer) = ring.Position == RingPosition.Outer ? (OuterInner, OuterMiddle, OuterOuter) : (Hole, InnerMiddle, InnerOuter);
            var prefix = Prefix(ring);
            var step = 360.0 / ring.Segments.Count;
            svg.Open("g", ("class", "app-decision-wheel__ring"), ("data-ring", ring.Id));
            for (var i = 0; i < ring.Segments.Count; i++)
            {
                var segment = ring.Segments[i];
                var impact = impacts.GetValueOrDefault(segment.Id, SegmentImpact.Unknown);
                var start = i * step;
                var end = start + step;
                svg.Open("g", ("class", "app-decision-wheel__segment"), ("data-segment", segment.Id));
                svg.Title($"{prefix}{i + 1} {segment.Name}: short term {DecisionWords.ScoreShort(impact.ShortTerm)}, long term {DecisionWords.ScoreShort(impact.LongTerm)}");
                Half(svg, id, inner, middle, start, end, "short", impact.ShortTerm);
                Half(svg, id, middle, outer, start, end, "long", impact.LongTerm);
                var (x, y) = Svg.Polar(Cx, Cy, (inner + outer) / 2, (start + end) / 2);
                svg.Element("circle", ("cx", x), ("cy", y), ("r", 15), ("fill", "#ffffff"), ("stroke", "#0b0c0c"), ("stroke-width", 1.5));
                svg.TextElement($"{prefix}{i + 1}", ("x", x), ("y", y + 5), ("text-anchor", "middle"), ("font-size", 13), ("font-weight", "bold"), ("fill", "#0b0c0c"));
                svg.Close("g");
            }
            svg.Close("g");
            keyLine = Key(svg, ring, impacts, context, keyLine);
        }
        svg.TextElement("Inner half of each segment: short term; outer half: long term", ("x", Cx), ("y", Height - 8), ("text-anchor", "middle"), ("font-size", 14), ("fill", "#0b0c0c"));
        Legend(svg, id);
        return svg.ToString();
    }

    private static void Half(Svg svg, string id, double inner, double outer, double start, double end, string term, int? score)
    {
        svg.Element("path", ("class", $"app-decision-wheel__{term}"), ("d", Svg.RingSegment(Cx, Cy, inner, outer, start, end)),
            ("fill", score is null ? $"url(#{id}-unknown)" : Fill(score)), ("data-term", term), ("data-score", DecisionWords.ScoreSlug(score)),
            ("stroke", "#0b0c0c"), ("stroke-width", 1));
    }

    /// <summary>The ring's segments by number, name and both scores, with the place's status where it is under pressure.</summary>
    private static int Key(Svg svg, WheelRing ring, IReadOnlyDictionary<string, SegmentImpact> impacts, IReadOnlyDictionary<string, SegmentContext> context, int line)
    {
        const double lineHeight = 19;
        svg.TextElement(ring.Name, ("x", KeyX), ("y", 24 + line * lineHeight), ("font-size", 14), ("font-weight", "bold"), ("fill", "#0b0c0c"));
        line++;
        var prefix = Prefix(ring);
        for (var i = 0; i < ring.Segments.Count; i++)
        {
            var segment = ring.Segments[i];
            var impact = impacts.GetValueOrDefault(segment.Id, SegmentImpact.Unknown);
            var pressure = context.GetValueOrDefault(segment.Id) is { IsUnderPressure: true } c ? $" ({DecisionWords.StatusName(c.Status)})" : "";
            svg.TextElement($"{prefix}{i + 1} {segment.Name}{pressure}: {Score(impact.ShortTerm)} / {Score(impact.LongTerm)}",
                ("x", KeyX), ("y", 24 + line * lineHeight), ("font-size", 13), ("fill", "#0b0c0c"));
            line++;
        }
        return line + 1;
    }

    private static void Legend(Svg svg, string id)
    {
        var y = Height - 60;
        svg.TextElement("Score (short / long term):", ("x", KeyX), ("y", y - 8), ("font-size", 13), ("fill", "#0b0c0c"));
        string?[] fills = [.. ScoreColours, $"url(#{id}-unknown)"];
        string[] labels = ["1", "2", "3", "4", "5", "?"];
        for (var i = 0; i < fills.Length; i++)
        {
            var x = KeyX + i * 52;
            svg.Element("rect", ("x", x), ("y", y), ("width", 22), ("height", 22), ("fill", fills[i]), ("stroke", "#0b0c0c"), ("stroke-width", 1));
            svg.TextElement(labels[i], ("x", x + 28), ("y", y + 16), ("font-size", 13), ("fill", "#0b0c0c"));
        }
        svg.TextElement("1 severe negative … 5 extensive positive; ? unknown", ("x", KeyX), ("y", y + 42), ("font-size", 12), ("fill", "#0b0c0c"));
    }

    private static string Score(int? score) => score?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>E for the environmental (outer) ring, S for the social (inner) ring, as the key numbers them.</summary>
    public static string Prefix(WheelRing ring) => ring.Position == RingPosition.Outer ? "E" : "S";

    /// <summary>The text alternative: how many segments are positive, negative, neutral and unknown in each term, and where a negative meets pressure.</summary>
    public static string Summary(DecisionWheel wheel, IReadOnlyDictionary<string, SegmentImpact> impacts, IReadOnlyDictionary<string, SegmentContext> context)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{wheel.Title}: {wheel.SegmentCount} segments in two rings. ");
        foreach (var (term, pick) in new (string, Func<SegmentImpact, int?>)[] { ("Short term", i => i.ShortTerm), ("Long term", i => i.LongTerm) })
        {
            var scores = wheel.Segments.Select(s => pick(impacts.GetValueOrDefault(s.Id, SegmentImpact.Unknown))).ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"{term}: {scores.Count(s => s >= 4)} positive, {scores.Count(s => s == 3)} neutral, {scores.Count(s => s <= 2)} negative, {scores.Count(s => s is null)} unknown. ");
        }
        var pressured = wheel.Segments
            .Where(s => context.GetValueOrDefault(s.Id) is { IsUnderPressure: true } && impacts.GetValueOrDefault(s.Id, SegmentImpact.Unknown) is var i && (i.ShortTerm <= 2 || i.LongTerm <= 2))
            .Select(s => $"{s.Name} ({DecisionWords.StatusName(context[s.Id].Status)})").ToList();
        if (pressured.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Negative where the place is already under pressure: {string.Join(", ", pressured)}.");
        }
        return text.ToString().Trim();
    }
}
