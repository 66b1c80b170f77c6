using System.Globalization;
using System.Xml.Linq;
using Observatory.Frameworks;
using Observatory.Portraits;
using Observatory.Rendering.Charts;

namespace Observatory.Rendering.Tests.Charts;

/// <summary>The doughnut is well-formed SVG with one wedge per dimension with data, pointing the right way.</summary>
public sealed class DoughnutChartTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    private static DimensionResult Dimension(string id, string name, Ring ring, DimensionStatus status, double? ratio) => new()
    {
        Id = id,
        Name = name,
        Element = new ElementRef("doughnut", id),
        Ring = ring,
        Lenses = [],
        Status = status,
        Indicators = ratio is null ? [] :
        [
            new IndicatorResult
            {
                Id = id,
                Name = name,
                Normalisation = Normalisation.PublishedRatio,
                Value = ratio,
                Ratio = ratio,
                Status = status,
                Size = ring == Ring.Social ? Math.Max(0, 1 - ratio.Value) : Math.Max(0, ratio.Value - 1),
            },
        ],
    };

    private static Portrait Sample() => new()
    {
        DefinitionId = "test",
        PlaceCode = "E08000010",
        Dimensions =
        [
            Dimension("food", "Food", Ring.Social, DimensionStatus.NoData, null),
            Dimension("health", "Health <& \"care\">", Ring.Social, DimensionStatus.Shortfall, 0.6),
            Dimension("income", "Income", Ring.Social, DimensionStatus.Within, 1.2),
            Dimension("climate", "Climate change", Ring.Ecological, DimensionStatus.Overshoot, 1.5),
            Dimension("land", "Land conversion", Ring.Ecological, DimensionStatus.Overshoot, 13),
            Dimension("water", "Freshwater", Ring.Ecological, DimensionStatus.NoData, null),
        ],
        SocialAchieved = 1,
        SocialWithData = 2,
        EcologicalTransgressed = 2,
        EcologicalWithData = 2,
    };

    private static XElement Parse(string svg) => XDocument.Parse(svg).Root!;

    private static XElement Group(XElement root, string id) =>
        root.Descendants(SvgNs + "g").Single(g => (string?)g.Attribute("data-dimension") == id);

    /// <summary>The furthest and nearest distance from the centre of a path's points.</summary>
    private static (double Min, double Max) Radii(XElement path)
    {
        var numbers = ((string)path.Attribute("d")!).Split([' ', ',', 'M', 'A', 'L', 'Z'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
        // M x,y A rx,ry 0 large 1 x,y L x,y A rx,ry 0 large 0 x,y: the points are at 0, 7, 9 and 16.
        var points = new[] { 0, 7, 9, 16 }.Select(i => Math.Sqrt(Math.Pow(numbers[i] - 450, 2) + Math.Pow(numbers[i + 1] - 390, 2))).ToList();
        return (points.Min(), points.Max());
    }

    [Fact]
    public void Parses_as_svg_with_an_accessible_frame()
    {
        var root = Parse(DoughnutChart.Draw(Sample(), "Wigan"));
        root.Name.ShouldBe(SvgNs + "svg");
        root.Attribute("role")!.Value.ShouldBe("img");
        root.Attribute("aria-labelledby")!.Value.ShouldBe("doughnut-title doughnut-desc");
        root.Element(SvgNs + "desc")!.Value.ShouldBe("Wigan achieves 1 of 2 social thresholds with data and transgresses 2 of 2 ecological boundaries with data; 2 dimensions have no data.");
    }

    [Fact]
    public void Draws_one_wedge_per_dimension_with_data_outside_the_doughnut_and_none_within()
    {
        var root = Parse(DoughnutChart.Draw(Sample(), "Wigan"));
        root.Descendants(SvgNs + "g").Count(g => g.Attribute("data-dimension") is not null).ShouldBe(6);
        Group(root, "income").Elements(SvgNs + "path").ShouldBeEmpty();
        foreach (var id in new[] { "health", "climate", "land" })
        {
            Group(root, id).Elements(SvgNs + "path").Count(p => (string?)p.Attribute("class") == "app-doughnut__wedge").ShouldBe(1);
        }
    }

    [Fact]
    public void Shortfalls_grow_inward_and_overshoots_outward_in_proportion_and_capped()
    {
        var root = Parse(DoughnutChart.Draw(Sample(), "Wigan"));
        var health = Radii(Group(root, "health").Element(SvgNs + "path")!);
        health.Max.ShouldBe(170, 0.05);
        health.Min.ShouldBe(170 - 0.4 * 130, 0.05);
        var climate = Radii(Group(root, "climate").Element(SvgNs + "path")!);
        climate.Min.ShouldBe(240, 0.05);
        climate.Max.ShouldBe(240 + 0.5 / DoughnutChart.OvershootCap * 80, 0.05);
        var land = Group(root, "land");
        Radii(land.Element(SvgNs + "path")!).Max.ShouldBe(320, 0.05);
        land.Elements(SvgNs + "path").ShouldContain(p => (string?)p.Attribute("class") == "app-doughnut__cap");
        land.Element(SvgNs + "title")!.Value.ShouldContain("drawn at the cap");
    }

    [Fact]
    public void No_data_is_grey_hatching_and_says_so()
    {
        var root = Parse(DoughnutChart.Draw(Sample(), "Wigan"));
        var food = Group(root, "food");
        food.Attribute("data-status")!.Value.ShouldBe("no-data");
        food.Element(SvgNs + "path")!.Attribute("fill")!.Value.ShouldBe("url(#doughnut-nodata)");
        food.Element(SvgNs + "title")!.Value.ShouldContain("No data");
        root.Descendants(SvgNs + "pattern").Single().Attribute("id")!.Value.ShouldBe("doughnut-nodata");
    }

    [Fact]
    public void Names_are_escaped_and_small_charts_carry_no_labels()
    {
        var svg = DoughnutChart.Draw(Sample(), "Wigan & <Leigh>");
        svg.ShouldNotContain("<&");
        var root = Parse(svg);
        Group(root, "health").Element(SvgNs + "title")!.Value.ShouldStartWith("Health <& \"care\">");
        root.Element(SvgNs + "title")!.Value.ShouldBe("Doughnut portrait of Wigan & <Leigh>");

        var small = Parse(DoughnutChart.Draw(Sample(), "Wigan", new DoughnutChartOptions { Id = "y2015", Small = true, Caption = "2015" }));
        small.Descendants(SvgNs + "text").Count(t => (string?)t.Attribute("class") == "app-doughnut__label").ShouldBe(0);
        small.Descendants(SvgNs + "pattern").Single().Attribute("id")!.Value.ShouldBe("y2015-nodata");
    }

    [Fact]
    public void Long_names_are_shortened_for_labels()
    {
        DoughnutChart.ShortName("eHANPP (embodied human appropriation of net primary production)").ShouldBe("eHANPP");
        DoughnutChart.ShortName("Food").ShouldBe("Food");
    }
}
