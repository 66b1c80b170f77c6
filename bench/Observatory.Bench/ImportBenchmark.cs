using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Indicators.Importing;
using Observatory.Places;

namespace Observatory.Bench;

/// <summary>
/// The indicator-data importer against each database's own bulk loader, in the same run: the shipped ONS data
/// end to end, then a generated national small-area ELS file (45,000 areas × 50 indicators × 20 periods, divided
/// by <c>scale</c>) read only, imported, and bulk-loaded into the same table shape by sqlite3's <c>.import</c>
/// and PostgreSQL's <c>COPY</c>. PostgreSQL runs when <c>OBSERVATORY_BENCH_POSTGRES</c> holds a connection string
/// to a server where the benchmark may create and drop databases.
/// </summary>
public sealed class ImportBenchmark : IBenchmark
{
    public const string PostgresVariable = "OBSERVATORY_BENCH_POSTGRES";

    private const int NationalAreas = 45_000;
    private const int Indicators = 50;
    private const int Periods = 20;

    public string Name => "import";

    public string Description => "Import shipped and generated ELS data (--scale N divides 45M rows; --databases sqlite,postgres|none); baseline: sqlite3 .import, PostgreSQL COPY.";

    /// <summary>
    /// <see cref="Cpu"/>: CPU seconds of this process (and of the sqlite3 shell for its load) — on a shared machine
    /// a steadier figure than the wall clock; null where the work is in another process (PostgreSQL's server).
    /// </summary>
    private sealed record Measurement(string What, long Rows, double Seconds, double? Baseline = null, long? PeakBytes = null, double? Cpu = null, double? BaselineCpu = null)
    {
        public double RowsPerSecond => Rows / Seconds;
    }

    public async Task RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var scale = int.Parse(options.Get("scale") ?? "1", CultureInfo.InvariantCulture);
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        // databases=none measures generation, hashing and parsing only (e.g. the national file's memory without hours of loading).
        var databases = (options.Get("databases") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(d => d == "sqlite" || (d == "postgres" && postgres is not null)).ToList();
        var data = DataFolder.Locate();
        var results = new List<Measurement>();
        void Log(string message)
        {
            output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
            output.Flush();
        }
        output.WriteLine($"scale: 1/{scale}; PostgreSQL: {(postgres is null ? $"skipped ({PostgresVariable} is not set)" : "on")}; work folder: {options.WorkFolder}");

        // 1. Shipped data, end to end: every file the seeder imports at first start.
        var catalogue = IndicatorCatalogue.LoadShipped(data, Observatory.Frameworks.FrameworkCatalogue.LoadShipped(data));
        var shippedPlaces = PlaceRegistry.LoadShipped(data);
        var files = catalogue.Datasets.SelectMany(d => d.Data).DistinctBy(f => f.File).ToList();
        Log($"shipped: parse and validate {files.Count} files");
        var shippedRows = 0L;
        var parse = Measure(() =>
        {
            shippedRows = 0;
            foreach (var file in files)
            {
                var path = data.Combine("indicators", file.File);
                using var text = new StreamReader(path, Encoding.UTF8, true, 1 << 16);
                var read = ObservationReader.Read(path, text, shippedPlaces, catalogue, file.Format);
                shippedRows += read.Batch.Count;
            }
        });
        results.Add(new Measurement($"Shipped data ({files.Count} files): parse + validate only", shippedRows, parse.Seconds, null, parse.Peak, parse.Cpu));
        foreach (var kind in databases)
        {
            await using var db = await OpenAsync(kind, options.WorkFolder, postgres, "shipped", null, null);
            await db.PrepareAsync();
            Log($"shipped: import into {db.Kind}");
            var seeder = db.Services.GetServices<Observatory.Storage.IDataSeeder>().OfType<ShippedDataSeeder>().Single();
            var import = await MeasureAsync(() => seeder.SeedAsync(db.Services, CancellationToken.None));
            var stored = await db.CountObservationsAsync();
            results.Add(new Measurement($"Shipped data: import into {db.Kind} (seeder, {files.Count} transactions)", stored, import.Seconds, null, import.Peak, Local(db, import.Cpu)));
        }

        // 2. A generated national small-area file.
        var dataset = new SmallAreaDataset(Math.Max(1, NationalAreas / scale), Indicators, Periods);
        Log($"generated: writing {dataset.Rows:N0} rows ({dataset.Areas:N0} areas × {dataset.IndicatorCount} indicators × {dataset.Periods} periods)");
        var clock = Stopwatch.StartNew();
        var (els, bulk, reused) = dataset.Write(options.WorkFolder);
        output.WriteLine($"ELS file: {els} ({new FileInfo(els).Length / 1_048_576.0:N0} MiB, {(reused ? "reused" : $"written in {clock.Elapsed.TotalSeconds:0.0} s")}); bulk CSV: {bulk} ({new FileInfo(bulk).Length / 1_048_576.0:N0} MiB)");
        var places = dataset.PlacesWith(shippedPlaces);
        var generated = dataset.Catalogue();
        var rows = dataset.Rows;

        Log("generated: SHA-256 of the file (the importer hashes it before and while reading)");
        var hash = Measure(() =>
        {
            using var stream = new FileStream(els, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            SHA256.HashData(stream);
        });
        results.Add(new Measurement("Generated: SHA-256 of the file only", rows, hash.Seconds, null, null, hash.Cpu));

        Log("generated: parse and validate");
        var generatedParse = Measure(() =>
        {
            using var text = new StreamReader(new FileStream(els, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), Encoding.UTF8, true, 1 << 16);
            var read = ObservationReader.Read(els, text, places, generated, DataFormat.Els);
            if (read.ProblemCount > 0 || read.Batch.Count != rows)
            {
                throw new InvalidOperationException($"the generated file read as {read.Batch.Count} rows with {read.ProblemCount} problems: {string.Join("; ", read.Problems.Take(5))}");
            }
        });
        results.Add(new Measurement("Generated: parse + validate only (ObservationReader.Read)", rows, generatedParse.Seconds, null, generatedParse.Peak, generatedParse.Cpu));

        foreach (var kind in databases)
        {
            double baseline;
            double? baselineCpu;
            string method;
            await using (var db = await OpenAsync(kind, options.WorkFolder, postgres, "bulk", places, generated))
            {
                await db.PrepareAsync();
                await db.AddBulkImportRowAsync();
                Log($"generated: bulk-load into {db.Kind}");
                var children = CpuTime.Children();
                (baseline, method) = await db.BulkLoadAsync(bulk);
                baselineCpu = db.Settings.IsPostgreSql ? null : CpuTime.Children() - children;
                Check(await db.CountObservationsAsync(), rows, "bulk load");
                results.Add(new Measurement($"Generated: {db.Kind} bulk loader — {method}", rows, baseline, null, null, baselineCpu));
            }
            await using (var db = await OpenAsync(kind, options.WorkFolder, postgres, "import", places, generated))
            {
                await db.PrepareAsync();
                Log($"generated: import into {db.Kind}");
                var import = await MeasureAsync(async () =>
                {
                    await using var scope = db.Services.CreateAsyncScope();
                    var importer = scope.ServiceProvider.GetRequiredService<ObservationImporter>();
                    var outcome = await importer.ImportFileAsync(els, new ImportRequest(Path.GetFileName(els), "bench", Format: DataFormat.Els));
                    // A refusal here is a fault of the generator: Value says why.
                    Check(outcome.Value.Import.Added, rows, "import");
                });
                Check(await db.CountObservationsAsync(), rows, "import");
                results.Add(new Measurement($"Generated: import into {db.Kind} (ObservationImporter, one transaction)", rows, import.Seconds, baseline, import.Peak,
                    Local(db, import.Cpu), baselineCpu));
            }
        }
        if (postgres is null)
        {
            results.Add(new Measurement($"PostgreSQL: skipped ({PostgresVariable} is not set)", 0, double.NaN));
        }

        output.WriteLine();
        output.WriteLine("| What | Rows | Seconds | Rows/s | CPU s | Importer/bulk loader (wall; CPU) | Peak working set |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var m in results)
        {
            var ratio = m.Baseline is { } b ? $"{b / m.Seconds:P0}" + (m.Cpu is { } c && m.BaselineCpu is { } bc ? $"; {bc / c:P0}" : "") : "";
            var peak = m.PeakBytes is { } p ? $"{p / 1_048_576.0:N0} MiB" : "";
            var cpu = m.Cpu is { } s ? $"{s:0.0}" : "";
            output.WriteLine(m.Rows == 0 ? $"| {m.What} | | | | | | |"
                : $"| {m.What} | {m.Rows:N0} | {m.Seconds:0.0} | {m.RowsPerSecond:N0} | {cpu} | {ratio} | {peak} |");
        }
        var importSqlite = results.FirstOrDefault(r => r.What.StartsWith("Generated: import into SQLite", StringComparison.Ordinal));
        if (importSqlite is not null)
        {
            // Where the importer's time goes: hashing (twice: a pre-pass, then while parsing), parsing, writing.
            var write = importSqlite.Seconds - 2 * hash.Seconds - generatedParse.Seconds;
            output.WriteLine($"SQLite import split (derived): hash 2 × {hash.Seconds:0.0} s, parse + validate {generatedParse.Seconds:0.0} s, write {write:0.0} s");
        }
        var importPostgres = results.FirstOrDefault(r => r.What.StartsWith("Generated: import into PostgreSQL", StringComparison.Ordinal));
        if (importPostgres is not null)
        {
            var write = importPostgres.Seconds - 2 * hash.Seconds - generatedParse.Seconds;
            output.WriteLine($"PostgreSQL import split (derived): hash 2 × {hash.Seconds:0.0} s, parse + validate {generatedParse.Seconds:0.0} s, write {write:0.0} s");
        }
    }

    private static Task<BenchDatabase> OpenAsync(string kind, string folder, string? postgres, string name, PlaceRegistry? places, IndicatorCatalogue? catalogue) =>
        kind == "sqlite" ? BenchDatabase.SqliteAsync(folder, name, places, catalogue) : BenchDatabase.PostgresAsync(postgres!, name, places, catalogue);

    /// <summary>The process's CPU is the whole import only when the database runs in it (SQLite).</summary>
    private static double? Local(BenchDatabase db, double cpu) => db.Settings.IsPostgreSql ? null : cpu;

    private static void Check(long actual, long expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{what}: {actual:N0} rows stored, expected {expected:N0}");
        }
    }

    private static (double Seconds, long Peak, double Cpu) Measure(Action action) => MeasureAsync(() =>
    {
        action();
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    /// <summary>Times one run and reads the process's peak working set over just that run (see <see cref="PeakMemory"/>).</summary>
    private static async Task<(double Seconds, long Peak, double Cpu)> MeasureAsync(Func<Task> action)
    {
        PeakMemory.Reset();
        var cpu = CpuTime.Self();
        var clock = Stopwatch.StartNew();
        await action();
        var seconds = clock.Elapsed.TotalSeconds;
        return (seconds, PeakMemory.Read(), CpuTime.Self() - cpu);
    }
}

/// <summary>CPU seconds used by this process, and by its finished child processes (Linux: /proc/self/stat).</summary>
public static class CpuTime
{
    public static double Self()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>cutime + cstime of reaped children, in seconds (clock ticks of 1/100 s); 0 where /proc is absent.</summary>
    public static double Children()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return 0;
        }
        var stat = File.ReadAllText("/proc/self/stat");
        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, cutime 16, cstime 17.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }
}

/// <summary>
/// Process.PeakWorkingSet64 over one stage. It is the process's high-water mark (VmHWM on Linux), so before a
/// stage the heap is collected and returned to the system and, on Linux, the mark is reset through
/// /proc/self/clear_refs; elsewhere the figure is the peak since the process started.
/// </summary>
public static class PeakMemory
{
    public static void Reset()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        if (OperatingSystem.IsLinux())
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
            catch (IOException)
            {
                // Not permitted here: the peak reads as the process's peak so far.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    public static long Read()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
