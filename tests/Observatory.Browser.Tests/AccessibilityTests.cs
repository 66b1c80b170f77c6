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
// In the same collection as the tests that sign in and write, one test at a time, for now: run beside them in
// CrawlCollection, with an app of its own, the crawl's page loads passed Playwright's 30 s on a machine at a load
// average of 80 to 90. To be tried again on a quiet machine before it is turned on.
[Collection(nameof(BrowserCollection))]
public sealed class AccessibilityTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>The "page not found" page, drawn by the error page's template for an address nothing serves.</summary>
    private const string MissingPage = "/no-such-page";

    /// <summary>A survey's pages exist once a survey is published: SurveyAccessibilityTests publishes one and checks them.</summary>
    private static readonly string[] Surveys = ["/surveys/{id:long}", "/surveys/{id:long}/results", "/surveys/{id:long}/edit"];

    /// <summary>A plan's pages exist once an organisation has a plan: PlanAccessibilityTests publishes one and checks them.</summary>
    private static readonly string[] Plans =
    [
        "/organisations/{slug}/plans", "/plans/{id:long}", "/plans/{id:long}/targets/{targetId:long}", "/plans/{id:long}/actions/{actionId:long}",
        "/plans/{id:long}/coverage", "/plans/{id:long}/report",
    ];

    /// <summary>A published algorithm record's pages: the seeded Observatory has none; AlgorithmRegisterAccessibilityTests publishes one and checks them.</summary>
    private static readonly string[] AlgorithmRecords = ["/registers/algorithms/{id:long}", "/registers/algorithms/{id:long}/report"];

    /// <summary>An application entry's page: the seeded Observatory has none; ApplicationsRegisterAccessibilityTests publishes one and checks it.</summary>
    private const string PublishedApplication = "/applications/{id:long}";

    /// <summary>
    /// Templates with no page in the seeded Observatory: an evidence item's earlier version exists only once an item
    /// has been edited, and the shipped items have not been. Checked when a test first edits an item in the browser.
    /// </summary>
    private static readonly string[] NoPageYet = ["/evidence/{id}/versions/{n:int}", AssessmentReport, PublicAssessmentResults, .. Surveys, .. Plans, PublishedDecision, .. AlgorithmRecords, PublishedApplication];

    /// <summary>No seeded decision is published: DecisionAccessibilityTests publishes one and checks its page signed out.</summary>
    private const string PublishedDecision = "/decisions/{id:long}";

    /// <summary>
    /// An organisation's results can be read without signing in once an approver makes them public, and no seeded
    /// assessment is: AssessmentSharingAccessibilityTests makes one public and checks its page signed out.
    /// </summary>
    private const string PublicAssessmentResults = "/assessments/{id:long}/results";

    /// <summary>
    /// An assessment's report is a file made from answers posted to it, not a page a link reaches (its address typed
    /// in goes to the template): AssessmentResultsAccessibilityTests posts answers, opens the file and checks it.
    /// </summary>
    private const string AssessmentReport = "/assessments/{id}/report.html";

    /// <summary>The pages that answer 404 on purpose: the missing page, and an invitation that is not there.</summary>
    private static readonly string[] NotFoundPages = [MissingPage, "/invitations/no-such-invitation"];

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
        // The pages axe checks are loaded at a desktop's width, as before, and laid out again at 320 px for reflow; the
        // others are loaded at 320 px, as on a small phone, so their reflow check needs no second and third layout.
        await using var desktop = await fixture.NewContextAsync();
        await Axe.AddToAsync(desktop);
        await using var phone = await fixture.NewContextAsync(width: Reflow.Width);
        var order = SiteCrawler.LargestFirst(crawled, axed);
        List<string>[] failures =
        [
            .. await SiteCrawler.InTabsAsync(desktop, [.. order.Where(axed.Contains)], CheckAsync),
            .. await SiteCrawler.InTabsAsync(phone, [.. order.Where(p => !axed.Contains(p))], CheckAsync),
        ];

        async Task<List<string>> CheckAsync(IPage page, string path)
        {
            var found = new List<string>();
            var url = fixture.BaseUrl + path;
            void OnConsole(object? sender, IConsoleMessage message)
            {
                // The missing page's own 404 is the answer asked for; any other error, 404s included, fails.
                var expected = NotFoundPages.Contains(path) && message.Location.StartsWith(url, StringComparison.Ordinal) && message.Text.Contains("404", StringComparison.Ordinal);
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
        }

        // Where the time goes, for whoever makes this suite faster: the slowest pages to load and to check.
        output.WriteLine($"Checked them in {clock.Elapsed.TotalSeconds:0} s; slowest: "
            + string.Join(", ", timings.OrderByDescending(t => t.Load + t.Axe).Take(8).Select(t => $"{t.Path} (load {t.Load:0.0} s, axe {t.Axe:0.0} s)")));
        string.Join("\n", failures.SelectMany(f => f)).ShouldBeEmpty($"checked {pages.Count} pages:\n{string.Join("\n", pages)}");
    }

    [ChromiumFact]
    public async Task The_crawl_visits_every_page_template_a_reader_can_open_without_signing_in()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var crawled = await fixture.CrawlAsync();
        var templates = fixture.Templates;
        var error = templates.Single(t => t.Template.StartsWith("/error/", StringComparison.Ordinal)).Template;
        // The missing page is drawn by the error page's template, at the address asked for; any other page counts
        // for its template only when it is that page (200), or the page's own "not there" answer on purpose.
        var reached = crawled
            .Where(p => p.Status == 200 || NotFoundPages.Contains(p.Path))
            .Select(p => p.Path == MissingPage ? error : PageTemplates.For(templates, p.Path)?.Template)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var open = templates.Where(t => !t.SignedIn).Select(t => t.Template).ToList();
        output.WriteLine($"{templates.Count} page templates ({open.Count} open without signing in); the crawl checks {crawled.Count} pages of {reached.Count} templates (crawled in {clock.Elapsed.TotalSeconds:0} s, or at once if already crawled)");
        output.WriteLine("Pages per template: " + string.Join(", ", crawled.GroupBy(p => p.Path == MissingPage ? error : PageTemplates.For(templates, p.Path)?.Template ?? "(none)")
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));

        open.Where(t => !reached.Contains(t) && !NoPageYet.Contains(t)).ToList().ShouldBeEmpty("page templates no crawled page is built from: add a page of each to SiteCrawler.ExtraPages");
        open.Count.ShouldBeGreaterThan(30);
    }

    [ChromiumFact]
    public async Task Every_page_works_without_javascript()
    {
        // The crawl itself reads every page with JavaScript off.
        var pages = await fixture.CrawlAsync();
        var failures = new StringBuilder();
        foreach (var page in pages)
        {
            var expected = NotFoundPages.Contains(page.Path) ? 404 : 200;
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
