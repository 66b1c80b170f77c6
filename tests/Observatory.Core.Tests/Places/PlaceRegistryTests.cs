using Observatory.Content;
using Observatory.Places;

namespace Observatory.Core.Tests.Places;

/// <summary>The shipped places: every current UK council, the historic ones with their successors, and countries.</summary>
public sealed class PlaceRegistryTests
{
    private static readonly PlaceRegistry Registry = PlaceRegistry.LoadShipped(DataFolder.Locate());

    [Fact]
    public void There_are_361_current_lower_tier_and_unitary_councils()
    {
        Registry.Councils.Count.ShouldBe(361);
        Registry.Councils.GroupBy(c => c.Nation).ToDictionary(g => g.Key!, g => g.Count())
            .ShouldBe(new Dictionary<string, int> { ["England"] = 296, ["Wales"] = 22, ["Scotland"] = 32, ["Northern Ireland"] = 11 }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("E08000016", "E08000038", "Barnsley")]
    [InlineData("E08000019", "E08000039", "Sheffield")]
    [InlineData("E06000048", "E06000057", "Northumberland")]
    public void A_recoded_council_maps_to_its_current_code(string former, string current, string name)
    {
        var old = Registry.Find(former).ShouldNotBeNull();
        old.IsCurrent.ShouldBeFalse();
        old.Successors.ShouldBe([current]);
        Registry.RecodedTo(former).ShouldBe(current);
        var now = Registry.Find(current).ShouldNotBeNull();
        now.Name.ShouldBe(name);
        now.IsCouncil.ShouldBeTrue();
        now.Population.ShouldNotBeNull().ShouldBeGreaterThan(100_000);
    }

    [Fact]
    public void A_merger_is_not_a_recode_so_the_historic_districts_keep_their_data()
    {
        var allerdale = Registry.Find("E07000026").ShouldNotBeNull();
        allerdale.IsCurrent.ShouldBeFalse();
        allerdale.Successors.ShouldBe(["E06000063"]);
        Registry.RecodedTo("E07000026").ShouldBeNull();
        Registry.Find("E10000006").ShouldNotBeNull().Successors.ShouldBe(["E06000063", "E06000064"], ignoreOrder: true);
    }

    [Fact]
    public void Councils_know_their_region_nation_and_combined_authority()
    {
        var wigan = Registry.Search("Wigan").First();
        wigan.Code.ShouldBe("E08000010");
        wigan.Type.ShouldBe(PlaceType.MetropolitanDistrict);
        wigan.RegionCode.ShouldBe("E12000002");
        wigan.CombinedAuthorityCode.ShouldBe("E47000001");
        Registry.ParentsOf("E08000010").Select(p => p.Code).ShouldContain("E92000001");
        Registry.SiblingsOf("E08000010").Count.ShouldBe(9);
        Registry.ChildrenOf("E47000001").Count.ShouldBe(10);
        Registry.Find("W06000015").ShouldNotBeNull().RegionCode.ShouldBe("W92000004");
    }

    [Fact]
    public void Statistical_areas_from_ONS_files_are_known_but_not_comparable()
    {
        var pseudo = Registry.Find("E67000001").ShouldNotBeNull();
        pseudo.IsComparable.ShouldBeFalse();
        Registry.Find("TLC").ShouldNotBeNull().IsComparable.ShouldBeFalse();
    }

    [Fact]
    public void Countries_of_the_national_doughnuts_are_places_by_ISO_code()
    {
        Registry.Find("GBR").ShouldNotBeNull().Type.ShouldBe(PlaceType.Country);
        Registry.Places.Count(p => p.Type == PlaceType.Country).ShouldBe(155);
    }
}
