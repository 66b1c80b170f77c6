using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Observatory.Content;
using Observatory.Storage;

namespace Observatory.Testing;

/// <summary>
/// A SQLite database migrated and seeded with all shipped data, copied for each test that wants one. Seeding imports
/// about 188,000 observations, which takes minutes on a busy machine; copying a file takes milliseconds, so every web
/// test class can have its own fresh, fully seeded database.
/// </summary>
/// <remarks>
/// The template is made once for the whole <c>dotnet test</c>, not once per test project: the first process to need
/// it seeds it under a lock file and keeps it in the temporary folder, named by a hash of the shipped data and of
/// the Core and test-support assemblies, and the other processes (and later runs) copy that. Any change to the data,
/// the migrations or the seeding code changes the hash, so a stale template is never used. What the seeding
/// logged is kept beside it, so <see cref="FirstStartLog"/> is the log of a real first start of the same code and
/// data.
/// </remarks>
public static class SeededTemplate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _path;

    /// <summary>What seeding the template logged: what a person sees on the Observatory's first start.</summary>
    public static CapturedLog FirstStartLog { get; } = new();

    /// <summary>Makes the template now, if no test has yet.</summary>
    public static Task EnsureMadeAsync() => PathAsync();

    /// <summary>Copies the seeded template to <paramref name="target"/> (which must not exist yet).</summary>
    public static async Task CopyToAsync(string target)
    {
        var template = await PathAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(template, target);
    }

    private static async Task<string> PathAsync()
    {
        if (_path is not null)
        {
            return _path;
        }
        await Gate.WaitAsync();
        try
        {
            if (_path is null)
            {
                var folder = Path.Combine(Path.GetTempPath(), "observatory-tests", "seeded");
                Directory.CreateDirectory(folder);
                var key = Key();
                var template = Path.Combine(folder, key + ".db");
                var log = Path.Combine(folder, key + ".log.json");
                await using (await LockAsync(Path.Combine(folder, key + ".lock")))
                {
                    if (!File.Exists(template) || !File.Exists(log))
                    {
                        await SeedAsync(template, log);
                        RemoveOld(folder);
                    }
                }
                foreach (var entry in JsonSerializer.Deserialize<List<LoggedLine>>(await File.ReadAllTextAsync(log))!)
                {
                    FirstStartLog.Add(new CapturedLog.Entry(entry.Level, entry.Category, entry.Message, null));
                }
                _path = template;
            }
            return _path;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task SeedAsync(string template, string log)
    {
        var seedingLog = new CapturedLog();
        var database = TestDatabase.CreateSqlite();
        await using (var services = CoreServices.For(database, log: seedingLog))
        {
            await CoreServices.PrepareFromScratchAsync(services, shippedData: true);
        }
        // Fold the write-ahead log into the main file so one file copy carries everything.
        await using (var connection = new SqliteConnection(database.Settings.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearPool(new SqliteConnection(database.Settings.ConnectionString));
        // Written under another name and moved, so a template that exists is always whole.
        var partial = $"{template}.{Environment.ProcessId}.partial";
        File.Copy(database.Settings.SqlitePath!, partial, overwrite: true);
        await File.WriteAllTextAsync(log, JsonSerializer.Serialize(seedingLog.Entries.Select(e => new LoggedLine(e.Level, e.Category, e.Message)).ToList()));
        File.Move(partial, template, overwrite: true);
    }

    /// <summary>The shipped data (every file's path and bytes) and the code that migrates and seeds it.</summary>
    private static string Key()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var data = DataFolder.Locate().Path;
        foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(data, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        foreach (var assembly in new[] { typeof(DataSeeding).Assembly, typeof(SeededTemplate).Assembly })
        {
            hash.AppendData(assembly.ManifestModule.ModuleVersionId.ToByteArray());
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Waits for the lock file, held by another test process while it seeds (or for a moment while it checks).</summary>
    private static async Task<FileStream> LockAsync(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(20))
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Templates of older data or code, a day old or more, so the temporary folder does not fill up.</summary>
    private static void RemoveOld(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddDays(-1)))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // In use by another run: left for next time.
            }
        }
    }

    private sealed record LoggedLine(LogLevel Level, string Category, string Message);
}
