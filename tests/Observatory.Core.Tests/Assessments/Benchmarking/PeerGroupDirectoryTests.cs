using Observatory.Assessments.Benchmarking;
using Observatory.Places;

namespace Observatory.Core.Tests.Assessments.Benchmarking;

/// <summary>The fixed peer groups, from the shipped place register and ONS's clusters.</summary>
public sealed class PeerGroupDirectoryTests
{
    private static PeerGroupDirectory Groups => BenchmarkData.Groups;

    private static string[] Of(params string[] codes) => [.. Groups.GroupsOf(codes).Select(g => g.Id)];

    [Fact]
    public void A_council_is_in_all_its_type_its_nation_its_region_and_its_ons_cluster()
    {
        Of("E08000010").ShouldBe(["all", "type-metropolitan-district", "nation-england", "region-north-west", "cluster-b"]);
        // Barnsley's cluster is published under its former code; it is read through the recode.
        Of("E08000038").ShouldBe(["all", "type-metropolitan-district", "nation-england", "region-yorkshire-and-the-humber", "cluster-b"]);
        Of("W06000015").ShouldBe(["all", "type-welsh-principal-area", "nation-wales", "cluster-b"]);
    }

    [Fact]
    public void Councils_ons_left_unclassified_and_county_councils_are_in_no_cluster()
    {
        Of("E09000001").ShouldBe(["all", "type-london-borough", "nation-england", "region-london"]);
        Of("E06000053").ShouldContain("nation-england");
        Of("E06000053").ShouldNotContain(id => id.StartsWith("cluster-"));
        var lancashire = BenchmarkData.Places.Places.First(p => p.Type == PlaceType.County && p.IsCurrent && p.Name == "Lancashire");
        Of(lancashire.Code).ShouldBe(["all", "type-county", "nation-england", "region-north-west"]);
    }

    [Fact]
    public void The_first_council_among_an_organisation_s_places_decides_and_one_with_none_is_in_all_only()
    {
        Of("E92000001", "S12000036", "E08000010").ShouldBe(["all", "type-scottish-council-area", "nation-scotland", "cluster-" + BenchmarkData.Clusters.Of("S12000036")!.Letter.ToLowerInvariant()]);
        Of().ShouldBe(["all"]);
        Of("E12000002", "nowhere").ShouldBe(["all"]);
    }

    [Fact]
    public void Every_council_type_nation_english_region_and_cluster_is_a_group_with_a_readable_name()
    {
        var groups = Groups.Groups;
        groups[0].Id.ShouldBe("all");
        groups.Select(g => g.Id).ShouldBeUnique();
        groups.Count(g => g.Kind == PeerGroupKind.Nation).ShouldBe(4);
        groups.Count(g => g.Kind == PeerGroupKind.Region).ShouldBe(9);
        groups.Count(g => g.Kind == PeerGroupKind.Cluster).ShouldBe(4);
        groups.Where(g => g.Kind == PeerGroupKind.CouncilType).Select(g => g.Name).ShouldBe(
            ["County councils", "Unitary authorities", "Metropolitan districts", "London boroughs", "Non-metropolitan districts", "Welsh principal areas", "Scottish council areas", "Northern Ireland districts"],
            ignoreOrder: true);
        // Every current council belongs to a type, a nation and, in England, a region.
        foreach (var council in BenchmarkData.Places.Councils)
        {
            var kinds = Groups.GroupsOf([council.Code]).Select(g => g.Kind).ToList();
            kinds.ShouldContain(PeerGroupKind.CouncilType, council.Name);
            kinds.ShouldContain(PeerGroupKind.Nation, council.Name);
            if (council.Nation == "England")
            {
                kinds.ShouldContain(PeerGroupKind.Region, council.Name);
            }
        }
        BenchmarkData.Places.Councils.Count(c => BenchmarkData.Clusters.Of(c.Code) is null).ShouldBe(3);
    }
}
