using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Observatory.Browser.Tests;

/// <summary>
/// Finds the pages to check by following links from the home page, as a reader would, so pages added later are
/// checked without editing the tests. To keep the run short it visits a few pages of each shape of address
/// (e.g. three element pages of each framework), plus pages no link reaches (search results, error pages).
/// </summary>
public static partial class SiteCrawler
{
    public static readonly string[] ExtraPages =
    [
        "/frameworks/search?q=food",
        "/frameworks/search?q=zzzz-nothing",
        "/areas?nation=Wales",
        "/areas?q=zzzz-nowhere",
        // Area pages are one shape (see Shape), so these three are the ones checked: a council with every kind
        // of indicator, a former code, and a region.
        "/areas/E08000010",
        "/areas/E08000016",
        "/areas/E12000002",
        "/areas/E08000010/similar?set=ons-global&k=20",
        "/areas/E08000010/similar?k=99",
        "/indices/local-digital-capital/E06000053",
        "/no-such-page",
    ];

    public static async Task<IReadOnlyList<string>> CrawlAsync(IBrowserContext context, string baseUrl, int perShape = 3, int maxPages = 400)
    {
        var page = await context.NewPageAsync();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/", .. ExtraPages]);
        var pages = new List<string>();
        while (queue.Count > 0 && pages.Count < maxPages)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }
            var shape = Shape(path);
            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            if (shapes[shape] > perShape)
            {
                continue;
            }
            pages.Add(path);
            await page.GotoAsync(baseUrl + path);
            var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))");
            foreach (var href in hrefs)
            {
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/api/", StringComparison.Ordinal)
                    && !href.StartsWith("/openapi", StringComparison.Ordinal) && !href.Contains('#', StringComparison.Ordinal))
                {
                    queue.Enqueue(href);
                }
            }
        }
        await page.CloseAsync();
        return pages;
    }

    /// <summary>"/frameworks/four-rs/reset" → "/frameworks/*/*" within a framework; query values ignored.</summary>
    private static string Shape(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        var bare = q < 0 ? path : path[..q];
        // An area code is an item of one kind, not a capability of its own: without this every council linked
        // from the areas list would count as a new shape and fill the crawl.
        var segments = bare.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => AreaCode().IsMatch(s) ? "{code}" : s).ToArray();
        // Keep the first two segments (capability and item) so each item's sub-pages are sampled separately.
        return "/" + string.Join('/', segments.Select((s, i) => i < 2 ? s : "*")) + (q < 0 ? "" : "?" + Keys().Replace(path[(q + 1)..], "$1"));
    }

    [GeneratedRegex("([^=&]+)=[^&]*")]
    private static partial Regex Keys();

    [GeneratedRegex("^[EKNSW][0-9]{8}$")]
    private static partial Regex AreaCode();
}
