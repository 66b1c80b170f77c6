using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Observatory.Storage;

/// <summary>
/// A number that moves on whenever anything the Observatory shows may have changed: an import, an edit, a
/// publication. Whatever is derived from the stored data and kept between requests — read models, cached pages,
/// ETags — is keyed on it, so nothing derived from older data is served once a write has committed. It only ever
/// rises. Each process holds its own; <see cref="Observe"/> adopts a newer one learnt from elsewhere (another
/// web node writing to the same database).
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
/// Moves the <see cref="DataVersion"/> on after every committed write of a context: when a save commits on its own,
/// or when the transaction a save (or a bulk import's raw writes, which save their import record) ran in commits.
/// A write that rolls back moves nothing.
/// </summary>
public sealed class DataVersionInterceptor(DataVersion version) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts that wrote inside a transaction not yet committed.
    private readonly ConditionalWeakTable<DbContext, object> _written = new();

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context, result);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    private void Saved(DbContext? context, int result)
    {
        if (context is null || result == 0)
        {
            return;
        }
        if (context.Database.CurrentTransaction is null)
        {
            version.Advance();
        }
        else
        {
            _written.AddOrUpdate(context, context);
        }
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

    private void Committed(DbContext? context)
    {
        if (context is not null && _written.Remove(context))
        {
            version.Advance();
        }
    }
}
