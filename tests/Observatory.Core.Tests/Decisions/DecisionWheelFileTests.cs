using Observatory.Content;
using Observatory.Decisions;
using Observatory.Frameworks;

namespace Observatory.Core.Tests.Decisions;

/// <summary>
/// The shipped decision wheels load with the shape the issue asks for, and a broken wheel file is refused with its
/// file, line and field, so a bad edit stops start-up rather than a council's decision.
/// </summary>
public sealed class DecisionWheelFileTests
{
    private static readonly FrameworkCatalogue Frameworks = FrameworkCatalogue.LoadShipped(DataFolder.Locate());

    private static readonly DecisionWheels Shipped = DecisionWheels.LoadShipped(DataFolder.Locate(), Frameworks);

    [Fact]
    public void The_default_wheel_has_nine_environmental_segments_outside_and_thirteen_social_inside()
    {
        var wheel = Shipped.Find(DecisionWheels.DefaultId).ShouldNotBeNull();
        wheel.Rings.Select(r => (r.Position, r.Segments.Count)).ShouldBe([(RingPosition.Outer, 9), (RingPosition.Inner, 13)]);
        // Every segment says where it comes from and asks at least one question.
        wheel.Segments.ShouldAllBe(s => s.Origin.Length > 20 && s.Questions.Count > 0);
        // The Cornwall State of the Doughnut domains are there, with the portrait dimension of the same element.
        wheel.Segment("climate-change")!.Element.ShouldBe(new ElementRef("doughnut", "climate-change"));
        wheel.Segment("fuel-poverty")!.Element.ShouldBe(new ElementRef("doughnut", "energy"));
        wheel.Segment("gender-equality")!.Origin.ShouldContain("Raworth");
        wheel.Segment("waste")!.Element.ShouldBeNull();
    }

    [Fact]
    public void An_equality_and_inclusion_wheel_is_shipped_beside_it_with_the_nine_protected_characteristics()
    {
        var wheel = Shipped.Find("equality-and-inclusion-wheel").ShouldNotBeNull();
        wheel.Rings[0].Segments.Count.ShouldBe(9);
        wheel.Rings[0].Segments.ShouldAllBe(s => s.Origin.Contains("Equality Act 2010"));
        Shipped.Wheels[0].Id.ShouldBe(DecisionWheels.DefaultId);
    }

    [Fact]
    public void A_broken_wheel_is_refused_naming_file_line_and_field()
    {
        const string text = """
            id: broken
            title: Broken
            version: "1"
            publisher: Tests
            summary: A wheel with mistakes.
            origins:
              ours: Our own.
            rings:
              - id: outer
                name: Outer
                position: outer
                segments:
                  - id: one
                    name: One
                    origin: theirs
                    element: doughnut/no-such-element
                    questions: [Why?]
                  - id: one
                    name: One again
                    origin: ours
              - id: inner
                name: Inner
                position: sideways
                segments:
                  - id: two
                    name: Two
                    origin: ours
                    questions: [Why?]
            """;
        var (wheel, problems) = DecisionWheelReader.Read("data/decision-wheels/broken.yaml", text, "broken", Frameworks.Contains);
        wheel.ShouldBeNull();
        problems.ShouldAllBe(p => p.File == "data/decision-wheels/broken.yaml" && p.Line > 0);
        problems.ShouldContain(p => p.Field == "rings[0].segments[0].origin" && p.Line == 15 && p.Message.Contains("'theirs'"));
        problems.ShouldContain(p => p.Field == "rings[0].segments[0].element" && p.Line == 16);
        problems.ShouldContain(p => p.Field == "rings[0].segments[1].id" && p.Line == 18 && p.Message.Contains("already"));
        problems.ShouldContain(p => p.Field == "rings[0].segments[1].questions");
        problems.ShouldContain(p => p.Field == "rings[1].position" && p.Line == 23);
    }
}
