using Observatory.Places;

namespace Observatory.Charts.Maps;

/// <summary>
/// Joins places to boundaries across code changes: the boundaries keep the codes of their release (May 2024),
/// so a council recoded since (Barnsley E08000016 → E08000038) is drawn under its former code, and a boundary's
/// neighbours are reported under their current codes.
/// </summary>
public static class AreaBoundaries
{
    /// <summary>The boundary drawn for the place, under its own code or a code it was recoded from; null when none.</summary>
    public static BoundaryArea? For(PlaceRegistry places, BoundarySet boundaries, string code)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(boundaries);
        if (boundaries.Find(code) is { } own)
        {
            return own;
        }
        return places.PredecessionOf(code)
            .Where(c => string.Equals(places.RecodedTo(c.FormerCode), code, StringComparison.OrdinalIgnoreCase))
            .Select(c => For(places, boundaries, c.FormerCode))
            .FirstOrDefault(b => b is not null);
    }

    /// <summary>The place a boundary's code stands for today: its recoded successor, or the place itself.</summary>
    public static Place? PlaceFor(PlaceRegistry places, string boundaryCode)
    {
        ArgumentNullException.ThrowIfNull(places);
        return places.Find(places.RecodedTo(boundaryCode) ?? boundaryCode);
    }

    /// <summary>The places sharing a border with the place, by name; empty when it has no boundary.</summary>
    public static IReadOnlyList<Place> NeighboursOf(PlaceRegistry places, BoundarySet boundaries, string code)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        if (For(places, boundaries, code) is not { } boundary)
        {
            return [];
        }
        return [.. boundaries.NeighboursOf(boundary.Code)
            .Select(n => PlaceFor(places, n))
            .OfType<Place>()
            .Where(p => !string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(p => p.Code)
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
