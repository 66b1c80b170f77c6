using Microsoft.Playwright;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// The real Observatory served by Kestrel on a loopback port, and the one real Chromium driven by Playwright
/// (Debian's /usr/bin/chromium; Playwright's own browser download is never used) that every browser test shares
/// (<see cref="SharedChromium"/>), with the site crawled once for all the tests that read the crawl.
/// </summary>
/// <remarks>
/// One per collection. <see cref="CrawlCollection"/> would give the crawl of the signed-out site an app of its own
/// on its own copy of the seeded database, to run beside the tests that sign in and write (invite, submit, assess,
/// publish: <see cref="BrowserCollection"/>) without what they add changing which pages the crawl finds; for now
/// every browser test is in <see cref="BrowserCollection"/> (see <see cref="AccessibilityTests"/>).
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    private Lazy<Task<IReadOnlyList<CrawledPage>>>? _crawl;

    public ObservatoryAppFactory App { get; } = new();
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
        Browser = await SharedChromium.AcquireAsync();
        _crawl = new(async () =>
        {
            await using var context = await NewContextAsync(javaScript: false);
            return await SiteCrawler.CrawlAsync(context, BaseUrl, Templates);
        });
    }

    /// <param name="width">The viewport's width in CSS pixels; Playwright's 1280 × 720 when not given.</param>
    public async Task<IBrowserContext> NewContextAsync(bool javaScript = true, int? width = null) =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            Locale = "en-GB",
            ViewportSize = width is { } w ? new ViewportSize { Width = w, Height = 720 } : null,
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await SharedChromium.ReleaseAsync();
        }
        await App.DisposeAsync();
    }
}

/// <summary>The tests that sign in and write (their own app): one at a time, beside the crawl.</summary>
[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>The crawl of the signed-out site and the tests that read it (their own app, which nothing writes to).</summary>
[CollectionDefinition(nameof(CrawlCollection))]
public sealed class CrawlCollection : ICollectionFixture<BrowserFixture>;

/// <summary>
/// One Chromium for the whole test process, launched by the first collection to need it and closed when the last
/// lets it go (xUnit 2 has no fixture for a whole assembly).
/// </summary>
public static class SharedChromium
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static int _users;

    public static async Task<IBrowser> AcquireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is null)
            {
                _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = TestEnvironment.ChromiumPath,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
                });
            }
            _users++;
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--_users == 0 && _browser is not null)
            {
                await _browser.CloseAsync();
                _playwright?.Dispose();
                (_browser, _playwright) = (null, null);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
