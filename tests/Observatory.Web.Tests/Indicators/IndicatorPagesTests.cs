using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Testing;

namespace Observatory.Web.Tests.Indicators;

public sealed class IndicatorPagesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private const string ClaimantCsv = "ons_els/claimant-count/claimant-count.csv";

    private HttpClient Client => fixture.Client;

    private IndicatorCatalogue Catalogue => fixture.App.Services.GetRequiredService<IndicatorCatalogue>();

    private PlaceRegistry Places => fixture.App.Services.GetRequiredService<PlaceRegistry>();

    private IndicatorDefinition Claimant => Catalogue.Find("claimant-count")!;

    private static Dictionary<string, string> AreaTableValues(IDocument page) =>
        page.QuerySelectorAll("#areas-table tbody tr").ToDictionary(
            tr => tr.QuerySelector("[data-code]")!.GetAttribute("data-code")!,
            tr => tr.Children[2].TextContent.Normalised());

    [Fact]
    public async Task The_catalogue_lists_every_indicator_by_topic_and_by_framework_element()
    {
        var page = await Client.GetHtmlAsync("/indicators");

        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("Indicators");
        var byTopic = page.QuerySelectorAll("#by-topic ~ .app-table-region table a[href^='/indicators/']").Select(a => a.GetAttribute("href")).ToHashSet();
        foreach (var indicator in Catalogue.Indicators)
        {
            byTopic.ShouldContain($"/indicators/{indicator.Id}");
        }
        var captions = page.QuerySelectorAll("caption").Select(c => c.TextContent.Normalised()).ToList();
        foreach (var topic in Catalogue.Datasets.Select(d => d.Topic).Distinct())
        {
            captions.ShouldContain(topic);
        }
        var claimantRow = page.QuerySelectorAll("tr").First(tr => tr.QuerySelector("a[href='/indicators/claimant-count']") is not null);
        claimantRow.TextContent.ShouldContain("Lower is better");
        claimantRow.TextContent.ShouldContain("2025");

        var frameworks = fixture.App.Services.GetRequiredService<FrameworkCatalogue>();
        var element = Claimant.Evidences[0];
        var link = page.QuerySelector($"a[href='/frameworks/{element.FrameworkId}/{element.ElementId}']");
        link.ShouldNotBeNull();
        link.TextContent.Normalised().ShouldBe(frameworks.FindElement(element)!.Name);
    }

    [Fact]
    public async Task An_indicator_shows_its_latest_period_with_every_council_on_the_map_and_in_the_table()
    {
        var rows = ShippedCsv.ReadEls(ClaimantCsv);
        var latest = ShippedCsv.LatestCouncilPeriod(rows, Places);
        var golden = ShippedCsv.CouncilValues(rows, latest, Places);

        var page = await Client.GetHtmlAsync("/indicators/claimant-count");

        page.QuerySelector("select#period option[selected]")!.GetAttribute("value").ShouldBe(latest);
        page.QuerySelector("h2#all-areas")!.TextContent.ShouldContain(Period.Parse(latest).Label("year"));
        var map = page.QuerySelector("svg.app-map")!;
        map.QuerySelector("title")!.TextContent.ShouldContain("Claimant Count");
        var shaded = map.QuerySelectorAll("path[data-code]").Where(p => !p.GetAttribute("fill")!.StartsWith("url(", StringComparison.Ordinal)).ToList();
        shaded.Count.ShouldBe(golden.Count);
        page.QuerySelector("#map-caption")!.TextContent.ShouldContain("Contains OS data");

        var table = AreaTableValues(page);
        foreach (var (code, value) in golden)
        {
            table.ShouldContainKey(code);
            table[code].ShouldBe(Claimant.FormatValue(value), $"value of {code}");
        }
        page.QuerySelectorAll("#areas-table a[href='/areas/E08000010']").Length.ShouldBe(1);
    }

    [Fact]
    public async Task The_dot_plot_has_every_council_and_marks_the_median_with_its_numbers_in_a_table()
    {
        var rows = ShippedCsv.ReadEls(ClaimantCsv);
        var latest = ShippedCsv.LatestCouncilPeriod(rows, Places);
        var golden = ShippedCsv.CouncilValues(rows, latest, Places);
        var median = IndicatorStatistics.Median([.. golden.Values]);

        var page = await Client.GetHtmlAsync("/indicators/claimant-count");

        var dots = page.QuerySelector("svg[aria-labelledby='dots-title dots-desc']")!;
        dots.GetAttribute("role").ShouldBe("img");
        dots.QuerySelectorAll("circle").Length.ShouldBe(golden.Count);
        dots.QuerySelector("desc")!.TextContent.ShouldContain($"the median is {Claimant.FormatValue(median)}");
        dots.TextContent.ShouldContain($"Median {Claimant.FormatValue(median)}");
        var spread = page.QuerySelectorAll("details table").First(t => t.TextContent.Contains("Lower quartile", StringComparison.Ordinal));
        spread.TextContent.ShouldContain(Claimant.FormatValue(median));
    }

    [Fact]
    public async Task The_period_selector_changes_the_period()
    {
        var rows = ShippedCsv.ReadEls(ClaimantCsv);
        var golden = ShippedCsv.CouncilValues(rows, "2015-01-01/P1Y", Places);

        var page = await Client.GetHtmlAsync("/indicators/claimant-count?period=2015-01-01/P1Y");

        page.QuerySelector("form select#period")!.GetAttribute("name").ShouldBe("period");
        page.QuerySelector("select#period option[selected]")!.GetAttribute("value").ShouldBe("2015-01-01/P1Y");
        page.Title.ShouldStartWith("Claimant Count, 2015");
        var table = AreaTableValues(page);
        table["E08000010"].ShouldBe(Claimant.FormatValue(golden["E08000010"]));
    }

    [Theory]
    [InlineData("2099-01-01/P1Y", "There is no data for Claimant Count in 2099")]
    [InlineData("not-a-period", "‘not-a-period’ is not a period")]
    public async Task An_unknown_period_is_refused_with_a_message_and_the_latest_period_shown(string period, string message)
    {
        using var response = await Client.GetAsync($"/indicators/claimant-count?period={period}");
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        page.Title.ShouldStartWith("Error:");
        page.QuerySelector(".govuk-error-summary a[href='#period']")!.TextContent.ShouldContain(message);
        page.QuerySelector("#period-error").ShouldNotBeNull();
        page.QuerySelector("svg.app-map").ShouldNotBeNull();
    }

    [Fact]
    public async Task An_unknown_indicator_is_not_found()
    {
        using var response = await Client.GetAsync("/indicators/no-such-indicator");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Page not found");
    }

    [Fact]
    public async Task The_trend_chart_shows_the_areas_asked_for_with_a_data_table()
    {
        var rows = ShippedCsv.ReadEls(ClaimantCsv);
        var wigan2010 = ShippedCsv.CouncilValues(rows, "2010-01-01/P1Y", Places)["E08000010"];

        var page = await Client.GetHtmlAsync("/indicators/claimant-count?areas=E08000010,E08000006");

        var chart = page.QuerySelector("svg[aria-labelledby='trend-title trend-desc']")!;
        chart.GetAttribute("role").ShouldBe("img");
        chart.QuerySelectorAll("g[data-code]").Select(g => g.GetAttribute("data-code")).ShouldBe(["E08000010", "E08000006"]);
        chart.QuerySelector("desc")!.TextContent.ShouldContain("Wigan");
        page.QuerySelector("input#areas")!.GetAttribute("value").ShouldBe("E08000010, E08000006");
        var table = page.QuerySelector("table.app-trend-table")!;
        table.QuerySelectorAll("thead th").Select(th => th.TextContent.Normalised()).ShouldBe(["Period", "Wigan", "Salford"]);
        var row2010 = table.QuerySelectorAll("tbody tr").Single(tr => tr.Children[0].TextContent.Normalised() == "2010");
        row2010.Children[1].TextContent.Normalised().ShouldBe(Claimant.FormatValue(wigan2010));
    }

    [Fact]
    public async Task The_trend_chart_defaults_to_the_united_kingdom_and_england()
    {
        var page = await Client.GetHtmlAsync("/indicators/claimant-count");

        page.QuerySelectorAll("svg[aria-labelledby='trend-title trend-desc'] g[data-code]").Select(g => g.GetAttribute("data-code"))
            .ShouldBe(["K02000001", "E92000001"]);
    }

    [Fact]
    public async Task An_unknown_area_code_is_refused_with_a_message()
    {
        using var response = await Client.GetAsync("/indicators/claimant-count?areas=E08000010,Z99999999");
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Names are accepted too since the chart takes them, so the message speaks of both.
        page.QuerySelector(".govuk-error-summary a[href='#areas']")!.TextContent.ShouldContain("‘Z99999999’ is not an area name or code");
        page.QuerySelectorAll("svg[aria-labelledby='trend-title trend-desc'] g[data-code]").Select(g => g.GetAttribute("data-code")).ShouldBe(["E08000010"]);
    }

    [Fact]
    public async Task A_misspelt_area_name_offers_the_councils_it_most_likely_means_as_links_that_chart_them()
    {
        using var response = await Client.GetAsync("/indicators/claimant-count?areas=Wiggan,%20Bolton");
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var choice = page.QuerySelectorAll("#areas-did-you-mean a").FirstOrDefault(a => a.TextContent.StartsWith("Wigan", StringComparison.Ordinal));
        choice.ShouldNotBeNull("Wigan is offered for ‘Wiggan’");
        var corrected = await Client.GetHtmlAsync(choice.GetAttribute("href")!);
        corrected.QuerySelector(".govuk-error-summary").ShouldBeNull();
        corrected.QuerySelectorAll("svg[aria-labelledby='trend-title trend-desc'] g[data-code]").Select(g => g.GetAttribute("data-code"))
            .ShouldBe(["E08000010", "E08000001"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_metadata_names_the_source_licence_polarity_and_framework_elements_and_links_the_downloads()
    {
        var page = await Client.GetHtmlAsync("/indicators/claimant-count");
        var dataset = Catalogue.FindDataset(Claimant.DatasetId)!;

        var about = page.QuerySelector("h2#about + .govuk-summary-list")!.TextContent.Normalised();
        about.ShouldContain(Claimant.PolarityReason.Normalised());
        about.ShouldContain(dataset.Source.Attribution.Normalised());
        page.QuerySelector($"a[href='{dataset.Source.Url}']").ShouldNotBeNull();
        foreach (var element in Claimant.Evidences)
        {
            page.QuerySelector($"h2#about + .govuk-summary-list a[href='/frameworks/{element.FrameworkId}/{element.ElementId}']").ShouldNotBeNull();
        }
        var downloads = page.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")).ToList();
        downloads.ShouldContain("/api/indicators/claimant-count/export?format=els");
        downloads.ShouldContain("/api/indicators/claimant-count/export?format=opensdg");
        downloads.ShouldContain("/api/indicators/claimant-count/export?format=csvw");
        foreach (var href in downloads)
        {
            using var response = await Client.GetAsync(href);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, href);
        }
    }

    [Fact]
    public async Task Every_indicator_page_renders()
    {
        foreach (var indicator in Catalogue.Indicators)
        {
            using var response = await Client.GetAsync($"/indicators/{indicator.Id}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, indicator.Id);
        }
    }

    [Fact]
    public async Task The_navigation_and_the_home_page_lead_to_the_indicators()
    {
        var home = await Client.GetHtmlAsync("/");
        home.QuerySelector(".govuk-service-navigation a[href='/indicators']").ShouldNotBeNull();
        home.QuerySelector("main a[href='/indicators']").ShouldNotBeNull();

        var page = await Client.GetHtmlAsync("/indicators/claimant-count");
        page.QuerySelector(".govuk-service-navigation__item--active a")!.GetAttribute("href").ShouldBe("/indicators");
    }

    [Fact]
    public async Task The_import_history_lists_the_shipped_imports()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Observatory.Storage.ObservatoryDbContext>();
        var imports = db.IndicatorImports.ToList();

        var page = await Client.GetHtmlAsync("/imports");

        imports.Count.ShouldBeGreaterThan(0);
        page.QuerySelectorAll("main table tbody tr").Length.ShouldBe(imports.Count);
        var claimant = imports.Single(i => i.FileName == "claimant-count.csv");
        var detail = await Client.GetHtmlAsync($"/imports/{claimant.Id}");
        detail.QuerySelector("h1")!.TextContent.Normalised().ShouldBe("claimant-count.csv");
        detail.QuerySelector("a[href='/indicators/claimant-count']").ShouldNotBeNull();
        detail.QuerySelector(".govuk-summary-list")!.TextContent.ShouldContain(claimant.FileHash);
        (await Client.GetAsync("/imports/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
