namespace Observatory.Places;

/// <summary>What a list of areas typed by a person named: the places found, in order, and the entries nothing matched.</summary>
public sealed record NamedPlaces(IReadOnlyList<Place> Found, IReadOnlyList<string> Unknown);

/// <summary>
/// Areas as people type them: a GSS code ("E08000010") or a name ("Wigan", "Kingston upon Hull, City of"), so
/// nobody has to look a code up before comparing places. Codes win over names; names are read as the register
/// writes them (<see cref="PlaceRegistry.FindByName"/>: "the", "council" and "city of" do not matter).
/// </summary>
public static class PlaceNames
{
    /// <summary>One area by code or name; null when neither is known.</summary>
    public static Place? Find(PlaceRegistry places, string? entry)
    {
        ArgumentNullException.ThrowIfNull(places);
        if (string.IsNullOrWhiteSpace(entry))
        {
            return null;
        }
        var text = entry.Trim();
        return places.Find(text) ?? places.FindByName(text);
    }

    /// <summary>
    /// A list typed into one box: entries separated by commas or semicolons, each a code or a name. A comma inside
    /// a name ("Kingston upon Hull, City of") is kept when the part after it names nothing on its own and the two
    /// parts together name a place, and codes separated
    /// by spaces only ("E08000010 E08000006") are read as several codes. Duplicates are dropped.
    /// </summary>
    public static NamedPlaces Resolve(PlaceRegistry places, string? text)
    {
        ArgumentNullException.ThrowIfNull(places);
        var entries = (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var found = new List<Place>();
        var unknown = new List<string>();
        for (var i = 0; i < entries.Length; i++)
        {
            // "Kingston upon Hull, City of": the part after the comma names nothing on its own.
            if (i + 1 < entries.Length && Find(places, entries[i + 1]) is null && places.FindByName($"{entries[i]}, {entries[i + 1]}") is { } joined)
            {
                found.Add(joined);
                i++;
                continue;
            }
            if (Find(places, entries[i]) is { } place)
            {
                found.Add(place);
                continue;
            }
            var words = entries[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 1 && words.All(w => places.Find(w) is not null))
            {
                found.AddRange(words.Select(w => places.Find(w)!));
                continue;
            }
            unknown.Add(entries[i]);
        }
        return new NamedPlaces([.. found.DistinctBy(p => p.Code, StringComparer.OrdinalIgnoreCase)], unknown);
    }

    /// <summary>
    /// Up to <paramref name="count"/> current councils a name most likely means, for "did you mean": found by the
    /// place search residents use (<see cref="PlaceNameSearch"/>), so a slip ("Wiggan", "Bolten"), part of a name
    /// ("Wiga") or a Welsh or Gaelic name finds the council. A former council is offered as the council that covers
    /// it today. Fewer than three letters suggest nothing: they would fit too many places.
    /// </summary>
    public static IReadOnlyList<Place> Suggest(PlaceRegistry places, string? entry, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(places);
        var text = entry?.Trim() ?? "";
        if (text.Length < 3)
        {
            return [];
        }
        return [.. places.Names.Search(text, limit: 20).Matches
            .Select(m => m.Place.IsCouncil && m.Place.IsCurrent ? m.Place : places.Current(m.Place.Code) is { IsCouncil: true } today ? today : null)
            .OfType<Place>()
            .DistinctBy(p => p.Code)
            .Take(count)];
    }
}
