using System.Collections.Concurrent;
using Npgsql;
using Observatory.Storage;

namespace Observatory.Testing;

public enum TestProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL test server. Dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Databases no one has migrated or written to yet, which may be replaced by a template's copy.</summary>
    private static readonly ConcurrentDictionary<string, bool> Fresh = new(StringComparer.Ordinal);

    private readonly string? _folder;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseSettings settings, string? folder, string? postgresName)
    {
        Settings = settings;
        _folder = folder;
        _postgresName = postgresName;
        Fresh[settings.ConnectionString] = true;
    }

    /// <summary>True once for a database nothing has touched yet (and then never again).</summary>
    // A SQLite file may have been made by another process (a test that runs the command line first): not fresh.
    internal static bool TakeFresh(DatabaseSettings settings) =>
        Fresh.TryRemove(settings.ConnectionString, out _) && (settings.SqlitePath is null || !File.Exists(settings.SqlitePath));

    public DatabaseSettings Settings { get; }

    /// <summary>The value for OBSERVATORY_DB or --db that selects this database.</summary>
    public string Setting => Settings.SqlitePath ?? Settings.ConnectionString;

    public static Task<TestDatabase> CreateAsync(TestProvider provider) =>
        provider == TestProvider.Sqlite ? Task.FromResult(CreateSqlite()) : CreatePostgresAsync();

    public static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "observatory-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return new TestDatabase(DatabaseSettings.Sqlite(Path.Combine(folder, "observatory.db"), isDefault: false), folder, null);
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = TestEnvironment.PostgresConnectionString
            ?? throw new InvalidOperationException(TestEnvironment.IsCi
                ? "OBSERVATORY_TEST_POSTGRES is not set, but this run requires PostgreSQL (OBSERVATORY_CI=1)."
                : "OBSERVATORY_TEST_POSTGRES is not set. A test that needs PostgreSQL must say so ([Trait(\"Database\", \"PostgreSQL\")] on its class, or [PostgresFact]) so that it skips.");
        var name = "observatory_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(WithDatabase(server, "postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new TestDatabase(DatabaseSettings.PostgreSql(WithDatabase(server, name)), null, name);
    }

    public ObservatoryDbContext CreateContext() => ObservatoryCore.CreateContext(Settings);

    public async Task<ObservatoryDbContext> MigratedContextAsync()
    {
        TakeFresh(Settings);
        var db = CreateContext();
        await StorageSetup.MigrateAsync(db);
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null && TestEnvironment.PostgresConnectionString is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(WithDatabase(server, "postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing test host; the temporary folder is cleaned by the OS.
            }
        }
    }

    /// <summary>
    /// Replaces the new PostgreSQL database <paramref name="target"/> with a copy of <paramref name="template"/>
    /// (CREATE DATABASE … TEMPLATE, a file copy on the server). Nothing may be connected to either.
    /// </summary>
    internal static async Task RecreateFromTemplateAsync(DatabaseSettings target, DatabaseSettings template)
    {
        var server = TestEnvironment.PostgresConnectionString!;
        var name = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database;
        var source = new NpgsqlConnectionStringBuilder(template.ConnectionString).Database;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(target.ConnectionString));
        await using var connection = new NpgsqlConnection(WithDatabase(server, "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    // A minute to connect, not Npgsql's 15 s: a 2-core machine running two suites (and their Chromium) can take longer
    // than that to answer, and the test then fails on the wait rather than on what it checks.
    private static string WithDatabase(string connectionString, string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = true };
        builder.Timeout = Math.Max(builder.Timeout, 60);
        return builder.ConnectionString;
    }
}
