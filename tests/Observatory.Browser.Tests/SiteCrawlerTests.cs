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
}
