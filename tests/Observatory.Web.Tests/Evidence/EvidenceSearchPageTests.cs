using System.Net;
using AngleSharp.Html.Dom;
using Observatory.Testing;

namespace Observatory.Web.Tests.Evidence;

public sealed class EvidenceSearchPageTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private static List<string> ResultLinks(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#results h3 a").Select(a => a.GetAttribute("href")!)];

    [Fact]
    public async Task The_library_lists_every_shipped_item_twenty_to_a_page_with_the_strength_scale_explained()
    {
        var page = await Client.GetHtmlAsync("/evidence");

        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Evidence library");
        page.QuerySelector("#results-heading")!.TextContent.Normalised().ShouldBe("134 items");
        ResultLinks(page).Count.ShouldBe(20);
        page.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href").ShouldBe("/evidence?page=2");
        // The scale is explained after the results, where the introduction's link leads.
        page.QuerySelector("main p a[href='#about-the-library']").ShouldNotBeNull();
        page.QuerySelector("#about-the-library")!.ParentElement!.TextContent.ShouldContain("Systematised");
        page.QuerySelector(".govuk-service-navigation__item--active a, .govuk-service-navigation__item--active")!.TextContent.Normalised().ShouldContain("Evidence");
        page.QuerySelector("form[role=search]")!.GetAttribute("method").ShouldBe("get");
    }

    [Fact]
    public async Task Searching_food_shows_the_table_1_food_councils_with_the_word_marked_and_escaped()
    {
        var page = await Client.GetHtmlAsync("/evidence?q=food");

        var links = ResultLinks(page);
        links.Take(6).ShouldContain("/evidence/bath-and-north-east-somerset-food");
        links.Take(6).ShouldContain("/evidence/cardiff-food");
        page.QuerySelectorAll("#results mark").Select(m => m.TextContent.ToLowerInvariant()).ShouldContain("food");
        page.QuerySelector("#results")!.TextContent.ShouldContain("Case study");
        page.QuerySelector("#results")!.TextContent.ShouldContain("Strength: Described (1)");
        page.QuerySelector("#applied-filters")!.TextContent.ShouldContain("‘food’");
    }

    [Fact]
    public async Task Searching_a_place_says_it_includes_the_neighbours_and_marks_why_each_matched()
    {
        var page = await Client.GetHtmlAsync("/evidence?q=Wigan");

        ResultLinks(page).Take(2).ShouldBe(["/evidence/wigan-bewigan", "/evidence/wigan-peace-and-justice"], ignoreOrder: true);
        page.QuerySelector("#place-rule")!.TextContent.ShouldContain("Bolton");
        page.QuerySelectorAll("#results .govuk-tag").Select(t => t.TextContent.Normalised()).ShouldContain("On Wigan");
    }

    [Fact]
    public async Task Filters_combine_show_counts_and_each_can_be_removed()
    {
        var page = await Client.GetHtmlAsync("/evidence?kind=policy-paper&element=place-making/food&nation=Scotland");

        var links = ResultLinks(page);
        links.ShouldBe(["/evidence/glasgow-food"]);
        var chosen = page.QuerySelector("input[name=kind][value=policy-paper]")!;
        chosen.GetAttribute("checked").ShouldNotBeNull();
        var removes = page.QuerySelectorAll("#applied-filters a").Select(a => a.GetAttribute("href")!).ToList();
        removes.Count.ShouldBe(3);
        removes.ShouldContain("/evidence?element=place-making%2Ffood&nation=Scotland");
        var withoutNation = await Client.GetHtmlAsync(removes.Single(r => !r.Contains("nation")));
        ResultLinks(withoutNation).Count.ShouldBe(6);
        page.QuerySelector($"label[for={chosen.Id}]")!.TextContent.ShouldMatch(@"Policy paper \(\d+\)");
    }

    [Fact]
    public async Task No_results_gives_help()
    {
        var page = await Client.GetHtmlAsync("/evidence?q=zzzz-nothing");

        page.QuerySelector("#results-heading")!.TextContent.Normalised().ShouldBe("0 items");
        page.QuerySelector("#no-results")!.TextContent.ShouldContain("removing a filter");
    }

    [Theory]
    [InlineData("/evidence?strength=9", "strength")]
    [InlineData("/evidence?kind=podcast", "kind")]
    [InlineData("/evidence?element=food", "element")]
    [InlineData("/evidence?place=X99999999", "place")]
    [InlineData("/evidence?nation=Narnia", "nation")]
    [InlineData("/evidence?page=0", "page")]
    public async Task Bad_filters_are_a_400_with_an_error_summary(string url, string field)
    {
        using var response = await Client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".govuk-error-summary")!;
        summary.QuerySelector("a")!.GetAttribute("href").ShouldBe(field == "page" ? "#q" : "#" + field);
        page.QuerySelector("#results-heading").ShouldBeNull();
        if (field != "page")
        {
            page.QuerySelector(".govuk-form-group--error").ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task A_page_past_the_end_is_not_found_and_hostile_text_is_harmless()
    {
        (await Client.GetAsync("/evidence?page=99")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await Client.GetHtmlAsync("/evidence?q=" + Uri.EscapeDataString("<script>alert(1)</script> \"food"));
        page.QuerySelectorAll("script").ShouldAllBe(s => !s.TextContent.Contains("alert(1)"));
        (await Client.GetAsync("/evidence?q=" + Uri.EscapeDataString("NEAR(\" * ) OR -"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
