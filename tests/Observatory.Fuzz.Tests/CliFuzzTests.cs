using Observatory.Testing;
using Xunit.Abstractions;

namespace Observatory.Fuzz.Tests;

/// <summary>
/// The hostile corpus through the command line, each file in a child process: framework and evidence imports (and
/// framework validate) and indicator imports must refuse every file with exit code 3 and a short report, never crash,
/// stay within a memory bound and leave the database as it was.
/// </summary>
[Collection(nameof(ChildProcessCollection))]
public sealed class CliFuzzTests(ITestOutputHelper output)
{
    private const long MemoryBound = 750_000_000;

    [Fact]
    public async Task The_command_line_refuses_every_hostile_file_on_sqlite()
    {
        await using var database = TestDatabase.CreateSqlite();
        await SeededTemplate.CopyToAsync(database.Settings.SqlitePath!);
        await RefuseAllAsync(database, everything: true);
    }

    [PostgresFact]
    public async Task The_command_line_refuses_every_hostile_file_on_postgresql()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        await using (var services = CoreServices.For(database))
        {
            await CoreServices.PrepareAsync(services, shippedData: false);
        }
        // Parsing is the same on both databases; PostgreSQL is where a NUL or a long value once failed the write.
        await RefuseAllAsync(database, everything: false);
    }

    private async Task RefuseAllAsync(TestDatabase database, bool everything)
    {
        var folder = Directory.CreateTempSubdirectory("observatory-fuzz-cli").FullName;
        try
        {
            var runs = new List<(string Name, string[] Args, string[] Named)>();
            foreach (var (name, fileName, content) in Corpus.HostileFrameworks().Where(f => everything ? f.FileName is not ("random.yaml" or "latin.yaml" or "bomb5.yaml" or "merge.yaml" or "keys.yaml") : f.FileName is "loop.yaml" or "bomb.yaml" or "nul.yaml"))
            {
                var path = Write(folder, "framework-" + fileName, content);
                runs.Add(($"frameworks import: {name}", ["frameworks", "import", path, "--db", database.Setting], [Path.GetFileName(path)]));
                if (everything && fileName is "lists.yaml")
                {
                    runs.Add(($"frameworks validate: {name}", ["frameworks", "validate", path], [Path.GetFileName(path)]));
                }
            }
            foreach (var (name, fileName, content) in Corpus.HostileEvidence().Where(e => everything || e.FileName is "loop.yaml"))
            {
                var path = Write(folder, "evidence-" + fileName, content);
                runs.Add(($"evidence import: {name}", ["evidence", "import", path, "--db", database.Setting], [Path.GetFileName(path)]));
            }
            // Every CSV in one run: with several files the command checks each and reports each file's problems.
            var csvFolder = Directory.CreateDirectory(Path.Combine(folder, "csv")).FullName;
            var csvFiles = Corpus.HostileCsv().Where(c => everything || c.FileName is "nul.csv" or "bell.csv" or "future.csv" or "long-note.csv" or "codes.csv")
                .Select(c => Path.GetFileName(Write(csvFolder, c.FileName, c.Content))).ToArray();
            runs.Add(($"import of {csvFiles.Length} hostile CSV files", ["import", csvFolder, "--source", "fuzz", "--db", database.Setting], csvFiles));

            var before = await SnapshotAsync(database);
            var failures = new List<string>();
            using var gate = new SemaphoreSlim(2);
            await Task.WhenAll(runs.Select(async r =>
            {
                await gate.WaitAsync();
                try
                {
                    var run = await CliProcess.RunAsync(r.Args, memoryBound: MemoryBound);
                    lock (failures)
                    {
                        output.WriteLine($"{r.Name}: exit {run.ExitCode} in {run.Took.TotalSeconds:N1} s, {run.PeakWorkingSet / 1_000_000} MB, {run.Error.Length:N0} characters of report");
                        var unnamed = r.Named.Where(n => !run.Error.Contains(n, StringComparison.Ordinal)).ToList();
                        if (run.Crashed || run.OverMemory || run.TimedOut || run.ExitCode != 3 || run.Error.Length > 200_000 || !run.Error.Contains("nothing was changed", StringComparison.Ordinal) || unnamed.Count > 0)
                        {
                            failures.Add($"{r.Name}: exit {run.ExitCode}{(run.Crashed ? " (crashed)" : "")}{(run.OverMemory ? $" (over {MemoryBound / 1_000_000} MB)" : "")}{(run.TimedOut ? " (timed out)" : "")}"
                                + (unnamed.Count > 0 ? $" (no problem named {string.Join(", ", unnamed)})" : "") + $": {run.Error[..Math.Min(run.Error.Length, 500)]}");
                        }
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
            failures.ShouldBeEmpty();
            before.Differences(await SnapshotAsync(database)).ShouldBeEmpty("a refused import writes nothing");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Write(string folder, string name, byte[] content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    internal static async Task<DatabaseSnapshot> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await DatabaseSnapshot.TakeAsync(db);
    }
}
