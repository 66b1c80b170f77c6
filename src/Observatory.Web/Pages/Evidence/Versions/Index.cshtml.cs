using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Web.Pages.Evidence.Versions;

/// <summary>One row of the history: version N, made when, by whom, and why.</summary>
public sealed record VersionRow(int Version, DateTime At, string? By, string? Note, bool IsCurrent);

/// <summary>
/// An item's version history, for whoever can see the item. Each stored version holds the text that was replaced
/// with who replaced it and why, so the row for version N+1 reads its when, who and why from version N.
/// </summary>
public sealed class IndexModel(EvidenceLibrary library, ObservatoryDbContext db, CurrentActor current) : PageModel
{
    public EvidenceRecord Record { get; private set; } = null!;
    public IReadOnlyList<VersionRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await library.FindAsync(current.Actor, id, cancellationToken) is not { } record)
        {
            return NotFound();
        }
        Record = record;
        var versions = await db.EvidenceVersions.AsNoTracking().Where(v => v.ItemId == record.Id).OrderBy(v => v.Version).ToListAsync(cancellationToken);
        var firstBy = record.SubmittedById is { } by ? await db.People.AsNoTracking().Where(p => p.Id == by).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken) : null;
        var rows = new List<VersionRow> { new(1, record.CreatedAt, record.Collection is null ? firstBy : "shipped data", record.Collection is null ? "Submitted" : $"Shipped in data/evidence/{record.Collection}.yaml", record.Version == 1) };
        foreach (var v in versions)
        {
            rows.Add(new VersionRow(v.Version + 1, v.ChangedAt, v.ChangedBy, v.Note, v.Version + 1 == record.Version));
        }
        var named = EvidencePageSupport.MaySeeOrganisations(current.Actor, record);
        Rows = [.. rows.OrderByDescending(r => r.Version).Select(r => named ? r : r with { By = "Not shown: published without organisation names" })];
        return Page();
    }
}

/// <summary>An earlier text of an item. Organisation names stay hidden while the item is published without them, except from those who may see them.</summary>
public sealed class ShowModel(EvidenceLibrary library, ObservatoryDbContext db, CurrentActor current, PlaceRegistry places, FrameworkCatalogue frameworks) : PageModel
{
    public EvidenceRecord Record { get; private set; } = null!;
    public EvidenceVersion Version { get; private set; } = null!;
    public ItemDetailsView Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, int n, CancellationToken cancellationToken)
    {
        if (await library.FindAsync(current.Actor, id, cancellationToken) is not { } record
            || await db.EvidenceVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ItemId == record.Id && v.Version == n, cancellationToken) is not { } version)
        {
            return NotFound();
        }
        Record = record;
        Version = version;
        var item = new EvidenceRecord { Slug = record.Slug, Title = "", Summary = "", Document = version.Document }.Item;
        var insider = EvidencePageSupport.IsInsider(current.Actor, record);
        Details = new ItemDetailsView(item, !(record.Anonymous || item.Anonymous) || insider, places, frameworks);
        return Page();
    }
}
