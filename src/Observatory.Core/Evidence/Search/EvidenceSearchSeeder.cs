using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Frameworks;
using Observatory.Storage;

namespace Observatory.Evidence.Search;

/// <summary>
/// Copies the catalogue's element names into evidence_element_names, which the view the index reads spells items'
/// elements out from. The change log's triggers only see evidence rows that change, so when a name changes every
/// index is told to build afresh; otherwise this changes nothing.
/// </summary>
public sealed class EvidenceSearchSeeder : IDataSeeder
{
    // After places, before the shipped evidence, so the first build indexes element names already.
    public int Order => 25;

    public string Name => "evidence search";

    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var catalogue = services.GetRequiredService<FrameworkCatalogue>();
        var db = services.GetRequiredService<ObservatoryDbContext>();
        var stored = await db.EvidenceElementNames.ToDictionaryAsync(n => n.Element, StringComparer.Ordinal, cancellationToken);
        var changed = false;
        foreach (var element in catalogue.Frameworks.SelectMany(f => f.AllElements()))
        {
            var key = element.Ref.ToString();
            if (!stored.TryGetValue(key, out var row))
            {
                db.EvidenceElementNames.Add(new EvidenceElementName { Element = key, Name = element.Name });
                changed = true;
            }
            else if (row.Name != element.Name)
            {
                row.Name = element.Name;
                changed = true;
            }
        }
        if (!changed)
        {
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Storage.Migrations.M0007_EvidenceSearchChanges.RebuildAllSql(db.Database.IsSqlite()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
