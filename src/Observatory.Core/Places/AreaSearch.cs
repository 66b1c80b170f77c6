namespace Observatory.Places;

/// <summary>
/// How the area finder (the /areas page and /api/areas) chooses places, so both give the same answer. With no
/// words and no type it lists councils, the places people come to compare; words or a type search every kind.
/// Words no name contains are looked up as a misspelt or Welsh or Gaelic name (<see cref="PlaceNameSearch"/>).
/// </summary>
public static class AreaSearch
{
    public static readonly IReadOnlyList<string> Nations = ["England", "Wales", "Scotland", "Northern Ireland"];

    /// <summary>The kinds of lower-tier and unitary council, current or not.</summary>
    public static bool IsCouncilType(PlaceType type) => type is PlaceType.UnitaryAuthority or PlaceType.MetropolitanDistrict
        or PlaceType.LondonBorough or PlaceType.NonMetropolitanDistrict or PlaceType.WelshPrincipalArea or PlaceType.ScottishCouncilArea
        or PlaceType.NorthernIrelandDistrict;

    /// <summary>The types a reader can filter by: the UK's own geographies, councils first.</summary>
    public static IReadOnlyList<PlaceType> Types { get; } =
    [
        .. Enum.GetValues<PlaceType>().Where(IsCouncilType),
        .. Enum.GetValues<PlaceType>().Where(t => !IsCouncilType(t) && t is not (PlaceType.Country or PlaceType.StatisticalCountry)),
    ];

    /// <summary>The nation as the registry writes it, or null when <paramref name="name"/> is not a UK nation.</summary>
    public static string? NationNamed(string? name) =>
        Nations.FirstOrDefault(n => string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<Place> Find(PlaceRegistry places, string? query, string? nation = null, PlaceType? type = null, bool includeHistoric = false)
    {
        ArgumentNullException.ThrowIfNull(places);
        var words = query?.Trim() ?? "";
        var found = places.Search(words, nation, type, includeHistoric);
        if (words.Length == 0 && type is null)
        {
            return [.. found.Where(p => IsCouncilType(p.Type))];
        }
        // Statistical areas share names with councils ("Isle of Anglesey" is an ITL3 area too); only asked-for ones appear.
        List<Place> listed = [.. found.Where(p => p.IsComparable || type is not null)];
        if (listed.Count > 0 || words.Length == 0)
        {
            return listed;
        }
        // Nothing has the words in its name: a misspelling ("Wiggan") or another language's name ("Caerdydd").
        // A name that is exactly some place's (a former council, left out unless asked for) suggests no others.
        var named = places.Names.Search(words, limit: 50).Matches;
        return [.. (named.Any(m => m.Exact) ? named.Where(m => m.Exact) : named).Select(m => m.Place)
            .Where(p => (includeHistoric || p.IsCurrent)
                && (nation is null || string.Equals(p.Nation, nation, StringComparison.OrdinalIgnoreCase))
                && (type is null || p.Type == type))];
    }
}
