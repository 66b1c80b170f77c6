namespace Observatory.Browser.Tests;

/// <summary>
/// How the crawl samples the site: a few pages of each shape of address. Needs no browser, so it runs everywhere
/// (and the Browser suite always has a test to report, with or without Chromium).
/// </summary>
public sealed class SiteCrawlerTests
{
    [Theory]
    [InlineData("/frameworks/four-rs/reset", "/frameworks/four-rs/*")]
    [InlineData("/frameworks/four-rs", "/frameworks/four-rs")]
    [InlineData("/areas/E08000010", "/areas/*")]
    [InlineData("/areas/E08000010/portrait", "/areas/*/*")]
    [InlineData("/imports/12", "/imports/*")]
    [InlineData("/evidence?q=food&page=2", "/evidence?q&page")]
    [InlineData("/", "/")]
    public void Addresses_built_alike_share_a_shape(string path, string shape) => SiteCrawler.Shape(path).ShouldBe(shape);

    [Theory]
    [InlineData("/evidence/map", "/evidence/map")]
    [InlineData("/evidence/wigan-bewigan", "/evidence/{id}")]
    [InlineData("/evidence/wigan-bewigan/versions/2", "/evidence/{id}/versions/{n:int}")]
    [InlineData("/frameworks/four-rs/reset?x=1", "/frameworks/{id}/{elementId}")]
    [InlineData("/imports/12", "/imports/{id:long}")]
    [InlineData("/", "/")]
    public void An_address_is_a_page_of_its_most_particular_template(string path, string template)
    {
        PageTemplate[] templates =
        [
            new("/", false), new("/evidence/map", false), new("/evidence/{id}", false), new("/evidence/{id}/versions/{n:int}", false),
            new("/frameworks/{id}", false), new("/frameworks/{id}/{elementId}", false), new("/frameworks/search", false), new("/imports/{id:long}", false),
        ];

        PageTemplates.For(templates, path).ShouldNotBeNull().Template.ShouldBe(template);
        PageTemplates.For(templates, "/imports/twelve").ShouldBeNull();
        PageTemplates.For(templates, "/evidence/wigan-bewigan/versions/latest").ShouldBeNull();
    }

    [Fact]
    public void Every_page_is_checked_once_the_pages_axe_runs_on_first_and_the_largest_first()
    {
        CrawledPage Page(string path, int elements) => new(path, 200, 1, false, [], "", elements);
        CrawledPage[] crawled = [Page("/", 300), Page("/areas", 5_000), Page("/about", 200), Page("/indicators/a", 9_000), Page("/indicators/b", 100)];

        SiteCrawler.LargestFirst(crawled, new HashSet<string> { "/", "/about", "/indicators/b" })
            .ShouldBe(["/", "/about", "/indicators/b", "/indicators/a", "/areas"]);
    }
}
