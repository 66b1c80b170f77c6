using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Observatory.Storage;

/// <summary>
/// A number that moves on whenever anything the Observatory shows may have changed: an import, an edit, a
/// publication. Whatever is derived from the stored data and kept between requests — read models, cached pages,
/// ETags — is keyed on it, so nothing derived from older data is served once a write has committed. It only ever
/// rises. Each process holds its own; <see cref="Observe"/> adopts a newer one learnt from elsewhere (another
/// web node writing to the same database, through <see cref="SharedDataVersion"/>).
/// </summary>
public sealed class DataVersion
{
    private long _current = 1;

    /// <summary>The version now; anything computed from the data can be kept for as long as this does not change.</summary>
    public long Current => Interlocked.Read(ref _current);

    /// <summary>Called once a write has committed (never before: a reader in between would key old data to the new version).</summary>
    public long Advance() => Interlocked.Increment(ref _current);

    /// <summary>Adopts <paramref name="version"/> if it is newer than this process's; true when it was.</summary>
    public bool Observe(long version)
    {
        var seen = Interlocked.Read(ref _current);
        while (version > seen)
        {
            var was = Interlocked.CompareExchange(ref _current, version, seen);
            if (was == seen)
            {
                return true;
            }
            seen = was;
        }
        return false;
    }
}

/// <summary>
/// Rows no public page or API response shows (sign-in sessions, the key ring, the audit log): a save that writes only
/// these leaves the data version where it is, so signing in does not empty every cache.
/// </summary>
public interface INotPublished;

/// <summary>
/// The data version shared by every process over one database (M0014's one-row table <c>data_version</c>): each
/// committed write raises the row in the write's own transaction, so the row and the data move together; each web
/// node polls the row (<see cref="PollAsync"/>) and moves its own <see cref="DataVersion"/> on when the row has moved,
/// so a write by another node or by the command line is seen within one poll.
/// </summary>
/// <remarks>
/// The local number follows the row's: after a write of its own a process adopts the row's new value, and a poll
/// adopts a newer one, so nodes that have seen the same writes hold the same number (and give the same ETags). Should
/// the local number have got ahead of the row (an <see cref="DataVersion.Advance"/> for something the database does not
/// hold), a move of the row still moves it on, by one. Pages kept under the local number before the first poll were read from the data at the row's value then or later,
/// and a row that has not moved since means data that has not changed, so the first value is adopted only if higher.
/// </remarks>
public sealed class SharedDataVersion(DataVersion version, DatabaseSettings settings)
{
    internal const string RaiseSql = "UPDATE data_version SET version = version + 1 WHERE id = 1 RETURNING version";
    private const string ReadSql = "SELECT version FROM data_version WHERE id = 1";

    private long _seen;

    public DataVersion Local => version;

    /// <summary>The row's value as this process last knew it (0 before the first poll).</summary>
    public long Seen => Interlocked.Read(ref _seen);

    /// <summary>A write of this process committed, raising the row to <paramref name="raised"/>.</summary>
    public void Committed(long raised) => Moved(raised);

    /// <summary>Reads the row once; true when it had moved since this process last knew it (and the local version has moved on).</summary>
    public async Task<bool> PollAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Connection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ReadSql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is not null and not DBNull && Moved(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    private bool Moved(long row)
    {
        var seen = Interlocked.Read(ref _seen);
        while (row > seen)
        {
            var was = Interlocked.CompareExchange(ref _seen, row, seen);
            if (was == seen)
            {
                // The first value learnt is only adopted: whatever this process kept before was read from the data at
                // that row or an earlier one, and an earlier one would be below it. After that, a move of the row
                // moves this process on even if its own number had got ahead.
                if (!version.Observe(row) && seen != 0)
                {
                    version.Advance();
                }
                return true;
            }
            seen = was;
        }
        return false;
    }

    private DbConnection Connection() => settings.IsPostgreSql
        ? new Npgsql.NpgsqlConnection(settings.ConnectionString)
        : new Microsoft.Data.Sqlite.SqliteConnection(settings.ConnectionString);
}

/// <summary>
/// Moves the data version on after every committed write of a context, and raises the shared row
/// (<see cref="SharedDataVersion"/>) inside that write's transaction, just before it commits: a save that commits on
/// its own (made to run in a transaction of its own), or the transaction a save ran in (a bulk import's raw writes ride
/// on the save of its import record). A write that rolls back moves nothing; a save that writes only
/// <see cref="INotPublished"/> rows moves nothing. Registered after every other interceptor (the audit log's begins the
/// transaction a save runs in).
/// </summary>
public sealed class DataVersionInterceptor(DataVersion version, SharedDataVersion? shared = null) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Pending
    {
        public long? Raised;
    }

    // Contexts that wrote in a transaction not yet committed.
    private readonly ConditionalWeakTable<DbContext, Pending> _written = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Saving(DbContext? context)
    {
        if (context is null || _written.TryGetValue(context, out _))
        {
            return;
        }
        context.ChangeTracker.DetectChanges();
        if (!context.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not INotPublished))
        {
            return;
        }
        _written.AddOrUpdate(context, new Pending());
        // A save of one statement would otherwise run without a transaction, leaving nowhere to raise the row.
        if (context.Database.CurrentTransaction is null)
        {
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Writing(eventData.Context) is { } pending)
        {
            using var command = Raise(transaction);
            pending.Raised = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (Writing(eventData.Context) is { } pending)
        {
            await using var command = Raise(transaction);
            pending.Raised = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        return result;
    }

    private Pending? Writing(DbContext? context) =>
        shared is not null && context is not null && _written.TryGetValue(context, out var pending) && pending.Raised is null ? pending : null;

    private static DbCommand Raise(DbTransaction transaction)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SharedDataVersion.RaiseSql;
        return command;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _written.Remove(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _written.Remove(context);
        }
    }

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_written.TryGetValue(context, out var pending))
        {
            return;
        }
        _written.Remove(context);
        if (pending.Raised is { } raised && shared is not null)
        {
            shared.Committed(raised);
        }
        else
        {
            version.Advance();
        }
    }
}
