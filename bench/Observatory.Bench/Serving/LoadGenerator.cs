using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Observatory.Bench.Serving;

/// <summary>What one load run measured of one URL (or of a set of URLs taken in turn).</summary>
internal sealed record LoadResult(string Label, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors)
{
    /// <summary>Answers that were not a success plus requests that failed or timed out.</summary>
    public long Errors => Non2xx + SocketErrors;
}

/// <summary>
/// Puts load on a node: <c>wrk</c> when it is installed (the figures the issue quotes were wrk's), else a small .NET
/// generator with the same shape — a fixed number of connections, each sending its next request as soon as the last
/// answer is read, for a fixed time. Several paths are taken in turn (a wrk Lua script), so a cache keyed by URL cannot
/// answer them all from one entry.
/// </summary>
internal sealed partial class LoadGenerator(string? wrk, int threads, int connections, TimeSpan timeout, string workFolder)
{
    public int Connections => connections;

    /// <summary>Which tool ran, for the report.</summary>
    public string Tool => wrk is null
        ? $".NET load generator (wrk not found), {connections} connections"
        : $"wrk -t{threads} -c{connections} --latency --timeout {timeout.TotalSeconds:0}s";

    /// <summary>wrk on the PATH, or null.</summary>
    public static string? FindWrk(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given == "none" ? null : given;
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "wrk");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    public Task<LoadResult> RunAsync(Uri baseAddress, string label, IReadOnlyList<string> paths, TimeSpan duration, int? connectionsOverride = null, CancellationToken cancellationToken = default) =>
        wrk is null
            ? RunDotNetAsync(baseAddress, label, paths, duration, connectionsOverride ?? connections, cancellationToken)
            : RunWrkAsync(baseAddress, label, paths, duration, connectionsOverride ?? connections, cancellationToken);

    private async Task<LoadResult> RunWrkAsync(Uri baseAddress, string label, IReadOnlyList<string> paths, TimeSpan duration, int conns, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(wrk!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            $"-t{Math.Min(threads, conns)}", $"-c{conns}", $"-d{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s", "--latency",
            "--timeout", $"{timeout.TotalSeconds:0}s",
        })
        {
            start.ArgumentList.Add(argument);
        }
        string target;
        if (paths.Count == 1)
        {
            target = new Uri(baseAddress, paths[0]).ToString();
        }
        else
        {
            var script = Path.Combine(workFolder, $"serving-{Slug(label)}.lua");
            await File.WriteAllTextAsync(script, LuaScript(paths), cancellationToken);
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
            target = baseAddress.ToString();
        }
        start.ArgumentList.Add(target);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {wrk}");
        using var tracked = AppNode.Track(process);
        // Cancelling stops wrk early (a background load); what it measured until then is not wanted.
        using var stop = cancellationToken.Register(() =>
        {
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
            }
        });
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var text = await process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {(await errors).Trim()} {text.Trim()}");
        }
        return ParseWrk(label, text);
    }

    /// <summary>Each of wrk's threads takes the paths in turn from its own starting point.</summary>
    internal static string LuaScript(IReadOnlyList<string> paths)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local paths = {");
        foreach (var path in paths)
        {
            lua.Append("  \"").Append(path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).AppendLine("\",");
        }
        lua.AppendLine("}");
        lua.AppendLine("local threads = 0");
        lua.AppendLine("function setup(thread)");
        lua.AppendLine("  thread:set(\"first\", threads * 7919)");
        lua.AppendLine("  threads = threads + 1");
        lua.AppendLine("end");
        lua.AppendLine("local i = 0");
        lua.AppendLine("function init(args) i = first or 0 end");
        lua.AppendLine("function request()");
        lua.AppendLine("  i = i + 1");
        lua.AppendLine("  return wrk.format(\"GET\", paths[(i % #paths) + 1])");
        lua.AppendLine("end");
        return lua.ToString();
    }

    internal static LoadResult ParseWrk(string label, string text)
    {
        double Percentile(string p) => WrkPercentile().Matches(text).Where(m => m.Groups[1].Value == p).Select(m => Milliseconds(m.Groups[2].Value)).FirstOrDefault(double.NaN);
        var rps = RequestsPerSecond().Match(text) is { Success: true } r ? double.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        var requests = TotalRequests().Match(text) is { Success: true } t ? long.Parse(t.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(text) is { Success: true } s
            ? Enumerable.Range(1, 4).Sum(g => long.Parse(s.Groups[g].Value, CultureInfo.InvariantCulture))
            : 0;
        var non2xx = Non2xx().Match(text) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        // With no answer within the run wrk prints zeros for its percentiles: there is no latency to report.
        return requests == 0
            ? new LoadResult(label, rps, double.NaN, double.NaN, 0, non2xx, socket)
            : new LoadResult(label, rps, Percentile("50"), Percentile("99"), requests, non2xx, socket);
    }

    /// <summary>wrk's times: 850.00us, 18.90ms, 2.30s, 1.02m.</summary>
    internal static double Milliseconds(string value)
    {
        var m = WrkTime().Match(value);
        if (!m.Success)
        {
            return double.NaN;
        }
        var number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            "h" => number * 3_600_000,
            _ => double.NaN,
        };
    }

    private async Task<LoadResult> RunDotNetAsync(Uri baseAddress, string label, IReadOnlyList<string> paths, TimeSpan duration, int conns, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = conns, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        var next = -1L;
        long non2xx = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var deadline = duration;
        var workers = Enumerable.Range(0, conns).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            while (clock.Elapsed < deadline && !cancellationToken.IsCancellationRequested)
            {
                var path = paths[(int)(Interlocked.Increment(ref next) % paths.Count)];
                var started = clock.Elapsed;
                try
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                    if ((int)response.StatusCode is < 200 or > 399)
                    {
                        Interlocked.Increment(ref non2xx);
                    }
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            return latencies;
        }, cancellationToken)).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).Order().ToArray();
        var seconds = clock.Elapsed.TotalSeconds;
        double At(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new LoadResult(label, all.Length / seconds, At(0.50), At(0.99), all.Length, non2xx, failed);
    }

    private static string Slug(string label) => NotSlug().Replace(label.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex(@"^\s*(50|75|90|99)%\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex WrkPercentile();

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex TotalRequests();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"^([0-9.]+)(us|ms|s|m|h)$")]
    private static partial Regex WrkTime();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
