using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Places;
using Observatory.Storage;
using Observatory.Testing;
using Shouldly;
using Xunit;

namespace Observatory.Core.Tests.Evidence.Search;

/// <summary>
/// A database from before the database's own evidence search was removed (migrated to M0007, with the shipped
/// evidence in it) upgraded by M0008: the full-text table and its triggers are gone, the view the index reads gives
/// the same rows as before, and the library is still searched; migrating back down restores the old search whole.
/// </summary>
public sealed class DatabaseSearchRemovalTests
{
    private const string Before = "20261203000700_EvidenceSearchChanges";

    [Fact]
    public Task An_upgraded_sqlite_database_keeps_its_evidence_searchable() => Upgrade(TestProvider.Sqlite);

    [PostgresFact]
    public Task An_upgraded_postgresql_database_keeps_its_evidence_searchable() => Upgrade(TestProvider.PostgreSql);

    private static async Task Upgrade(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync(Before);
        }
        // Seeded as it was before the shared data version's table existed (M0014): writes move this process's
        // version only, as the writes of that release did.
        await using var services = CoreServices.For(database, configure: s => s.AddSingleton(sp => new DataVersionInterceptor(sp.GetRequiredService<DataVersion>())));
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
            await new PlacesSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
            await new EvidenceSearchSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
            await new EvidenceSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
        }
        var shipped = services.GetRequiredService<ShippedEvidence>().Items.Count;
        const string Source = "SELECT id, title, summary, body, organisations, places, elements, state, visibility, kind, strength, year FROM evidence_index_source ORDER BY id";

        await using var context = database.CreateContext();
        var sqlite = context.Database.IsSqlite();
        (await Scalar(context, "SELECT count(*) FROM evidence_search")).ShouldBe(shipped, "the old search's own table");
        var rowsBefore = await Rows(context, Source);
        rowsBefore.Count.ShouldBe(shipped);

        await StorageSetup.MigrateAsync(context);

        (await SearchObjects(context, sqlite)).ShouldAllBe(name => name.StartsWith("evidence_search_changes", StringComparison.Ordinal) || name == "evidence_search_json"
            || name.StartsWith("evidence_search_log_", StringComparison.Ordinal));
        (await Rows(context, Source)).ShouldBe(rowsBefore);
        await using (var scope = services.CreateAsyncScope())
        {
            var found = await scope.ServiceProvider.GetRequiredService<IEvidenceSearch>().SearchAsync(Actor.Anonymous, new EvidenceQuery { Text = "food" });
            found.Total.ShouldBeGreaterThan(5);
        }

        await context.Database.MigrateAsync(Before);
        (await Scalar(context, "SELECT count(*) FROM evidence_search")).ShouldBe(shipped, "the old search rebuilt for every item");
        (await Rows(context, Source)).ShouldBe(rowsBefore);
        await StorageSetup.MigrateAsync(context);
        (await Rows(context, Source)).ShouldBe(rowsBefore);
    }

    /// <summary>The tables, views, triggers and functions whose names begin with evidence_search.</summary>
    private static Task<List<string>> SearchObjects(ObservatoryDbContext db, bool sqlite) => Rows(db, sqlite
        ? "SELECT name FROM sqlite_master WHERE name LIKE 'evidence_search%'"
        : "SELECT relname::text FROM pg_class WHERE relname LIKE 'evidence_search%' UNION ALL SELECT tgname::text FROM pg_trigger WHERE tgname LIKE 'evidence_search%' "
            + "UNION ALL SELECT proname::text FROM pg_proc WHERE proname LIKE 'evidence_search%'");

    private static async Task<long> Scalar(ObservatoryDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Each row as its fields joined by a unit separator (a one-column query gives its values).</summary>
    private static async Task<List<string>> Rows(ObservatoryDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('\u001f', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "<null>" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
