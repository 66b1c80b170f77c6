using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Observatory.Storage;

namespace Observatory.Web.Setup;

/// <summary>
/// Pages and API answers kept until the data they show changes. What an anonymous visitor is shown depends only on
/// the address, the representation asked for (CSV or not) and the data version (<see cref="DataVersion"/>), so:
/// <list type="bullet">
/// <item>the server keeps each anonymous GET that answered 200 without setting a cookie (ASP.NET Core output caching,
/// size-limited), keyed by path, query, representation and data version — a write anywhere moves the version on and
/// the next request renders afresh;</item>
/// <item>each such answer carries an ETag made of the build, the data version, the address and the representation, and
/// <c>Cache-Control: public, no-cache</c>: a browser, CDN or reverse proxy may keep it but asks again each time, and
/// an unchanged page answers 304 before anything is rendered;</item>
/// <item>anything for a signed-in person or a script with a token, anything that sets a cookie (the anti-forgery
/// token of a form, a notice after a post) and any request that carries a cookie other than the anti-forgery one is
/// <c>Cache-Control: private, no-store</c> and never kept here.</item>
/// </list>
/// Each node learns of writes made elsewhere (another node, the command line) by polling the shared version
/// (<see cref="DataVersionPolling"/>).
/// </summary>
public static class PageCaching
{
    private const string TokenItem = "observatory.data-version";
    private const string Tag = "pages";
    public const string PublicCaching = "public, no-cache";
    public const string PrivateCaching = "private, no-store";

    /// <summary>Where drawings shared by many pages are served, each addressed by its content's digest (?v=).</summary>
    public const string DrawingsPath = "/maps";

    /// <summary>What an answer addressed by its content's digest may be kept for: a year, never asked again.</summary>
    public const string ImmutableCaching = "public, max-age=31536000, immutable";

    /// <summary>The cookie that carries a notice from a post to the page after it ("You have signed out."): ASP.NET Core's name for it.</summary>
    public const string NoticeCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    /// <summary>The cookie a form's anti-forgery token pairs with: carrying it changes nothing an anonymous page shows.</summary>
    private const string AntiforgeryCookie = "observatory-antiforgery";

    // The code that renders: a new build may render the same data differently, so it gives other ETags.
    private static readonly string Build = string.Join('.', new[] { typeof(PageCaching), typeof(DataVersion), typeof(Observatory.Rendering.RenderingSetup) }
        .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8]));

    /// <summary>
    /// Whether a notice may be waiting for this request. The layout reads the notice only then: reading it when there
    /// is none still answers with a cookie (deleting the empty one), and an answer with a cookie is never kept.
    /// </summary>
    public static bool HasNotice(this HttpContext context) => context.Request.Cookies.ContainsKey(NoticeCookie);

    public static IServiceCollection AddObservatoryPageCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options => options.Cookie.Name = NoticeCookie);
        services.AddHostedService<DataVersionPolling>();
        services.AddOutputCache(options =>
        {
            options.SizeLimit = configuration.GetValue("OBSERVATORY_PAGE_CACHE_MB", 64L) * 1024 * 1024;
            options.MaximumBodySize = 4 * 1024 * 1024;
            // A page is kept until the version moves on (then unreachable, and evicted) or for ten minutes unasked.
            options.DefaultExpirationTimeSpan = TimeSpan.FromMinutes(10);
            // /areas/e08000010 may not render as /areas/E08000010 does.
            options.UseCaseSensitivePaths = true;
            options.AddBasePolicy(new AnonymousPages());
        });
        return services;
    }

    /// <summary>After authentication (who is asking decides everything here), before the endpoints.</summary>
    public static WebApplication UseObservatoryPageCaching(this WebApplication app)
    {
        var version = app.Services.GetRequiredService<DataVersion>();
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments(DrawingsPath, StringComparison.Ordinal))
            {
                // Drawings addressed by their content's digest: the same for everyone and never changing, so they set their own caching.
                return next(context);
            }
            var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            var anonymous = IsAnonymous(context);
            string? etag = null;
            if (read && anonymous && Cacheable(request.Path))
            {
                // Read before the page reads any data: a page is never keyed to a version newer than its data.
                var token = version.Current;
                context.Items[TokenItem] = token;
                etag = ETag(token, request);
                if (Matches(request.Headers.IfNoneMatch, etag))
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    context.Response.Headers.ETag = etag;
                    context.Response.Headers.CacheControl = PublicCaching;
                    return Task.CompletedTask;
                }
            }
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                var headers = response.Headers;
                var cookie = !StringValues.IsNullOrEmpty(headers.SetCookie);
                if (!anonymous || cookie || headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = PrivateCaching;
                    headers.Remove(HeaderNames.ETag);
                    headers.Remove(HeaderNames.Pragma);
                }
                else if (etag is not null && response.StatusCode == StatusCodes.Status200OK)
                {
                    headers.CacheControl = PublicCaching;
                    headers.ETag = etag;
                }
                else if (read && StringValues.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-cache";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseOutputCache();
        return app;
    }

    /// <summary>Static files: those addressed with their content's hash (?v=, asp-append-version) never change, so are kept a year.</summary>
    public static void StaticFileCaching(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
            ? ImmutableCaching
            : PublicCaching;

    /// <summary>No one signed in, no token, and no cookie that could change the page (a notice after signing out, a session).</summary>
    private static bool IsAnonymous(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true
        && StringValues.IsNullOrEmpty(context.Request.Headers.Authorization)
        && context.Request.Cookies.All(c => c.Key == AntiforgeryCookie);

    private static bool Cacheable(PathString path) => !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    private static string Representation(HttpRequest request) => CsvResults.Wants(request) ? "csv" : "";

    /// <summary>Weak: the same data at the same address renders the same page, though not byte for byte (each answer has its own CSP nonce).</summary>
    private static string ETag(long token, HttpRequest request)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"{Build}\n{request.Path.Value}\n{request.QueryString.Value}\n{Representation(request)}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(address), hash);
        return string.Create(CultureInfo.InvariantCulture, $"W/\"{token}-{Convert.ToHexStringLower(hash[..8])}\"");
    }

    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Weak comparison (RFC 9110 13.1.2): W/ is ignored on either side.
                if (candidate == "*" || Opaque(candidate) == Opaque(etag))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;

    /// <summary>The output cache's rules for every request: look up and keep only what <see cref="IsAnonymous"/> reads, keyed on the version read at its start.</summary>
    private sealed class AnonymousPages : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var attempt = http.Items[TokenItem] is long;
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = attempt;
            context.AllowCacheStorage = attempt;
            context.AllowLocking = true;
            if (attempt)
            {
                // The query exactly as sent: the cache's own query rule sorts repeated keys' values, but the order
                // of councils to compare (council=A&council=B) is the order of the table's columns.
                context.CacheVaryByRules.VaryByValues["query"] = http.Request.QueryString.Value ?? "";
                context.CacheVaryByRules.VaryByValues["data"] = ((long)http.Items[TokenItem]!).ToString(CultureInfo.InvariantCulture);
                context.CacheVaryByRules.VaryByValues["as"] = Representation(http.Request);
                context.Tags.Add(Tag);
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var headers = http.Response.Headers;
            if (http.Response.StatusCode != StatusCodes.Status200OK
                || !StringValues.IsNullOrEmpty(headers.SetCookie)
                || headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)
                || headers.CacheControl.ToString().Contains("private", StringComparison.OrdinalIgnoreCase)
                || http.User.Identity?.IsAuthenticated == true)
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Empties the cache of pages keyed on an older version (they can no longer be asked for) when the version moves.</summary>
    internal static ValueTask EvictAsync(IOutputCacheStore store, CancellationToken cancellationToken) => store.EvictByTagAsync(Tag, cancellationToken);
}

/// <summary>
/// Reads the shared data version every quarter of a second (OBSERVATORY_DATA_VERSION_POLL_MS), so that a write made by
/// another web node or by the command line moves this node's version on, and its cached pages give way, within one
/// second. One query of one row by its key.
/// </summary>
public sealed partial class DataVersionPolling(SharedDataVersion shared, IOutputCacheStore store, IConfiguration configuration, ILogger<DataVersionPolling> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, configuration.GetValue("OBSERVATORY_DATA_VERSION_POLL_MS", 250)));
        using var timer = new PeriodicTimer(interval);
        var failing = false;
        var last = shared.Local.Current;
        do
        {
            try
            {
                await shared.PollAsync(stoppingToken);
                if (failing)
                {
                    LogRecovered(logger);
                    failing = false;
                }
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                // Before the first migration, or while the database is away: pages are still keyed on the local version.
                if (!failing)
                {
                    LogFailing(logger, ex);
                    failing = true;
                }
            }
            var now = shared.Local.Current;
            if (now != last)
            {
                last = now;
                await PageCaching.EvictAsync(store, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the shared data version; writes by other nodes are not seen until it can be read")]
    private static partial void LogFailing(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the shared data version again")]
    private static partial void LogRecovered(ILogger logger);
}
