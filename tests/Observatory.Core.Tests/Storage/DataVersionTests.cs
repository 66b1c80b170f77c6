using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Core.Tests.Storage;

/// <summary>
/// The data version moves on with every committed write, and only after the commit: what is cached against it is
/// never keyed to data a reader could not yet see, and a write that rolls back leaves it where it was.
/// </summary>
public abstract class DataVersionTests(TestProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly DataVersion _version = new();
    private SharedDataVersion _shared = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var db = await _database.MigratedContextAsync();
        _shared = new SharedDataVersion(_version, _database.Settings);
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    // The audit interceptor begins its own transaction around a save: the version must still move once, after it.
    private ObservatoryDbContext Context() =>
        StorageSetup.CreateContext(_database.Settings, new AuditInterceptor(TimeProvider.System), new DataVersionInterceptor(_version, _shared));

    /// <summary>The shared row, read as another process would.</summary>
    private async Task<long> RowAsync()
    {
        var other = new SharedDataVersion(new DataVersion(), _database.Settings);
        await other.PollAsync();
        return other.Seen;
    }

    private static Organisation Organisation(string slug) => new() { Slug = slug, Name = slug, Kind = OrganisationKind.Council };

    [Fact]
    public async Task Each_committed_save_moves_the_version_on()
    {
        var before = _version.Current;
        await using var db = Context();
        db.Organisations.Add(Organisation("wigan"));
        await db.SaveChangesAsync();
        var first = _version.Current;
        first.ShouldBeGreaterThan(before);
        db.Organisations.Add(Organisation("bolton"));
        db.SaveChanges();
        var second = _version.Current;
        second.ShouldBeGreaterThan(first);
        await db.SaveChangesAsync();
        _version.Current.ShouldBe(second, "a save that writes nothing changes nothing");
    }

    [Fact]
    public async Task A_save_inside_a_transaction_counts_when_the_transaction_commits()
    {
        var before = _version.Current;
        await using var db = Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Organisations.Add(Organisation("wigan"));
        await db.SaveChangesAsync();
        db.Organisations.Add(Organisation("bolton"));
        await db.SaveChangesAsync();
        _version.Current.ShouldBe(before, "nothing is visible to other readers yet");
        await transaction.CommitAsync();
        _version.Current.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task A_write_that_rolls_back_moves_nothing()
    {
        var before = _version.Current;
        await using (var db = Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Organisations.Add(Organisation("wigan"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        await using (var db = Context())
        {
            db.Organisations.Add(Organisation("bolton"));
            db.Organisations.Add(Organisation("bolton"));
            await Should.ThrowAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => db.SaveChangesAsync());
        }
        _version.Current.ShouldBe(before);
    }

    [Fact]
    public async Task Each_committed_write_raises_the_shared_row_and_this_process_takes_its_value()
    {
        var before = await RowAsync();
        await using var db = Context();
        db.Organisations.Add(Organisation("wigan"));
        await db.SaveChangesAsync();
        (await RowAsync()).ShouldBe(before + 1);
        _version.Current.ShouldBe(before + 1, "the writer's own version is the row's, so nodes that have seen the same writes agree");
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Organisations.Add(Organisation("bolton"));
        await db.SaveChangesAsync();
        db.Organisations.Add(Organisation("bury"));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        (await RowAsync()).ShouldBe(before + 2, "one transaction raises the row once");
    }

    [Fact]
    public async Task A_write_that_rolls_back_leaves_the_shared_row_where_it_was()
    {
        var before = await RowAsync();
        await using var db = Context();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Organisations.Add(Organisation("wigan"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        (await RowAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_save_of_sign_in_sessions_alone_moves_nothing()
    {
        await using var db = Context();
        var person = new Person { Email = "officer@wigan.gov.uk", DisplayName = "Officer", PasswordHash = "x", SecurityStamp = "s" };
        db.People.Add(person);
        await db.SaveChangesAsync();
        var row = await RowAsync();
        var local = _version.Current;

        db.SignInSessions.Add(new SignInSession { PersonId = person.Id, KeyHash = "hash", CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();

        (await RowAsync()).ShouldBe(row);
        _version.Current.ShouldBe(local);
    }

    [Fact]
    public async Task A_write_by_another_process_is_seen_by_a_poll_and_moves_the_local_version_on()
    {
        var elsewhere = new DataVersion();
        var node = new SharedDataVersion(elsewhere, _database.Settings);
        await node.PollAsync();
        var before = elsewhere.Current;

        await using (var db = Context())
        {
            db.Organisations.Add(Organisation("wigan"));
            await db.SaveChangesAsync();
        }

        (await node.PollAsync()).ShouldBeTrue();
        elsewhere.Current.ShouldBeGreaterThan(before);
        elsewhere.Current.ShouldBe(_version.Current, "both processes hold the row's value");
        (await node.PollAsync()).ShouldBeFalse("nothing has been written since");
    }

    [Fact]
    public void A_version_learnt_from_elsewhere_is_adopted_only_when_newer()
    {
        var version = new DataVersion();
        version.Observe(10).ShouldBeTrue();
        version.Current.ShouldBe(10);
        version.Observe(4).ShouldBeFalse();
        version.Current.ShouldBe(10);
        version.Advance().ShouldBe(11);
    }
}

public sealed class DataVersionOnSqliteTests() : DataVersionTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class DataVersionOnPostgreSqlTests() : DataVersionTests(TestProvider.PostgreSql);
