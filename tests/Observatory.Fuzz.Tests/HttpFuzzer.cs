using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Storage;
using Observatory.Testing;
using Xunit.Abstractions;

namespace Observatory.Fuzz.Tests;

/// <summary>One request the fuzzer sends, described well enough to send again by hand.</summary>
public sealed record FuzzRequest(FuzzRoute Route, string Identity, HttpMethod Method, string Url, HttpContent? Body, string Description, bool MustBeRefused);

/// <summary>What came back.</summary>
public sealed record FuzzResult(FuzzRequest Request, int Status, long Length, TimeSpan Took, IReadOnlyList<string> Written);

/// <summary>
/// Runs the fuzz suite against the real app over HTTP: every route of its endpoint data source as three people
/// (anonymous, a contributor who curates, a site administrator) with generated values, and the corpus of hostile
/// uploads. Requirements checked for each request: no 5xx, an answer within 30 s, a refusal (4xx) short and — for a
/// form post or an upload — with nothing written; across the run: GETs write nothing, the process stays within a
/// memory bound, and the server still answers at the end.
/// </summary>
public sealed partial class HttpFuzzer(ObservatoryAppFactory app, ITestOutputHelper output, int seed)
{
    public const string ContributorEmail = "fuzz-contributor@fuzz.gov.uk";
    public const string AdminEmail = "fuzz-admin@fuzz.gov.uk";

    /// <summary>How much the process may grow while the fuzz suite runs (the alias bomb took it past 3 GB).</summary>
    public const long MemoryBound = 1_000_000_000;

    /// <summary>
    /// No refusal is longer than this: the longest a page refuses with is the evidence map shown again under its
    /// error (about 315 KB, the same whatever the input); the 70 MB error page of issue 15 was an echo of the input.
    /// </summary>
    public const long RefusalBound = 1024 * 1024;

    /// <summary>A refused upload lists its problems: at most 200 of them, each quoting 60 characters of a value.</summary>
    public const long UploadRefusalBound = 100 * 1024;

    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly Dictionary<string, string> _tokens = [];

    public async Task<IReadOnlyList<FuzzResult>> RunAsync(int casesPerRoute)
    {
        app.Settings["OBSERVATORY_SIGNIN_PER_MINUTE"] = "1000000";
        // Thousands of requests: log only what goes wrong (a 500's exception is still logged, for the report).
        app.Settings["Logging:LogLevel:Default"] = "Warning";
        await app.EnsurePreparedAsync();
        await PrepareAccountsAsync();
        var routes = await RouteCatalogue.ReadAsync(app.Services);
        var requests = Generate(routes, casesPerRoute).ToList();
        output.WriteLine($"Seed {seed}: {routes.Count} routes from the endpoint data source, {requests.Count} requests.");

        using var memory = new MemoryWatch();
        var clock = Stopwatch.StartNew();
        var results = new List<FuzzResult>();

        // GETs, four at a time: none may write anything.
        var before = await SnapshotAsync();
        var gets = requests.Where(r => r.Method == HttpMethod.Get).ToList();
        using (var gate = new SemaphoreSlim(4))
        {
            var sent = gets.Select(async r =>
            {
                await gate.WaitAsync();
                try
                {
                    return await SendAsync(r, written: []);
                }
                finally
                {
                    gate.Release();
                }
            });
            results.AddRange(await Task.WhenAll(sent));
        }
        var afterGets = await SnapshotAsync();
        before.Differences(afterGets).ShouldBeEmpty("GET requests must write nothing");

        // Posts and uploads, one at a time: a refused one must leave the database as it found it.
        var last = afterGets;
        foreach (var request in requests.Where(r => r.Method != HttpMethod.Get))
        {
            var result = await SendAsync(request, written: []);
            var now = await SnapshotAsync();
            if (result.Status >= 400)
            {
                result = result with { Written = last.Differences(now) };
            }
            results.Add(result);
            last = now;
        }

        using (var alive = await _clients["anonymous"].GetAsync("/"))
        {
            alive.StatusCode.ShouldBe(HttpStatusCode.OK, "the server answers after the fuzz suite");
        }
        clock.Stop();
        Report(routes, results, clock.Elapsed, memory);

        var covered = results.Select(r => r.Request.Route.Name).ToHashSet();
        routes.Select(r => r.Name).Where(n => !covered.Contains(n)).ShouldBeEmpty("every route of the endpoint data source is fuzzed");
        Failures(results, r => r.Status >= 500 && !IsErrorPageAsked(r), "answered 5xx").ShouldBeEmpty();
        Failures(results, r => r.Status == 0, "did not answer within 30 s").ShouldBeEmpty();
        Failures(results, r => r.Request.MustBeRefused && r.Status < 400, "was not refused").ShouldBeEmpty();
        Failures(results, r => r.Status >= 400 && r.Length > RefusalBound, $"refused with more than {RefusalBound / 1024} KB").ShouldBeEmpty();
        Failures(results, r => r.Request.MustBeRefused && r.Length > UploadRefusalBound, $"refused an upload with more than {UploadRefusalBound / 1024} KB").ShouldBeEmpty();
        Failures(results, r => r.Written.Count > 0, "was refused but wrote").ShouldBeEmpty();
        memory.Growth.ShouldBeLessThan(MemoryBound, $"the process grew by {memory.Growth / 1_000_000} MB");
        return results;
    }

    /// <summary>The error page asked for directly by its address (/error/500) answers with the status it shows, by design.</summary>
    private static bool IsErrorPageAsked(FuzzResult result) =>
        result.Request.Route.Pattern.TrimStart('/').StartsWith("error/", StringComparison.Ordinal)
        && result.Request.Url.Split('?')[0].EndsWith("/" + result.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static List<string> Failures(IEnumerable<FuzzResult> results, Func<FuzzResult, bool> failed, string what) =>
        [.. results.Where(failed).Select(r => $"{r.Request.Description} {what} ({r.Status}, {r.Length:N0} bytes{(r.Written.Count > 0 ? "; wrote " + string.Join(", ", r.Written) : "")})")];

    private void Report(IReadOnlyList<FuzzRoute> routes, List<FuzzResult> results, TimeSpan took, MemoryWatch memory)
    {
        output.WriteLine($"{results.Count} requests over {routes.Count} routes in {took.TotalSeconds:N0} s; process grew by at most {memory.Growth / 1_000_000:N0} MB (from {memory.Baseline / 1_000_000:N0} MB).");
        foreach (var group in results.GroupBy(r => r.Status).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }
        foreach (var slow in results.OrderByDescending(r => r.Took).Take(5))
        {
            output.WriteLine($"  slowest: {slow.Took.TotalMilliseconds:N0} ms {slow.Request.Description}");
        }
    }

    private async Task<DatabaseSnapshot> SnapshotAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await DatabaseSnapshot.TakeAsync(scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>());
    }

    private async Task PrepareAccountsAsync()
    {
        var organisation = await TestAccounts.OrganisationAsync(app.Services, "Fuzz Council", "E08000010");
        var contributor = await TestAccounts.MemberAsync(app.Services, ContributorEmail, organisation, Role.OrganisationAdmin);
        await TestAccounts.SiteAdministratorAsync(app.Services, AdminEmail);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            db.People.Single(p => p.Id == contributor.Id).IsCurator = true;
            await db.SaveChangesAsync();
        }
        _clients["anonymous"] = await app.ClientAsync();
        _tokens["anonymous"] = await TestAccounts.FormTokenAsync(_clients["anonymous"], "/sign-in");
        foreach (var (identity, email) in new[] { ("contributor", ContributorEmail), ("admin", AdminEmail) })
        {
            _clients[identity] = await TestAccounts.ClientAsync(app, email);
            _tokens[identity] = await TestAccounts.FormTokenAsync(_clients[identity], "/account");
        }
    }

    /// <summary>
    /// The requests: for each route and person, <paramref name="casesPerRoute"/> generated ones (the random source seeded
    /// by the seed and the route, so a run can be repeated and a new route does not change the others' requests); then
    /// every hostile upload, each of which must be refused.
    /// </summary>
    private IEnumerable<FuzzRequest> Generate(IReadOnlyList<FuzzRoute> routes, int casesPerRoute)
    {
        foreach (var route in routes)
        {
            // Signing out ends the session the other requests need: it is fuzzed anonymously only.
            var identities = route.Pattern.Contains("sign-out", StringComparison.Ordinal) ? ["anonymous"] : new[] { "anonymous", "contributor", "admin" };
            foreach (var identity in identities)
            {
                var random = new Random(seed ^ StableHash(route.Name + "|" + identity));
                for (var i = 0; i < casesPerRoute; i++)
                {
                    yield return Build(route, identity, random);
                }
            }
        }
        var frameworkImport = routes.Single(r => r.Pattern.TrimStart('/') == "frameworks/import" && r.Method == "POST" && r.Handler is null);
        foreach (var (name, fileName, content) in Corpus.HostileFrameworks())
        {
            yield return Upload(frameworkImport, "contributor", "/frameworks/import", "file", fileName, content, $"framework upload: {name}", new() { ["Visibility"] = "Private" });
        }
        var indicatorImport = routes.Single(r => r.Pattern.TrimStart('/') == "indicators/import" && r.Method == "POST" && r.Handler is null);
        foreach (var (name, fileName, content) in Corpus.HostileCsv())
        {
            yield return Upload(indicatorImport, "contributor", "/indicators/import", "file", fileName, content, $"indicator upload: {name}", new() { ["format"] = "detect", ["source"] = "Fuzz" });
        }
    }

    private FuzzRequest Upload(FuzzRoute route, string identity, string url, string field, string fileName, byte[] content, string description, Dictionary<string, string> fields)
    {
        var form = new MultipartFormDataContent { { new StringContent(_tokens[identity]), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        return new FuzzRequest(route, identity, HttpMethod.Post, url, form, $"{identity} POST {url} ({description})", MustBeRefused: true);
    }

    private FuzzRequest Build(FuzzRoute route, string identity, Random random)
    {
        // Kestrel refuses a NUL in a path itself (400) and the test server will not send one, so a path carries U+0001 instead.
        var path = "/" + RouteParameter().Replace(route.Pattern.TrimStart('/'), m => Uri.EscapeDataString(Corpus.Value(random, m.Groups[1].Value, typeof(string)).Replace('\0', '\u0001')));
        var query = new List<(string, string)>();
        if (route.Handler is not null)
        {
            query.Add(("handler", route.Handler));
        }
        var isGet = route.Method == "GET";
        foreach (var input in route.Inputs.Where(i => i.Source == InputSource.Query && random.Next(4) > 0))
        {
            query.Add((input.Name, Corpus.Value(random, input.Name, input.Type)));
        }
        for (var extra = random.Next(3); extra > 0; extra--)
        {
            var name = Corpus.Pick(random, RouteCatalogue.CommonQuery);
            query.Add((name, Corpus.Value(random, name, typeof(string))));
        }
        var url = path + (query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Item1)}={Uri.EscapeDataString(q.Item2)}")));
        HttpContent? body = null;
        var described = "";
        if (!isGet)
        {
            var fields = route.Inputs.Where(i => i.Source == InputSource.Form && random.Next(5) > 0)
                .Select(i => (i.Name, Corpus.Value(random, i.Name, i.Type))).ToList();
            if (random.Next(7) > 0)
            {
                fields.Add(("__RequestVerificationToken", _tokens[identity]));
            }
            var files = route.Inputs.Where(i => i.Source == InputSource.File).ToList();
            if (files.Count == 0)
            {
                body = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
            }
            else
            {
                var form = new MultipartFormDataContent();
                foreach (var (name, value) in fields)
                {
                    form.Add(new StringContent(value), name);
                }
                foreach (var file in files)
                {
                    var (_, fileName, content) = route.Pattern.Contains("framework", StringComparison.Ordinal)
                        ? Corpus.Pick(random, Corpus.HostileFrameworks().ToList())
                        : Corpus.Pick(random, Corpus.HostileCsv().ToList());
                    var part = new ByteArrayContent(content);
                    part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    form.Add(part, file.Name, fileName);
                }
                body = form;
            }
            described = " with " + string.Join(", ", fields.Where(f => f.Item1 != "__RequestVerificationToken").Select(f => $"{f.Item1}={Shorten(f.Item2)}"))
                + (fields.Any(f => f.Item1 == "__RequestVerificationToken") ? "" : " (no anti-forgery token)");
        }
        return new FuzzRequest(route, identity, new HttpMethod(route.Method), url, body, $"{identity} {route.Method} {Shorten(url, 300)}{described}", MustBeRefused: false);
    }

    private async Task<FuzzResult> SendAsync(FuzzRequest request, IReadOnlyList<string> written)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            using var message = new HttpRequestMessage(request.Method, request.Url) { Content = request.Body };
            using var response = await _clients[request.Identity].SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[81_920];
            long length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0 && length < 50_000_000)
            {
                length += read;
            }
            return new FuzzResult(request, (int)response.StatusCode, length, clock.Elapsed, written);
        }
        catch (OperationCanceledException)
        {
            return new FuzzResult(request, 0, 0, clock.Elapsed, written);
        }
    }

    private static string Shorten(string text, int max = 60)
    {
        var visible = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            visible.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c);
        }
        return text.Length > max ? visible + $"…({text.Length:N0} chars)" : visible.ToString();
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is not), so a seed repeats a run.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)hash;
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)(?::[^}?]*)?\??\}")]
    private static partial Regex RouteParameter();
}

/// <summary>Samples the process's working set while the suite runs: the growth above the start is the figure that counts.</summary>
public sealed class MemoryWatch : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public MemoryWatch()
    {
        GC.Collect();
        Baseline = Current();
        _peak = Baseline;
        _timer = new Timer(_ => Sample(), null, 0, 100);
    }

    public long Baseline { get; }

    public long Growth
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak) - Baseline;
        }
    }

    private void Sample()
    {
        var now = Current();
        long peak;
        while (now > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }

    private static long Current()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public void Dispose() => _timer.Dispose();
}
