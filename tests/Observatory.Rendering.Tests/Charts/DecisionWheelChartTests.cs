using System.Xml.Linq;
using Observatory.Decisions;
using Observatory.Frameworks;
using Observatory.Portraits;
using Observatory.Rendering.Charts;

namespace Observatory.Rendering.Tests.Charts;

/// <summary>
/// An option's decision wheel: well-formed SVG where every segment is drawn twice (short and long term), each half
/// filled by its own score on the diverging scale, unknown grey, with a title and a description that say the numbers.
/// </summary>
public sealed class DecisionWheelChartTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    private static readonly DecisionWheel Wheel = new()
    {
        Id = "test-wheel",
        Title = "Test wheel",
        Version = "1",
        Publisher = "Tests",
        Summary = "A small wheel.",
        SourceFile = "data/decision-wheels/test-wheel.yaml",
        Rings =
        [
            new WheelRing("environmental", "Environmental", RingPosition.Outer,
            [
                new WheelSegment("climate-change", "Climate change", "Cornwall", ["Emissions?"], new ElementRef("doughnut", "climate-change")),
                new WheelSegment("waste", "Waste", "Cornwall", ["Waste?"], null),
                new WheelSegment("biodiversity", "Biodiversity <& \"wildlife\">", "Cornwall", ["Habitats?"], null),
            ]),
            new WheelRing("social", "Social", RingPosition.Inner,
            [
                new WheelSegment("health", "Health", "Cornwall", ["Health?"], null),
                new WheelSegment("housing", "Housing", "Cornwall", ["Homes?"], null),
            ]),
        ],
    };

    private static readonly Dictionary<string, SegmentImpact> Impacts = new()
    {
        ["climate-change"] = new SegmentImpact(1, 2),
        ["waste"] = new SegmentImpact(3, null),
        ["health"] = new SegmentImpact(5, 4),
        // biodiversity and housing are not scored at all: unknown in both terms.
    };

    private static XElement Draw(IReadOnlyDictionary<string, SegmentContext>? context = null) =>
        XElement.Parse(DecisionWheelChart.Draw(Wheel, Impacts, "Option A's wheel", context, "wheel-a"));

    private static XElement Half(XElement svg, string segment, string term) =>
        svg.Descendants(SvgNs + "g").Single(g => (string?)g.Attribute("data-segment") == segment)
            .Elements(SvgNs + "path").Single(p => (string?)p.Attribute("data-term") == term);

    [Fact]
    public void Every_segment_is_drawn_for_both_the_short_and_the_long_term()
    {
        var svg = Draw();
        var segments = svg.Descendants(SvgNs + "g").Where(g => g.Attribute("data-segment") is not null).ToList();
        segments.Select(g => (string?)g.Attribute("data-segment")).ShouldBe(["climate-change", "waste", "biodiversity", "health", "housing"], ignoreOrder: true);
        foreach (var segment in segments)
        {
            segment.Elements(SvgNs + "path").Select(p => (string?)p.Attribute("data-term")).ShouldBe(["short", "long"]);
            // The two halves are different shapes: one inside the other.
            segment.Elements(SvgNs + "path").Select(p => (string?)p.Attribute("d")).Distinct().Count().ShouldBe(2);
        }
    }

    [Theory]
    [InlineData("climate-change", "short", 1)]
    [InlineData("climate-change", "long", 2)]
    [InlineData("waste", "short", 3)]
    [InlineData("health", "short", 5)]
    [InlineData("health", "long", 4)]
    public void A_segments_fill_follows_its_score(string segment, string term, int score)
    {
        var half = Half(Draw(), segment, term);
        ((string?)half.Attribute("fill")).ShouldBe(DecisionWheelChart.ScoreColours[score - 1]);
        ((string?)half.Attribute("data-score")).ShouldBe(score.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_five_scores_have_five_different_fills_none_of_them_grey()
    {
        DecisionWheelChart.ScoreColours.Distinct().Count().ShouldBe(5);
        DecisionWheelChart.ScoreColours.ShouldNotContain(DecisionWheelChart.UnknownColour);
    }

    [Theory]
    [InlineData("waste", "long")]
    [InlineData("biodiversity", "short")]
    [InlineData("housing", "long")]
    public void Unknown_is_grey_and_hatched_and_drawn_as_large_as_a_score(string segment, string term)
    {
        var svg = Draw();
        var half = Half(svg, segment, term);
        ((string?)half.Attribute("data-score")).ShouldBe("unknown");
        ((string?)half.Attribute("fill")).ShouldBe("url(#wheel-a-unknown)");
        var pattern = svg.Descendants(SvgNs + "pattern").Single(p => (string?)p.Attribute("id") == "wheel-a-unknown");
        ((string?)pattern.Element(SvgNs + "rect")!.Attribute("fill")).ShouldBe(DecisionWheelChart.UnknownColour);
        // The same ring band as a scored segment's half: unknown is not drawn smaller.
        var scored = Half(svg, segment == "housing" ? "health" : "climate-change", term);
        Radii((string)half.Attribute("d")!).ShouldBe(Radii((string)scored.Attribute("d")!));
    }

    [Fact]
    public void The_wheel_has_a_title_and_a_text_alternative_that_counts_the_scores()
    {
        var svg = Draw();
        ((string?)svg.Attribute("role")).ShouldBe("img");
        ((string?)svg.Attribute("aria-labelledby")).ShouldBe("wheel-a-title wheel-a-desc");
        svg.Element(SvgNs + "title")!.Value.ShouldBe("Option A's wheel");
        var description = svg.Element(SvgNs + "desc")!.Value;
        description.ShouldContain("Short term: 1 positive, 1 neutral, 1 negative, 2 unknown.");
        description.ShouldContain("Long term: 1 positive, 0 neutral, 1 negative, 3 unknown.");
        // The key names each segment with both scores, so the picture reads without colour; names are escaped.
        svg.Descendants(SvgNs + "text").Select(t => t.Value).ShouldContain("E3 Biodiversity <& \"wildlife\">: ? / ?");
        svg.Descendants(SvgNs + "text").Select(t => t.Value).ShouldContain("E1 Climate change: 1 / 2");
    }

    [Fact]
    public void A_negative_score_where_the_place_is_in_overshoot_is_said_in_words()
    {
        var context = new Dictionary<string, SegmentContext> { ["climate-change"] = new("Climate change", DimensionStatus.Overshoot), ["health"] = new("Health", DimensionStatus.Shortfall) };
        var svg = Draw(context);
        svg.Element(SvgNs + "desc")!.Value.ShouldContain("Negative where the place is already under pressure: Climate change (overshoot).");
        // Health is in shortfall but the option improves it: no warning.
        svg.Element(SvgNs + "desc")!.Value.ShouldNotContain("Health (shortfall)");
        svg.Descendants(SvgNs + "text").Select(t => t.Value).ShouldContain("E1 Climate change (overshoot): 1 / 2");
        Draw().Element(SvgNs + "desc")!.Value.ShouldNotContain("under pressure");
    }

    /// <summary>The two arc radii of a ring segment's path ("M… A r,r … L… A r,r …").</summary>
    private static (string, string) Radii(string path)
    {
        var arcs = System.Text.RegularExpressions.Regex.Matches(path, "A([0-9.]+),");
        return (arcs[0].Groups[1].Value, arcs[1].Groups[1].Value);
    }
}
