using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Testing;

namespace Observatory.Web.Tests.Evidence;

/// <summary>The item page, the recovery map, the gap map and the area page's evidence, over the shipped items.</summary>
public sealed class EvidencePagesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private ShippedEvidence Shipped => fixture.App.Services.GetRequiredService<ShippedEvidence>();

    private FrameworkCatalogue Catalogue => fixture.App.Services.GetRequiredService<FrameworkCatalogue>();

    private PlaceRegistry Places => fixture.App.Services.GetRequiredService<PlaceRegistry>();

    private async Task<T> Counts<T>(Func<EvidenceCounts, Task<T>> use)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<EvidenceCounts>());
    }

    private async Task<(HttpStatusCode Status, IHtmlDocument Page)> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).ParseHtml());
    }

    [Fact]
    public async Task An_items_page_shows_what_where_how_strong_and_what_it_is_evidence_for()
    {
        var item = Shipped.Items.Single(i => i.Id == "wigan-bewigan");
        var page = await Client.GetHtmlAsync("/evidence/wigan-bewigan");

        page.QuerySelector("main h1")!.TextContent.Normalised().ShouldBe(item.Title);
        page.QuerySelector(".govuk-caption-l")!.TextContent.Normalised().ShouldBe(EvidenceSpellings.KindName(item.Kind));
        var details = page.QuerySelector("#item-details")!.TextContent.Normalised();
        details.ShouldContain($"Level {item.Strength} of 5: {StrengthOfEvidence.NameOf(item.Strength)}");
        details.ShouldContain(StrengthOfEvidence.MeaningOf(item.Strength));
        page.QuerySelector("#item-details a[href='/areas/E08000010']")!.TextContent.Normalised().ShouldBe("Wigan");
        foreach (var organisation in item.Organisations)
        {
            details.ShouldContain(organisation);
        }
        details.ShouldContain(new SourceCitation(item.Source!.File, item.Source.Section).DocumentTitle);
        foreach (var element in item.Elements)
        {
            var link = page.QuerySelector($"a[href='/frameworks/{element.FrameworkId}/{element.ElementId}']");
            link.ShouldNotBeNull(element.ToString());
            link.TextContent.Normalised().ShouldBe(Catalogue.FindElement(element)!.Name);
        }
        page.QuerySelector("a[href='/evidence/wigan-bewigan/report']")!.TextContent.Normalised().ShouldBe("Report a problem with this item");
        page.QuerySelector("a[href='/evidence/wigan-bewigan/versions']").ShouldNotBeNull();
        page.QuerySelector("a[href='/evidence/wigan-bewigan/edit']").ShouldBeNull();
        page.QuerySelector("#anonymous").ShouldBeNull();

        var related = page.QuerySelectorAll(".app-related-evidence li a").Select(a => a.GetAttribute("href")!).ToList();
        related.Count.ShouldBeInRange(1, 5);
        related.ShouldNotContain("/evidence/wigan-bewigan");
        // Another item on Wigan comes first: a place in common weighs most.
        var onWigan = Shipped.Items.Where(i => i.Id != item.Id && i.Places.Contains("E08000010")).Select(i => "/evidence/" + i.Id).ToList();
        onWigan.ShouldContain(related[0]);

        var jsonLd = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        using var json = JsonDocument.Parse(jsonLd);
        json.RootElement.GetProperty("@context").GetString().ShouldBe("https://schema.org");
        json.RootElement.GetProperty("name").GetString().ShouldBe(item.Title);
        json.RootElement.GetProperty("about").EnumerateArray().ShouldContain(a => a.GetProperty("@type").GetString() == "Place" && a.GetProperty("identifier").GetString() == "E08000010");
    }

    [Fact]
    public async Task A_place_abroad_is_named_and_linked_to_its_country_page()
    {
        var item = Shipped.Items.First(i => i.Places.Contains("NLD"));
        var page = await Client.GetHtmlAsync($"/evidence/{item.Id}");

        var link = page.QuerySelector("#item-details a[href='/areas/NLD']")!;
        link.TextContent.Normalised().ShouldBe(Places.Find("NLD")!.Name);
        using var country = await Client.GetAsync("/areas/NLD");
        country.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/evidence/no-such-item")]
    [InlineData("/evidence/WIGAN-BEWIGAN-X")]
    public async Task An_unknown_item_is_not_found(string url)
    {
        using var response = await Client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_recovery_map_shades_every_council_and_lists_each_one_with_evidence_with_the_cores_counts()
    {
        var counts = await Counts(c => c.ByPlaceAsync(Actor.Anonymous));
        var page = await Client.GetHtmlAsync("/evidence/map");

        page.QuerySelector("main h1")!.TextContent.Normalised().ShouldBe("Championing place-based recovery");
        var svg = page.QuerySelector("figure svg")!;
        svg.QuerySelectorAll("path[data-code]").Length.ShouldBe(361);
        svg.QuerySelector("title").ShouldNotBeNull();
        svg.QuerySelector("a[href='/evidence?place=E08000010']").ShouldNotBeNull();
        page.QuerySelector("#map-summary")!.TextContent.Normalised().ShouldContain($"{Shipped.Items.Count} published evidence items");

        var rows = page.QuerySelectorAll("#councils-table tbody tr").ToList();
        rows.Count.ShouldBe(counts.Councils().Count);
        foreach (var row in rows)
        {
            var code = row.QuerySelector("th")!.GetAttribute("data-code")!;
            var cells = row.QuerySelectorAll("td");
            cells[0].TextContent.Normalised().Split(' ')[0].ShouldBe(counts.OwnOf(code).ToString(), code);
            cells[1].TextContent.Normalised().ShouldBe(counts.CoveringOf(code).ToString(), code);
            if (counts.OwnOf(code) > 0)
            {
                cells[0].QuerySelector("a")!.GetAttribute("href").ShouldBe($"/evidence?place={code}");
            }
        }
        var wigan = rows.Single(r => r.QuerySelector("th")!.GetAttribute("data-code") == "E08000010");
        wigan.QuerySelectorAll("td")[0].TextContent.Normalised().ShouldStartWith(Shipped.Items.Count(i => i.Places.Contains("E08000010")).ToString());
        // Regions, combined authorities and places abroad are listed apart, since the council map cannot shade them.
        var others = page.QuerySelectorAll("#other-places-table tbody th").Select(th => th.GetAttribute("data-code")).ToList();
        others.ShouldContain("NLD");
        others.ShouldAllBe(code => Places.Find(code!) == null || !Places.Find(code!)!.IsCouncil);
        page.QuerySelector("a[href='/api/evidence/export?format=csv']").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("place-making/food", false)]
    [InlineData("place-making/healthy", true)]
    [InlineData("place-making", true)]
    public async Task The_recovery_map_filters_by_an_element_or_a_framework(string element, bool wide)
    {
        IReadOnlyList<ElementRef> scope = ElementRef.TryParse(element, out var reference)
            ? EvidenceCounts.Scope(Catalogue, reference, descendants: true)
            : EvidenceCounts.Scope(Catalogue.Find(element)!);
        var counts = await Counts(c => c.ByPlaceAsync(Actor.Anonymous, scope));
        var page = await Client.GetHtmlAsync($"/evidence/map?element={Uri.EscapeDataString(element)}");

        page.QuerySelector($"select#element option[value='{element}']")!.HasAttribute("selected").ShouldBeTrue();
        counts.Items.ShouldBe(Shipped.Items.Count(i => i.Elements.Any(scope.Contains)));
        page.QuerySelector("#map-summary")!.TextContent.Normalised().ShouldStartWith($"{counts.Items} published evidence items on");
        var rows = page.QuerySelectorAll("#councils-table tbody tr").ToList();
        rows.Count.ShouldBe(counts.Councils().Count);
        foreach (var row in rows)
        {
            var code = row.QuerySelector("th")!.GetAttribute("data-code")!;
            row.QuerySelectorAll("td")[0].TextContent.Normalised().Split(' ')[0].ShouldBe(counts.OwnOf(code).ToString(), code);
        }
        var link = page.QuerySelector("#councils-table td a")!.GetAttribute("href")!;
        link.ShouldStartWith("/evidence?place=");
        link.ShouldContain("&element=");
        if (!wide)
        {
            link.ShouldEndWith($"&element={Uri.EscapeDataString(element)}");
        }
        page.QuerySelector("a[href^='/api/evidence/export?format=jsonld&element=']").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("no-such-framework")]
    [InlineData("place-making/no-such-element")]
    [InlineData("place-making/food/extra")]
    public async Task A_map_filter_that_names_nothing_is_refused_with_a_message_and_the_whole_map(string element)
    {
        var (status, page) = await GetAsync($"/evidence/map?element={Uri.EscapeDataString(element)}");

        status.ShouldBe(HttpStatusCode.BadRequest);
        page.Title!.ShouldStartWith("Error: ");
        page.QuerySelector(".govuk-error-summary a[href='#element']")!.TextContent.ShouldContain(element);
        page.QuerySelector("#element-error").ShouldNotBeNull();
        page.QuerySelector("#map-summary")!.TextContent.Normalised().ShouldStartWith($"{Shipped.Items.Count} published evidence items.");
    }

    [Fact]
    public async Task The_default_gap_map_is_areas_of_focus_by_the_4Rs_with_the_cores_counts_and_visible_gaps()
    {
        var rows = EvidenceCounts.Axis(Catalogue.Find("place-making")!, "area-of-focus");
        var columns = EvidenceCounts.Axis(Catalogue.Find("four-rs")!, "pillar");
        var matrix = await Counts(c => c.GapsAsync(Actor.Anonymous, rows, columns));
        var page = await Client.GetHtmlAsync("/evidence/gaps");

        var table = page.QuerySelector("table#gap-map")!;
        table.QuerySelector("caption").ShouldNotBeNull();
        table.QuerySelectorAll("thead th[scope='col']").Select(th => th.TextContent.Normalised()).Skip(1)
            .ShouldBe([.. columns.Elements.Select(e => e.Name), "Total"]);
        var body = table.QuerySelectorAll("tbody tr").ToList();
        body.Count.ShouldBe(17);
        for (var r = 0; r < 16; r++)
        {
            body[r].QuerySelector("th[scope='row']")!.TextContent.Normalised().ShouldBe(rows.Elements[r].Name);
            var cells = body[r].QuerySelectorAll("td").ToList();
            for (var c = 0; c < 4; c++)
            {
                cells[c].GetAttribute("data-count").ShouldBe(matrix.Cells[r][c].ToString());
                if (matrix.Cells[r][c] == 0)
                {
                    cells[c].QuerySelector(".app-gap-map__gap-label")!.TextContent.ShouldBe("Gap");
                    cells[c].QuerySelector("a").ShouldBeNull();
                }
                else
                {
                    cells[c].QuerySelector("a")!.GetAttribute("href")
                        .ShouldBe($"/evidence?all={Uri.EscapeDataString(rows.Elements[r].Ref.ToString())}&all={Uri.EscapeDataString(columns.Elements[c].Ref.ToString())}");
                }
            }
            cells[4].GetAttribute("data-count").ShouldBe(matrix.RowTotals[r].ToString());
        }
        body[16].QuerySelectorAll("td").Select(td => td.GetAttribute("data-count")).ShouldBe([.. matrix.ColumnTotals.Select(t => t.ToString()), matrix.Total.ToString()]);
        page.QuerySelector("#gap-summary")!.TextContent.Normalised().ShouldContain($"{matrix.Gaps} of the 64 pairings have no evidence yet");
        page.QuerySelector("select#rows option[selected]")!.GetAttribute("value").ShouldBe("place-making");
        page.QuerySelector("select#rowKind option[selected]")!.GetAttribute("value").ShouldBe("area-of-focus");
        page.QuerySelector("select#columns option[selected]")!.GetAttribute("value").ShouldBe("four-rs");
    }

    [Fact]
    public async Task The_gap_map_takes_any_two_frameworks_and_kinds()
    {
        var page = await Client.GetHtmlAsync("/evidence/gaps?rows=digitalisation-outcomes&columns=place-making&columnKind=outcome");

        var rows = EvidenceCounts.Axis(Catalogue.Find("digitalisation-outcomes")!, GapsKind("digitalisation-outcomes"));
        var columns = EvidenceCounts.Axis(Catalogue.Find("place-making")!, "outcome");
        var matrix = await Counts(c => c.GapsAsync(Actor.Anonymous, rows, columns));
        var body = page.QuerySelectorAll("table#gap-map tbody tr").ToList();
        body.Count.ShouldBe(rows.Elements.Count + 1);
        page.QuerySelectorAll("table#gap-map thead th").Length.ShouldBe(columns.Elements.Count + 2);
        body[^1].QuerySelectorAll("td")[^1].GetAttribute("data-count").ShouldBe(matrix.Total.ToString());
        matrix.Total.ShouldBeGreaterThan(0);
        // An outcome counts its areas of focus, so its cells ask the list for the row element and any of the outcome's.
        var link = page.QuerySelector("table#gap-map tbody td a")!.GetAttribute("href")!;
        link.ShouldStartWith("/evidence?all=digitalisation-outcomes%2F");
        link.ShouldContain("&element=place-making%2F");
    }

    private string GapsKind(string framework) => Web.Features.Evidence.GapsModel.DefaultKind(Catalogue.Find(framework)!);

    [Fact]
    public async Task A_kind_left_over_from_another_framework_falls_back_to_the_frameworks_own_and_says_so()
    {
        var (status, page) = await GetAsync("/evidence/gaps?rows=four-rs&rowKind=area-of-focus");

        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector(".govuk-inset-text")!.TextContent.ShouldContain("has no areas of focus");
        page.QuerySelectorAll("table#gap-map tbody tr").Length.ShouldBe(5);
    }

    [Theory]
    [InlineData("rows=no-such-framework", "#rows")]
    [InlineData("columns=zzz", "#columns")]
    [InlineData("rowKind=not-a-kind", "#rowKind")]
    [InlineData("format=pdf", "#format")]
    public async Task Gap_map_choices_that_name_nothing_are_refused_with_a_message(string query, string anchor)
    {
        var (status, page) = await GetAsync($"/evidence/gaps?{query}");

        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector($".govuk-error-summary a[href='{anchor}']").ShouldNotBeNull();
        page.QuerySelector("table#gap-map").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_gap_map_downloads_as_csv()
    {
        using var response = await Client.GetAsync("/evidence/gaps?rows=place-making&rowKind=area-of-focus&columns=four-rs&columnKind=pillar&format=csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("evidence-gaps-place-making-area-of-focus-by-four-rs-pillar.csv");
        var records = TestCsv.ReadRecords(await response.Content.ReadAsStringAsync()).ToList();
        records[0].ShouldBe(["place-making/area-of-focus", "four-rs/reset", "four-rs/reform", "four-rs/renew", "four-rs/resilient", "total"]);
        records.Count.ShouldBe(18);
    }

    [Fact]
    public async Task An_area_page_says_how_much_evidence_is_about_it_and_links_to_the_list()
    {
        var wigan = Places.Find("E08000010")!;
        var count = await Counts(c => c.ForPlaceAsync(Actor.Anonymous, wigan));
        var page = await Client.GetHtmlAsync("/areas/E08000010");

        page.QuerySelector("#evidence")!.TextContent.Normalised().ShouldBe("Evidence from this place");
        var link = page.QuerySelector("a[href='/evidence?place=E08000010']")!;
        link.TextContent.Normalised().ShouldBe($"{count.Own} evidence items");
        count.Own.ShouldBe(Shipped.Items.Count(i => i.Places.Contains("E08000010")));
    }

    [Fact]
    public async Task The_guide_to_the_library_is_served_in_the_service()
    {
        var page = await Client.GetHtmlAsync("/about/evidence");

        page.QuerySelectorAll("main h1").Length.ShouldBe(1);
        page.QuerySelector("main h1")!.TextContent.Normalised().ShouldBe("The evidence library");
        page.QuerySelector("main")!.TextContent.ShouldContain("How the counts are made");
    }

    [Fact]
    public async Task An_items_page_says_why_it_has_its_grade_and_each_tag_and_links_to_the_methods()
    {
        var item = Shipped.Items.Single(i => i.Id == "liverpool-online-benefits-growth");
        var page = await Client.GetHtmlAsync("/evidence/liverpool-online-benefits-growth");

        page.QuerySelector("#strength-reason")!.TextContent.Normalised().ShouldBe($"Why this level: {item.StrengthReason}");
        page.QuerySelector("#item-details a[href='/about/evidence/methods#standards-of-evidence']").ShouldNotBeNull();
        foreach (var reason in item.TagReasons)
        {
            var link = page.QuerySelector($"#elements ~ ul a[href='/frameworks/{reason.Element.FrameworkId}/{reason.Element.ElementId}']");
            link.ShouldNotBeNull(reason.Element.ToString());
            link.ParentElement!.QuerySelector(".app-tag-because")!.TextContent.Normalised().ShouldBe($"Because: {reason.Because}");
        }
        item.TagReasons.ShouldContain(r => r.Element.FrameworkId == "four-rs");
        page.QuerySelector("#no-area-of-focus").ShouldBeNull();

        var withoutArea = Shipped.Items.First(i => i.NoAreaOfFocus is not null);
        var other = await Client.GetHtmlAsync($"/evidence/{withoutArea.Id}");
        other.QuerySelector("#no-area-of-focus")!.TextContent.Normalised().ShouldContain(withoutArea.NoAreaOfFocus!);

        using var json = JsonDocument.Parse(await Client.GetStringAsync("/api/evidence/liverpool-online-benefits-growth"));
        json.RootElement.GetProperty("strengthReason").GetString().ShouldBe(item.StrengthReason);
        json.RootElement.GetProperty("tagReasons").EnumerateArray().Select(r => r.GetProperty("element").GetString())
            .ShouldBe(item.TagReasons.Select(r => r.Element.ToString()));
    }

    [Fact]
    public async Task The_methods_page_gives_the_five_levels_their_source_and_the_pillar_rule_as_applied()
    {
        var page = await Client.GetHtmlAsync("/about/evidence/methods");

        page.QuerySelector("main h1")!.TextContent.Normalised().ShouldBe("How evidence is graded and tagged");
        page.QuerySelector("main a[href^='https://www.nesta.org.uk/']").ShouldNotBeNull();
        var levels = page.QuerySelectorAll("#levels tbody tr");
        levels.Length.ShouldBe(5);
        for (var level = 1; level <= 5; level++)
        {
            var cells = levels[level - 1].Children;
            cells[0].TextContent.Normalised().ShouldBe($"{level}: {StrengthOfEvidence.NameOf(level)}");
            cells[3].TextContent.Normalised().ShouldBe(Shipped.Items.Count(i => i.Strength == level).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        // The rule as applied: one row per area of focus, naming the pillars its Table 1 items carry.
        var rows = page.QuerySelectorAll("#table-1-pillars tbody tr");
        rows.Length.ShouldBe(16);
        var table1 = Shipped.Collections.Single(c => c.Id == "rr-table-1").Items;
        foreach (var row in rows)
        {
            var areaId = row.QuerySelector("a")!.GetAttribute("href")!.Split('/').Last();
            var items = table1.Where(i => i.Elements.Contains(new ElementRef("place-making", areaId))).ToList();
            row.Children[2].TextContent.Normalised().ShouldBe(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var pillar in items[0].Elements.Where(e => e.FrameworkId == "four-rs"))
            {
                row.Children[1].TextContent.ShouldContain(Catalogue.FindElement(pillar)!.Name);
            }
        }
        page.QuerySelectorAll("#items-without-area li").Length.ShouldBe(Shipped.Items.Count(i => i.NoAreaOfFocus is not null));
    }
}
