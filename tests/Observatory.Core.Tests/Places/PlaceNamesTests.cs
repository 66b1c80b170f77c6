using Observatory.Content;
using Observatory.Places;

namespace Observatory.Core.Tests.Places;

/// <summary>Areas typed by people, by name or code, as the comparison and the over-time chart read them.</summary>
public sealed class PlaceNamesTests
{
    private static readonly PlaceRegistry Registry = PlaceRegistry.LoadShipped(DataFolder.Locate());

    [Theory]
    [InlineData("Wigan", "E08000010")]
    [InlineData("  wigan ", "E08000010")]
    [InlineData("e08000010", "E08000010")]
    [InlineData("Salford City Council", "E08000006")]
    [InlineData("Kingston upon Hull, City of", "E06000010")]
    public void A_council_is_found_by_name_or_code(string typed, string code) =>
        PlaceNames.Find(Registry, typed).ShouldNotBeNull().Code.ShouldBe(code);

    [Fact]
    public void A_list_keeps_commas_inside_names_reads_codes_separated_by_spaces_and_reports_what_is_unknown()
    {
        var named = PlaceNames.Resolve(Registry, "Wigan, Kingston upon Hull, City of; E08000006 E08000001, Nowhereshire, wigan");

        named.Found.Select(p => p.Code).ShouldBe(["E08000010", "E06000010", "E08000006", "E08000001"]);
        named.Unknown.ShouldBe(["Nowhereshire"]);
        PlaceNames.Resolve(Registry, "  ").Found.ShouldBeEmpty();
    }

    [Fact]
    public void Close_names_are_suggested_from_part_of_a_name()
    {
        PlaceNames.Suggest(Registry, "Wiga").Select(p => p.Name).ShouldContain("Wigan");
        PlaceNames.Suggest(Registry, "Wi").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Wiggan", "Wigan")]
    [InlineData("Bolten", "Bolton")]
    [InlineData("Salfrod", "Salford")]
    [InlineData("Caerdydd", "Cardiff")]
    public void Slips_of_the_keyboard_and_other_names_suggest_the_council_meant(string typed, string council)
    {
        var suggested = PlaceNames.Suggest(Registry, typed);

        suggested[0].Name.ShouldBe(council);
        suggested.ShouldAllBe(p => p.IsCouncil && p.IsCurrent);
    }
}
