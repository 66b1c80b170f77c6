using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Web.Features.Evidence;

/// <summary>An earlier text of an item. Organisation names stay hidden while the item is published without them, except from those who may see them.</summary>
public sealed class VersionModel(EvidenceLibrary library, CurrentActor current, PlaceRegistry places, FrameworkCatalogue frameworks) : PageModel
{
    public EvidenceRecord Record { get; private set; } = null!;
    public EvidenceVersion Version { get; private set; } = null!;
    public ItemDetailsView Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, int n, CancellationToken cancellationToken)
    {
        if (await library.FindAsync(current.Actor, id, cancellationToken) is not { } record
            || await library.VersionAsync(record.Id, n, cancellationToken) is not { } version)
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
