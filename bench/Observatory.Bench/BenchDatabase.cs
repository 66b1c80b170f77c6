using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Bench;

/// <summary>
/// A fresh database for one measurement — a SQLite file under the work folder or a PostgreSQL database the
/// benchmark creates on the server it was given and drops afterwards — with the Observatory's services over it.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;
    private readonly string _name;

    private BenchDatabase(string kind, string name, DatabaseSettings settings, ServiceProvider services, string? postgresAdmin)
    {
        Kind = kind;
        _name = name;
        Settings = settings;
        Services = services;
        _postgresAdmin = postgresAdmin;
    }

    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public string Kind { get; }

    public DatabaseSettings Settings { get; }

    public ServiceProvider Services { get; }

    public static Task<BenchDatabase> SqliteAsync(string folder, string name, PlaceRegistry? places = null, IndicatorCatalogue? catalogue = null)
    {
        var path = Path.Combine(folder, name + ".db");
        DeleteSqlite(path);
        var settings = DatabaseSettings.Sqlite(path, isDefault: false);
        return Task.FromResult(new BenchDatabase("SQLite", path, settings, Build(settings, places, catalogue), null));
    }

    public static async Task<BenchDatabase> PostgresAsync(string adminConnectionString, string name, PlaceRegistry? places = null, IndicatorCatalogue? catalogue = null)
    {
        var database = $"observatory_bench_{name.Replace('-', '_')}_{Environment.ProcessId}";
        await ExecuteAsync(adminConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE \"{database}\"");
        // No command timeout: a load of tens of millions of rows is one long statement.
        var target = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, CommandTimeout = 0 };
        var settings = DatabaseSettings.PostgreSql(target.ConnectionString);
        return new BenchDatabase("PostgreSQL", database, settings, Build(settings, places, catalogue), adminConnectionString);
    }

    /// <summary>The Observatory's own services, with the benchmark's places and catalogue in place of the shipped ones when given.</summary>
    private static ServiceProvider Build(DatabaseSettings settings, PlaceRegistry? places, IndicatorCatalogue? catalogue)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddObservatoryCore(DataFolder.Locate(), settings);
        if (places is not null)
        {
            services.Replace(ServiceDescriptor.Singleton(places));
        }
        if (catalogue is not null)
        {
            services.Replace(ServiceDescriptor.Singleton(catalogue));
        }
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Creates the tables and stores the registry's places (shipped and any synthetic ones); no indicator data.</summary>
    public async Task PrepareAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>());
        }
        await using (var scope = Services.CreateAsyncScope())
        {
            var places = Services.GetServices<IDataSeeder>().OfType<PlacesSeeder>().Single();
            await places.SeedAsync(scope.ServiceProvider, CancellationToken.None);
        }
    }

    /// <summary>The import row that bulk-loaded observations refer to, with the id the bulk CSV gives them.</summary>
    public async Task AddBulkImportRowAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var record = new IndicatorImport { FileName = "bulk.csv", Format = "els", FileHash = "bulk", Source = "bench", ImportedAt = DateTime.UtcNow };
        db.IndicatorImports.Add(record);
        await db.SaveChangesAsync();
        if (record.Id != SmallAreaDataset.BulkImportId)
        {
            throw new InvalidOperationException($"the bulk import row has id {record.Id}, not {SmallAreaDataset.BulkImportId}");
        }
    }

    public async Task<long> CountObservationsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().Observations.LongCountAsync();
    }

    /// <summary>
    /// The database's own bulk loader, timed alone: the sqlite3 shell's <c>.import</c> (with foreign keys on, as
    /// the Observatory runs) or PostgreSQL's server-side <c>COPY … FROM 'file'</c>, falling back to
    /// <c>COPY … FROM STDIN</c> (what psql's \copy does) when the server cannot read the file.
    /// </summary>
    public async Task<(double Seconds, string Method)> BulkLoadAsync(string csv)
    {
        if (Settings.SqlitePath is { } path)
        {
            SqliteConnection.ClearAllPools();
            var start = new ProcessStartInfo("sqlite3") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { path, "PRAGMA foreign_keys=ON;", ".mode csv", $".import '{csv}' observations" })
            {
                start.ArgumentList.Add(argument);
            }
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start sqlite3");
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var seconds = clock.Elapsed.TotalSeconds;
            var message = (await errors).Trim();
            if (process.ExitCode != 0 || message.Length > 0)
            {
                throw new InvalidOperationException($"sqlite3 .import failed ({process.ExitCode}): {message}");
            }
            return (seconds, "sqlite3 .mode csv, .import (one transaction, foreign keys on)");
        }
        await using var connection = new NpgsqlConnection(Settings.ConnectionString);
        await connection.OpenAsync();
        try
        {
            await using var command = new NpgsqlCommand($"COPY observations ({SmallAreaDataset.BulkColumns}) FROM '{csv.Replace("'", "''")}' WITH (FORMAT csv)", connection) { CommandTimeout = 0 };
            var clock = Stopwatch.StartNew();
            await command.ExecuteNonQueryAsync();
            return (clock.Elapsed.TotalSeconds, "COPY observations (…) FROM 'file' WITH (FORMAT csv), server-side");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedFile or PostgresErrorCodes.InsufficientPrivilege)
        {
            var clock = Stopwatch.StartNew();
            await using (var writer = await connection.BeginTextImportAsync($"COPY observations ({SmallAreaDataset.BulkColumns}) FROM STDIN WITH (FORMAT csv)"))
            using (var reader = new StreamReader(csv))
            {
                var buffer = new char[1 << 16];
                int n;
                while ((n = await reader.ReadAsync(buffer)) > 0)
                {
                    await writer.WriteAsync(buffer.AsMemory(0, n));
                }
            }
            return (clock.Elapsed.TotalSeconds, "COPY observations (…) FROM STDIN WITH (FORMAT csv), as psql's \\copy");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_postgresAdmin is null)
        {
            SqliteConnection.ClearAllPools();
            DeleteSqlite(_name);
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_postgresAdmin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        }
    }

    /// <summary>A SQLite file with its write-ahead log and journal (the serving stage removes its nodes' files too).</summary>
    internal static void DeleteSqlite(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
