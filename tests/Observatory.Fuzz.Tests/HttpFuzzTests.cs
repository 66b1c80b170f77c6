using Observatory.Testing;
using Xunit.Abstractions;

// One suite at a time: each measures the memory of the whole process, and CI's cores are few.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Observatory.Fuzz.Tests;

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
