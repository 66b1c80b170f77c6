using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Core.Tests.Auditing;

/// <summary>
/// The audit log written by the save interceptor, on a context made outside any scope: the same entries from a
/// synchronous save as from an asynchronous one, at the time of the clock it is given, naming its actor.
/// </summary>
public abstract class AuditInterceptorTests(TestProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = await _database.MigratedContextAsync();
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private sealed record Someone(long? PersonId, string Name) : IAuditActor;

    private ObservatoryDbContext Context(IAuditActor? actor = null) =>
        StorageSetup.CreateContext(_database.Settings, new AuditInterceptor(new TestClock(Noon), actor));

    private static Organisation Organisation(string slug) => new() { Slug = slug, Name = slug, Kind = OrganisationKind.Council };

    private async Task<List<AuditEntry>> Entries()
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task A_synchronous_save_writes_the_same_entry_as_an_asynchronous_one()
    {
        await using (var db = Context(new Someone(7, "Sam")))
        {
            db.Organisations.Add(Organisation("wigan"));
            db.SaveChanges();
            db.Organisations.Add(Organisation("bolton"));
            await db.SaveChangesAsync();
        }

        var entries = await Entries();

        entries.Select(e => (e.EntityType, e.Action, e.ActorName, e.ActorPersonId, e.At)).ShouldBe(
        [
            ("Organisation", "created", "Sam", (long?)7, Noon.UtcDateTime),
            ("Organisation", "created", "Sam", (long?)7, Noon.UtcDateTime),
        ]);
        entries[0].After!.ShouldContain("\"Slug\":\"wigan\"");
        entries[1].After!.ShouldContain("\"Slug\":\"bolton\"");
        entries.Select(e => e.EntityId).ShouldBe(entries.Select(e => e.EntityId).Distinct(), "each entry names the key the save gave its row");
    }

    [Fact]
    public async Task Without_an_actor_the_entry_names_the_system_and_a_save_that_changes_nothing_writes_nothing()
    {
        await using (var db = Context())
        {
            var wigan = Organisation("wigan");
            db.Organisations.Add(wigan);
            db.SaveChanges();
            wigan.Name = "wigan";
            db.SaveChanges();
        }

        (await Entries()).ShouldHaveSingleItem().ActorName.ShouldBe("system");
    }

    [Fact]
    public async Task A_save_that_fails_leaves_neither_the_row_nor_its_entry()
    {
        await using (var db = Context())
        {
            db.Organisations.Add(Organisation("wigan"));
            await db.SaveChangesAsync();
        }
        await using (var db = Context())
        {
            // The slug is unique: the second row fails, and the first of the same save goes with it.
            db.Organisations.Add(Organisation("bolton"));
            db.Organisations.Add(Organisation("wigan"));
            Should.Throw<DbUpdateException>(() => db.SaveChanges());
        }

        await using var check = _database.CreateContext();
        (await check.Organisations.CountAsync()).ShouldBe(1);
        (await Entries()).Count.ShouldBe(1);
    }
}

public sealed class AuditInterceptorOnSqliteTests() : AuditInterceptorTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class AuditInterceptorOnPostgreSqlTests() : AuditInterceptorTests(TestProvider.PostgreSql);
