using System.Net;
using System.Xml.Linq;
using Observatory.Testing;

namespace Observatory.Web.Tests.Portraits;

public sealed class PortraitPagesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    [Theory]
    [InlineData("/areas/E08000010/portrait", "Wigan")]
    [InlineData("/portraits/uk-council/E08000010", "Wigan")]
    [InlineData("/portraits/oneill-2018/GBR", "United Kingdom")]
    [InlineData("/portraits/fanning-2022/GBR?period=2015", "United Kingdom")]
    public async Task A_portrait_page_has_the_chart_the_summary_and_the_table(string url, string name)
    {
        var page = await Client.GetHtmlAsync(url);

        var svg = page.QuerySelector("figure svg.app-doughnut")!;
        svg.GetAttribute("role").ShouldBe("img");
        svg.QuerySelector("title")!.TextContent.ShouldContain(name);
        var summary = page.QuerySelector(".app-portrait-summary")!.TextContent.Normalised();
        summary.ShouldStartWith(name + " achieves ");
        summary.ShouldContain("ecological");
        page.QuerySelectorAll("table.app-portrait-table").Length.ShouldBe(2);
        page.QuerySelectorAll("table.app-portrait-table tbody tr").Length.ShouldBeGreaterThan(5);
        page.QuerySelector("form select#definition").ShouldNotBeNull();
        page.QuerySelector("#period").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_fanning_uk_portrait_says_its_published_counts_and_shows_years_side_by_side()
    {
        var page = await Client.GetHtmlAsync("/portraits/fanning-2022/GBR?period=2015");
        page.QuerySelector(".app-portrait-summary")!.TextContent.Normalised()
            .ShouldBe("United Kingdom achieves 10 of 11 social thresholds with data and transgresses 5 of 6 ecological boundaries with data.");
        page.QuerySelectorAll(".app-small-multiples svg").Length.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task Comparing_draws_two_places_side_by_side()
    {
        var page = await Client.GetHtmlAsync("/portraits/uk-council/E08000010?compare=E08000035");
        page.QuerySelector("#comparison")!.TextContent.ShouldContain("Leeds");
        page.QuerySelectorAll("#comparison ~ .govuk-grid-row svg").Length.ShouldBe(2);
    }

    [Fact]
    public async Task The_printable_version_is_the_chart_summary_and_table_only()
    {
        var page = await Client.GetHtmlAsync("/portraits/uk-council/E08000010?print=1");
        page.QuerySelector("svg.app-doughnut").ShouldNotBeNull();
        page.QuerySelector(".app-portrait-summary").ShouldNotBeNull();
        page.QuerySelectorAll("table.app-portrait-table").Length.ShouldBe(2);
        page.QuerySelector("main form").ShouldBeNull();
    }

    [Theory]
    [InlineData("/portraits/oneill-2018/GBR?format=svg")]
    [InlineData("/portraits/oneill-2018/GBR.svg")]
    public async Task The_chart_downloads_as_svg(string url)
    {
        using var response = await Client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Name.LocalName.ShouldBe("svg");
    }

    [Fact]
    public async Task The_definitions_page_lists_every_definition_with_its_source()
    {
        var page = await Client.GetHtmlAsync("/portraits");
        foreach (var id in new[] { "oneill-2018", "fanning-2022", "fanning-raworth-2025", "uk-council" })
        {
            page.QuerySelector($"a[href='/portraits/{id}']").ShouldNotBeNull();
        }
        page.QuerySelector("main")!.TextContent.ShouldContain("Source");
    }

    [Fact]
    public async Task A_definition_page_has_a_map_for_councils_a_scatter_and_every_place()
    {
        var page = await Client.GetHtmlAsync("/portraits/uk-council");
        page.QuerySelectorAll("main figure svg").Length.ShouldBe(2);
        page.QuerySelectorAll("main table tbody tr").Length.ShouldBe(361);

        var countries = await Client.GetHtmlAsync("/portraits/oneill-2018");
        countries.QuerySelectorAll("main figure svg").Length.ShouldBe(1);
        countries.QuerySelectorAll("main table tbody tr").Length.ShouldBe(151);
    }

    [Fact]
    public async Task The_area_page_and_home_page_link_to_portraits()
    {
        (await Client.GetHtmlAsync("/areas/E08000010")).QuerySelector("a[href='/areas/E08000010/portrait']")!.TextContent.ShouldBe("Doughnut portrait");
        (await Client.GetHtmlAsync("/")).QuerySelector("main a[href='/portraits']").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/portraits/no-such-definition", HttpStatusCode.NotFound)]
    [InlineData("/portraits/oneill-2018/XXX", HttpStatusCode.NotFound)]
    [InlineData("/portraits/uk-council/GBR", HttpStatusCode.NotFound)]
    [InlineData("/areas/E12000002/portrait", HttpStatusCode.NotFound)]
    [InlineData("/portraits/fanning-2022/GBR?period=1900", HttpStatusCode.BadRequest)]
    [InlineData("/portraits/fanning-2022?period=1900", HttpStatusCode.BadRequest)]
    public async Task Error_statuses(string url, HttpStatusCode status)
    {
        using var response = await Client.GetAsync(url);
        response.StatusCode.ShouldBe(status);
    }
}
