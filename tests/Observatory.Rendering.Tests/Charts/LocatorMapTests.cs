using System.Xml.Linq;
using Observatory.Rendering.Charts.Maps;

namespace Observatory.Rendering.Tests.Charts;

/// <summary>A locator map carries only its own area's shape; the shared background holds the rest, once.</summary>
public sealed class LocatorMapTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";
    private static readonly BoundarySet Uk = MapGeometry.Uk;

    [Fact]
    public void The_background_is_a_standalone_image_of_every_area_in_the_light_shade()
    {
        var svg = XDocument.Parse(LocatorMap.DrawBackground(Uk)).Root.ShouldNotBeNull();

        svg.Name.ShouldBe(SvgNs + "svg");
        svg.Descendants(SvgNs + "path").Count().ShouldBe(Uk.Areas.Count);
        svg.Descendants(SvgNs + "g").Single().Attribute("fill")!.Value.ShouldBe(LocatorMap.OtherColour);
        svg.Attribute("viewBox")!.Value.ShouldBe($"0 0 {Uk.Width:0.##} {Uk.Height:0.##}".Replace(',', '.'));
    }

    [Fact]
    public void An_area_is_drawn_dark_and_outlined_over_the_background_and_nothing_else_is_drawn()
    {
        var wigan = Uk.Areas.First(a => a.Name == "Wigan");
        var map = LocatorMap.Draw(Uk, "Where Wigan is", "A map.", "/maps/locator.svg?v=abc", [], wigan.Code, "Wigan");
        var svg = XDocument.Parse(map.Svg).Root.ShouldNotBeNull();

        svg.Element(SvgNs + "image")!.Attribute("href")!.Value.ShouldBe("/maps/locator.svg?v=abc");
        var path = svg.Descendants(SvgNs + "path").ShouldHaveSingleItem();
        path.Attribute("data-code")!.Value.ShouldBe(wigan.Code);
        path.Attribute("fill")!.Value.ShouldBe(LocatorMap.InsideColour);
        path.Attribute("stroke")!.Value.ShouldBe("#0b0c0c");
        svg.Element(SvgNs + "desc")!.Value.ShouldContain("Wigan is outlined.");
        map.Classes.Select(c => (c.Label, c.Count)).ShouldBe([(LocatorMap.OtherLabel, Uk.Areas.Count - 1), ("Wigan", 1)]);
        map.Svg.Length.ShouldBeLessThan(LocatorMap.DrawBackground(Uk).Length / 20, "the page carries one shape, not the whole country");
    }

    [Fact]
    public void A_region_shades_its_councils_and_outlines_none()
    {
        var shaded = Uk.Areas.Where(a => a.Code.StartsWith("E09", StringComparison.Ordinal)).Select(a => a.Code).ToHashSet();
        var map = LocatorMap.Draw(Uk, "Where London is", "A map.", "/maps/locator.svg", shaded, null, "Councils in London");
        var paths = XDocument.Parse(map.Svg).Root!.Descendants(SvgNs + "path").ToList();

        paths.Select(p => p.Attribute("data-code")!.Value).ShouldBe(shaded, ignoreOrder: true);
        paths.ShouldAllBe(p => p.Attribute("stroke") == null || p.Attribute("stroke")!.Value == "#ffffff");
        shaded.Count.ShouldBe(33);
    }
}
