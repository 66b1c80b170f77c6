using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Observatory.Accounts;
using Observatory.Auditing;

namespace Observatory.Storage;

/// <summary>
/// Every save of an audited entity writes its audit entries in the same transaction: one per entity created,
/// changed or deleted, with the actor of the scope and the values before and after. An update that changes
/// nothing writes nothing.
/// </summary>
public sealed partial class ObservatoryDbContext
{
    private static readonly JsonSerializerOptions AuditJson = new() { WriteIndented = false };

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");
        }
        var pending = ChangeTracker.Entries()
            .Where(e => e.Entity is IAudited && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (Entry: e, e.State, Before: e.State == EntityState.Added ? null : Snapshot(e, original: true)))
            .Where(p => p.State != EntityState.Modified || p.Before != Snapshot(p.Entry, original: false))
            .ToList();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var actor = _actor?.Actor ?? Actor.System("system");
            var now = DateTime.UtcNow;
            foreach (var (entry, state, before) in pending)
            {
                AuditEntries.Add(new AuditEntry
                {
                    At = now,
                    ActorPersonId = actor.PersonId,
                    ActorName = actor.Name,
                    OrganisationId = ((IAudited)entry.Entity).AuditOrganisationId,
                    EntityType = entry.Metadata.ClrType.Name,
                    EntityId = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue)),
                    Action = state switch { EntityState.Added => "created", EntityState.Deleted => "deleted", _ => "updated" },
                    Before = before,
                    After = state == EntityState.Deleted ? null : Snapshot(entry, original: false),
                });
            }
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
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
