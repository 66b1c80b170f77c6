using System.Text;
using Microsoft.Playwright;
using Observatory.Testing;
using Xunit.Abstractions;

namespace Observatory.Browser.Tests;

/// <summary>
/// Every page, in real Chromium with JavaScript on: no console error (a Content-Security-Policy violation or a file
/// that is not there is one; nothing is filtered out), no script error, the page fits 320 px (reflow), and zero
/// axe-core violations against WCAG 2.2 A and AA and axe's best practices; and every page usable with JavaScript off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>The only page that answers with an error on purpose: the "page not found" page.</summary>
    private const string MissingPage = "/no-such-page";

    [ChromiumFact]
    public async Task Every_page_fits_320_px_logs_no_errors_and_passes_axe_for_wcag_22_aa_and_best_practice()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var crawled = await fixture.CrawlAsync();
        var pages = crawled.Select(p => p.Path).ToList();
        pages.Count.ShouldBeGreaterThan(10);
        // axe on a sample (SiteCrawler.AxeSample); reflow and console errors on every page.
        var axed = SiteCrawler.AxeSample(crawled);
        output.WriteLine($"Crawled {pages.Count} pages ({crawled.Select(p => p.MarkupKind).Distinct().Count()} kinds of markup; axe on {axed.Count}) in {clock.Elapsed.TotalSeconds:0} s");
        var timings = new System.Collections.Concurrent.ConcurrentBag<(string Path, double Load, double Axe)>();
        await using var context = await fixture.NewContextAsync();
        await Axe.AddToAsync(context);

        var failures = await SiteCrawler.InTabsAsync(context, pages, async (page, path) =>
        {
            var found = new List<string>();
            var url = fixture.BaseUrl + path;
            void OnConsole(object? sender, IConsoleMessage message)
            {
                // The missing page's own 404 is the answer asked for; any other error, 404s included, fails.
                var expected = path == MissingPage && message.Location.StartsWith(url, StringComparison.Ordinal) && message.Text.Contains("404", StringComparison.Ordinal);
                if (message.Type == "error" && !expected)
                {
                    lock (found)
                    {
                        found.Add($"{path}: console error: {message.Text} ({message.Location})");
                    }
                }
            }
            void OnPageError(object? sender, string error)
            {
                lock (found)
                {
                    found.Add($"{path}: script error: {error}");
                }
            }
            page.Console += OnConsole;
            page.PageError += OnPageError;
            try
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                var loaded = started.Elapsed.TotalSeconds;
                var violations = axed.Contains(path) ? await Axe.ViolationsAsync(page, path) : [];
                timings.Add((path, loaded, started.Elapsed.TotalSeconds - loaded));
                var reflow = await Reflow.ProblemAsync(page, path);
                lock (found)
                {
                    found.InsertRange(0, violations);
                    if (reflow is not null)
                    {
                        found.Add(reflow);
                    }
                }
            }
            finally
            {
                page.Console -= OnConsole;
                page.PageError -= OnPageError;
            }
            return found;
        });

        // Where the time goes, for whoever makes this suite faster: the slowest pages to load and to check.
        output.WriteLine($"Checked them in {clock.Elapsed.TotalSeconds:0} s; slowest: "
            + string.Join(", ", timings.OrderByDescending(t => t.Load + t.Axe).Take(8).Select(t => $"{t.Path} (load {t.Load:0.0} s, axe {t.Axe:0.0} s)")));
        string.Join("\n", failures.SelectMany(f => f)).ShouldBeEmpty($"checked {pages.Count} pages:\n{string.Join("\n", pages)}");
    }

    [ChromiumFact]
    public async Task Every_page_works_without_javascript()
    {
        // The crawl itself reads every page with JavaScript off.
        var pages = await fixture.CrawlAsync();
        var failures = new StringBuilder();
        foreach (var page in pages)
        {
            var expected = page.Path == MissingPage ? 404 : 200;
            if (page.Status != expected)
            {
                failures.AppendLine($"{page.Path}: status {page.Status}");
            }
            if (page.MainHeadings != 1)
            {
                failures.AppendLine($"{page.Path}: no single main heading");
            }
            if (page.ScriptsRan)
            {
                failures.AppendLine($"{page.Path}: scripts ran although JavaScript is off");
            }
        }
        pages.Count.ShouldBeGreaterThan(10);
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
    public async Task Finding_a_place_from_the_home_page_or_the_header_works_without_javascript()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");

        await page.GetByLabel("Find a council or place").FillAsync("Wiggan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find a place", Exact = true }).ClickAsync();

        new Uri(page.Url).AbsolutePath.ShouldBe("/areas/E08000010");
        (await page.Locator("h1").TextContentAsync())!.Trim().ShouldBe("Wigan");

        await page.GetByRole(AriaRole.Search, new() { Name = "Find a place" }).GetByLabel("Find a place").FillAsync("Caerdydd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();

        new Uri(page.Url).AbsolutePath.ShouldBe("/areas/W06000015");
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
