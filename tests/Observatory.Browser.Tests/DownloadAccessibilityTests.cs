using System.Text;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The pages that gained spreadsheet and bulk download links beside their CSV links, each checked in real Chromium
/// with axe-core (WCAG 2.2 AA and best practice), at 320 px, and with no console errors — the crawl checks only a
/// sample of each kind of page with axe, so these are checked here by name.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class DownloadAccessibilityTests(BrowserFixture fixture)
{
    public static readonly string[] Pages =
    [
        "/areas", "/areas/E08000010", "/indicators/claimant-count", "/portraits/uk-council/E08000010", "/evidence?q=digital",
        "/evidence/map", "/evidence/gaps", "/compare?council=E08000010&council=E08000001",
    ];

    [ChromiumFact]
    public async Task The_pages_with_download_links_pass_axe_fit_320_px_and_log_no_errors()
    {
        await using var context = await fixture.NewContextAsync();
        await Axe.AddToAsync(context);
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                failures.AppendLine($"{page.Url}: console error: {message.Text}");
            }
        };
        foreach (var path in Pages)
        {
            var response = await page.GotoAsync(fixture.BaseUrl + path);
            response!.Status.ShouldBe(200, path);
            (await page.Locator("a[download][href*='xlsx'], a[download][href$='.zip']").CountAsync()).ShouldBeGreaterThan(0, $"{path} offers a spreadsheet");
            foreach (var violation in await Axe.ViolationsAsync(page, path))
            {
                failures.AppendLine(violation);
            }
            if (await Reflow.ProblemAsync(page, path) is { } reflow)
            {
                failures.AppendLine(reflow);
            }
        }
        failures.ToString().ShouldBeEmpty();
    }
}
