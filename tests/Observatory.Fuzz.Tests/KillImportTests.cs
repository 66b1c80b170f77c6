using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Observatory.Indicators;
using Observatory.Testing;
using Xunit.Abstractions;

namespace Observatory.Fuzz.Tests;

/// <summary>
/// kill -9 during an import: the command line imports 86,640 values in a child process that is sent SIGKILL at a
/// point drawn from a seeded random source (while starting, reading, writing or committing). After each, the database
/// holds either the whole file or none of it — never part — and a killed import's file imports cleanly afterwards.
/// Each trial's file gives every value a new number, so a half-written import would show as a mixture.
/// </summary>
[Collection(nameof(ChildProcessCollection))]
public sealed class KillImportTests(ITestOutputHelper output)
{
    private const int Trials = 4;
    private static readonly DateOnly From = new(1900, 1, 1);
    private static readonly DateOnly Until = new(1920, 1, 1);
    private const int Months = 240;

    [Fact]
    public async Task An_import_killed_at_any_point_leaves_all_of_it_or_none_on_sqlite()
    {
        await using var database = TestDatabase.CreateSqlite();
        await SeededTemplate.CopyToAsync(database.Settings.SqlitePath!);
        await TrialsAsync(database);
        await using var db = database.CreateContext();
        (await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync()).ShouldBe(["ok"]);
    }

    [PostgresFact]
    public async Task An_import_killed_at_any_point_leaves_all_of_it_or_none_on_postgresql()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        await using (var services = CoreServices.For(database))
        {
            await CoreServices.PrepareAsync(services, shippedData: false);
        }
        await TrialsAsync(database);
    }

    private async Task TrialsAsync(TestDatabase database)
    {
        var folder = Directory.CreateTempSubdirectory("observatory-fuzz-kill").FullName;
        var random = new Random(HttpFuzzTests.Seed);
        try
        {
            var councils = Observatory.Places.PlaceRegistry.LoadShipped(Observatory.Content.DataFolder.Locate()).Councils.Select(c => c.Code).Order(StringComparer.Ordinal).ToList();
            var (count, sum) = await StateAsync(database);
            count.ShouldBe(0);

            // The first run is not killed: it measures how long an import takes, so the kills can be spread across it.
            var (first, firstSum, firstHash) = WriteFile(folder, 0, councils);
            var complete = await CliProcess.RunAsync(Import(first, database));
            // On a machine far busier than its two cores (a load of 60 to 80), this import once passed the command's
            // two minutes and was stopped: say so, rather than leave only the exit code of the kill.
            complete.ExitCode.ShouldBe(0, complete.TimedOut ? $"the import was stopped after {complete.Took.TotalSeconds:0} s without finishing" : complete.Error);
            var duration = complete.Took;
            (count, sum) = await StateAsync(database);
            (count, sum).ShouldBe((councils.Count * Months, firstSum));
            (await ImportedAsync(database, firstHash)).ShouldBeTrue();
            output.WriteLine($"A whole import of {count:N0} values took {duration.TotalSeconds:N1} s.");

            var lastFile = (Path: first, Sum: firstSum, Imported: true);
            for (var trial = 1; trial <= Trials; trial++)
            {
                var (file, fileSum, hash) = WriteFile(folder, trial, councils);
                var killAt = TimeSpan.FromMilliseconds(random.Next(100, (int)(duration.TotalMilliseconds * 1.1) + 1));
                var run = await CliProcess.RunAsync(Import(file, database), killAfter: killAt);
                var after = await StateAsync(database);
                var imported = await ImportedAsync(database, hash);
                var lastSaid = run.Out.Split('\n', '\r').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "nothing yet";
                output.WriteLine($"Trial {trial}: killed at {killAt.TotalMilliseconds:N0} ms ({(run.Killed ? $"killed; it had last said \"{lastSaid}\"" : $"finished first, exit {run.ExitCode}")}); the file is {(imported ? "all there" : "not there at all")}.");

                run.Crashed.ShouldBeFalse(run.Error);
                if (!run.Killed && run.Took < duration)
                {
                    // Kills are spread over the quickest whole import seen, so they fall while it runs.
                    duration = run.Took;
                }
                if (imported)
                {
                    after.ShouldBe((councils.Count * Months, fileSum), $"trial {trial}: the import is recorded, so every value must be the file's");
                    sum = fileSum;
                }
                else
                {
                    after.ShouldBe((count, sum), $"trial {trial}: the import is not recorded, so no value may have changed");
                }
                lastFile = (file, fileSum, imported);
            }
            if (!lastFile.Imported)
            {
                // And a killed import's file imports cleanly afterwards.
                var again = await CliProcess.RunAsync(Import(lastFile.Path, database));
                again.ExitCode.ShouldBe(0, again.Error);
                (await StateAsync(database)).ShouldBe((councils.Count * Months, lastFile.Sum));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string[] Import(string file, TestDatabase database) => ["import", file, "--format", "tidy", "--source", "kill trial", "--db", database.Setting];

    /// <summary>Monthly values from 1900 to 1919 for every council, each trial's numbers its own.</summary>
    private static (string Path, double Sum, string Hash) WriteFile(string folder, int trial, IReadOnlyList<string> councils)
    {
        var sb = new StringBuilder("area,indicator,period,value\n");
        var sum = 0.0;
        var row = 0;
        for (var month = From; month < Until; month = month.AddMonths(1))
        {
            foreach (var council in councils)
            {
                var value = trial * 1000 + row++ % 997;
                sum += value;
                sb.Append(council).Append(",claimant-count,").Append(month.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Append(',').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        var path = Path.Combine(folder, $"trial-{trial}.csv");
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        File.WriteAllBytes(path, bytes);
        return (path, sum, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>How many of the trial values the database holds, and their sum.</summary>
    private static async Task<(int Count, double Sum)> StateAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var values = db.Observations.AsNoTracking().Where(o => o.IndicatorId == "claimant-count" && o.PeriodStart >= From && o.PeriodStart < Until && o.PeriodDuration == "P1M");
        return (await values.CountAsync(), await values.SumAsync(o => o.Value ?? 0));
    }

    private static async Task<bool> ImportedAsync(TestDatabase database, string hash)
    {
        await using var db = database.CreateContext();
        return await db.IndicatorImports.AnyAsync(i => i.FileHash == hash);
    }
}
