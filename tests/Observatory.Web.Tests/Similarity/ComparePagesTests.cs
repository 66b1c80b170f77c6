using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Testing;
using Observatory.Web.Tests.Indicators;

namespace Observatory.Web.Tests.Similarity;

/// <summary>Councils side by side (/compare), the similar councils behind it, and the over-time chart by name.</summary>
public sealed class ComparePagesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private const string ClaimantCsv = "ons_els/claimant-count/claimant-count.csv";

    private HttpClient Client => fixture.Client;

    private PlaceRegistry Places => fixture.App.Services.GetRequiredService<PlaceRegistry>();

    private IndicatorDefinition Claimant => fixture.App.Services.GetRequiredService<IndicatorCatalogue>().Find("claimant-count")!;

    private static string Code(string name) => name switch
    {
        "Wigan" => "E08000010",
        "Bolton" => "E08000001",
        "Salford" => "E08000006",
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Fact]
    public async Task Three_councils_compared_by_name_show_their_values_side_by_side_with_the_direction_of_travel()
    {
        var rows = ShippedCsv.ReadEls(ClaimantCsv);
        var latest = ShippedCsv.LatestCouncilPeriod(rows, Places);
        string[] names = ["Wigan", "bolton", "Salford City Council"];

        var page = await Client.GetHtmlAsync("/compare?" + string.Join("&", names.Select(n => "council=" + Uri.EscapeDataString(n))));

        var table = page.QuerySelector("#results ~ .app-compare-table table")!;
        table.QuerySelectorAll("thead th[data-code]").Select(th => th.GetAttribute("data-code")).ShouldBe(["E08000010", "E08000001", "E08000006"]);
        table.QuerySelectorAll("thead th[data-code]").Select(th => th.TextContent.Normalised()).ShouldBe(["Wigan", "Bolton", "Salford"]);
        var claimant = table.QuerySelector("tbody tr[data-indicator='claimant-count']")!;
        claimant.GetAttribute("data-period").ShouldBe(latest);
        foreach (var name in new[] { "Wigan", "Bolton", "Salford" })
        {
            var code = Code(name);
            var value = ShippedCsv.CouncilValues(rows, latest, Places)[code];
            var previousPeriod = rows.Where(r => r.Code == code && r.Value is not null && r.Period.EndsWith("/P1Y", StringComparison.Ordinal)
                && string.CompareOrdinal(r.Period, latest) < 0).Max(r => r.Period)!;
            var previous = ShippedCsv.CouncilValues(rows, previousPeriod, Places)[code];
            var cell = claimant.QuerySelector($"td[data-code='{code}']")!.TextContent.Normalised();
            cell.ShouldStartWith(Claimant.FormatValue(value));
            cell.ShouldContain(IndicatorStatistics.Describe(IndicatorStatistics.DirectionOfTravel(Claimant, previous, value)) + " since "
                + AreaIndicators.PeriodLabel(Claimant, Period.Parse(previousPeriod)));
        }
        // Every row is an indicator all three have; once compared, the boxes hold the names as the register writes them.
        table.QuerySelectorAll("tbody tr").Length.ShouldBeGreaterThan(10);
        table.QuerySelectorAll("tbody tr").ShouldAllBe(tr => tr.QuerySelectorAll("td[data-code]").Length == 3);
        page.QuerySelector("input#council-2")!.GetAttribute("value").ShouldBe("Bolton");

        // The chart is of the first shared indicator unless another is chosen, with its data table.
        var chart = page.QuerySelector("svg[aria-labelledby='compare-trend-title compare-trend-desc']")!;
        chart.QuerySelectorAll("g[data-code]").Select(g => g.GetAttribute("data-code")).ShouldBe(["E08000010", "E08000001", "E08000006"]);
        var chosen = await Client.GetHtmlAsync("/compare?council=E08000010&council=E08000001&council=E08000006&indicator=claimant-count");
        chosen.QuerySelector("svg[aria-labelledby='compare-trend-title compare-trend-desc'] title")!.TextContent.ShouldContain(Claimant.Name);
        var trend = chosen.QuerySelector("table.app-trend-table")!;
        trend.QuerySelectorAll("thead th").Select(th => th.TextContent.Normalised()).ShouldBe(["Period", "Wigan", "Bolton", "Salford"]);
        var first = trend.QuerySelectorAll("tbody tr")[0];
        first.Children[1].TextContent.Normalised().ShouldBe(Claimant.FormatValue(ShippedCsv.CouncilValues(rows, latest, Places)["E08000010"]));
    }

    [Fact]
    public async Task The_comparison_downloads_as_csv_with_a_row_per_council_and_indicator()
    {
        var page = await Client.GetHtmlAsync("/compare?council=Wigan&council=Bolton&council=Salford");
        var href = page.QuerySelector("#downloads + p a")!.GetAttribute("href")!;
        var shared = page.QuerySelectorAll("tbody tr[data-indicator]").Length;

        using var response = await Client.GetAsync(href);
        var csv = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, csv);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("indicator,indicator_name,period,area_code,area_name,value,unit,previous_period,previous_value,direction");
        lines.Length.ShouldBe(1 + (3 * shared));
        var rows = ShippedCsv.ReadEls(ClaimantCsv);
        var latest = ShippedCsv.LatestCouncilPeriod(rows, Places);
        var wigan = lines.Single(l => l.StartsWith("claimant-count,", StringComparison.Ordinal) && l.Contains(",E08000010,", StringComparison.Ordinal)).Split(',');
        wigan[2].ShouldBe(latest);
        double.Parse(wigan[5], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(ShippedCsv.CouncilValues(rows, latest, Places)["E08000010"]);
    }

    [Fact]
    public async Task An_unknown_name_is_a_400_with_an_error_summary_naming_the_field_and_keeps_what_was_typed()
    {
        using var response = await Client.GetAsync("/compare?council=Wigan&council=Nowhereshire&council=North%20West");
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var summary = page.QuerySelectorAll(".govuk-error-summary a").Select(a => (Href: a.GetAttribute("href"), Text: a.TextContent.Normalised())).ToList();
        summary.Select(s => s.Href).ShouldBe(["#council-2", "#council-3"]);
        summary[0].Text.ShouldContain("‘Nowhereshire’ is not a council the Observatory knows");
        summary[1].Text.ShouldContain("North West is not a council (region)");
        page.QuerySelector("#council-2-error")!.TextContent.ShouldContain("Nowhereshire");
        page.QuerySelector("input#council-2")!.GetAttribute("value").ShouldBe("Nowhereshire");
        page.QuerySelector(".app-compare-table").ShouldBeNull();
    }

    [Fact]
    public async Task Names_typed_with_slips_offer_the_councils_meant_as_links_that_compare_them()
    {
        // Typed into one box, as people list councils.
        using var response = await Client.GetAsync("/compare?council=" + Uri.EscapeDataString("Wiggan, Bolten, Leigh"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();

        page.QuerySelectorAll("input[name='council']").Take(3).Select(i => i.GetAttribute("value")).ShouldBe(["Wiggan", "Bolten", "Leigh"]);
        var offered = page.QuerySelectorAll("#did-you-mean a").Select(a => (Name: a.ChildNodes[0].TextContent.Trim(), Href: a.GetAttribute("href")!)).ToList();
        offered.Select(o => o.Name).ShouldContain("Wigan");
        offered.Select(o => o.Name).ShouldContain("Bolton");
        offered.First(o => o.Name == "Wigan").Href.ShouldBe("/compare?council=Wigan&council=Bolten&council=Leigh");
        page.QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("Did you mean Wigan");

        // One click each puts a slip right; with a real third council the comparison is made.
        using var first = await Client.GetAsync("/compare?council=Wiggan&council=Bolten&council=Salford");
        var firstPage = (await first.Content.ReadAsStringAsync()).ParseHtml();
        var wigan = firstPage.QuerySelectorAll("#did-you-mean a").First(a => a.ChildNodes[0].TextContent.Trim() == "Wigan").GetAttribute("href")!;
        using var stillBolten = await Client.GetAsync(wigan);
        stillBolten.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var second = (await stillBolten.Content.ReadAsStringAsync()).ParseHtml();
        var bolton = second.QuerySelectorAll("#did-you-mean a").First(a => a.ChildNodes[0].TextContent.Trim() == "Bolton").GetAttribute("href")!;
        using var compared = await Client.GetAsync(bolton);
        compared.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = (await compared.Content.ReadAsStringAsync()).ParseHtml();
        result.QuerySelector("h1")!.TextContent.ShouldBe("Compare councils");
        result.QuerySelectorAll("input[name='council']").Take(3).Select(i => i.GetAttribute("value")).ShouldBe(["Wigan", "Bolton", "Salford"]);
        result.QuerySelector("#did-you-mean").ShouldBeNull();
        result.QuerySelector(".app-compare-table").ShouldNotBeNull();
    }

    [Fact]
    public async Task One_council_is_not_a_comparison_and_an_empty_form_is_not_an_error()
    {
        using var one = await Client.GetAsync("/compare?council=Wigan&council=");
        one.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = (await one.Content.ReadAsStringAsync()).ParseHtml();
        page.QuerySelector(".govuk-error-summary a")!.GetAttribute("href").ShouldBe("#council-2");

        // Eleven councils: one line on the eleventh box, however many more follow.
        var eleven = string.Join("&", Places.Councils.Take(14).Select(c => "council=" + c.Code));
        using var many = await Client.GetAsync("/compare?" + eleven);
        many.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = (await many.Content.ReadAsStringAsync()).ParseHtml();
        refused.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")).ShouldBe(["#council-11"]);
        refused.QuerySelector(".govuk-error-summary a")!.TextContent.ShouldContain("Choose up to 10 councils");

        var empty = await Client.GetHtmlAsync("/compare");
        empty.QuerySelector(".govuk-error-summary").ShouldBeNull();
        empty.QuerySelectorAll("input[name='council']").Length.ShouldBe(10);
        empty.QuerySelectorAll("datalist#council-names option").Length.ShouldBe(Places.Councils.Count);
    }

    [Fact]
    public async Task Similar_councils_show_the_values_behind_each_match_and_compare_in_one_click()
    {
        var page = await Client.GetHtmlAsync("/areas/E08000010/similar?k=5");
        var neighbours = page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr a").Select(a => a.GetAttribute("href")!["/areas/".Length..]).ToList();

        var values = page.QuerySelector("#values-table")!;
        values.QuerySelectorAll("tbody tr").Select(tr => tr.GetAttribute("data-code")).ShouldBe(["E08000010", .. neighbours]);
        var indicators = page.QuerySelectorAll("table").Last().QuerySelectorAll("tbody tr").Select(tr => tr.Children[0].TextContent.Normalised()).ToList();
        values.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent.Normalised()).ShouldBe(indicators.Select(i => i.Replace(" (compared as a logarithm)", "")));
        // Each council's claimant count is its value in the period the match is measured on (the latest).
        var rows = ShippedCsv.ReadEls(ClaimantCsv);
        var latest = ShippedCsv.CouncilValues(rows, ShippedCsv.LatestCouncilPeriod(rows, Places), Places);
        var column = 1 + indicators.FindIndex(i => i == Claimant.Name);
        foreach (var tr in values.QuerySelectorAll("tbody tr"))
        {
            tr.Children[column].TextContent.Normalised().ShouldBe(Claimant.FormatValue(latest[tr.GetAttribute("data-code")!]));
        }

        var compare = page.QuerySelector("a#compare-link")!.GetAttribute("href")!;
        compare.ShouldBe("/compare?" + string.Join("&", new List<string> { "E08000010" }.Concat(neighbours).Select(c => "council=" + c)));
        var compared = await Client.GetHtmlAsync(compare);
        compared.QuerySelectorAll(".app-compare-table thead th[data-code]").Select(th => th.GetAttribute("data-code")).ShouldBe(["E08000010", .. neighbours]);
    }

    [Fact]
    public async Task The_over_time_chart_takes_names_and_keeps_the_chart_when_a_name_is_unknown()
    {
        var page = await Client.GetHtmlAsync("/indicators/claimant-count?areas=Wigan,%20salford");

        page.QuerySelectorAll("svg[aria-labelledby='trend-title trend-desc'] g[data-code]").Select(g => g.GetAttribute("data-code")).ShouldBe(["E08000010", "E08000006"]);
        page.QuerySelector("input#areas")!.GetAttribute("value").ShouldBe("Wigan, salford");

        using var response = await Client.GetAsync("/indicators/claimant-count?areas=WIGGANSHIRE");
        var refused = (await response.Content.ReadAsStringAsync()).ParseHtml();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.QuerySelector(".govuk-error-summary a[href='#areas']")!.TextContent.ShouldContain("‘WIGGANSHIRE’ is not an area name or code the Observatory knows");
        refused.QuerySelector("input#areas")!.GetAttribute("value").ShouldBe("WIGGANSHIRE");
        // The chart stays, of the United Kingdom and England, so the reader is not left with nothing.
        refused.QuerySelectorAll("svg[aria-labelledby='trend-title trend-desc'] g[data-code]").Select(g => g.GetAttribute("data-code")).ShouldBe(["K02000001", "E92000001"]);
    }
}
