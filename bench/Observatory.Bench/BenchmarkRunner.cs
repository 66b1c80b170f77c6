using System.Diagnostics;

namespace Observatory.Bench;

/// <summary>One benchmark: a name, what it compares, and a run that prints its figures.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(BenchmarkOptions options, TextWriter output);
}

public sealed record BenchmarkOptions(string WorkFolder, IReadOnlyDictionary<string, string> Settings)
{
    public string? Get(string key) => Settings.GetValueOrDefault(key);
}

public static class BenchmarkRunner
{
    /// <summary>Every benchmark, in the order 'all' runs them.</summary>
    public static readonly IReadOnlyList<IBenchmark> Benchmarks =
    [
        new CatalogueLoadBenchmark(),
        new ImportBenchmark(),
        new PortraitBenchmark(),
        new EvidenceSearchBenchmark(),
        new AssessmentBenchmarksBenchmark(),
        new ServingBenchmark(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("Usage: observatory-bench <benchmark|all> [key=value | --key value ...]");
            foreach (var b in Benchmarks)
            {
                Console.WriteLine($"  {b.Name,-24} {b.Description}");
            }
            return 0;
        }
        var settings = ParseSettings(args.Skip(1).ToList());
        var work = settings.GetValueOrDefault("work") ?? Path.Combine(Path.GetTempPath(), "observatory-bench");
        Directory.CreateDirectory(work);
        var chosen = args[0] == "all" ? Benchmarks : Benchmarks.Where(b => b.Name == args[0]).ToList();
        if (chosen.Count == 0)
        {
            Console.Error.WriteLine($"error: no benchmark '{args[0]}'");
            return 2;
        }
        foreach (var benchmark in chosen)
        {
            Console.WriteLine($"## {benchmark.Name}");
            var clock = Stopwatch.StartNew();
            await benchmark.RunAsync(new BenchmarkOptions(work, settings), Console.Out);
            Console.WriteLine($"(finished in {clock.Elapsed.TotalSeconds:0.0} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576} MiB)");
        }
        return 0;
    }

    /// <summary>Settings as <c>key=value</c>, <c>--key value</c> or <c>--key=value</c>; a later one wins.</summary>
    public static Dictionary<string, string> ParseSettings(IReadOnlyList<string> args)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var named = arg.StartsWith("--", StringComparison.Ordinal);
            var pair = (named ? arg[2..] : arg).Split('=', 2);
            if (pair.Length == 2)
            {
                settings[pair[0]] = pair[1];
            }
            else if (named && i + 1 < args.Count)
            {
                settings[pair[0]] = args[++i];
            }
        }
        return settings;
    }

    /// <summary>Median of several timed runs, in seconds.</summary>
    public static double MedianSeconds(int runs, Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
