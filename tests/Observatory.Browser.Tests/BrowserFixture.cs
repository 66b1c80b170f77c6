using Microsoft.Playwright;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The real Observatory served by Kestrel on a loopback port, and one real Chromium driven by Playwright
/// (Debian's /usr/bin/chromium; Playwright's own browser download is never used) for every browser test, with
/// the site crawled once for all of them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private Lazy<Task<IReadOnlyList<CrawledPage>>>? _crawl;

    public ObservatoryAppFactory App { get; } = new();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every page template the Observatory serves (<see cref="PageTemplates"/>).</summary>
    public IReadOnlyList<PageTemplate> Templates { get; private set; } = [];

    /// <summary>Every page the crawl finds, read with JavaScript off (see <see cref="SiteCrawler.CrawlAsync"/>); crawled once.</summary>
    public Task<IReadOnlyList<CrawledPage>> CrawlAsync() => _crawl!.Value;

    public async Task InitializeAsync()
    {
        if (TestEnvironment.ChromiumSkipReason is not null)
        {
            return;
        }
        if (!File.Exists(TestEnvironment.ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not at {TestEnvironment.ChromiumPath}, but this run requires the browser tests (OBSERVATORY_CI=1). Install it (apt-get install chromium) or set OBSERVATORY_CHROMIUM.");
        }
        App.UseKestrel(0);
        App.StartServer();
        await App.EnsurePreparedAsync();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Templates = PageTemplates.Of(App.Services);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        _crawl = new(async () =>
        {
            await using var context = await NewContextAsync(javaScript: false);
            return await SiteCrawler.CrawlAsync(context, BaseUrl, Templates);
        });
    }

    public async Task<IBrowserContext> NewContextAsync(bool javaScript = true) =>
        await Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript, Locale = "en-GB" });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        Playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
