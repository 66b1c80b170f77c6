using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Portraits;
using Observatory.Portraits.Engine;
using Observatory.Similarity;

namespace Observatory.Bench;

/// <summary>
/// Doughnut portraits and similar areas at small-area scale, against the tools an analyst would reach for, in the
/// same run: (1) <see cref="PortraitEngine.Compute"/> for every area and period of the import benchmark's
/// generated national set (45,000 areas × 50 indicators × 20 periods, divided by <c>scale</c>) under a synthetic
/// 12 + 9 dimension definition, against pandas/numpy (python3) and DuckDB (Node.js), each timed over the
/// computation alone after loading the same file; (2) all-pairs k = 20 nearest neighbours over 30 standardised
/// indicators with one call of <see cref="NeighbourEngine.Nearest(double[][], ReadOnlySpan{double}, IReadOnlyList{int}, int, ReadOnlySpan{bool})"/>
/// for every area, against scikit-learn's brute force. Every peer's results
/// are checked against the engine's, and the run fails if they differ.
/// </summary>
public sealed class PortraitBenchmark : IBenchmark
{
    private const int NationalAreas = 45_000;
    private const int Indicators = 50;
    private const int Periods = 20;
    private const int NeighbourIndicators = 30;
    private const int K = 20;

    /// <summary>Indicators per dimension: 12 social dimensions (26 indicators), then 9 ecological ones (24).</summary>
    private static readonly int[] SocialSizes = [3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2];
    private static readonly int[] EcologicalSizes = [3, 3, 3, 3, 3, 3, 2, 2, 2];

    private static readonly string[] SocialNames =
        ["food", "health", "education", "income-work", "peace-justice", "political-voice", "social-equity", "gender-equality", "housing", "networks", "energy", "water"];

    private static readonly string[] EcologicalNames =
        ["climate-change", "ocean-acidification", "chemical-pollution", "nitrogen-phosphorus", "freshwater", "land-conversion", "biodiversity", "air-pollution", "ozone"];

    public string Name => "portraits";

    public string Description => "Portraits for every area × period (45,000 × 50 × 20, --scale N divides the areas) and all-pairs k=20 neighbours; peers: pandas, DuckDB, scikit-learn.";

    private sealed record Measurement(string What, string Size, double Seconds, double Cpu, long? PeakBytes, string? Ratio = null, string? Target = null);

    public async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var scale = int.Parse(options.Get("scale") ?? "1", CultureInfo.InvariantCulture);
        var python = options.Get("python") ?? "/usr/bin/python3";
        var node = options.Get("node") ?? "node";
        var peers = options.Get("peers") ?? Peers.Folder();
        // "--repeat N" times the engine's portraits N more times and stops there: for working on the engine, not a result.
        var repeat = int.Parse(options.Get("repeat") ?? "0", CultureInfo.InvariantCulture);
        void Log(string message)
        {
            output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
            output.Flush();
        }
        var dataset = new SmallAreaDataset(Math.Max(1, NationalAreas / scale), Indicators, Periods);
        var areas = dataset.Areas;
        output.WriteLine($"scale: 1/{scale}; {areas:N0} areas × {Indicators} indicators × {Periods} periods = {dataset.Rows:N0} values; work folder: {options.WorkFolder}; peers: {peers}");
        var results = new List<Measurement>();

        Log("generating values in memory");
        var values = dataset.Values();
        var definition = Definition();
        var stem = Path.Combine(options.WorkFolder, $"portraits-{areas}x{Indicators}x{Periods}");
        var spec = stem + ".spec.json";
        File.WriteAllText(spec, SpecJson(definition));
        var csv = stem + ".csv";
        if (!File.Exists(csv + ".done"))
        {
            Log($"writing {csv} for the peers");
            WriteCsv(csv, values, areas);
            File.WriteAllText(csv + ".done", "");
        }

        // 1. Portraits. The columns are built before the clock starts, as the peers load their file before theirs.
        Log("portraits: building PortraitColumns (not timed)");
        var places = Enumerable.Range(0, areas).Select(SmallAreaDataset.AreaCode).ToArray();
        var columns = new PortraitColumns[Periods];
        for (var p = 0; p < Periods; p++)
        {
            columns[p] = new PortraitColumns(places, Indicators);
            for (var i = 0; i < Indicators; i++)
            {
                Array.Copy(values, (((long)p * Indicators) + i) * areas, columns[p].Values[i], 0, areas);
            }
        }
        // Warm-up (not timed): the peers' numerical code is compiled ahead of time, the engine's is jitted on first use.
        PortraitEngine.Compute(definition, columns[0]);
        int[][][] Run()
        {
            var counts = new int[Periods][][];
            for (var p = 0; p < Periods; p++)
            {
                var batch = PortraitEngine.Compute(definition, columns[p]);
                counts[p] = [batch.SocialAchieved, batch.SocialWithData, batch.EcologicalTransgressed, batch.EcologicalWithData];
            }
            return counts;
        }
        // First over the columns as filled (doubles), then compacted as the product holds them (PortraitService
        // and the national data call Compact once the columns are filled): the values are published to one
        // decimal, so every column is held as whole numbers.
        Log("portraits: PortraitEngine.Compute for every period, columns held as doubles");
        int[][][] doubleCounts = [];
        var doubles = Measure(() => doubleCounts = Run());
        output.WriteLine($"engine over doubles: {doubles.Seconds:0.00} s, {doubles.Cpu:0.00} CPU s");
        Log("portraits: PortraitColumns.Compact for every period (not timed)");
        var compacting = Stopwatch.StartNew();
        foreach (var c in columns)
        {
            c.Compact();
        }
        var compacted = columns.Sum(c => Enumerable.Range(0, Indicators).Count(c.IsCompact));
        output.WriteLine($"compacted {compacted} of {Periods * Indicators} columns in {compacting.Elapsed.TotalSeconds:0.00} s; "
            + $"{columns.Sum(c => PortraitEngine.CountedOffWholeNumbers(definition, c))} of {Periods * definition.Dimensions.Count} dimensions counted off whole numbers");
        PortraitEngine.Compute(definition, columns[0]);
        Log("portraits: PortraitEngine.Compute for every period, columns compacted");
        int[][][] counts = [];
        var engine = Measure(() => counts = Run());
        for (var p = 0; p < Periods; p++)
        {
            for (var k = 0; k < 4; k++)
            {
                if (!counts[p][k].AsSpan().SequenceEqual(doubleCounts[p][k]))
                {
                    throw new InvalidOperationException($"Period {p}: the counts over compacted columns differ from those over doubles.");
                }
            }
        }
        doubleCounts = [];
        var portraitSize = $"{areas:N0} × {Periods} portraits ({dataset.Rows:N0} values)";
        output.WriteLine($"engine: {engine.Seconds:0.00} s, {engine.Cpu:0.00} CPU s; social achieved {Sum(counts, 0):N0} of {Sum(counts, 1):N0}, ecological transgressed {Sum(counts, 2):N0} of {Sum(counts, 3):N0}");
        if (repeat > 0)
        {
            for (var r = 0; r < repeat; r++)
            {
                var again = Measure(() => Run());
                output.WriteLine($"engine again: {again.Seconds:0.000} s, {again.Cpu:0.000} CPU s");
            }
            return;
        }
        // The batch works out its statuses and ratios when first read, which the peers never produce; this row
        // shows what reading them all costs on top (not a target).
        Log("portraits: PortraitEngine.Compute for every period, then every status and ratio read");
        var everything = Measure(() =>
        {
            for (var p = 0; p < Periods; p++)
            {
                var batch = PortraitEngine.Compute(definition, columns[p]);
                _ = (batch.Statuses, batch.Ratios);
            }
        });
        output.WriteLine($"engine with statuses and ratios: {everything.Seconds:0.00} s, {everything.Cpu:0.00} CPU s");
        columns = null;

        Log("portraits: pandas/numpy");
        var pandasOut = stem + ".pandas.csv";
        var pandas = await Peers.RunAsync(python, [Path.Combine(peers, "portraits_pandas.py"), spec, csv, pandasOut], output);
        Compare("pandas", counts, pandasOut, areas);
        Log("portraits: DuckDB");
        var duckOut = stem + ".duckdb.csv";
        var duck = await Peers.RunAsync(node, [Path.Combine(peers, "portraits-duckdb.mjs"), spec, csv, duckOut], output);
        Compare("DuckDB", counts, duckOut, areas);
        output.WriteLine("portraits: the engine, pandas and DuckDB agree on every area × period's counts");
        results.Add(new Measurement("Portraits: PortraitEngine.Compute, one call a period, columns compacted", portraitSize, engine.Seconds, engine.Cpu, engine.Peak));
        results.Add(new Measurement("Portraits: the same, columns held as doubles (not a target)", portraitSize, doubles.Seconds, doubles.Cpu, doubles.Peak));
        results.Add(new Measurement("Portraits: compacted, then every batch's Statuses and Ratios read (not a target)", portraitSize, everything.Seconds, everything.Cpu, everything.Peak));
        results.Add(Peer("Portraits: pandas/numpy (vectorised, after load)", portraitSize, pandas, engine, 10, "≥ 10× faster", doubles));
        results.Add(Peer("Portraits: DuckDB (one SQL query, after load)", portraitSize, duck, engine, 1, "no slower", doubles));
        counts = [];

        // 2. Neighbours: the latest period's first 30 indicators, standardised; a suppressed value is the mean (z = 0).
        Log("neighbours: standardising");
        var raw = new double[NeighbourIndicators][];
        for (var i = 0; i < NeighbourIndicators; i++)
        {
            raw[i] = new double[areas];
            Array.Copy(values, ((((long)Periods - 1) * Indicators) + i) * areas, raw[i], 0, areas);
        }
        values = null;
        var all = Enumerable.Repeat(true, areas).ToArray();
        var z = NeighbourEngine.Standardise(raw, all);
        foreach (var row in z)
        {
            for (var a = 0; a < areas; a++)
            {
                if (double.IsNaN(row[a]))
                {
                    row[a] = 0;
                }
            }
        }
        var matrix = stem + $".z{NeighbourIndicators}.f64";
        using (var file = new BinaryWriter(File.Create(matrix)))
        {
            for (var a = 0; a < areas; a++)
            {
                for (var i = 0; i < NeighbourIndicators; i++)
                {
                    file.Write(z[i][a]);
                }
            }
        }
        var weights = Enumerable.Repeat(1.0, NeighbourIndicators).ToArray();
        Log($"neighbours: NeighbourEngine.Nearest for every area (k = {K}, {Environment.ProcessorCount} threads)");
        var nearest = new int[areas][];
        // Warm-up (not timed), as for the portraits: one batch of areas through the same search.
        NeighbourEngine.Nearest(z, weights, [.. Enumerable.Range(0, Math.Min(areas, 32))], K, all);
        var everyArea = Enumerable.Range(0, areas).ToArray();
        var neighbours = Measure(() =>
        {
            var lists = NeighbourEngine.Nearest(z, weights, everyArea, K, all);
            for (var a = 0; a < areas; a++)
            {
                nearest[a] = [.. lists[a].Select(n => n.Area)];
            }
        });
        output.WriteLine($"engine: {neighbours.Seconds:0.00} s, {neighbours.Cpu:0.00} CPU s");
        Log("neighbours: scikit-learn brute force");
        var sample = Math.Max(1, areas / 500);
        var sklearnOut = stem + ".sklearn.csv";
        var sklearn = await Peers.RunAsync(python, [Path.Combine(peers, "neighbours_sklearn.py"), matrix, areas.ToString(CultureInfo.InvariantCulture),
            NeighbourIndicators.ToString(CultureInfo.InvariantCulture), (K + 1).ToString(CultureInfo.InvariantCulture), sample.ToString(CultureInfo.InvariantCulture), sklearnOut], output);
        var checkedAreas = CompareNeighbours(z, weights, nearest, sklearnOut);
        output.WriteLine($"neighbours: the engine and scikit-learn agree on {checkedAreas:N0} sampled areas (ties aside)");
        var neighbourSize = $"{areas:N0} areas × {NeighbourIndicators} indicators, k = {K}";
        results.Add(new Measurement("Neighbours: NeighbourEngine.Nearest, one call for every area", neighbourSize, neighbours.Seconds, neighbours.Cpu, neighbours.Peak));
        results.Add(Peer("Neighbours: scikit-learn NearestNeighbors(21, brute)", neighbourSize, sklearn, neighbours, 3, "≥ 3× faster"));

        output.WriteLine();
        output.WriteLine("| What | Size | Seconds | CPU s | Peer ÷ engine (wall; CPU) | Target | Peak memory |");
        output.WriteLine("|---|---|---:|---:|---:|---|---:|");
        foreach (var m in results)
        {
            var peak = m.PeakBytes is { } b ? $"{b / 1_048_576.0:N0} MiB" : "";
            output.WriteLine($"| {m.What} | {m.Size} | {m.Seconds:0.00} | {m.Cpu:0.00} | {m.Ratio} | {m.Target} | {peak} |");
        }
        output.WriteLine("Peak memory: the .NET process's PeakWorkingSet64 over the stage alone (it holds the whole data set); the peers' peak RSS over their whole run, load included.");
    }

    /// <summary>
    /// A peer's row: the ratios are the peer's time over the engine's (above 1: the engine is faster), elapsed and
    /// CPU. The target is read on elapsed time, what a user waits for, with the engine on every core as in the
    /// product (pandas has one thread, DuckDB as many as the cores); so it is only to be read on a quiet machine,
    /// and the CPU ratio says what one core of the engine does.
    /// </summary>
    private static Measurement Peer(string what, string size, PeerResult peer, (double Seconds, long Peak, double Cpu) engine, double factor, string target,
        (double Seconds, long Peak, double Cpu)? other = null)
    {
        var wall = peer.Seconds / engine.Seconds;
        var cpu = peer.Cpu / engine.Cpu;
        var met = wall >= factor ? "met" : "missed";
        var against = other is { } o ? $" (over doubles {peer.Seconds / o.Seconds:0.00}×; {peer.Cpu / o.Cpu:0.00}×)" : "";
        return new Measurement(what, size, peer.Seconds, peer.Cpu, peer.PeakRssKb * 1024, $"{wall:0.00}×; {cpu:0.00}×{against}", $"engine {target}: **{met}** (elapsed)");
    }

    private static long Sum(int[][][] counts, int which) => counts.Sum(c => (long)c[which].Sum());

    /// <summary>
    /// A doughnut-style definition over the 50 generated indicators, every normalisation but published ratios in
    /// turn. Thresholds sit off the values' 0.1 grid (…​.03), so no ratio lands on a rounding midpoint next to 1,
    /// where binary and decimal rounding could disagree.
    /// </summary>
    public static PortraitDefinition Definition()
    {
        var dimensions = new List<PortraitDimension>();
        var column = 0;
        foreach (var (ring, sizes, names) in new[] { (Ring.Social, SocialSizes, SocialNames), (Ring.Ecological, EcologicalSizes, EcologicalNames) })
        {
            for (var d = 0; d < sizes.Length; d++)
            {
                var indicators = new List<PortraitIndicator>();
                for (var k = 0; k < sizes[d]; k++, column++)
                {
                    var normalisation = (column % 5) switch
                    {
                        0 or 1 => Normalisation.RatioToBoundary,
                        2 => Normalisation.ShareDeprived,
                        3 => Normalisation.BaselineAnchoredRatio,
                        _ => Normalisation.MinMaxToThreshold,
                    };
                    var polarity = (column % 5) switch
                    {
                        1 => Polarity.LowerIsBetter,
                        4 => column % 2 == 0 ? Polarity.LowerIsBetter : Polarity.HigherIsBetter,
                        _ => Polarity.HigherIsBetter,
                    };
                    var threshold = 20 + ((column * 37) % 60) + 0.03;
                    indicators.Add(new PortraitIndicator
                    {
                        Id = $"i{column + 1:00}",
                        Name = $"Benchmark indicator {column + 1}",
                        Normalisation = normalisation,
                        Polarity = polarity,
                        Threshold = new PortraitThreshold(threshold, "%", "Benchmark", "Generated",
                            normalisation == Normalisation.BaselineAnchoredRatio ? 2.01 : null),
                        Unit = "%",
                    });
                }
                dimensions.Add(new PortraitDimension
                {
                    Id = names[d],
                    Name = names[d],
                    Element = new ElementRef("doughnut", names[d]),
                    Ring = ring,
                    Lenses = [],
                    Indicators = indicators,
                });
            }
        }
        return new PortraitDefinition
        {
            Id = "bench-small-areas",
            Name = "Benchmark small-area portrait",
            Citation = "Generated for the portraits benchmark",
            Places = PortraitPlaces.UkCouncils,
            Decimals = 2,
            Lenses = [],
            Dimensions = dimensions,
        };
    }

    /// <summary>The definition as the peers read it: per dimension its ring and, per indicator, its column and rule.</summary>
    private static string SpecJson(PortraitDefinition definition)
    {
        var column = 0;
        var spec = new
        {
            decimals = definition.Decimals,
            dimensions = definition.Dimensions.Select(d => new
            {
                id = d.Id,
                ring = d.Ring == Ring.Social ? "social" : "ecological",
                indicators = d.Indicators.Select(i => new
                {
                    column = $"v{++column:00}",
                    normalisation = i.Normalisation.ToString(),
                    lowerIsBetter = i.Polarity == Polarity.LowerIsBetter,
                    threshold = i.Threshold!.Value,
                    baseline = i.Threshold.Baseline,
                }).ToList(),
            }).ToList(),
        };
        return JsonSerializer.Serialize(spec, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>One row per period × area: period, area (both 0-based), v01…v50; an empty field is no value.</summary>
    private static void WriteCsv(string path, double[] values, int areas)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("period,area");
        for (var i = 0; i < Indicators; i++)
        {
            writer.Write($",v{i + 1:00}");
        }
        writer.Write('\n');
        Span<char> number = stackalloc char[32];
        for (var p = 0; p < Periods; p++)
        {
            for (var a = 0; a < areas; a++)
            {
                writer.Write(p.ToString(CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(a.ToString(CultureInfo.InvariantCulture));
                for (var i = 0; i < Indicators; i++)
                {
                    writer.Write(',');
                    var v = values[(((long)p * Indicators) + i) * areas + a];
                    if (!double.IsNaN(v) && v.TryFormat(number, out var written, "0.0", CultureInfo.InvariantCulture))
                    {
                        writer.Write(number[..written]);
                    }
                }
                writer.Write('\n');
            }
        }
    }

    /// <summary>Fails the run unless the peer's counts (period, area, social achieved, with data, ecological transgressed, with data) are the engine's, for every row.</summary>
    private static void Compare(string peer, int[][][] counts, string path, int areas)
    {
        var rows = 0L;
        var differences = new List<string>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            var p = int.Parse(f[0], CultureInfo.InvariantCulture);
            var a = int.Parse(f[1], CultureInfo.InvariantCulture);
            rows++;
            for (var c = 0; c < 4; c++)
            {
                var theirs = (int)double.Parse(f[2 + c], CultureInfo.InvariantCulture);
                if (counts[p][c][a] != theirs && differences.Count < 10)
                {
                    differences.Add($"period {p}, area {a}, count {c}: engine {counts[p][c][a]}, {peer} {theirs}");
                }
            }
        }
        if (rows != (long)Periods * areas || differences.Count > 0)
        {
            throw new InvalidOperationException($"{peer} disagrees with the engine ({rows:N0} rows read, {(long)Periods * areas:N0} expected): {string.Join("; ", differences)}");
        }
    }

    /// <summary>
    /// Checks scikit-learn's neighbours of the sampled areas against the engine's: the same set once the area itself
    /// is dropped, except where a neighbour that differs is as far (to 1e-9, relative) as the engine's k-th, a tie.
    /// Returns how many areas were checked; throws when any disagrees.
    /// </summary>
    private static int CompareNeighbours(double[][] z, double[] weights, int[][] nearest, string path)
    {
        var checkedAreas = 0;
        var problems = new List<string>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            var a = int.Parse(f[0], CultureInfo.InvariantCulture);
            var theirs = f.Skip(1).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(b => b != a).Take(K).ToHashSet();
            var ours = nearest[a];
            var kth = NeighbourEngine.Distance(z, weights, a, ours[^1]);
            foreach (var b in theirs.Except(ours).Concat(ours.Except(theirs)))
            {
                var d = NeighbourEngine.Distance(z, weights, a, b);
                if (Math.Abs(d - kth) > 1e-9 * Math.Max(1, kth) && problems.Count < 10)
                {
                    problems.Add($"area {a}: neighbour {b} at {d:R} is not a tie with the k-th at {kth:R}");
                }
            }
            checkedAreas++;
        }
        if (checkedAreas == 0 || problems.Count > 0)
        {
            throw new InvalidOperationException($"scikit-learn disagrees with the engine ({checkedAreas} areas read): {string.Join("; ", problems)}");
        }
        return checkedAreas;
    }

    /// <summary>bench/peers of the repository the benchmark runs from: the first folder up from here (or from the binary) that holds it.</summary>

    /// <summary>Wall and CPU time of one run and the peak working set over it (see <see cref="PeakMemory"/>).</summary>
    private static (double Seconds, long Peak, double Cpu) Measure(Action action)
    {
        // The set-up's garbage (the doubles Compact let go of) is collected before the clock starts, not in the
        // first timed allocation.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        PeakMemory.Reset();
        var cpu = CpuTime.Self();
        var clock = Stopwatch.StartNew();
        action();
        var seconds = clock.Elapsed.TotalSeconds;
        return (seconds, PeakMemory.Read(), CpuTime.Self() - cpu);
    }
}
