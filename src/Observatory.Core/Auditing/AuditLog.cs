using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Observatory.Storage;

namespace Observatory.Auditing;

/// <summary>Reads the audit log: an entity's history, an organisation's, and exports of either. There is no write path here.</summary>
public sealed class AuditLog(ObservatoryDbContext db)
{
    public Task<List<AuditEntry>> ForEntityAsync(string entityType, string entityId, CancellationToken cancellationToken = default) =>
        db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == entityId).OrderByDescending(a => a.Id).ToListAsync(cancellationToken);

    public Task<List<AuditEntry>> ForOrganisationAsync(long organisationId, CancellationToken cancellationToken = default) =>
        db.AuditEntries.AsNoTracking().Where(a => a.OrganisationId == organisationId).OrderByDescending(a => a.Id).ToListAsync(cancellationToken);

    public static string ToCsv(IEnumerable<AuditEntry> entries)
    {
        var sb = new StringBuilder("id,at,actor,actor_person_id,entity_type,entity_id,action,before,after\r\n");
        foreach (var e in entries)
        {
            Content.CsvWriter.AppendRow(sb, new[]
            {
                e.Id.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture), e.ActorName,
                e.ActorPersonId?.ToString(CultureInfo.InvariantCulture) ?? "", e.EntityType, e.EntityId, e.Action, e.Before ?? "", e.After ?? "",
            });
        }
        return sb.ToString();
    }

    public static string ToJson(IEnumerable<AuditEntry> entries) =>
        JsonSerializer.Serialize(entries.Select(e => new
        {
            e.Id,
            e.At,
            Actor = e.ActorName,
            e.ActorPersonId,
            e.EntityType,
            e.EntityId,
            e.Action,
            Before = e.Before is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(e.Before),
            After = e.After is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(e.After),
        }), new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
}
