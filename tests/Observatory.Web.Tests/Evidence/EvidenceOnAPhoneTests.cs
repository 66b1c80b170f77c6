using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Testing;
using Observatory.Web.Features.Evidence;
using Observatory.Web.Features.Shared;

namespace Observatory.Web.Tests.Evidence;

/// <summary>
/// The evidence list as a resident meets it on a phone: the results before the filters, a skip link to them,
/// no choice that can only find nothing, names rather than shorthand, and the results to take away as CSV.
/// </summary>
public sealed partial class EvidenceOnAPhoneTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private const string FormControls = "#filters input:not([type=hidden]), #filters select";

    private static int ResultsCount(IHtmlDocument page) =>
        int.Parse(Regex.Match(page.QuerySelector("#results-heading")!.TextContent, @"[\d,]+").Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>Everything a Tab press stops at, in document order (what a keyboard or a phone's screen reader walks through).</summary>
    private static List<IElement> TabStops(IHtmlDocument page) =>
    [
        .. page.All.Where(e => e.LocalName switch
        {
            "a" => e.HasAttribute("href"),
            "input" => e.GetAttribute("type") != "hidden",
            "select" or "textarea" or "button" or "summary" => true,
            _ => e.GetAttribute("tabindex") is { } t && t != "-1",
        }),
    ];

    [Theory]
    [InlineData("/evidence")]
    [InlineData("/evidence?q=food")]
    [InlineData("/evidence?q=food&kind=policy-paper&nation=England")]
    public async Task The_first_result_comes_before_every_filter_control_and_a_skip_link_leads_to_the_results(string url)
    {
        var page = await Client.GetHtmlAsync(url);
        var all = page.All.ToList();

        var firstResult = page.QuerySelector("#results li a")!;
        var controls = page.QuerySelectorAll(FormControls).ToList();
        controls.Count.ShouldBeGreaterThan(5, "the filters are still offered");
        all.IndexOf(firstResult).ShouldBeLessThan(controls.Min(all.IndexOf), "the first result is before the first filter control");

        // The skip link comes before the filters and the search box, and leads to the heading just above the results.
        var skip = page.QuerySelector("#skip-to-results")!;
        skip.TextContent.Normalised().ShouldBe("Skip to results");
        var target = page.GetElementById(skip.GetAttribute("href")!.TrimStart('#'))!;
        target.Id.ShouldBe("results-heading");
        all.IndexOf(skip).ShouldBeLessThan(all.IndexOf(page.QuerySelector("#q")!));
        all.IndexOf(skip).ShouldBeLessThan(controls.Min(all.IndexOf));
        all.IndexOf(target).ShouldBeLessThan(all.IndexOf(firstResult));

        // The "Filter" control leads to the panel that holds every filter control and its button.
        var filter = page.QuerySelector("#filter-link")!;
        filter.TextContent.Normalised().ShouldStartWith("Filter");
        var panel = page.GetElementById(filter.GetAttribute("href")!.TrimStart('#'))!;
        controls.ShouldAllBe(c => panel.Contains(c));
        panel.QuerySelectorAll("button").Select(b => b.TextContent.Normalised()).ShouldContain("Apply filters");

        // Few Tab presses in the page's content to the first result: the skip link, the scale's details, the search
        // box and button, the Filter link, and a link to remove each filter in force and to clear them all (the
        // issue counted 52 presses from the top of the page; the site's header adds 12 to these).
        var main = page.QuerySelector("main")!;
        var stops = TabStops(page).Where(main.Contains).ToList();
        var removeLinks = page.QuerySelectorAll("#applied-filters a").Length;
        stops.IndexOf(firstResult).ShouldBeLessThanOrEqualTo(5 + removeLinks + (removeLinks > 0 ? 1 : 0));
    }

    [Theory]
    [InlineData("/evidence?nation=Scotland&element=place-making/food", true)]
    [InlineData("/evidence?q=Wigan", false)]
    [InlineData("/evidence?kind=dataset&nation=Wales", true)]
    public async Task No_filter_offers_a_choice_that_finds_nothing_unless_it_is_chosen(string url, bool narrowsKinds)
    {
        var page = await Client.GetHtmlAsync(url);

        var offered = page.QuerySelectorAll("#filters .govuk-checkboxes__item").Select(i =>
                (Text: i.QuerySelector("label")!.TextContent.Normalised(), Chosen: i.QuerySelector("input")!.HasAttribute("checked")))
            .Concat(page.QuerySelectorAll("#filters option").Select(o => (Text: o.TextContent.Normalised(), Chosen: o.HasAttribute("selected"))))
            .ToList();
        var counted = offered.Where(o => Count().IsMatch(o.Text)).ToList();
        counted.Count.ShouldBeGreaterThan(3);
        counted.Where(o => !o.Chosen).ShouldAllBe(o => Count().Match(o.Text).Groups[1].Value != "0", "only a chosen value may show a count of 0");

        // Where the search narrows the kinds, a kind that finds nothing here is not offered at all.
        if (narrowsKinds)
        {
            page.QuerySelectorAll("#filters input[name=kind]").Length.ShouldBeLessThan(EvidenceSpellings.Kinds.Count);
        }
    }

    [Fact]
    public async Task A_chosen_value_that_now_finds_nothing_stays_offered_so_it_can_be_undone()
    {
        var page = await Client.GetHtmlAsync("/evidence?kind=dataset&kind=media&nation=Scotland&strength=5");

        page.QuerySelector("#results-heading")!.TextContent.Normalised().ShouldBe("0 items");
        var chosen = page.QuerySelectorAll("#filters input[name=kind][checked]").Select(i => i.GetAttribute("value")).ToList();
        chosen.ShouldBe(["media", "dataset"], ignoreOrder: true);
        page.QuerySelector("#strength option[selected]")!.GetAttribute("value").ShouldBe("5");
        page.QuerySelector("#nation option[selected]")!.GetAttribute("value").ShouldBe("Scotland");
    }

    [Fact]
    public async Task Each_kind_offered_finds_as_many_items_as_it_says()
    {
        var page = await Client.GetHtmlAsync("/evidence?q=food");

        foreach (var item in page.QuerySelectorAll("#filters .govuk-checkboxes__item").Where(i => i.QuerySelector("input[name=kind]") is not null))
        {
            var kind = item.QuerySelector("input")!.GetAttribute("value")!;
            var said = int.Parse(Count().Match(item.QuerySelector("label")!.TextContent.Normalised()).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            ResultsCount(await Client.GetHtmlAsync($"/evidence?q=food&kind={kind}")).ShouldBe(said, kind);
        }
    }

    [Theory]
    [InlineData("/evidence")]
    [InlineData("/evidence?element=local-digital-capital/digital-skills")]
    [InlineData("/evidence?q=digital")]
    public async Task Filters_and_results_use_plain_names_rather_than_shorthand_or_codes(string url)
    {
        var page = await Client.GetHtmlAsync(url);

        var labels = page.QuerySelectorAll("#filters label, #filters option, #filters legend, #applied-filters li")
            .Select(e => e.TextContent.Normalised()).ToList();
        // Each result's line of facts (kind, places, strength, year) and why it matched; not its own words.
        var facts = page.QuerySelectorAll("#results p.govuk-body-s").Select(e => e.TextContent.Normalised()).ToList();
        labels.ShouldNotBeEmpty();
        facts.ShouldNotBeEmpty();
        // An initialism or a number run into letters in brackets ("(LDC)", "(4Rs)"), or a place's code in place of its name.
        labels.Concat(facts).ShouldAllBe(l => !Shorthand().IsMatch(l));
        labels.Concat(facts).ShouldAllBe(l => !GssCode().IsMatch(l));
        labels.ShouldAllBe(l => !l.Contains('/'), "framework elements are named, not written framework-id/element-id");
    }

    [Fact]
    public async Task Local_Digital_Capital_is_spelt_out_where_it_used_to_be_LDC()
    {
        var page = await Client.GetHtmlAsync("/evidence?element=local-digital-capital/digital-skills");

        var label = page.QuerySelector("#filters input[value='local-digital-capital/digital-skills']")!.ParentElement!.QuerySelector("label")!.TextContent.Normalised();
        label.ShouldStartWith("Digital skills (Local Digital Capital)");
        page.QuerySelector("#applied-filters")!.TextContent.ShouldContain("Local Digital Capital");
        page.Body!.TextContent.ShouldNotContain("(LDC)");
    }

    [Theory]
    [InlineData("/evidence")]
    [InlineData("/evidence?q=food")]
    [InlineData("/evidence?q=Wigan")]
    [InlineData("/evidence?q=food&kind=policy-paper&nation=England")]
    [InlineData("/evidence?strength=2")]
    public async Task The_csv_download_holds_exactly_the_results_the_page_counts_in_its_order(string url)
    {
        var page = await Client.GetHtmlAsync(url);
        var total = ResultsCount(page);
        total.ShouldBeGreaterThan(0);
        var href = page.QuerySelector("#download a")!.GetAttribute("href")!;
        href.ShouldStartWith("/api/evidence.csv");
        page.QuerySelector("#download a")!.HasAttribute("download").ShouldBeTrue();

        using var response = await Client.GetAsync(href);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var records = TestCsv.ReadRecords(await response.Content.ReadAsStringAsync()).ToList();
        records[0][..3].ShouldBe(["position", "id", "title"]);
        var rows = records.Skip(1).ToList();
        rows.Count.ShouldBe(total);
        rows.Select(r => r[1]).Distinct().Count().ShouldBe(total);
        // The page's results are the file's first rows, in the same order.
        var shown = page.QuerySelectorAll("#results h3 a").Select(a => a.GetAttribute("href")!["/evidence/".Length..]).Select(Uri.UnescapeDataString).ToList();
        rows.Take(shown.Count).Select(r => r[1]).ShouldBe(shown);
        rows.Select(r => r[0]).ShouldBe(Enumerable.Range(1, total).Select(i => i.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_csv_is_also_the_api_search_asked_for_csv_and_refuses_paging()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/evidence?q=food");
        request.Headers.Accept.ParseAdd("text/csv");
        using var byAccept = await Client.SendAsync(request);
        using var json = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("/api/evidence?q=food"));
        var total = json.RootElement.GetProperty("total").GetInt32();

        byAccept.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        TestCsv.ReadRecords(await byAccept.Content.ReadAsStringAsync()).Count().ShouldBe(total + 1);
        (await Client.GetAsync("/api/evidence.csv?q=food&page=2")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Client.GetAsync("/api/evidence.csv?kind=podcast")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_title_a_spreadsheet_would_run_is_written_as_text_in_the_download()
    {
        var labels = new EvidenceLabels(fixture.App.Services.GetRequiredService<FrameworkCatalogue>(), fixture.App.Services.GetRequiredService<PlaceRegistry>());
        using var scope = fixture.App.Services.CreateScope();
        var hit = (await scope.ServiceProvider.GetRequiredService<IEvidenceSearch>().SearchAsync(Actor.Anonymous, new EvidenceQuery { Text = "Wigan" })).Items[0];
        var hostile = hit with { Item = hit.Item with { Title = "=HYPERLINK(\"https://example.com\",\"Open\")", Summary = "@SUM(A1)" } };

        var csv = CsvResults.Write(new[] { (Position: 1, Hit: hostile) }, EvidenceApi.CsvColumns(labels, "http://localhost"));

        var row = TestCsv.ReadRecords(csv).Skip(1).Single();
        row[2].ShouldBe("'=HYPERLINK(\"https://example.com\",\"Open\")");
        row[13].ShouldBe("'@SUM(A1)");
    }

    [GeneratedRegex(@"\((\d[\d,]*)\)$")]
    private static partial Regex Count();

    [GeneratedRegex(@"\((?:\p{Lu}[\p{Lu}\d]+|\d+\p{Lu}\p{Ll}?)\)")]
    private static partial Regex Shorthand();

    [GeneratedRegex(@"\b[EWSNK]\d{8}\b")]
    private static partial Regex GssCode();
}
