using System.Text;
using Microsoft.Playwright;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The evidence list on a 320 px phone in real Chromium: no axe-core violations, no sideways scrolling of the page,
/// the first result on the first screen, and the filters reached by the "Filter" button and applied with
/// JavaScript off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class EvidenceOnAPhoneBrowserTests(BrowserFixture fixture)
{
    private async Task<IBrowserContext> PhoneAsync(bool javaScript) =>
        await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 320, Height = 640 },
        });

    [ChromiumFact]
    public async Task At_320_pixels_the_list_fits_passes_axe_and_shows_a_result_before_any_filter()
    {
        await using var context = await PhoneAsync(javaScript: true);
        await Axe.AddToAsync(context);
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();
        foreach (var path in new[] { "/evidence", "/evidence?q=food&kind=case-study&nation=England", "/evidence?q=zzzz-nothing" })
        {
            await page.GotoAsync(fixture.BaseUrl + path);
            foreach (var violation in await Axe.ViolationsAsync(page, path))
            {
                failures.AppendLine(violation);
            }
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > 320)
            {
                failures.AppendLine($"{path}: the page is {width} px wide at 320 px");
            }
            if (await page.Locator("#results li").CountAsync() > 0)
            {
                var result = await page.Locator("#results li a").First.BoundingBoxAsync();
                var filter = await page.Locator("#filters input, #filters select").First.BoundingBoxAsync();
                if (result is null || filter is null || result.Y >= filter.Y)
                {
                    failures.AppendLine($"{path}: the first result is not above the first filter");
                }
            }
        }
        failures.ToString().ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task Without_javascript_the_filter_button_leads_to_the_filters_and_they_apply()
    {
        await using var context = await PhoneAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/evidence?q=food");

        await page.Locator("#filter-link").ClickAsync();
        page.Url.ShouldEndWith("#filters");
        await page.Locator("#filters input[name=kind][value=case-study]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        page.Url.ShouldContain("q=food");
        page.Url.ShouldContain("kind=case-study");
        (await page.Locator("#applied-filters").TextContentAsync())!.ShouldContain("Case study");
        await page.Locator("#skip-to-results").ClickAsync();
        page.Url.ShouldEndWith("#results-heading");
    }
}
