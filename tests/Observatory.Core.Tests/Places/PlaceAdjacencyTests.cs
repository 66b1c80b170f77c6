using System.Text;
using Observatory.Content;
using Observatory.Places;

namespace Observatory.Core.Tests.Places;

/// <summary>Which councils border which, read from the shipped boundary topology.</summary>
public sealed class PlaceAdjacencyTests
{
    private static readonly DataFolder Data = DataFolder.Locate();

    private static readonly PlaceAdjacency Uk = PlaceAdjacency.LoadShipped(Data);

    private static readonly PlaceRegistry Registry = PlaceRegistry.LoadShipped(Data);

    [Fact]
    public void Neighbours_are_the_areas_that_share_a_border()
    {
        // Camden borders Westminster; Cardiff borders the Vale of Glamorgan; nothing borders the Isles of Scilly.
        Uk.NeighboursOf("E09000007").ShouldContain("E09000033");
        Uk.NeighboursOf("E09000033").ShouldContain("E09000007");
        Uk.NeighboursOf("W06000015").ShouldContain("W06000014");
        Uk.NeighboursOf("W06000015").ShouldNotContain("E09000007");
        Uk.NeighboursOf("E06000053").ShouldBeEmpty();
    }

    [Fact]
    public void A_recoded_council_finds_its_neighbours_under_its_former_code_and_they_are_named_by_todays_codes()
    {
        // Barnsley and Sheffield were recoded in 2025 (E08000016 → E08000038, E08000019 → E08000039); the
        // boundaries keep the May 2024 codes.
        Uk.Contains("E08000038").ShouldBeFalse();
        var neighbours = Uk.NeighboursOf(Registry, "E08000038");
        neighbours.Select(p => p.Code).ShouldContain("E08000039");
        neighbours.Select(p => p.Code).ShouldNotContain("E08000019");
        neighbours.Select(p => p.Name).ShouldBeInOrder(SortDirection.Ascending, StringComparer.OrdinalIgnoreCase);
        Uk.NeighboursOf(Registry, "E07000026").ShouldBeEmpty(); // Allerdale, merged away before May 2024: no boundary
    }

    [Fact]
    public void Areas_that_walk_a_shared_arc_backwards_are_still_neighbours()
    {
        const string topology = """
            {"type":"Topology","arcs":[[[0,0],[0,1]],[[0,1],[-1,1],[-1,0],[0,0]],[[0,0],[1,0],[1,1],[0,1]],[[5,5],[6,5],[5,6],[5,5]]],
             "objects":{"test":{"type":"GeometryCollection","geometries":[
               {"type":"Polygon","arcs":[[0,1]],"properties":{"id":"A"}},
               {"type":"Polygon","arcs":[[2,-1]],"properties":{"id":"B"}},
               {"type":"Polygon","arcs":[[3]],"properties":{"id":"C"}}]}}}
            """;
        var set = PlaceAdjacency.Load(new MemoryStream(Encoding.UTF8.GetBytes(topology)));

        set.NeighboursOf("A").ShouldBe(["B"]);
        set.NeighboursOf("B").ShouldBe(["A"]);
        set.NeighboursOf("C").ShouldBeEmpty();
    }
}
