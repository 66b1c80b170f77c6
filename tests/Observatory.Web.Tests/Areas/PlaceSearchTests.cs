using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Observatory.Testing;

namespace Observatory.Web.Tests.Areas;

/// <summary>
/// A resident asking "how is Wigan doing?": the place search on the home page and in the header, typo-tolerant and
/// bilingual, leading straight to the area page, and the page's opening sentences agreeing with its table.
/// </summary>
public sealed partial class PlaceSearchTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    /// <summary>Fills in the home page's place search as a browser without JavaScript would, and follows where it leads.</summary>
    private async Task<(Uri Url, IHtmlDocument Page)> SearchFromHomeAsync(string words)
    {
        var home = await Client.GetHtmlAsync("/");
        var form = home.QuerySelector("main form[role='search'][action='/areas/search']").ShouldNotBeNull("the home page has a place search");
        form.GetAttribute("method").ShouldBe("get");
        var input = form.QuerySelector("input[type='search']").ShouldNotBeNull();
        var label = home.QuerySelector($"label[for='{input.Id}']").ShouldNotBeNull();
        label.TextContent.ShouldContain("place", Case.Insensitive);
        using var browser = await fixture.App.ClientAsync(allowRedirects: true);
        using var response = await browser.GetAsync($"/areas/search?{input.GetAttribute("name")}={Uri.EscapeDataString(words)}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (response.RequestMessage!.RequestUri!, (await response.Content.ReadAsStringAsync()).ParseHtml());
    }

    [Fact]
    public async Task Searching_Wiggan_from_the_home_page_reaches_Wigans_area_page()
    {
        var (url, page) = await SearchFromHomeAsync("Wiggan");

        url.AbsolutePath.ShouldBe("/areas/E08000010");
        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Wigan");
    }

    [Theory]
    [InlineData("Caerdydd", "/areas/W06000015", "Cardiff")]
    [InlineData("Abertawe", "/areas/W06000011", "Swansea")]
    [InlineData("Na h-Eileanan Siar", "/areas/S12000013", "Na h-Eileanan Siar")]
    public async Task A_Welsh_or_Gaelic_name_reaches_the_council(string words, string path, string heading)
    {
        var (url, page) = await SearchFromHomeAsync(words);

        url.AbsolutePath.ShouldBe(path);
        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe(heading);
    }

    [Fact]
    public async Task Words_that_fit_several_places_list_them_closest_first()
    {
        var (url, page) = await SearchFromHomeAsync("Man");

        url.AbsolutePath.ShouldBe("/areas/search");
        var links = page.QuerySelectorAll(".app-place-results a").Select(a => a.GetAttribute("href")).ToList();
        links.ShouldContain("/areas/E08000003", "Manchester");
        links.ShouldContain("/areas/E07000174", "Mansfield");
        page.QuerySelector("#q")!.GetAttribute("value").ShouldBe("Man");
    }

    [Fact]
    public async Task Words_like_no_place_say_so_and_what_to_try_and_blank_words_are_a_form_error()
    {
        var page = await Client.GetHtmlAsync("/areas/search?q=zzzz-nowhere");
        page.QuerySelector("#results-heading")!.TextContent.Normalised().ShouldBe("No places found");
        page.QuerySelector("main a[href='/areas?nation=Wales']").ShouldNotBeNull();

        using var blank = await Client.GetAsync("/areas/search?q=+");
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var form = (await blank.Content.ReadAsStringAsync()).ParseHtml();
        form.QuerySelector(".govuk-error-summary a[href='#q']")!.TextContent.ShouldBe("Enter the name of a council or place");
        form.Title!.ShouldStartWith("Error: ");
    }

    [Fact]
    public async Task The_header_offers_the_place_search_on_other_pages_and_the_home_page_keeps_the_framework_search()
    {
        var area = await Client.GetHtmlAsync("/indicators");
        var header = area.QuerySelector("header form[role='search'][action='/areas/search']").ShouldNotBeNull();
        header.QuerySelector("label")!.TextContent.ShouldBe("Find a place");
        header.QuerySelector("input[name='q']").ShouldNotBeNull();

        var home = await Client.GetHtmlAsync("/");
        home.QuerySelector("header form[role='search']").ShouldBeNull("the home page has the place search as its main form");
        var searches = home.QuerySelectorAll("main form[role='search']").ToList();
        searches.Select(f => f.GetAttribute("action")).ShouldBe(["/areas/search", "/frameworks/search"], "the place search comes first");
        searches.Select(f => f.GetAttribute("aria-label")).Distinct().Count().ShouldBe(2, "each search is named for what it searches");
    }

    [Fact]
    public async Task The_area_finder_and_the_api_find_a_misspelt_place()
    {
        var finder = await Client.GetHtmlAsync("/areas?q=Wiggan");
        finder.QuerySelector("table tbody tr th a[href='/areas/E08000010']").ShouldNotBeNull();

        using var json = JsonDocument.Parse(await Client.GetStringAsync("/api/areas/search?q=Wiggan"));
        json.RootElement.GetProperty("best").GetProperty("code").GetString().ShouldBe("E08000010");
        json.RootElement.GetProperty("matches")[0].GetProperty("exact").GetBoolean().ShouldBeFalse();

        using var welsh = JsonDocument.Parse(await Client.GetStringAsync("/api/areas/search?q=Caerdydd"));
        welsh.RootElement.GetProperty("matches")[0].GetProperty("matchedName").GetString().ShouldBe("Caerdydd");

        using var missing = await Client.GetAsync("/api/areas/search");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("q=");
    }

    [Fact]
    public async Task Wigans_page_opens_with_sentences_that_agree_with_its_table()
    {
        var page = await Client.GetHtmlAsync("/areas/E08000010");

        var sentences = page.QuerySelectorAll("#summary p").Select(p => p.TextContent.Normalised()).ToList();
        sentences.Count.ShouldBeInRange(4, 5, "three or four sentences and where they come from");
        sentences[0].ShouldMatch(@"^Of the \d+ measures where a higher or lower figure is clearly better, Wigan does better than England as a whole on \d+ and worse on \d+");
        var rows = page.QuerySelectorAll("table.app-area-indicators tbody tr")
            .Select(r => (Name: r.QuerySelector("a[href^='/indicators/']")!.TextContent.Normalised(), Among: r.QuerySelectorAll("td")[^1].TextContent.Normalised()))
            .ToList();
        Agrees(sentences.Single(s => s.Contains("best quarter", StringComparison.Ordinal)), [.. rows.Where(r => r.Among.StartsWith("Best quarter", StringComparison.Ordinal)).Select(r => r.Name)], "best");
        Agrees(sentences.Single(s => s.Contains("worst quarter", StringComparison.Ordinal)), [.. rows.Where(r => r.Among.StartsWith("Worst quarter", StringComparison.Ordinal)).Select(r => r.Name)], "worst");
        sentences.ShouldContain(s => s.StartsWith("Compared with its 10 most similar councils, Wigan does best on", StringComparison.Ordinal));
    }

    /// <summary>The sentence names the first three measures in that quarter and counts them all when there are more, or says there are none.</summary>
    private static void Agrees(string sentence, IReadOnlyList<string> inQuarter, string quarter)
    {
        if (inQuarter.Count == 0)
        {
            sentence.ShouldContain($"not in the {quarter} quarter");
            return;
        }
        foreach (var name in inQuarter.Take(3))
        {
            sentence.ShouldContain(name, Case.Insensitive);
        }
        if (inQuarter.Count > 3)
        {
            sentence.ShouldContain($" on {inQuarter.Count} measures, including ");
        }
    }

    [Fact]
    public async Task Quarters_are_named_best_to_worst_never_by_number()
    {
        var page = await Client.GetHtmlAsync("/areas/E08000010");

        var cells = page.QuerySelectorAll("table.app-area-indicators tbody tr").Select(r => r.QuerySelectorAll("td")[^1].TextContent.Normalised()).ToList();
        cells.ShouldNotBeEmpty();
        cells.ShouldAllBe(c => QuarterCell().IsMatch(c));
        cells.ShouldContain(c => c.StartsWith("Best", StringComparison.Ordinal) || c.StartsWith("Worst", StringComparison.Ordinal));
        page.QuerySelector("main")!.TextContent.ShouldNotContain("quartile", Case.Insensitive);
        page.QuerySelector("main")!.TextContent.ShouldNotContain("1st");
    }

    [Fact]
    public async Task The_first_link_on_the_area_page_is_plain_and_the_map_key_is_text()
    {
        var page = await Client.GetHtmlAsync("/areas/E08000010");

        var first = page.QuerySelector("main a")!;
        first.TextContent.ShouldNotContain("Doughnut");
        first.GetAttribute("href").ShouldBe("#key-indicators");
        var key = page.QuerySelectorAll(".app-locator .app-map-legend li").Select(li => li.TextContent.Normalised()).ToList();
        key.ShouldBe(["Wigan, outlined", "Other areas"]);
        page.QuerySelector(".app-locator svg .app-map__key").ShouldBeNull("text drawn inside the small map would be too small to read");
    }

    [GeneratedRegex(@"^(Best|Second-best|Second-worst|Worst|Highest|Second-highest|Second-lowest|Lowest) quarter of \d+ councils in England; (at the median|.+ (above|below) the median)$")]
    private static partial Regex QuarterCell();
}
