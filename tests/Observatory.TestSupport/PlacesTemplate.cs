using Microsoft.Data.Sqlite;
using Npgsql;
using Observatory.Storage;

namespace Observatory.Testing;

/// <summary>
/// A database migrated and holding the shipped places, made once per test process and provider, and copied for
/// each test that asks for one (<see cref="CoreServices.PrepareAsync"/> with places only): a file copy on SQLite,
/// CREATE DATABASE … TEMPLATE on PostgreSQL. Migrating and storing the places took seconds per test.
/// </summary>
internal static class PlacesTemplate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestDatabase? _sqlite;
    private static TestDatabase? _postgres;

    /// <summary>Makes <paramref name="target"/>, a database nothing has touched, a copy of the template.</summary>
    public static async Task CopyIntoAsync(DatabaseSettings target)
    {
        // One copy at a time: PostgreSQL refuses to copy a template while anything is connected to it.
        await Gate.WaitAsync();
        try
        {
            if (target.IsPostgreSql)
            {
                _postgres ??= await MakeAsync(TestProvider.PostgreSql);
                await TestDatabase.RecreateFromTemplateAsync(target, _postgres.Settings);
            }
            else
            {
                _sqlite ??= await MakeAsync(TestProvider.Sqlite);
                Directory.CreateDirectory(Path.GetDirectoryName(target.SqlitePath)!);
                File.Copy(_sqlite.Settings.SqlitePath!, target.SqlitePath!);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<TestDatabase> MakeAsync(TestProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var services = CoreServices.For(database))
        {
            await CoreServices.PrepareFromScratchAsync(services, shippedData: false);
        }
        if (database.Settings.IsPostgreSql)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(database.Settings.ConnectionString));
            // Dropped when the test process ends, like every other test database.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        else
        {
            // Fold the write-ahead log into the main file so one file copy carries everything.
            await using (var connection = new SqliteConnection(database.Settings.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearPool(new SqliteConnection(database.Settings.ConnectionString));
        }
        return database;
    }
}
