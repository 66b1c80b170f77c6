using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;

namespace Observatory.Evidence;

/// <summary>An item related to another, with what links them.</summary>
/// <param name="SharedElements">How many of the item's framework elements it is tagged with too.</param>
/// <param name="SamePlace">A place both items name, if any.</param>
/// <param name="NeighbouringPlace">A neighbour of one of the item's places that this one names, if any.</param>
public sealed record RelatedItem(string Slug, string Title, EvidenceKind Kind, int? Year, int SharedElements, string? SamePlace, string? NeighbouringPlace);

/// <summary>
/// "Related evidence" beside an item: published items on the same places or their neighbours, or tagged with the
/// same elements. A place in common weighs most, then each shared element, then a neighbouring place; newer first.
/// </summary>
public sealed class RelatedEvidence(EvidenceLibrary library)
{
    public async Task<IReadOnlyList<RelatedItem>> FindAsync(Actor actor, EvidenceItem item, IReadOnlyCollection<string> neighbours, int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var own = item.Places.ToList();
        var near = neighbours.Where(code => !own.Contains(code)).Distinct().ToList();
        var elements = item.Elements.Select(e => e.ToString()).ToList();
        var slug = item.Id;
        var found = await library.Published(actor)
            .Where(e => e.Slug != slug && (e.Elements.Any(x => elements.Contains(x.Element)) || e.Places.Any(p => own.Contains(p.PlaceCode) || near.Contains(p.PlaceCode))))
            .Select(e => new
            {
                e.Slug,
                e.Title,
                e.Kind,
                e.Year,
                Shared = e.Elements.Count(x => elements.Contains(x.Element)),
                Same = e.Places.Where(p => own.Contains(p.PlaceCode)).Select(p => p.PlaceCode).FirstOrDefault(),
                Near = e.Places.Where(p => near.Contains(p.PlaceCode)).Select(p => p.PlaceCode).FirstOrDefault(),
            })
            .OrderByDescending(r => (r.Same != null ? 3 : 0) + r.Shared + (r.Near != null ? 1 : 0))
            .ThenByDescending(r => r.Year)
            .ThenBy(r => r.Slug)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. found.Select(r => new RelatedItem(r.Slug, r.Title, r.Kind, r.Year, r.Shared, r.Same, r.Near))];
    }
}
