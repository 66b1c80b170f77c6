using Observatory.Content;
using Observatory.Places;

namespace Observatory.Core.Tests.Places;

/// <summary>Finding a place as a resident types its name: misspelt, in Welsh or Gaelic, with "council" on the end.</summary>
public sealed class PlaceNameSearchTests
{
    private static readonly PlaceRegistry Registry = PlaceRegistry.LoadShipped(DataFolder.Locate());

    private static PlaceSearchResult Search(string query) => Registry.Names.Search(query);

    [Theory]
    [InlineData("Wiggan")]
    [InlineData("wigan")]
    [InlineData("Wigna")]
    [InlineData("Wigan Council")]
    [InlineData("Wigan Metropolitan Borough Council")]
    [InlineData("  WIGAN  ")]
    [InlineData("E08000010")]
    public void Wigan_is_found_however_it_is_typed(string query)
    {
        var result = Search(query);

        result.Best.ShouldNotBeNull().Code.ShouldBe("E08000010");
        result.Matches[0].Place.Code.ShouldBe("E08000010");
    }

    [Fact]
    public void A_misspelling_is_not_an_exact_match_and_the_right_name_is()
    {
        Search("Wiggan").Matches[0].Exact.ShouldBeFalse();
        Search("Wigan").Matches[0].Exact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Caerdydd", "W06000015")]
    [InlineData("Abertawe", "W06000011")]
    [InlineData("Wrecsam", "W06000006")]
    [InlineData("Casnewydd", "W06000022")]
    [InlineData("Bro Morgannwg", "W06000014")]
    [InlineData("Caerdyd", "W06000015")]
    public void Welsh_names_in_the_register_lead_to_the_council(string welsh, string code)
    {
        var result = Search(welsh);

        result.Best.ShouldNotBeNull().Code.ShouldBe(code);
        result.Matches[0].MatchedName.ShouldNotBeNull().ShouldNotBe(Registry.Find(code)!.Name);
    }

    [Theory]
    [InlineData("Na h-Eileanan Siar")]
    [InlineData("Comhairle nan Eilean Siar")]
    [InlineData("Western Isles")]
    [InlineData("Eilean Siar")]
    public void The_Western_Isles_are_found_by_their_Scottish_Gaelic_and_English_names(string name) =>
        Search(name).Best.ShouldNotBeNull().Code.ShouldBe("S12000013");

    [Fact]
    public void Every_current_council_is_reached_by_its_own_name_and_every_properly_written_other_name()
    {
        var missed = new List<string>();
        foreach (var council in Registry.Councils)
        {
            foreach (var name in Registry.OtherNamesOf(council.Code).Where(n => char.IsUpper(n[0])).Prepend(council.Name))
            {
                if (Search(name).Best?.Code != council.Code)
                {
                    missed.Add($"{name} ({council.Code}) → {Search(name).Best?.Code ?? "a list"}");
                }
            }
        }

        missed.ShouldBeEmpty();
    }

    [Fact]
    public void Garbled_names_from_the_register_are_never_shown()
    {
        Registry.Councils.SelectMany(c => Registry.OtherNamesOf(c.Code)).ShouldAllBe(n => !n.Contains('ï') && !n.Contains('\uFFFD') && n != "City of");
        Registry.OtherNamesOf("W06000011").ShouldContain("Abertawe");
        Registry.OtherNamesOf("W06000001").ShouldContain("Isle of Anglesey");
    }

    [Fact]
    public void A_few_letters_shared_by_several_places_list_them_rather_than_guess()
    {
        var result = Search("Man");

        result.Best.ShouldBeNull();
        result.Matches.Select(m => m.Place.Name).ShouldContain("Manchester");
        result.Matches.Select(m => m.Place.Name).ShouldContain("Mansfield");
    }

    [Fact]
    public void A_whole_word_of_a_longer_name_finds_it()
    {
        Search("Hull").Matches.Select(m => m.Place.Code).ShouldContain("E06000010");
        Search("Isle of Wihgt").Best.ShouldNotBeNull().Code.ShouldBe("E06000046");
    }

    [Fact]
    public void A_current_council_comes_before_a_former_one_of_the_same_name_and_a_former_one_is_still_found()
    {
        Search("Northumberland").Best.ShouldNotBeNull().Code.ShouldBe("E06000057");
        Search("Allerdale").Best.ShouldNotBeNull().Code.ShouldBe("E07000026");
    }

    [Theory]
    [InlineData("zzzz-nowhere")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    public void Nothing_like_a_place_finds_nothing(string query)
    {
        var result = Search(query);

        result.Matches.ShouldBeEmpty();
        result.Best.ShouldBeNull();
    }

    [Fact]
    public void The_area_finder_falls_back_to_names_like_the_words_when_none_contains_them()
    {
        AreaSearch.Find(Registry, "Wiggan").Select(p => p.Code).ShouldContain("E08000010");
        AreaSearch.Find(Registry, "Caerdydd", nation: "Wales").Select(p => p.Code).ShouldContain("W06000015");
        AreaSearch.Find(Registry, "Caerdydd", nation: "England").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("wigan", "wigan", 0)]
    [InlineData("wiggan", "wigan", 1)]
    [InlineData("wigna", "wigan", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Edit_distance_counts_a_swap_of_neighbours_as_one_slip(string a, string b, int distance) =>
        PlaceNameSearch.EditDistance(a, b).ShouldBe(distance);
}
