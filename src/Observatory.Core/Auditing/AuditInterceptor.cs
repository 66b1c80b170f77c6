using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Observatory.Storage;

namespace Observatory.Auditing;

/// <summary>Who the audit log names for the writes of a scope (a web request, a command). Accounts' current actor is one.</summary>
public interface IAuditActor
{
    long? PersonId { get; }

    string Name { get; }
}

/// <summary>The audit log's set (why here and not on the context: <see cref="ObservatoryDbContext"/>).</summary>
public static class AuditingDbSets
{
    extension(ObservatoryDbContext db)
    {
        public DbSet<AuditEntry> AuditEntries => db.Set<AuditEntry>();
    }
}

/// <summary>
/// Every save of an audited entity writes its audit entries in the same transaction: one per entity created,
/// changed or deleted, with the actor of the scope and the values before and after. An update that changes
/// nothing writes nothing. The entries are written by a second save once the first has given new rows their
/// keys; both run in the caller's transaction, or in one begun here. The synchronous path does the same with
/// synchronous calls, never by waiting on the asynchronous one.
/// </summary>
/// <param name="clock">The time every entry of one save carries.</param>
/// <param name="actor">Who the scope's writes are by; without one (a context made outside a scope) "system".</param>
public sealed class AuditInterceptor(TimeProvider clock, IAuditActor? actor = null) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions AuditJson = new() { WriteIndented = false };

    private sealed record Write(EntityEntry Entry, EntityState State, string? Before);

    private sealed record Pending(List<Write> Writes, IDbContextTransaction? OwnTransaction);

    // One context may be saved while another is; each save keeps its own writes until they are recorded.
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        var context = Context(eventData);
        if (Capture(context) is { } writes)
        {
            _pending.AddOrUpdate(context, new Pending(writes, context.Database.CurrentTransaction is null ? context.Database.BeginTransaction() : null));
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var context = Context(eventData);
        if (Capture(context) is { } writes)
        {
            var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            _pending.AddOrUpdate(context, new Pending(writes, own));
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        var context = Context(eventData);
        if (Take(context) is not { } pending)
        {
            return result;
        }
        try
        {
            Record(context, pending.Writes);
            context.SaveChanges();
            pending.OwnTransaction?.Commit();
        }
        finally
        {
            pending.OwnTransaction?.Dispose();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var context = Context(eventData);
        if (Take(context) is not { } pending)
        {
            return result;
        }
        try
        {
            Record(context, pending.Writes);
            await context.SaveChangesAsync(cancellationToken);
            if (pending.OwnTransaction is not null)
            {
                await pending.OwnTransaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (pending.OwnTransaction is not null)
            {
                await pending.OwnTransaction.DisposeAsync();
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(Context(eventData))?.OwnTransaction?.Dispose();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(Context(eventData))?.OwnTransaction is { } own)
        {
            await own.DisposeAsync();
        }
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Take(Context(eventData))?.OwnTransaction?.Dispose();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(Context(eventData))?.OwnTransaction is { } own)
        {
            await own.DisposeAsync();
        }
    }

    private static DbContext Context(DbContextEventData eventData) =>
        eventData.Context ?? throw new InvalidOperationException("A save without a context cannot be audited.");

    private Pending? Take(DbContext context) => _pending.TryGetValue(context, out var pending) && _pending.Remove(context) ? pending : null;

    /// <summary>The audited writes of this save, with their values before; null when there are none.</summary>
    private static List<Write>? Capture(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        if (context.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");
        }
        var writes = context.ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new Write(e, e.State, e.State == EntityState.Added ? null : Snapshot(e, original: true)))
            .Where(w => w.State != EntityState.Modified || w.Before != Snapshot(w.Entry, original: false))
            .ToList();
        return writes.Count == 0 ? null : writes;
    }

    /// <summary>Adds an entry per write, read after the first save so that new rows have their keys.</summary>
    private void Record(DbContext context, List<Write> writes)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var by = actor?.Name ?? "system";
        var personId = actor?.PersonId;
        var entries = context.Set<AuditEntry>();
        foreach (var (entry, state, before) in writes)
        {
            entries.Add(new AuditEntry
            {
                At = now,
                ActorPersonId = personId,
                ActorName = by,
                OrganisationId = ((IAudited)entry.Entity).AuditOrganisationId,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
                Action = state switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" },
                Before = before,
                After = state == EntityState.Deleted ? null : Snapshot(entry, original: false),
            });
        }
    }

    /// <summary>The entity's properties as JSON, leaving out secrets marked <see cref="AuditIgnoreAttribute"/>.</summary>
    private static string Snapshot(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (property.Metadata.PropertyInfo?.GetCustomAttribute<AuditIgnoreAttribute>() is not null)
            {
                continue;
            }
            var value = original ? property.OriginalValue : property.CurrentValue;
            values[property.Metadata.Name] = value is Enum e ? e.ToString() : value;
        }
        return JsonSerializer.Serialize(values, AuditJson);
    }
}
