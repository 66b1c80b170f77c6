using Microsoft.Data.Sqlite;

namespace Observatory.Testing;

/// <summary>
/// A SQLite database migrated and seeded with all shipped data once per test process, copied for each test
/// that wants one. Seeding imports about 188,000 observations; copying a file takes milliseconds, so every web
/// test class can have its own fresh, fully seeded database.
/// </summary>
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
                var database = TestDatabase.CreateSqlite();
                await using (var services = CoreServices.For(database, log: FirstStartLog))
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
                _path = database.Settings.SqlitePath!;
            }
            return _path;
        }
        finally
        {
            Gate.Release();
        }
    }
}
