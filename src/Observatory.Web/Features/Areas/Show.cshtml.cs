using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Indicators;
using Observatory.Places;
using Observatory.Rendering.Charts;
using Observatory.Rendering.Charts.Maps;
using Observatory.Similarity;

namespace Observatory.Web.Features.Areas;

public sealed class ShowModel(PlaceRegistry places, BoundarySet boundaries, PlaceAdjacency adjacency, AreaProfileService profiles,
    Observatory.Evidence.EvidenceCounts evidence, Observatory.Accounts.CurrentActor current, DrawingCache drawings,
    LocatorBackground background, Observatory.Plans.RecoveryPlans plans) : PageModel
{
    public sealed record Change(Place Place, int? Year);

    public Place Area { get; private set; } = null!;
    public Place? Region { get; private set; }
    public Place? Nation { get; private set; }
    public IReadOnlyList<Place> Parents { get; private set; } = [];
    public IReadOnlyList<Place> Children { get; private set; } = [];
    public IReadOnlyList<Place> Siblings { get; private set; } = [];
    public IReadOnlyList<Place> Neighbours { get; private set; } = [];
    public IReadOnlyList<Change> Successors { get; private set; } = [];
    public IReadOnlyList<Change> Predecessors { get; private set; } = [];
    public IReadOnlyList<AreaIndicator> Indicators => Profile.Indicators;

    /// <summary>The key indicators, the sentences written from them and what the quarters compare with.</summary>
    public AreaProfile Profile { get; private set; } = null!;
    public Choropleth? Map { get; private set; }

    /// <summary>Published evidence about the area, and about areas it is part of.</summary>
    public Observatory.Evidence.PlaceEvidenceCount Evidence { get; private set; } = null!;

    /// <summary>Published recovery and resilience plans covering the area or an area it is part of.</summary>
    public IReadOnlyList<Observatory.Plans.PlanSummary> Plans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (places.Find(code) is not { } area)
        {
            return NotFound();
        }
        Area = area;
        Parents = places.ParentsOf(area.Code);
        Nation = Parents.FirstOrDefault(p => p.Type == PlaceType.Nation);
        // Outside England the "region" is the nation itself; comparing with it twice says nothing.
        Region = area.RegionCode is { } r && r != Nation?.Code ? places.Find(r) : null;
        Children = places.ChildrenOf(area.Code);
        // A historic area's successor sits under the same parent, but it is the area's future, not its sibling.
        Siblings = [.. places.SiblingsOf(area.Code).Where(p => !area.Successors.Contains(p.Code, StringComparer.OrdinalIgnoreCase))];
        Neighbours = adjacency.NeighboursOf(places, area.Code);
        Successors = [.. places.SuccessionOf(area.Code).Select(c => (Place: places.Find(c.SuccessorCode), c.Year)).Where(c => c.Place is not null).Select(c => new Change(c.Place!, c.Year))];
        Predecessors = [.. places.PredecessionOf(area.Code).Select(c => (Place: places.Find(c.FormerCode), c.Year)).Where(c => c.Place is not null).Select(c => new Change(c.Place!, c.Year))];

        Profile = await profiles.ForAsync(area, Region, Nation, cancellationToken);
        // Drawn from the shipped boundaries and places alone, so each area's is drawn once per process.
        Map = drawings.GetOrDraw($"locator:{area.Code}", DrawLocator);
        Evidence = await evidence.ForPlaceAsync(current.Actor, area, cancellationToken);
        Plans = await plans.PublishedForPlaceAsync(area.Code, cancellationToken);
        return Page();
    }

    /// <summary>
    /// The area outlined on the UK, or, for an area with no boundary of its own (a region, a county), its councils
    /// shaded.
    /// </summary>
    private Choropleth? DrawLocator()
    {
        var own = AreaBoundaries.For(places, boundaries, Area.Code);
        var members = own is not null ? [] : CouncilsWithin(Area.Code).Select(p => AreaBoundaries.For(places, boundaries, p.Code)).OfType<BoundaryArea>()
            .Select(b => b.Code).ToHashSet(StringComparer.Ordinal);
        if (own is null && members.Count == 0)
        {
            return null;
        }
        var inside = own is not null ? Area.Name : $"Councils in {Area.Name}";
        return LocatorMap.Draw(boundaries, $"Where {Area.Name} is",
            $"A map of the United Kingdom with {(own is not null ? $"{Area.Name} shaded and outlined" : $"the councils in {Area.Name} shaded")}.",
            background.Href, members, own?.Code, inside);
    }

    private IEnumerable<Place> CouncilsWithin(string code, int depth = 0)
    {
        foreach (var child in places.ChildrenOf(code))
        {
            if (child.IsCouncil)
            {
                yield return child;
            }
            else if (depth < 4)
            {
                foreach (var council in CouncilsWithin(child.Code, depth + 1))
                {
                    yield return council;
                }
            }
        }
    }
}
