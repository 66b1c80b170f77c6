using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Storage;

namespace Observatory.Evidence;

/// <summary>
/// Stores the shipped evidence: new items are added published, changed ones updated with the earlier text kept as
/// a version; running it twice changes nothing. Items no longer shipped are left alone, so nothing is lost.
/// </summary>
public sealed class EvidenceSeeder : IDataSeeder
{
    // After places (items name them); independent of indicator data.
    public int Order => 30;

    public string Name => "evidence";

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var shipped = services.GetRequiredService<ShippedEvidence>();
        var db = services.GetRequiredService<ObservatoryDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var stored = await db.EvidenceItems.Include(e => e.Places).Include(e => e.Elements)
            .Where(e => e.Collection != null).ToDictionaryAsync(e => e.Slug, StringComparer.Ordinal, cancellationToken);
        foreach (var item in shipped.Items)
        {
            var document = EvidenceRecord.Serialise(item);
            if (!stored.TryGetValue(item.Id, out var record))
            {
                var added = EvidenceRecord.From(item, now);
                added.PublishedAt = now;
                db.EvidenceItems.Add(added);
            }
            else if (record.Document != document)
            {
                db.EvidenceVersions.Add(new EvidenceVersion
                {
                    ItemId = record.Id,
                    Version = record.Version,
                    Document = record.Document,
                    ChangedBy = "shipped data",
                    ChangedAt = now,
                    Note = "Replaced by the shipped data file's newer text",
                });
                record.Apply(item);
                record.Version++;
                record.UpdatedAt = now;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
