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
        foreach (var path in new[] { "/evidence", "/evidence?q=food&kind=policy-paper&nation=England", "/evidence?q=zzzz-nothing" })
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
                // On a phone the filters start closed: opened, they sit after the results.
                await page.Locator("#filter-toggle").ClickAsync();
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
    public async Task At_390_pixels_the_first_result_is_on_the_first_screen_and_the_filter_toggle_opens_and_closes_the_filters()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        await Axe.AddToAsync(context);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(fixture.BaseUrl + "/evidence?q=food&kind=policy-paper");

        var first = (await page.Locator("#results li a").First.BoundingBoxAsync()).ShouldNotBeNull();
        var layout = await page.EvaluateAsync<string>("() => ['header', '.govuk-phase-banner', '.govuk-breadcrumbs', 'main', 'h1', '#q', '#results-heading', '#filter-toggle', '#applied-filters', '#results'].map(s => s + ' ' + Math.round(document.querySelector(s)?.getBoundingClientRect().top ?? -1)).join(', ')");
        (first.Y + first.Height).ShouldBeLessThanOrEqualTo(844, $"the first result is above the fold ({layout})");
        var toggle = page.Locator("#filter-toggle");
        (await toggle.GetAttributeAsync("aria-expanded")).ShouldBe("false");
        (await toggle.GetAttributeAsync("aria-controls")).ShouldBe("filters");
        (await toggle.TextContentAsync())!.ShouldBe("Show filters (1 chosen)");
        (await page.Locator("#filters").IsVisibleAsync()).ShouldBeFalse();
        (await Axe.ViolationsAsync(page, "closed")).ShouldBeEmpty();

        await toggle.ClickAsync();
        (await toggle.GetAttributeAsync("aria-expanded")).ShouldBe("true");
        (await toggle.TextContentAsync())!.ShouldBe("Hide filters (1 chosen)");
        (await page.Locator("#filters input[name=kind][value=policy-paper]").IsCheckedAsync()).ShouldBeTrue();
        (await page.Locator("#filters").IsVisibleAsync()).ShouldBeTrue();
        (await Axe.ViolationsAsync(page, "open")).ShouldBeEmpty();

        // The filters still apply from the opened panel.
        await page.Locator("#filters input[name=kind][value=policy-paper]").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        page.Url.ShouldNotContain("kind=");
        (await page.Locator("#filter-toggle").GetAttributeAsync("aria-expanded")).ShouldBe("false");
        (await page.Locator("#filter-toggle").TextContentAsync())!.ShouldBe("Show filters");
        await page.Locator("#filter-toggle").ClickAsync();
        await page.Locator("#filter-toggle").ClickAsync();
        (await page.Locator("#filters").IsVisibleAsync()).ShouldBeFalse();
        errors.ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task Without_javascript_the_filter_button_leads_to_the_filters_and_they_apply()
    {
        await using var context = await PhoneAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/evidence?q=food");

        await page.Locator("#filter-link").ClickAsync();
        page.Url.ShouldEndWith("#filters");
        await page.Locator("#filters input[name=kind][value=policy-paper]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        page.Url.ShouldContain("q=food");
        page.Url.ShouldContain("kind=policy-paper");
        (await page.Locator("#applied-filters").TextContentAsync())!.ShouldContain("Policy paper");
        await page.Locator("#skip-to-results").ClickAsync();
        page.Url.ShouldEndWith("#results-heading");
    }
}
