using System.Net;
using System.Net.Sockets;
using System.Text;
using Observatory.Bench;
using Observatory.Bench.Serving;

namespace Observatory.Bench.Tests;

/// <summary>The serving benchmark reads its figures right: wrk's report, its own load generator, durations and targets.</summary>
public sealed class ServingBenchmarkTests
{
    private const string WrkReport = """
        Running 20s test @ http://127.0.0.1:40755/areas/E08000010
          2 threads and 32 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     2.31s   412.10ms   4.68s    71.23%
            Req/Sec     9.12      5.20    30.00     64.00%
          Latency Distribution
             50%    2.30s
             75%    2.55s
             90%    3.02s
             99%    4.68s
          308 requests in 20.02s, 80.12MB read
          Socket errors: connect 0, read 2, write 0, timeout 5
          Non-2xx or 3xx responses: 3
        Requests/sec:     15.38
        Transfer/sec:      4.00MB
        """;

    [Fact]
    public void Reads_wrks_report_with_its_units_and_counts_every_kind_of_error()
    {
        var result = LoadGenerator.ParseWrk("area|/areas/E08000010", WrkReport);

        result.RequestsPerSecond.ShouldBe(15.38);
        result.P50Ms.ShouldBe(2300);
        result.P99Ms.ShouldBe(4680);
        result.Requests.ShouldBe(308);
        result.Non2xx.ShouldBe(3);
        result.SocketErrors.ShouldBe(7);
        result.Errors.ShouldBe(10);
    }

    [Fact]
    public void A_run_in_which_nothing_was_answered_has_no_latency_rather_than_zero()
    {
        var report = WrkReport.Replace("308 requests in", "0 requests in", StringComparison.Ordinal).Replace("2.30s", "0.00us", StringComparison.Ordinal);

        var result = LoadGenerator.ParseWrk("area|/areas/E08000010", report);

        double.IsNaN(result.P50Ms).ShouldBeTrue();
        ServingBenchmark.Target(result).ShouldBe("**missed**: no answer within the run; 10 errors");
    }

    [Theory]
    [InlineData("850.00us", 0.85)]
    [InlineData("18.90ms", 18.9)]
    [InlineData("2.30s", 2300)]
    [InlineData("1.50m", 90_000)]
    public void Reads_wrks_times(string text, double milliseconds) =>
        LoadGenerator.Milliseconds(text).ShouldBe(milliseconds, 1e-9);

    [Theory]
    [InlineData("20s", 20)]
    [InlineData("10m", 600)]
    [InlineData("1m30s", 90)]
    [InlineData("45", 45)]
    [InlineData("500ms", 0.5)]
    public void Reads_durations(string text, double seconds) =>
        ServingBenchmark.ParseDuration(text).TotalSeconds.ShouldBe(seconds);

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("10x")]
    [InlineData("10m and")]
    public void Refuses_what_is_not_a_duration(string text) =>
        Should.Throw<ArgumentException>(() => ServingBenchmark.ParseDuration(text));

    [Fact]
    public void A_page_meets_the_target_only_with_both_throughput_and_latency_and_no_errors()
    {
        ServingBenchmark.Target(new LoadResult("x", 1600, 5, 20, 1000, 0, 0)).ShouldBe("met");
        ServingBenchmark.Target(new LoadResult("x", 15.4, 2300, 4685, 308, 0, 0)).ShouldBe("**missed**: req/s 1% of target (97.4× short); p99 187.4× the limit (+4.66 s)");
        ServingBenchmark.Target(new LoadResult("x", 2000, 5, 30, 1000, 0, 0)).ShouldContain("p99 1.2× the limit");
        ServingBenchmark.Target(new LoadResult("x", 2000, 5, 20, 1000, 1, 0)).ShouldBe("**missed**: 1 errors");
    }

    [Fact]
    public void PostgreSQL_is_compared_with_SQLite_page_by_page_within_a_fifth()
    {
        var output = new StringWriter();

        ServingBenchmark.WriteComparison(
            [new LoadResult("home|/", 1000, 5, 20, 1, 0, 0), new LoadResult("area|/areas/E08000010", 1000, 5, 20, 1, 0, 0), new LoadResult("cold|/areas/{council}", 0, double.NaN, double.NaN, 0, 0, 0)],
            [new LoadResult("home|/", 1190, 5, 20, 1, 0, 0), new LoadResult("area|/areas/E08000010", 700, 5, 20, 1, 0, 0), new LoadResult("cold|/areas/{council}", 0, double.NaN, double.NaN, 0, 0, 0)],
            output);

        var lines = output.ToString().Split('\n');
        lines.ShouldContain(l => l.StartsWith("| home | 1,000.0 | 1,190.0 | 1.19 | yes |", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("| area | 1,000.0 | 700.0 | 0.70 | **no** |", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("| cold | 0.0 | 0.0 | – | **no** |", StringComparison.Ordinal));
    }

    [Fact]
    public void The_lua_script_takes_every_path_in_turn_from_a_different_start_in_each_thread()
    {
        var script = LoadGenerator.LuaScript(["/areas/E06000001", "/evidence?q=\"digital\""]);

        script.ShouldContain("\"/areas/E06000001\",");
        script.ShouldContain("\"/evidence?q=\\\"digital\\\"\",");
        script.ShouldContain("thread:set(\"first\"");
        script.ShouldContain("paths[(i % #paths) + 1]");
    }

    [Fact]
    public void The_routes_are_the_twelve_of_the_issue_each_once()
    {
        ServingBenchmark.Routes.Count.ShouldBe(12);
        ServingBenchmark.Routes.Select(r => r.Path).Distinct().Count().ShouldBe(12);
        ServingBenchmark.Routes.ShouldAllBe(r => r.Path.StartsWith('/'));
    }

    [Fact]
    public async Task Without_wrk_the_dotnet_generator_loads_a_server_and_counts_its_failures()
    {
        // A tiny loopback server: /ok answers 200, /bad answers 500.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var served = 0;
        var server = Task.Run(async () =>
        {
            var clients = new List<Task>();
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    break;
                }
                clients.Add(Task.Run(async () =>
                {
                    using var c = client;
                    var stream = c.GetStream();
                    var reader = new StreamReader(stream, Encoding.ASCII);
                    while (await reader.ReadLineAsync() is { } line)
                    {
                        var path = line.Split(' ')[1];
                        while (await reader.ReadLineAsync() is { Length: > 0 })
                        {
                        }
                        Interlocked.Increment(ref served);
                        var status = path == "/bad" ? "500 Internal Server Error" : "200 OK";
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 2\r\n\r\nok"));
                    }
                }));
            }
            await Task.WhenAll(clients);
        });
        var generator = new LoadGenerator(wrk: null, threads: 2, connections: 4, TimeSpan.FromSeconds(5), Path.GetTempPath());

        var result = await generator.RunAsync(new Uri($"http://127.0.0.1:{port}"), "mixed", ["/ok", "/bad"], TimeSpan.FromSeconds(2));
        listener.Stop();
        await stop.CancelAsync();

        generator.Tool.ShouldStartWith(".NET load generator");
        result.Requests.ShouldBeGreaterThan(10);
        result.Requests.ShouldBeLessThanOrEqualTo(Volatile.Read(ref served));
        // Every other request went to /bad (give or take the last one on each connection).
        result.Non2xx.ShouldBeInRange(result.Requests / 2 - 4, result.Requests / 2 + 4);
        await server;
        result.SocketErrors.ShouldBe(0);
        result.P50Ms.ShouldBeGreaterThan(0);
        result.P99Ms.ShouldBeGreaterThanOrEqualTo(result.P50Ms);
    }
}
