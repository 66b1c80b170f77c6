using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Testing;

namespace Observatory.Web.Tests.Areas;

public sealed class AreaPagesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private PlaceRegistry Places => fixture.App.Services.GetRequiredService<PlaceRegistry>();

    private static string CountHeading(IHtmlDocument page) => page.QuerySelector("#results-heading")!.TextContent.Normalised();

    private static List<string> ResultCodes(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("table tbody tr").Select(r => r.QuerySelectorAll("td")[0].TextContent.Normalised())];

    [Fact]
    public async Task The_areas_page_lists_the_current_councils_by_default_fifty_to_a_page()
    {
        var page = await Client.GetHtmlAsync("/areas");

        Places.Councils.Count.ShouldBe(361);
        CountHeading(page).ShouldBe("361 areas");
        var codes = ResultCodes(page);
        codes.Count.ShouldBe(50);
        codes.ShouldBe(Places.Councils.Take(50).Select(c => c.Code));
        var first = page.QuerySelector("table tbody tr th a")!;
        first.GetAttribute("href").ShouldBe($"/areas/{Places.Councils[0].Code}");
        page.QuerySelectorAll(".govuk-pagination__item").Length.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task Pagination_links_lead_through_every_council_without_a_cap()
    {
        var seen = new List<string>();
        var url = "/areas";
        for (var pages = 0; url is not null && pages < 20; pages++)
        {
            var page = await Client.GetHtmlAsync(url);
            seen.AddRange(ResultCodes(page));
            url = page.QuerySelector(".govuk-pagination__next a")?.GetAttribute("href");
        }

        seen.ShouldBe(Places.Councils.Select(c => c.Code));
        var last = await Client.GetHtmlAsync("/areas?page=8");
        ResultCodes(last).Count.ShouldBe(361 - 7 * 50);
        last.QuerySelector(".govuk-pagination__item--current")!.TextContent.Normalised().ShouldBe("8");
        last.QuerySelector(".govuk-pagination__prev a")!.GetAttribute("href").ShouldBe("/areas?page=7");
    }

    [Fact]
    public async Task Pages_keep_the_filters()
    {
        var page = await Client.GetHtmlAsync("/areas?nation=England&type=non-metropolitan-district");

        var next = page.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        next.ShouldBe("/areas?nation=England&type=non-metropolitan-district&page=2");
        var second = await Client.GetHtmlAsync(next);
        ResultCodes(second).ShouldAllBe(code => code.StartsWith("E07", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Wales", 22)]
    [InlineData("Scotland", 32)]
    [InlineData("Northern Ireland", 11)]
    public async Task The_list_filters_by_nation(string nation, int councils)
    {
        var page = await Client.GetHtmlAsync($"/areas?nation={Uri.EscapeDataString(nation)}");

        CountHeading(page).ShouldBe($"{councils} areas");
        page.QuerySelector("select#nation option[selected]")!.TextContent.ShouldBe(nation);
        page.QuerySelectorAll("table tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent.Normalised()).ShouldAllBe(n => n == nation);
    }

    [Fact]
    public async Task The_list_filters_by_type()
    {
        var page = await Client.GetHtmlAsync("/areas?type=london-borough");

        CountHeading(page).ShouldBe("33 areas");
        page.QuerySelectorAll("table tbody tr td:nth-child(3)").Select(c => c.TextContent.Normalised()).ShouldAllBe(t => t == "London borough");
        var regions = await Client.GetHtmlAsync("/areas?type=region");
        CountHeading(regions).ShouldBe("9 areas");
    }

    [Fact]
    public async Task Historic_areas_appear_only_when_asked_for()
    {
        var current = await Client.GetHtmlAsync("/areas?q=Allerdale");
        CountHeading(current).ShouldBe("0 areas");

        var historic = await Client.GetHtmlAsync("/areas?q=Allerdale&historic=true");
        ResultCodes(historic).ShouldContain("E07000026");
        historic.QuerySelector("input[name='historic']")!.HasAttribute("checked").ShouldBeTrue();
    }

    [Fact]
    public async Task Searching_for_Wigan_finds_it_first()
    {
        var page = await Client.GetHtmlAsync("/areas?q=Wigan");

        ResultCodes(page)[0].ShouldBe("E08000010");
        page.QuerySelector("table tbody tr th a")!.TextContent.Normalised().ShouldBe("Wigan");
        page.QuerySelector("input#q")!.GetAttribute("value").ShouldBe("Wigan");
        page.QuerySelector("form[method='get'][action='/areas']").ShouldNotBeNull("the search works without JavaScript");
    }

    [Fact]
    public async Task An_unknown_type_is_a_form_error_and_a_page_past_the_end_is_not_found()
    {
        using var response = await Client.GetAsync("/areas?type=parish");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();
        page.QuerySelector(".govuk-error-summary a[href='#type']").ShouldNotBeNull();

        using var past = await Client.GetAsync("/areas?page=99");
        past.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wigan_shows_its_claimant_count_as_published_with_region_and_nation()
    {
        var (period, value) = LatestInShippedCsv("ons_els/claimant-count/claimant-count.csv", "E08000010");
        var indicator = fixture.App.Services.GetRequiredService<IndicatorCatalogue>().Find("claimant-count")!;

        var page = await Client.GetHtmlAsync("/areas/E08000010");

        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Wigan");
        var row = page.QuerySelector("a[href='/indicators/claimant-count']").ShouldNotBeNull().Closest("tr")!;
        var cells = row.QuerySelectorAll("td");
        cells[0].TextContent.ShouldContain(indicator.FormatValue(value));
        cells[0].TextContent.ShouldContain(period.Label());
        var table = row.Closest("table")!;
        table.QuerySelector("caption")!.TextContent.Normalised().ShouldBe("Economy");
        var headers = table.QuerySelectorAll("thead th").Select(h => h.TextContent.Normalised()).ToList();
        headers.ShouldContain("North West");
        headers.ShouldContain("England");
        var tag = row.QuerySelector(".govuk-tag").ShouldNotBeNull();
        new[] { "Improving", "Getting worse", "No change" }.ShouldContain(tag.TextContent.Normalised());
        tag.ClassList.ShouldContain(tag.TextContent.Normalised() switch { "Improving" => "govuk-tag--green", "Getting worse" => "govuk-tag--red", _ => "govuk-tag--grey" });
        var sparkline = row.QuerySelector("svg[role='img']").ShouldNotBeNull();
        sparkline.GetAttribute("aria-label")!.ShouldContain($"to {indicator.FormatValue(value)} in {period.Label()}");
        // The claimant count is lower-is-better, so its quarters are named from best to worst, never by number.
        row.TextContent.Normalised().ShouldMatch(@"(Best|Second-best|Second-worst|Worst) quarter of \d+ councils in England; (at the median|.* (above|below) the median)");
        row.TextContent.ShouldNotContain("rank", Case.Insensitive);
    }

    [Fact]
    public async Task Wigan_shows_its_place_in_the_hierarchy_its_neighbours_and_a_locator_map()
    {
        var page = await Client.GetHtmlAsync("/areas/E08000010");

        var summary = page.QuerySelector(".govuk-summary-list")!;
        summary.TextContent.Normalised().ShouldContain("E08000010");
        summary.QuerySelector("a[href='/areas/E12000002']")!.TextContent.ShouldBe("North West");
        summary.QuerySelector("a[href='/areas/E47000001']")!.TextContent.ShouldBe("Greater Manchester");
        page.QuerySelector("ul[aria-labelledby='parents'] a[href='/areas/E12000002']").ShouldNotBeNull();
        page.QuerySelector("ul[aria-labelledby='siblings'] a[href='/areas/E08000009']").ShouldNotBeNull("Trafford is another Greater Manchester district");
        var neighbours = page.QuerySelectorAll("ul[aria-labelledby='neighbours'] a").Select(a => a.GetAttribute("href")).ToList();
        neighbours.ShouldContain("/areas/E08000006");
        neighbours.ShouldContain("/areas/E08000001");
        neighbours.ShouldNotContain("/areas/E08000003", "Manchester does not border Wigan");
        var map = page.QuerySelector(".app-locator svg").ShouldNotBeNull();
        map.QuerySelector("path[data-code='E08000010'][stroke]").ShouldNotBeNull("the area is outlined");
        page.QuerySelector(".app-locator figcaption")!.TextContent.ShouldContain("Contains OS data");
    }

    [Fact]
    public async Task The_locator_map_draws_the_area_over_a_background_the_browser_keeps()
    {
        var page = await Client.GetHtmlAsync("/areas/E08000010");

        var map = page.QuerySelector(".app-locator svg").ShouldNotBeNull();
        map.QuerySelectorAll("path").Select(p => p.GetAttribute("data-code")).ShouldBe(["E08000010"], "the page carries Wigan's shape alone");
        map.OuterHtml.Length.ShouldBeLessThan(20_000, "the other 360 councils' shapes come once, as an image");
        var href = map.QuerySelector("image")!.GetAttribute("href")!;
        href.ShouldStartWith("/maps/locator.svg?v=");

        using var background = await Client.GetAsync(href);
        background.StatusCode.ShouldBe(HttpStatusCode.OK);
        background.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        background.Headers.CacheControl!.ToString().ShouldContain("immutable");
        var drawn = (await background.Content.ReadAsStringAsync()).ParseHtml().QuerySelectorAll("path").Length;
        drawn.ShouldBe(fixture.App.Services.GetRequiredService<Observatory.Rendering.Charts.Maps.BoundarySet>().Areas.Count);

        using var unversioned = await Client.GetAsync("/maps/locator.svg");
        unversioned.Headers.CacheControl!.ToString().ShouldNotContain("immutable", customMessage: "an address without the digest may change with the boundaries");
    }

    [Fact]
    public async Task Every_indicator_with_data_for_the_area_is_listed_under_its_topic()
    {
        var catalogue = fixture.App.Services.GetRequiredService<IndicatorCatalogue>();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var withData = (await scope.ServiceProvider.GetRequiredService<ObservationQueries>().ForAreasAsync(["E08000010"]))
            .Where(o => o.Value is not null).Select(o => o.IndicatorId).ToHashSet();

        var page = await Client.GetHtmlAsync("/areas/E08000010");

        var links = page.QuerySelectorAll("table a[href^='/indicators/']").Select(a => a.GetAttribute("href")![12..]).ToList();
        links.ShouldBe(catalogue.Indicators.Where(i => withData.Contains(i.Id)).Select(i => i.Id), ignoreOrder: true);
        foreach (var table in page.QuerySelectorAll("table"))
        {
            var topic = table.QuerySelector("caption")!.TextContent.Normalised();
            foreach (var link in table.QuerySelectorAll("a[href^='/indicators/']"))
            {
                var indicator = catalogue.Find(link.GetAttribute("href")![12..])!;
                catalogue.FindDataset(indicator.DatasetId)!.Topic.ShouldBe(topic);
            }
        }
    }

    [Fact]
    public async Task A_former_code_says_what_replaced_it_and_the_new_code_says_what_it_replaced()
    {
        var old = await Client.GetHtmlAsync("/areas/E08000016");

        var banner = old.QuerySelector(".govuk-notification-banner").ShouldNotBeNull();
        banner.TextContent.ShouldContain("This area no longer exists");
        banner.TextContent.Normalised().ShouldContain("replaced by Barnsley (E08000038) in 2025");
        banner.QuerySelector("a[href='/areas/E08000038']").ShouldNotBeNull();
        old.QuerySelectorAll("ul[aria-labelledby='siblings'] a[href='/areas/E08000038']").ShouldBeEmpty("its successor is not its sibling");

        var current = await Client.GetHtmlAsync("/areas/E08000038");
        current.QuerySelector(".govuk-notification-banner").ShouldBeNull();
        var inset = current.QuerySelector(".govuk-inset-text").ShouldNotBeNull();
        inset.TextContent.Normalised().ShouldContain("replaced Barnsley (E08000016) in 2025");
        inset.QuerySelector("a[href='/areas/E08000016']").ShouldNotBeNull();
        current.QuerySelector("a[href='/indicators/claimant-count']").ShouldNotBeNull("data published under the former code is shown under the new one");
        current.QuerySelector(".app-locator svg path[data-code='E08000016'][stroke]").ShouldNotBeNull("the May 2024 boundary has the former code");
    }

    [Fact]
    public async Task A_merged_away_district_renders_with_its_successor_and_no_map()
    {
        var page = await Client.GetHtmlAsync("/areas/E07000026");

        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Allerdale");
        page.QuerySelector(".govuk-notification-banner a[href='/areas/E06000063']")!.TextContent.ShouldContain("Cumberland");
        page.QuerySelector(".app-locator").ShouldBeNull("the May 2024 boundaries postdate Allerdale");
    }

    [Fact]
    public async Task A_region_page_lists_its_areas_and_shades_its_councils()
    {
        var page = await Client.GetHtmlAsync("/areas/E12000002");

        page.QuerySelector("ul[aria-labelledby='children'] a[href='/areas/E47000001']").ShouldNotBeNull();
        page.QuerySelector(".app-locator svg").ShouldNotBeNull();
    }

    [Fact]
    public async Task An_unknown_code_is_the_GOV_UK_not_found_page()
    {
        using var response = await Client.GetAsync("/areas/E99999999");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();
        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Page not found");
    }

    [Fact]
    public async Task Areas_are_in_the_service_navigation_and_on_the_home_page()
    {
        var home = await Client.GetHtmlAsync("/");
        home.QuerySelector(".govuk-service-navigation a[href='/areas']").ShouldNotBeNull();
        home.QuerySelector("main a[href='/areas']").ShouldNotBeNull();

        var areas = await Client.GetHtmlAsync("/areas/E08000010");
        areas.QuerySelector(".govuk-service-navigation__item--active a[href='/areas']").ShouldNotBeNull();
    }

    /// <summary>The latest period and value for an area, read straight from the shipped ELS file.</summary>
    internal static (Period Period, double Value) LatestInShippedCsv(string file, string areaCode)
    {
        using var reader = new CsvRecordReader(new StreamReader(DataFolder.Locate().Combine("indicators", file)));
        reader.Read().ShouldBeTrue();
        var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList();
        var (area, period, value) = (header.IndexOf("areacd"), header.IndexOf("period"), header.IndexOf("observation"));
        var rows = new List<(Period, double)>();
        while (reader.Read())
        {
            if (reader.GetString(area) == areaCode && double.TryParse(reader.GetString(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                rows.Add((Period.Parse(reader.GetString(period)), v));
            }
        }
        return rows.MaxBy(r => r.Item1);
    }
}
