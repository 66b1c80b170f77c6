using Observatory.Places;

namespace Observatory.Rendering.Charts.Maps;

/// <summary>
/// Joins places to boundaries across code changes: the boundaries keep the codes of their release (May 2024),
/// so a council recoded since (Barnsley E08000016 → E08000038) is drawn under its former code. Which places
/// border which is <see cref="PlaceAdjacency"/>'s.
/// </summary>
public static class AreaBoundaries
{
    /// <summary>The boundary drawn for the place, under its own code or a code it was recoded from; null when none.</summary>
    public static BoundaryArea? For(PlaceRegistry places, BoundarySet boundaries, string code)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(boundaries);
        return places.CodeIn(code, c => boundaries.Find(c) is not null) is { } drawn ? boundaries.Find(drawn) : null;
    }

    /// <summary>The place a boundary's code stands for today: its recoded successor, or the place itself.</summary>
    public static Place? PlaceFor(PlaceRegistry places, string boundaryCode)
    {
        ArgumentNullException.ThrowIfNull(places);
        return places.Current(boundaryCode);
    }
}
