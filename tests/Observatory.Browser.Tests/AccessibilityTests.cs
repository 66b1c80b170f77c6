using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// Every page, in real Chromium: zero axe-core violations against WCAG 2.2 A and AA, no console errors (a
/// Content-Security-Policy violation is one), and every page usable with JavaScript turned off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "node_modules", "axe-core", "axe.min.js")));

    [ChromiumFact]
    public async Task Every_page_passes_axe_for_wcag_22_aa_and_logs_no_errors()
    {
        await using var context = await fixture.NewContextAsync();
        // An init script runs outside the page's Content-Security-Policy, so axe can be injected without weakening it.
        await context.AddInitScriptAsync(AxeSource.Value);
        var pages = await SiteCrawler.CrawlAsync(context, fixture.BaseUrl);
        pages.Count.ShouldBeGreaterThan(10);

        var failures = new StringBuilder();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("404", StringComparison.Ordinal))
            {
                consoleErrors.Add(message.Text);
            }
        };
        foreach (var path in pages)
        {
            consoleErrors.Clear();
            await page.GotoAsync(fixture.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var violations = await page.EvaluateAsync<JsonElement>(
                "async tags => (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }))",
                WcagTags);
            foreach (var v in violations.EnumerateArray())
            {
                failures.AppendLine($"{path}: {v.GetProperty("id").GetString()} – {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}");
            }
            foreach (var error in consoleErrors)
            {
                failures.AppendLine($"{path}: console error: {error}");
            }
        }

        failures.ToString().ShouldBeEmpty($"checked {pages.Count} pages:\n{string.Join("\n", pages)}");
    }

    [ChromiumFact]
    public async Task Every_page_works_without_javascript()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var pages = await SiteCrawler.CrawlAsync(context, fixture.BaseUrl);
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();
        foreach (var path in pages)
        {
            var response = await page.GotoAsync(fixture.BaseUrl + path);
            var expected = path == "/no-such-page" ? 404 : 200;
            if (response!.Status != expected)
            {
                failures.AppendLine($"{path}: status {response.Status}");
            }
            if (await page.Locator("main h1").CountAsync() != 1)
            {
                failures.AppendLine($"{path}: no single main heading");
            }
            if (await page.EvaluateAsync<bool>("document.body.classList.contains('js-enabled')"))
            {
                failures.AppendLine($"{path}: scripts ran although JavaScript is off");
            }
        }
        failures.ToString().ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task Searching_frameworks_works_without_javascript()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/frameworks");

        await page.GetByLabel("Search framework elements").FillAsync("explicability");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        page.Url.ShouldEndWith("/frameworks/search?q=explicability");
        (await page.Locator(".app-search-hit a").First.TextContentAsync())!.Trim().ShouldBe("Explicability");
    }

    [ChromiumFact]
    public async Task The_service_navigation_menu_works_with_javascript()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");

        (await page.EvaluateAsync<bool>("document.body.classList.contains('govuk-frontend-supported')")).ShouldBeTrue();
        await page.GetByRole(AriaRole.Link, new() { Name = "Frameworks" }).First.ClickAsync();
        page.Url.ShouldEndWith("/frameworks");
    }

    /// <summary>Screenshots for the README, taken only when asked (OBSERVATORY_SCREENSHOTS=folder).</summary>
    [ChromiumFact]
    public async Task Screenshots_for_the_documentation()
    {
        if (Environment.GetEnvironmentVariable("OBSERVATORY_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await context.NewPageAsync();
        foreach (var (path, name) in new[] { ("/frameworks/place-making", "framework"), ("/frameworks/doughnut", "doughnut") })
        {
            await page.GotoAsync(fixture.BaseUrl + path);
            await page.Locator("figure").First.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, $"{name}.png") });
        }
    }
}
