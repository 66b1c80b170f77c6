using Microsoft.Data.Sqlite;
using Npgsql;

namespace Observatory.Storage;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Which database the Observatory uses. One setting selects it everywhere — web and command line:
/// <c>OBSERVATORY_DB</c> holds a SQLite file path or a PostgreSQL connection string (<c>Host=…</c>);
/// the command line's <c>--db</c> overrides it. With neither, the embedded default is a SQLite file in the
/// user's data folder.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string Description, bool IsEmbeddedDefault)
{
    public const string EnvironmentVariable = "OBSERVATORY_DB";

    public bool IsPostgreSql => Provider == DatabaseProvider.PostgreSql;

    /// <summary>The SQLite file, or null for PostgreSQL.</summary>
    public string? SqlitePath { get; init; }

    public static DatabaseSettings FromEnvironment(string? commandLineValue = null) =>
        Resolve(!string.IsNullOrWhiteSpace(commandLineValue) ? commandLineValue : Environment.GetEnvironmentVariable(EnvironmentVariable));

    public static DatabaseSettings Resolve(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Sqlite(DefaultSqlitePath(), isDefault: true);
        }
        value = value.Trim();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return PostgreSql(FromPostgresUri(value));
        }
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase) || value.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return PostgreSql(value);
        }
        if (value.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new SqliteConnectionStringBuilder(value);
            return Sqlite(builder.DataSource, isDefault: false);
        }
        return Sqlite(value, isDefault: false);
    }

    /// <summary>A SQLite file in the per-user data folder (e.g. ~/.local/share/observatory on Linux).</summary>
    public static string DefaultSqlitePath()
    {
        var folder = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(folder))
        {
            folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }
        return Path.Combine(folder, "observatory", "observatory.db");
    }

    public static DatabaseSettings Sqlite(string path, bool isDefault)
    {
        var full = Path.GetFullPath(Environment.ExpandEnvironmentVariables(path.StartsWith('~') ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~', '/')) : path));
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 60,
        };
        return new DatabaseSettings(DatabaseProvider.Sqlite, builder.ConnectionString, $"SQLite database {full}", isDefault) { SqlitePath = full };
    }

    public static DatabaseSettings PostgreSql(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{EnvironmentVariable} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
        return new DatabaseSettings(DatabaseProvider.PostgreSql, builder.ConnectionString, $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}", false);
    }

    private static string FromPostgresUri(string uri)
    {
        var u = new Uri(uri);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = u.Host,
            Port = u.IsDefaultPort || u.Port <= 0 ? 5432 : u.Port,
            Database = Uri.UnescapeDataString(u.AbsolutePath.TrimStart('/')),
        };
        var userInfo = u.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        return builder.ConnectionString;
    }
}
