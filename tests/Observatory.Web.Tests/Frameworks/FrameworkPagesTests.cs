using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Frameworks;
using Observatory.Testing;

namespace Observatory.Web.Tests.Frameworks;

public sealed class FrameworkPagesTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private FrameworkCatalogue Catalogue => fixture.App.Services.GetRequiredService<FrameworkCatalogue>();

    public static TheoryData<string> FrameworkIds()
    {
        var ids = new TheoryData<string>();
        foreach (var f in FrameworkCatalogue.LoadShipped(Observatory.Content.DataFolder.Locate()).Frameworks)
        {
            ids.Add(f.Id);
        }
        return ids;
    }

    [Fact]
    public async Task The_frameworks_page_lists_every_framework_under_its_group_with_element_counts()
    {
        var page = await Client.GetHtmlAsync("/frameworks");

        var captions = page.QuerySelectorAll("table caption").Select(c => c.TextContent.Normalised()).ToList();
        captions.ShouldBe(Catalogue.Frameworks.Select(f => f.Group).Distinct().ToList());
        foreach (var framework in Catalogue.Frameworks)
        {
            var link = page.QuerySelector($"a[href='/frameworks/{framework.Id}']").ShouldNotBeNull(framework.Id);
            link.TextContent.Normalised().ShouldBe(framework.Name);
            var row = link.Closest("tr")!;
            row.TextContent.ShouldContain(string.Join(", ", framework.CountsByKind().Select(k => ElementKinds.Count(k.Kind, k.Count))));
        }
    }

    [Theory]
    [MemberData(nameof(FrameworkIds))]
    public async Task Each_framework_page_shows_its_source_version_and_every_element(string id)
    {
        var framework = Catalogue.Find(id)!;

        var page = await Client.GetHtmlAsync($"/frameworks/{id}");

        page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe(framework.Name);
        var summary = page.QuerySelector(".govuk-summary-list")!.TextContent.Normalised();
        summary.ShouldContain(framework.Version);
        summary.ShouldContain(framework.Sources[0].Section.Normalised());
        var elementLinks = page.QuerySelectorAll(".app-element-tree a").Select(a => a.GetAttribute("href") ?? "").ToList();
        elementLinks.ShouldBe(framework.AllElements().Select(e => $"/frameworks/{id}/{e.Id}").ToList());
        if (framework.Diagram is not null)
        {
            var svg = page.QuerySelector("figure svg[role='img']").ShouldNotBeNull();
            svg.QuerySelector("title")!.TextContent.ShouldNotBeNullOrWhiteSpace();
            page.QuerySelector("details table").ShouldNotBeNull("a diagram comes with its table");
        }
    }

    [Fact]
    public async Task Every_element_page_gives_its_definition_source_and_related_elements()
    {
        foreach (var framework in Catalogue.Frameworks)
        {
            foreach (var element in framework.AllElements())
            {
                var page = await Client.GetHtmlAsync($"/frameworks/{framework.Id}/{element.Id}");

                page.QuerySelector("h1")!.TextContent.Normalised().ShouldBe(element.Name.Normalised());
                page.QuerySelector(".govuk-body-l")!.TextContent.Normalised().ShouldBe(element.Description.Normalised());
                page.QuerySelector(".govuk-summary-list")!.TextContent.ShouldContain((element.Source ?? framework.Sources[0]).Section.Normalised());
                var related = Catalogue.Related(element.Ref);
                page.QuerySelectorAll("table tbody tr").Length.ShouldBe(related.Count, $"{framework.Id}/{element.Id}");
            }
        }
    }

    [Fact]
    public async Task The_place_making_connectivity_page_links_to_its_equivalents()
    {
        var page = await Client.GetHtmlAsync("/frameworks/place-making/connectivity");
        var links = page.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ToList();

        links.ShouldContain("/frameworks/digitalisation-outcomes/connectivity");
        links.ShouldContain("/frameworks/local-digital-capital/digital-infrastructure");
    }

    [Fact]
    public async Task Unknown_frameworks_and_elements_are_not_found()
    {
        (await Client.GetAsync("/frameworks/no-such")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.GetAsync("/frameworks/four-rs/no-such")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Searching_finds_elements_and_marks_the_words()
    {
        var page = await Client.GetHtmlAsync("/frameworks/search?q=digital+skills");

        var hits = page.QuerySelectorAll(".app-search-hit").ToList();
        hits.ShouldNotBeEmpty();
        hits[0].QuerySelector("a")!.GetAttribute("href").ShouldBe("/frameworks/local-digital-capital/digital-skills");
        page.QuerySelector("h2#results-heading")!.TextContent.ShouldContain("found");
        page.QuerySelector("input#q")!.GetAttribute("value").ShouldBe("digital skills");
    }

    [Fact]
    public async Task A_search_with_no_results_says_so()
    {
        var page = await Client.GetHtmlAsync("/frameworks/search?q=zzzzqqq");

        page.QuerySelector("h2#results-heading")!.TextContent.Normalised().ShouldBe("No elements found");
    }
}
