using System.Text;
using System.Text.RegularExpressions;
using Observatory.Rendering.Charts.Maps;

namespace Observatory.Rendering.Tests.Charts;

/// <summary>The shipped UK district boundaries decode, project and simplify into a map that fits and stays joined up.</summary>
public sealed partial class BoundarySetTests
{
    private static readonly BoundarySet Uk = MapGeometry.Uk;

    [Fact]
    public void Every_district_of_the_UK_is_there_once_under_its_GSS_code()
    {
        Uk.Areas.Count.ShouldBe(361);
        Uk.Areas.Select(a => a.Code).Distinct().Count().ShouldBe(361);
        Uk.Areas.ShouldAllBe(a => GssCode().IsMatch(a.Code));
        Uk.Areas.Count(a => a.Code.StartsWith("E09", StringComparison.Ordinal)).ShouldBe(33);
        Uk.Areas.Count(a => a.Code.StartsWith("W06", StringComparison.Ordinal)).ShouldBe(22);
        Uk.Areas.Count(a => a.Code.StartsWith("S12", StringComparison.Ordinal)).ShouldBe(32);
        Uk.Areas.Count(a => a.Code.StartsWith("N09", StringComparison.Ordinal)).ShouldBe(11);
    }

    [Theory]
    [InlineData("E06000001", "Hartlepool")]
    [InlineData("S12000036", "City of Edinburgh")]
    [InlineData("N09000003", "Belfast")]
    [InlineData("W06000015", "Cardiff")]
    [InlineData("E06000053", "Isles of Scilly")]
    [InlineData("S12000027", "Shetland Islands")]
    public void Districts_are_found_by_code_with_their_names(string code, string name) =>
        Uk.Find(code).ShouldNotBeNull(code).Name.ShouldBe(name);

    [Fact]
    public void Every_path_is_drawn_and_lies_inside_the_view_box()
    {
        foreach (var area in Uk.Areas)
        {
            area.Path.ShouldNotBeNullOrWhiteSpace(area.Code);
            var rings = MapGeometry.Rings(area.Path);
            rings.ShouldNotBeEmpty(area.Code);
            rings.ShouldAllBe(r => r.Count >= 3, area.Code);
            foreach (var p in rings.SelectMany(r => r))
            {
                p.X.ShouldBeInRange(0, Uk.Width, area.Code);
                p.Y.ShouldBeInRange(0, Uk.Height, area.Code);
            }
        }
    }

    [Fact]
    public void The_map_fills_the_view_box_from_Shetland_to_Scilly()
    {
        var all = Uk.Areas.SelectMany(a => MapGeometry.Points(a.Path)).ToList();
        (all.Max(p => p.Y) - all.Min(p => p.Y)).ShouldBeGreaterThan(Uk.Height * 0.95);
        Uk.Find("S12000027")!.Bounds.MinY.ShouldBeLessThan(Uk.Height * 0.05, "Shetland at the top");
        Uk.Find("E06000053")!.Bounds.MaxY.ShouldBeGreaterThan(Uk.Height * 0.95, "Scilly at the bottom");
    }

    [Fact]
    public void North_is_up_and_west_is_left()
    {
        var london = Uk.Areas.Where(a => a.Code.StartsWith("E09", StringComparison.Ordinal)).ToList();
        var (londonX, londonY) = (london.Average(a => a.Centroid.X), london.Average(a => a.Centroid.Y));
        var cardiff = Uk.Find("W06000015")!.Centroid;
        var edinburgh = Uk.Find("S12000036")!.Centroid;
        var belfast = Uk.Find("N09000003")!.Centroid;
        var norwich = Uk.Find("E07000148")!.Centroid;

        cardiff.X.ShouldBeLessThan(londonX, "Cardiff is west of London");
        edinburgh.Y.ShouldBeLessThan(londonY, "Edinburgh is north of London");
        belfast.X.ShouldBeLessThan(cardiff.X, "Belfast is west of Cardiff");
        norwich.X.ShouldBeGreaterThan(londonX, "Norwich is east of London");
        Uk.Find("S12000027")!.Centroid.Y.ShouldBeLessThan(edinburgh.Y, "Shetland is north of Edinburgh");
    }

    [Fact]
    public void Distances_keep_their_proportions()
    {
        // From the City of London, Edinburgh's centre is about 533 km away and Cardiff's about 217 km; a projection
        // that stretched one axis, or forgot that degrees of longitude narrow northwards, would change the ratio.
        var london = Uk.Find("E09000001")!.Centroid;
        var edinburgh = Uk.Find("S12000036")!.Centroid;
        var cardiff = Uk.Find("W06000015")!.Centroid;

        (Distance(london, edinburgh) / Distance(london, cardiff)).ShouldBeInRange(533.0 / 217 * 0.95, 533.0 / 217 * 1.05);
    }

    [Fact]
    public void Neighbours_still_share_their_border_after_simplification()
    {
        var camden = MapGeometry.Points(Uk.Find("E09000007")!.Path).ToHashSet();
        var westminster = MapGeometry.Points(Uk.Find("E09000033")!.Path).ToHashSet();

        camden.Intersect(westminster).Count().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Simplification_keeps_under_three_fifths_of_the_source_vertices()
    {
        Uk.VertexCount.ShouldBeLessThan(26_521 * 3 / 5);
        Uk.VertexCount.ShouldBeGreaterThan(5_000);
    }

    [Fact]
    public void Each_label_point_falls_inside_its_area()
    {
        foreach (var area in Uk.Areas)
        {
            MapGeometry.Inside(area.LabelPoint, area.Path).ShouldBeTrue($"{area.Code} {area.Name} {area.LabelPoint}");
        }
    }

    [Fact]
    public void Arcs_are_decoded_from_deltas_reversed_when_negative_and_joined_into_polygons()
    {
        // Two squares side by side sharing arc 0, the right one (B) walking it backwards (~0 = -1), with an
        // island as B's second polygon; positions are quantised and delta-encoded.
        const string topology = """
            {"type":"Topology","transform":{"scale":[0.1,0.1],"translate":[-2.2,54]},
             "arcs":[[[2,0],[0,2]], [[2,2],[-2,0],[0,-2],[2,0]], [[2,0],[2,0],[0,2],[-2,0]], [[10,10],[1,0],[0,1],[-1,-1]]],
             "objects":{"test":{"type":"GeometryCollection","geometries":[
               {"type":"Polygon","arcs":[[0,1]],"properties":{"id":"A","name":"West"}},
               {"type":"MultiPolygon","arcs":[[[2,-1]],[[3]]],"properties":{"id":"B","name":"East & island"}}]}}}
            """;
        var set = BoundarySet.Load(new MemoryStream(Encoding.UTF8.GetBytes(topology)), "Test", tolerance: 0);

        var west = set.Find("A").ShouldNotBeNull();
        var east = set.Find("B").ShouldNotBeNull();
        east.Name.ShouldBe("East & island");
        MapGeometry.Rings(west.Path).Single().Count.ShouldBe(4);
        MapGeometry.Rings(east.Path).Select(r => r.Count).ShouldBe([4, 3]);
        west.Centroid.X.ShouldBeLessThan(east.Centroid.X);
        MapGeometry.Points(west.Path).Intersect(MapGeometry.Points(east.Path)).Count().ShouldBe(2);
        MapGeometry.Inside(west.LabelPoint, west.Path).ShouldBeTrue();
    }

    [Fact]
    public void A_file_that_is_not_a_topology_is_refused_with_its_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-topology-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"type":"FeatureCollection","features":[]}""");
        try
        {
            Should.Throw<InvalidDataException>(() => BoundarySet.Load(path, "Test")).Message.ShouldContain(Path.GetFileName(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Distance(MapPoint a, MapPoint b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    [GeneratedRegex("^(E06|E07|E08|E09|W06|S12|N09)[0-9]{6}$")]
    private static partial Regex GssCode();
}
