using Observatory.Testing;
using Xunit.Abstractions;

namespace Observatory.Fuzz.Tests;

/// <summary>
/// The fuzz suite runs as two queues side by side: the HTTP fuzzing, one database at a time, since each run measures
/// how much the whole test process grows (<see cref="HttpFuzzTests"/>); and the command-line fuzzing and kill -9 trials, one at a
/// time, which run the command line in child processes and measure those (<see cref="ChildProcessCollection"/>).
/// What the second queue does in this process — counting rows, writing a file — is megabytes beside the gigabyte
/// the HTTP runs are held to, and the two queues spend much of their time waiting on each other's processes.
/// </summary>
[CollectionDefinition(nameof(ChildProcessCollection))]
public sealed class ChildProcessCollection;

/// <summary>
/// The fuzz suite over HTTP, on each database: every route of the app with generated values as three people, and every
/// hostile upload (docs/input-limits.md). OBSERVATORY_FUZZ_SEED repeats a run; OBSERVATORY_FUZZ_CASES asks for more
/// requests per route and person than the 2 CI sends.
/// </summary>
public sealed class HttpFuzzTests(ITestOutputHelper output)
{
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("OBSERVATORY_FUZZ_SEED"), out var seed) ? seed : 20_261_215;

    public static int CasesPerRoute => int.TryParse(Environment.GetEnvironmentVariable("OBSERVATORY_FUZZ_CASES"), out var cases) && cases > 0 ? cases : 2;

    [Fact]
    public async Task No_request_takes_the_server_down_or_writes_when_refused_on_sqlite()
    {
        await using var app = new ObservatoryAppFactory();
        await new HttpFuzzer(app, output, Seed).RunAsync(CasesPerRoute);
    }

    [PostgresFact]
    public async Task No_request_takes_the_server_down_or_writes_when_refused_on_postgresql()
    {
        await using var app = new ObservatoryAppFactory(await TestDatabase.CreatePostgresAsync());
        await new HttpFuzzer(app, output, Seed).RunAsync(CasesPerRoute);
    }
}
