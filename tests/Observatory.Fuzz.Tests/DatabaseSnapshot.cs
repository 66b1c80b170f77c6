using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Fuzz.Tests;

/// <summary>
/// What a database holds, in brief: the rows of every table of the model and the newest audit entry. Two snapshots
/// that differ mean something was written (or removed) between them.
/// </summary>
public sealed record DatabaseSnapshot(IReadOnlyDictionary<string, long> Rows, long LastAuditEntry)
{
    public static async Task<DatabaseSnapshot> TakeAsync(ObservatoryDbContext db)
    {
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join(" UNION ALL ", tables.Select(t => $"SELECT '{t}', COUNT(*) FROM {t}"))
                + " UNION ALL SELECT '#audit', COALESCE(MAX(id), 0) FROM audit_entries";
            var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            var audit = rows["#audit"];
            rows.Remove("#audit");
            return new DatabaseSnapshot(rows, audit);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>The tables whose rows changed, and the audit log if it grew: empty when nothing was written.</summary>
    public IReadOnlyList<string> Differences(DatabaseSnapshot after)
    {
        var changes = Rows.Where(r => after.Rows.GetValueOrDefault(r.Key) != r.Value).Select(r => $"{r.Key}: {r.Value} → {after.Rows.GetValueOrDefault(r.Key)}").ToList();
        if (after.LastAuditEntry != LastAuditEntry)
        {
            changes.Add($"audit_entries: newest {LastAuditEntry} → {after.LastAuditEntry}");
        }
        return changes;
    }
}
