using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Observatory.Bench.Serving;
using Observatory.Content;
using Observatory.Places;

namespace Observatory.Bench;

/// <summary>
/// The pages people open, measured against a static file (issue 20): the web app is published in Release and started in
/// Production on a loopback port over a fresh database (SQLite, and PostgreSQL when <c>OBSERVATORY_BENCH_POSTGRES</c>
/// is set), each URL is warmed and then loaded alone with wrk (or a .NET generator), the area page also cycling through
/// every council. Then: how soon after a whole indicator is imported through a node's Import page the area page shows
/// it, on that node and (PostgreSQL) on a second node over the same database; and a soak of the routes mixed with the
/// node's memory sampled. Every node the stage starts is stopped, and every database it made removed, however it ends.
/// </summary>
public sealed class ServingBenchmark : IBenchmark
{
    private const double TargetRequestsPerSecond = 1500;
    private const double TargetP99Ms = 25;
    private const string Indicator = "claimant-count";
    private const string Area = "E08000010";
    private const string AdminEmail = "serving-bench@observatory.example";
    private const string AdminPassword = "correct horse battery staple 20";

    /// <summary>The 12 most-visited pages and API routes of issue 20, after the static file that is the ceiling.</summary>
    internal static readonly IReadOnlyList<(string Name, string Path)> Routes =
    [
        ("home", "/"),
        ("area", $"/areas/{Area}"),
        ("area portrait", $"/areas/{Area}/portrait"),
        ("indicator (two councils' trend)", $"/indicators/{Indicator}?areas={Area},E08000006"),
        ("indicator map (councils' map, latest period)", $"/indicators/{Indicator}"),
        ("portraits list (every council)", "/portraits/uk-council"),
        ("evidence search", "/evidence?q=digital"),
        ("evidence map", "/evidence/map"),
        ("gap map", "/evidence/gaps"),
        ("comparison", $"/compare?council={Area}&council=E08000006&council=E08000035"),
        ("similar councils", $"/areas/{Area}/similar"),
        ("API: indicator data", $"/api/indicators/{Indicator}/data?area={Area}"),
    ];

    internal const string StaticPath = "/css/observatory.css";

    public string Name => "serving";

    public string Description => "Pages against a static file over HTTP (wrk), in Production on SQLite and PostgreSQL: req/s, p50/p99, errors, ratio to the static file; "
        + "freshness after an import, a second node, a soak with memory (--duration 20s --connections 32 --soak 10m --database sqlite|postgres|both).";

    public async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var duration = ParseDuration(options.Get("duration") ?? "20s");
        var soak = ParseDuration(options.Get("soak") ?? "10m");
        var connections = int.Parse(options.Get("connections") ?? "32", CultureInfo.InvariantCulture);
        var threads = int.Parse(options.Get("threads") ?? "2", CultureInfo.InvariantCulture);
        var postgres = options.Get("postgres") ?? Environment.GetEnvironmentVariable(ImportBenchmark.PostgresVariable);
        var database = options.Get("database") ?? (postgres is null ? "sqlite" : "both");
        string[] kinds = database switch
        {
            "sqlite" => ["sqlite"],
            "postgres" => ["postgres"],
            "both" => ["sqlite", "postgres"],
            _ => throw new ArgumentException($"--database is sqlite, postgres or both, not '{database}'"),
        };
        if (kinds.Contains("postgres") && postgres is null)
        {
            output.WriteLine($"PostgreSQL skipped: {ImportBenchmark.PostgresVariable} is not set");
            kinds = [.. kinds.Where(k => k != "postgres")];
        }
        var work = options.WorkFolder;
        var load = new LoadGenerator(LoadGenerator.FindWrk(options.Get("wrk")), threads, connections, TimeSpan.FromSeconds(10), work);
        void Log(string message)
        {
            output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
            output.Flush();
        }

        output.WriteLine($"load average at start: {LoadAverage()}; {Environment.ProcessorCount} cores; load: {load.Tool}; {duration.TotalSeconds:0} s per URL; soak {soak.TotalSeconds:0} s; databases: {string.Join(", ", kinds)}");
        var app = Path.Combine(work, "serving-web");
        if (options.Get("publish") != "false" || !File.Exists(Path.Combine(app, "Observatory.Web.dll")))
        {
            Log($"publishing src/Observatory.Web (Release) to {app}");
            await PublishAsync(app);
        }
        var councils = PlaceRegistry.LoadShipped(DataFolder.Locate()).Councils.Select(c => $"/areas/{c.Code}").ToList();
        var measured = new Dictionary<string, IReadOnlyList<LoadResult>>();
        foreach (var kind in kinds)
        {
            output.WriteLine();
            output.WriteLine($"### {(kind == "sqlite" ? "SQLite" : "PostgreSQL")}");
            measured[kind] = await RunOnDatabaseAsync(kind, postgres, app, work, load, duration, soak, councils, output, Log);
        }
        if (measured.TryGetValue("sqlite", out var sqlite) && measured.TryGetValue("postgres", out var postgresResults))
        {
            output.WriteLine();
            WriteComparison(sqlite, postgresResults, output);
        }
        output.WriteLine($"load average at end: {LoadAverage()}");
    }

    private static async Task<IReadOnlyList<LoadResult>> RunOnDatabaseAsync(string kind, string? postgresAdmin, string app, string work, LoadGenerator load, TimeSpan duration, TimeSpan soak,
        IReadOnlyList<string> councils, TextWriter output, Action<string> log)
    {
        var name = $"observatory_serving_{Environment.ProcessId}";
        string connection;
        if (kind == "sqlite")
        {
            connection = Path.Combine(work, name + ".db");
            BenchDatabase.DeleteSqlite(connection);
        }
        else
        {
            await BenchDatabase.ExecuteAsync(postgresAdmin!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await BenchDatabase.ExecuteAsync(postgresAdmin!, $"CREATE DATABASE \"{name}\"");
            connection = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name }.ConnectionString;
        }
        output.WriteLine($"database: {(kind == "sqlite" ? connection : name)} (removed at the end, and if the run is interrupted)");
        using var interrupted = AppNode.OnInterrupt(() =>
        {
            if (kind == "sqlite")
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                BenchDatabase.DeleteSqlite(connection);
            }
            else
            {
                NpgsqlConnection.ClearAllPools();
                BenchDatabase.ExecuteAsync(postgresAdmin!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            }
        });
        AppNode? first = null;
        AppNode? second = null;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        HttpClient? client = null;
        try
        {
            log($"starting node A (migrates and loads the shipped data into a fresh {(kind == "sqlite" ? "SQLite file" : "PostgreSQL database")})");
            var clock = Stopwatch.StartNew();
            first = AppNode.Start($"{kind}-a", app, connection, migrate: true, work);
            await first.WaitUntilHealthyAsync(probe, TimeSpan.FromMinutes(10));
            log($"node A healthy on port {first.Port} after {clock.Elapsed.TotalSeconds:0.0} s; {Memory(first)}");
            client = new HttpClient { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

            // 1. Each URL alone, after warming it: the first answer's time says what a cold start costs.
            var results = new List<LoadResult>();
            foreach (var (label, path) in new[] { ("static file (the ceiling)", StaticPath) }.Concat(Routes))
            {
                var warm = await WarmAsync(client, path);
                log($"{label}: {path} — first answer {warm.First:0} ms, status {warm.Status}; {load.Tool} for {duration.TotalSeconds:0} s");
                var result = await load.RunAsync(first.BaseAddress, $"{label}|{path}", [path], duration);
                results.Add(result);
                await DrainAsync(probe, first);
                log($"  {result.RequestsPerSecond:0.0} req/s, p50 {Time(result.P50Ms)}, p99 {Time(result.P99Ms)}, errors {result.Errors}");
            }
            log($"area page, cold: {councils.Count} councils' area pages in turn");
            var cold = await load.RunAsync(first.BaseAddress, $"area, cold ({councils.Count} councils in turn)|/areas/{{council}}", councils, duration);
            results.Add(cold);
            await DrainAsync(probe, first);
            log($"  {cold.RequestsPerSecond:0.0} req/s, p50 {Time(cold.P50Ms)}, p99 {Time(cold.P99Ms)}, errors {cold.Errors}");
            output.WriteLine();
            WriteTable(results, load, output);

            // 2. and 3. Freshness after an import through a node's Import page, under load; with PostgreSQL on a second node too.
            await SiteClient.CreateAdministratorAsync(connection, AdminEmail, AdminPassword);
            if (kind == "postgres")
            {
                log("starting node B over the same database");
                second = AppNode.Start($"{kind}-b", app, connection, migrate: false, work);
                await second.WaitUntilHealthyAsync(probe, TimeSpan.FromMinutes(5));
                await WarmAsync(client, new Uri(second.BaseAddress, $"/areas/{Area}").ToString());
            }
            output.WriteLine();
            output.WriteLine($"Freshness: a new year of {Indicator} for every area ({Area}'s value a marker), imported through the Import page; the area page polled every 50 ms from the import's answer:");
            output.WriteLine();
            output.WriteLine("| Write | Under load | Import took | Node watched | First request showing it sent after | …answered after | Polls | Stale after shown | Poll p50 |");
            output.WriteLine("|---|---|---:|---|---:|---:|---:|---:|---:|");
            // Each import adds the year after the latest the node serves, so each is a new year with its own marker.
            var writes = new List<(AppNode Writer, double Value, bool Loaded)> { (first, 77.7, true) };
            if (second is not null)
            {
                writes.Add((first, 66.6, false));
                writes.Add((second, 55.5, false));
            }
            foreach (var (writer, value, loaded) in writes)
            {
                await FreshnessAsync(client, writer, [first, .. second is null ? Array.Empty<AppNode>() : [second]], value, loaded, load, work, output, log);
            }

            // The soak: the 12 routes mixed, memory sampled.
            output.WriteLine();
            log($"soak: the {Routes.Count} routes in turn for {soak.TotalSeconds:0} s on node A");
            await SoakAsync(first, load, soak, output, log);
            return results;
        }
        finally
        {
            client?.Dispose();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
            if (first is not null)
            {
                await first.DisposeAsync();
            }
            if (kind == "sqlite")
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                BenchDatabase.DeleteSqlite(connection);
            }
            else
            {
                NpgsqlConnection.ClearAllPools();
                await BenchDatabase.ExecuteAsync(postgresAdmin!, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }
    }

    private static async Task FreshnessAsync(HttpClient client, AppNode writer, IReadOnlyList<AppNode> nodes, double value, bool loaded,
        LoadGenerator load, string work, TextWriter output, Action<string> log)
    {
        var marker = value.ToString("0.0", CultureInfo.InvariantCulture) + "%";
        var areaPath = $"/areas/{Area}";
        foreach (var node in nodes)
        {
            var before = await client.GetStringAsync(new Uri(node.BaseAddress, areaPath));
            if (before.Contains(marker, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{node.Name}'s area page already shows {marker} before the import");
            }
        }
        var (csv, period) = await SiteClient.WriteNewYearAsync(client, Indicator, Area, value, Path.Combine(work, $"serving-{Indicator}-{value:0}.csv"));
        using var site = await SiteClient.SignInAsync(writer.BaseAddress, AdminEmail, AdminPassword);
        using var background = new CancellationTokenSource();
        Task<LoadResult>? pressure = null;
        if (loaded)
        {
            // A steady load on the node meanwhile: the routes mixed, a quarter of the benchmark's connections.
            pressure = load.RunAsync(writer.BaseAddress, "freshness-background", [.. Routes.Select(r => r.Path)], TimeSpan.FromMinutes(5),
                Math.Max(2, load.Connections / 4), background.Token);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        log($"importing {Path.GetFileName(csv)} (period {period}) through {writer.Name}'s Import page{(loaded ? " under load" : "")}");
        var took = await site.ImportAsync(csv, "Serving benchmark");
        var watches = nodes.Select(n => SiteClient.WatchAsync(client, n.Name, new Uri(n.BaseAddress, areaPath), marker, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2))).ToList();
        var seen = await Task.WhenAll(watches);
        await background.CancelAsync();
        if (pressure is not null)
        {
            try
            {
                await pressure;
            }
            catch (OperationCanceledException)
            {
            }
        }
        foreach (var f in seen)
        {
            var sent = f.FirstShownSentSeconds is { } t ? $"{t * 1000:0} ms" : "not within 60 s";
            var shown = f.FirstShownSeconds is { } s ? $"{s * 1000:0} ms" : "not within 60 s";
            output.WriteLine($"| through {writer.Name} | {(loaded ? "yes" : "no")} | {took:0.00} s | {f.Node} | {sent} | {shown} | {f.Polls} | {f.StaleAfterShown} | {Time(f.PollP50Ms)} |");
            log($"  {f.Node}: shown by a request sent after {sent}, answered after {shown} ({f.Polls} polls, {f.StaleAfterShown} stale after)");
        }
    }

    private static async Task SoakAsync(AppNode node, LoadGenerator load, TimeSpan soak, TextWriter output, Action<string> log)
    {
        var samples = new List<(double Seconds, double Rss, double Peak)>();
        var clock = Stopwatch.StartNew();
        var run = load.RunAsync(node.BaseAddress, "soak", [.. Routes.Select(r => r.Path)], soak);
        var every = TimeSpan.FromSeconds(Math.Clamp(soak.TotalSeconds / 60, 2, 15));
        while (!run.IsCompleted)
        {
            if (node.Memory() is { } m)
            {
                samples.Add((clock.Elapsed.TotalSeconds, m.Rss, m.Peak));
            }
            await Task.WhenAny(run, Task.Delay(every));
        }
        var result = await run;
        if (node.Memory() is { } end)
        {
            samples.Add((clock.Elapsed.TotalSeconds, end.Rss, end.Peak));
        }
        var firstMinute = samples.Where(s => s.Seconds <= Math.Min(60, soak.TotalSeconds / 4)).Select(s => s.Rss).DefaultIfEmpty(double.NaN).Max();
        output.WriteLine($"Soak: {Routes.Count} routes in turn, {soak.TotalSeconds:0} s, {load.Tool}:");
        output.WriteLine();
        output.WriteLine("| Requests | req/s | p50 | p99 | Errors | Working set at start | highest in first quarter | highest | at end | Peak (VmHWM) | Node alive |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var rss = samples.Select(s => s.Rss).DefaultIfEmpty(double.NaN).ToList();
        output.WriteLine($"| {result.Requests:N0} | {result.RequestsPerSecond:N1} | {Time(result.P50Ms)} | {Time(result.P99Ms)} | {result.Errors:N0} ({result.Non2xx} non-2xx, {result.SocketErrors} socket) " +
            $"| {rss[0]:N0} MiB | {firstMinute:N0} MiB | {rss.Max():N0} MiB | {rss[^1]:N0} MiB | {samples.Select(s => s.Peak).DefaultIfEmpty(double.NaN).Max():N0} MiB | {(node.HasExited ? "no" : "yes")} |");
        log($"soak done: {result.RequestsPerSecond:0.0} req/s, p99 {Time(result.P99Ms)}, {result.Errors} errors; working set {rss[0]:0} → {rss[^1]:0} MiB ({samples.Count} samples)");
    }

    internal static void WriteTable(IReadOnlyList<LoadResult> results, LoadGenerator load, TextWriter output)
    {
        var ceiling = results[0].RequestsPerSecond;
        output.WriteLine($"Each URL alone, {load.Tool}, after warming; errors are non-2xx/3xx answers plus socket errors and timeouts.");
        output.WriteLine();
        output.WriteLine($"| Page | URL | req/s | p50 | p99 | Errors | ÷ static | Target (≥ {TargetRequestsPerSecond:N0} req/s, p99 ≤ {TargetP99Ms:0} ms) |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var parts = r.Label.Split('|', 2);
            output.WriteLine($"| {parts[0]} | `{parts[1]}` | {r.RequestsPerSecond:N1} | {Time(r.P50Ms)} | {Time(r.P99Ms)} | {r.Errors:N0} | {r.RequestsPerSecond / ceiling * 100:0.0}% | {(i == 0 ? "(the ceiling)" : Target(r))} |");
        }
    }

    /// <summary>The issue's second target: each URL on PostgreSQL within ±20% of its req/s on SQLite.</summary>
    internal static void WriteComparison(IReadOnlyList<LoadResult> sqlite, IReadOnlyList<LoadResult> postgres, TextWriter output)
    {
        output.WriteLine("PostgreSQL against SQLite (target: req/s within ±20%):");
        output.WriteLine();
        output.WriteLine("| Page | SQLite req/s | PostgreSQL req/s | PostgreSQL ÷ SQLite | Within ±20% |");
        output.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (s, p) in sqlite.Zip(postgres))
        {
            var ratio = p.RequestsPerSecond / s.RequestsPerSecond;
            var within = double.IsFinite(ratio) && Math.Abs(ratio - 1) <= 0.2;
            output.WriteLine($"| {s.Label.Split('|')[0]} | {s.RequestsPerSecond:N1} | {p.RequestsPerSecond:N1} | {(double.IsFinite(ratio) ? $"{ratio:0.00}" : "–")} | {(within ? "yes" : "**no**")} |");
        }
    }

    /// <summary>"met", or by how much each part is missed.</summary>
    internal static string Target(LoadResult r)
    {
        var missed = new List<string>();
        if (r.Requests == 0)
        {
            missed.Add("no answer within the run");
        }
        else if (!(r.RequestsPerSecond >= TargetRequestsPerSecond))
        {
            missed.Add($"req/s {r.RequestsPerSecond / TargetRequestsPerSecond * 100:0}% of target ({TargetRequestsPerSecond / r.RequestsPerSecond:0.#}× short)");
        }
        if (r.Requests > 0 && !(r.P99Ms <= TargetP99Ms))
        {
            missed.Add($"p99 {r.P99Ms / TargetP99Ms:0.#}× the limit (+{Time(r.P99Ms - TargetP99Ms)})");
        }
        if (r.Errors > 0)
        {
            missed.Add($"{r.Errors:N0} errors");
        }
        return missed.Count == 0 ? "met" : "**missed**: " + string.Join("; ", missed);
    }

    internal static string Time(double ms) => double.IsNaN(ms) ? "–" : ms >= 1000 ? $"{ms / 1000:0.00} s" : ms >= 10 ? $"{ms:0.0} ms" : $"{ms:0.00} ms";

    /// <summary>20s, 10m, 1h, 1m30s or a number of seconds.</summary>
    internal static TimeSpan ParseDuration(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            return TimeSpan.FromSeconds(plain);
        }
        var total = TimeSpan.Zero;
        var matches = System.Text.RegularExpressions.Regex.Matches(text, @"(\d+(?:\.\d+)?)(ms|s|m|h)");
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            throw new ArgumentException($"'{text}' is not a duration (e.g. 20s, 10m, 1m30s)");
        }
        foreach (System.Text.RegularExpressions.Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }
        return total;
    }

    /// <summary>
    /// Waits until the node has finished the requests a load run left in flight (wrk stops counting at the end of its
    /// time, the server does not): /health answers within 100 ms, or a minute has passed.
    /// </summary>
    private static async Task DrainAsync(HttpClient probe, AppNode node)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            var asked = Stopwatch.StartNew();
            try
            {
                using var response = await probe.GetAsync(new Uri(node.BaseAddress, "/health"));
                if (response.IsSuccessStatusCode && asked.ElapsedMilliseconds < 100)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
    }

    private static async Task<(double First, int Status)> WarmAsync(HttpClient client, string url)
    {
        var status = 0;
        double first = 0;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            status = (int)response.StatusCode;
            if (i == 0)
            {
                first = clock.Elapsed.TotalMilliseconds;
            }
        }
        if (status != 200)
        {
            throw new InvalidOperationException($"{url} answered {status} when warmed, not 200");
        }
        return (first, status);
    }

    private static async Task PublishAsync(string folder)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Observatory.Web");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-o", folder, "--nologo", "-v", "q" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet publish");
        var errors = process.StandardError.ReadToEndAsync();
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}): {text.Trim()} {(await errors).Trim()}");
        }
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Observatory.slnx")))
                {
                    return folder.FullName;
                }
            }
        }
        throw new InvalidOperationException("the repository (Observatory.slnx) was not found above the working folder");
    }

    private static string Memory(AppNode node) => node.Memory() is { } m ? $"working set {m.Rss:0} MiB" : "working set unknown";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
