using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Observatory.Browser.Tests;

/// <summary>
/// A page the crawl visited: what a reader without JavaScript got, where it links, the kind of markup its main
/// content is built from (<see cref="SiteCrawler.MarkupKind"/>) and how many elements it has (what checking it costs).
/// </summary>
public sealed record CrawledPage(string Path, int Status, int MainHeadings, bool ScriptsRan, IReadOnlyList<string> Links, string MarkupKind = "", int Elements = 0);

/// <summary>
/// Finds the pages to check by following links from the home page, as a reader would, so pages added later are
/// checked without editing the tests. To keep the run short it visits a few pages of each shape of address
/// (e.g. three element pages of each framework) and at most <see cref="PerTemplate"/> of each page template (the
/// hundreds of evidence items and indicators are each one template), plus pages no link reaches (search results,
/// error pages), and loads several pages at once. There is no cap on the whole: every template a link reaches is
/// visited, and <see cref="AccessibilityTests"/> fails when a page template is never reached.
/// </summary>
public static partial class SiteCrawler
{
    /// <summary>Pages loaded at once: the server and Chromium each wait on the other less than one page at a time.</summary>
    public const int Tabs = 4;

    /// <summary>
    /// The most pages of one template the crawl loads: enough for every framework's page and a spread of the
    /// indicators, evidence items and element pages, which are otherwise hundreds of pages built alike. At 40, six
    /// templates took 240 of 408 pages and about a quarter of the browser suite's time; 20 keeps a spread for the
    /// reflow and console checks every crawled page gets, and axe still runs on every kind of markup found.
    /// </summary>
    public const int PerTemplate = 20;

    public static readonly string[] ExtraPages =
    [
        "/frameworks/search?q=food",
        // Sector surveys: the list (no survey is published in the seeded Observatory; SurveyAccessibilityTests publishes one).
        "/surveys",
        "/frameworks/search?q=zzzz-nothing",
        "/areas?nation=Wales",
        "/areas?q=zzzz-nowhere",
        // The place search's pages no link reaches: the form alone, a list of near names and nothing found.
        "/areas/search",
        "/areas/search?q=Man",
        "/areas/search?q=zzzz-nowhere",
        // Area pages are one shape (see Shape), so these three are the ones checked: a council with every kind
        // of indicator, a former code, and a region.
        "/areas/E08000010",
        "/areas/E08000016",
        "/areas/E12000002",
        // Portrait variants no link reaches: a comparison, a national year, and a council with a map of its own.
        "/areas/E08000010/portrait",
        "/portraits/uk-council/E08000010?compare=E08000035",
        "/portraits/fanning-2022/GBR?period=2015",
        "/portraits/uk-council",
        "/portraits/oneill-2018",
        // The local doughnut after Cornwall's domains, with its key of threshold kinds, and a new council series.
        "/portraits/cornwall-local",
        "/portraits/cornwall-local/E06000052",
        "/indicators/household-recycling-rate",
        "/indicators/epc-rated-a-to-c",
        "/areas/E08000010/similar?set=ons-global&k=20",
        // Councils side by side, chosen by name (the similar councils link to a comparison by code), and the
        // over-time chart by name.
        "/compare?council=Wigan&council=Bolton&council=Salford",
        "/indicators/claimant-count?areas=Wigan,Salford",
        "/indices/local-digital-capital/E06000053",
        "/no-such-page",
        // Pages only an email's link reaches, with an address no email gave: the invitation that is not there (a
        // 404 page of its own) and the reset form, which checks its token when it is sent.
        "/invitations/no-such-invitation",
        "/account/reset/no-such-token",
        "/sign-out",
        "/indicators/claimant-count?period=2015-01-01/P1Y&areas=E08000010,E08000006",
        "/indicators/import",
        // The evidence library's views: the recovery map whole and filtered, the gap map, and one item.
        "/evidence/map",
        "/evidence/map?element=place-making/food",
        "/evidence/gaps",
        "/evidence/wigan-bewigan",
        // Evidence pages a reader reaches from an item, signed in or not (the signed-in ones are in EvidenceCurationAccessibilityTests).
        "/evidence/wigan-bewigan/report",
        "/evidence/wigan-bewigan/versions",
        "/evidence/submit",
        // Evidence search: results with marks, none at all, a place with its neighbours, and filters with facets.
        "/evidence?q=food",
        "/evidence?q=zzzz-nothing",
        "/evidence?q=Wigan",
        "/evidence?kind=policy-paper&element=place-making/food&nation=Scotland&strength=1",
    ];

    /// <summary>
    /// Crawls breadth first, a level of links at a time: which pages are taken is decided in link order before the
    /// level is loaded, several at once, so the pages are the same as one tab reading them in order would choose.
    /// Use a context with JavaScript off: the links are the server's, and each page's record then says how it
    /// works without scripts.
    /// </summary>
    public static async Task<IReadOnlyList<CrawledPage>> CrawlAsync(IBrowserContext context, string baseUrl, IReadOnlyList<PageTemplate> templates, int perShape = 3)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var perTemplate = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new List<CrawledPage>();
        List<string> level = ["/", .. ExtraPages];
        while (level.Count > 0)
        {
            var taken = new List<string>();
            foreach (var path in level)
            {
                if (!seen.Add(path))
                {
                    continue;
                }
                var shape = Shape(path);
                shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
                var template = PageTemplates.For(templates, path)?.Template ?? "";
                // The pages chosen on purpose are always taken; a link is taken while its shape and its template have room.
                if (ExtraPages.Contains(path) || path == "/" || (shapes[shape] <= perShape && perTemplate.GetValueOrDefault(template) < PerTemplate))
                {
                    perTemplate[template] = perTemplate.GetValueOrDefault(template) + 1;
                    taken.Add(path);
                }
            }
            var visited = await InTabsAsync(context, taken, (page, path) => VisitAsync(page, baseUrl, path));
            pages.AddRange(visited);
            level = [.. visited.SelectMany(p => p.Links)];
        }
        return pages;
    }

    /// <summary>Runs <paramref name="work"/> for every path, <see cref="Tabs"/> pages at a time; results in the paths' order.</summary>
    public static async Task<T[]> InTabsAsync<T>(IBrowserContext context, IReadOnlyList<string> paths, Func<IPage, string, Task<T>> work)
    {
        var results = new T[paths.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Tabs, paths.Count)).Select(async _ =>
        {
            var page = await context.NewPageAsync();
            try
            {
                for (var i = Interlocked.Increment(ref next); i < paths.Count; i = Interlocked.Increment(ref next))
                {
                    results[i] = await work(page, paths[i]);
                }
            }
            finally
            {
                await page.CloseAsync();
            }
        }));
        return results;
    }

    private static async Task<CrawledPage> VisitAsync(IPage page, string baseUrl, string path)
    {
        var response = await page.GotoAsync(baseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))");
        var links = hrefs.Where(href => href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/api/", StringComparison.Ordinal)
            && !href.StartsWith("/openapi", StringComparison.Ordinal) && !href.Contains('#', StringComparison.Ordinal)).ToList();
        return new CrawledPage(path, response!.Status, await page.Locator("main h1").CountAsync(),
            await page.EvaluateAsync<bool>("document.body.classList.contains('js-enabled')"), links,
            await page.EvaluateAsync<string>(MarkupKind), await page.EvaluateAsync<int>("document.getElementsByTagName('*').length"));
    }

    /// <summary>
    /// The order to check pages in so that the tabs finish together: the pages axe runs on first, then the rest, each
    /// largest first. axe's time grows with the page (a page with a map and a table of 361 councils took a minute on
    /// a busy machine, a small page under a second), and a large page started last would leave the other tabs idle
    /// while it finishes.
    /// </summary>
    public static IReadOnlyList<string> LargestFirst(IReadOnlyList<CrawledPage> pages, IReadOnlySet<string> axed) =>
        [.. pages.OrderByDescending(p => axed.Contains(p.Path)).ThenByDescending(p => p.Elements).Select(p => p.Path)];

    /// <summary>
    /// The kind of markup a page's main content is built from: every distinct element and component class in it
    /// (modifier classes such as govuk-tag--green left out, since they follow the data). Pages of one template that
    /// show the same parts – the hundred indicator pages, say – share it; a page with a part the others lack (a map,
    /// an error summary, a table of thresholds) gets a kind of its own.
    /// </summary>
    public const string MarkupKind =
        """
        () => [...new Set([...document.querySelectorAll('main *')].map(e =>
            [e.tagName.toLowerCase(), ...[...e.classList].filter(c => !c.includes('--')).sort()].join('.')))].sort().join(' ')
        """;

    /// <summary>
    /// The pages axe checks: every page of <see cref="ExtraPages"/> (each chosen for a variant no link reaches) and
    /// the first <paramref name="perKind"/> of each kind of markup in crawl order, so the choice is the same on every
    /// run. Pages built alike from different data differ only in their text and values, which few of axe's rules
    /// judge; every page, sampled or not, is still loaded with JavaScript, checked for console errors and for reflow.
    /// One page of a kind, not two: the second copy of the same markup took about a third of axe's time and found
    /// nothing the first did not.
    /// </summary>
    public static IReadOnlySet<string> AxeSample(IReadOnlyList<CrawledPage> pages, int perKind = 1)
    {
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var seen = kinds[page.MarkupKind] = kinds.GetValueOrDefault(page.MarkupKind) + 1;
            if (seen <= perKind || ExtraPages.Contains(page.Path) || page.Path == "/")
            {
                chosen.Add(page.Path);
            }
        }
        return chosen;
    }

    /// <summary>"/frameworks/four-rs/reset" → "/frameworks/four-rs/*" within a framework; query values ignored.</summary>
    public static string Shape(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        var bare = q < 0 ? path : path[..q];
        var segments = bare.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Keep the first two segments (capability and item) so each item's sub-pages are sampled separately; but an
        // item named by a GSS code or a number (an area, an import) is one of hundreds of pages built alike.
        return "/" + string.Join('/', segments.Select((s, i) => i < 2 && !Generated().IsMatch(s) ? s : "*")) + (q < 0 ? "" : "?" + Keys().Replace(path[(q + 1)..], "$1"));
    }

    [GeneratedRegex(@"^([A-Z]\d{8}|TL[A-Z0-9]{1,3}|\d+)$")]
    private static partial Regex Generated();

    [GeneratedRegex("([^=&]+)=[^&]*")]
    private static partial Regex Keys();
}
