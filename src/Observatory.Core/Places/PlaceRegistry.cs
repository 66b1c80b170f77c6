using System.Globalization;
using System.Text.Json;
using Observatory.Content;

namespace Observatory.Places;

/// <summary>A change of code: the former area was replaced by the successor from the given year.</summary>
public sealed record CodeChange(string FormerCode, string SuccessorCode, int? Year, string Source);

/// <summary>How a dataset names a country, where it differs from the registry's name ("Korea" for KOR in O'Neill 2018).</summary>
public sealed record CountryName(string Dataset, string Name, string Iso3);

/// <summary>
/// Every place the Observatory knows, in memory: UK authorities current and historic with their hierarchy and
/// code changes, statistical areas found in ONS files, and countries. Immutable; built once from the shipped
/// files in <c>data/places/</c> (see its PROVENANCE.md).
/// </summary>
public sealed class PlaceRegistry
{
    private readonly Dictionary<string, Place> _byCode;
    private readonly ILookup<string, Place> _childrenByParent;
    private readonly ILookup<string, CodeChange> _changesByFormer;
    private readonly ILookup<string, CodeChange> _changesBySuccessor;

    public PlaceRegistry(IReadOnlyList<Place> places, IReadOnlyList<CodeChange> changes, IReadOnlyList<CountryName>? countryNames = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? otherNames = null)
    {
        _otherNames = otherNames ?? new Dictionary<string, IReadOnlyList<string>>();
        _names = new Lazy<PlaceNameSearch>(() => new PlaceNameSearch(this));
        _countryNames = (countryNames ?? []).GroupBy(c => (c.Dataset, c.Name)).ToDictionary(g => g.Key, g => g.First().Iso3);
        Places = places;
        CodeChanges = changes;
        _byCode = places.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        _childrenByParent = places.Where(p => p.Parents.Count > 0).ToLookup(p => p.Parents[0], StringComparer.OrdinalIgnoreCase);
        _changesByFormer = changes.ToLookup(c => c.FormerCode, StringComparer.OrdinalIgnoreCase);
        _changesBySuccessor = changes.ToLookup(c => c.SuccessorCode, StringComparer.OrdinalIgnoreCase);
        Councils = [.. places.Where(p => p.IsCouncil).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
        // Authorities before statistical areas (ITL3 "Isle of Anglesey" is not the council), current before
        // historic, so a name shared with a predecessor finds today's area.
        _byName = places.Where(p => p.Type != PlaceType.Country).OrderBy(p => p.IsComparable ? 0 : 1).ThenBy(p => p.IsCurrent ? 0 : 1)
            .GroupBy(p => NormaliseName(p.Name)).ToDictionary(g => g.Key, g => g.First());
    }

    private readonly Dictionary<string, Place> _byName;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _otherNames;
    private readonly Lazy<PlaceNameSearch> _names;

    /// <summary>
    /// Other names the register knows a place by, as written there: Welsh and Scottish Gaelic names ("Caerdydd",
    /// "Na h-Eileanan Siar"), older and longer forms, and misspellings seen in published files.
    /// </summary>
    public IReadOnlyList<string> OtherNamesOf(string code) => _otherNames.GetValueOrDefault(code) ?? [];

    /// <summary>Finding a place by a name as a person types it: misspelt, in Welsh or Gaelic, with or without "council".</summary>
    public PlaceNameSearch Names => _names.Value;
    private readonly Dictionary<(string Dataset, string Name), string> _countryNames;

    /// <summary>
    /// A country as a dataset names it: <paramref name="dataset"/> is a column of data/places/countries.csv without
    /// its <c>_name</c> suffix (oneill2018, fanning2022). Null when that dataset has no such country.
    /// </summary>
    public Place? FindCountry(string dataset, string name) =>
        _countryNames.TryGetValue((dataset, name.Trim()), out var iso3) ? Find(iso3) : null;

    /// <summary>
    /// A UK place by name, as files that carry no code write it: "Kingston upon Hull, City of", "Bristol",
    /// "St. Albans". Null when no place has that name.
    /// </summary>
    public Place? FindByName(string? name) => string.IsNullOrWhiteSpace(name) ? null : _byName.GetValueOrDefault(NormaliseName(name));

    private static string NormaliseName(string name)
    {
        var n = name.Trim().ToLowerInvariant().Replace("&", "and").Replace(".", "");
        foreach (var suffix in new[] { ", city of", ", county of", " city council", " council" })
        {
            if (n.EndsWith(suffix, StringComparison.Ordinal))
            {
                n = n[..^suffix.Length];
            }
        }
        if (n.StartsWith("the ", StringComparison.Ordinal))
        {
            n = n["the ".Length..];
        }
        return n.StartsWith("city of ", StringComparison.Ordinal) && n != "city of london" && n != "city of edinburgh" ? n["city of ".Length..] : n;
    }

    public IReadOnlyList<Place> Places { get; }

    public IReadOnlyList<CodeChange> CodeChanges { get; }

    /// <summary>The current lower-tier and unitary councils, by name.</summary>
    public IReadOnlyList<Place> Councils { get; }

    public Place? Find(string? code) => code is null ? null : _byCode.GetValueOrDefault(code.Trim());

    public IReadOnlyList<Place> ChildrenOf(string code) =>
        [.. _childrenByParent[code].Where(p => p.IsCurrent).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Parents nearest first: county or combined authority, region, nation, United Kingdom.</summary>
    public IReadOnlyList<Place> ParentsOf(string code) => Find(code) is { } place ? [.. place.Parents.Select(Find).OfType<Place>()] : [];

    /// <summary>Current places of the same type under the same nearest parent.</summary>
    public IReadOnlyList<Place> SiblingsOf(string code)
    {
        if (Find(code) is not { } place || place.Parents.Count == 0)
        {
            return [];
        }
        return [.. _childrenByParent[place.Parents[0]].Where(p => p.IsCurrent && p.Type == place.Type && p.Code != place.Code)
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyList<CodeChange> SuccessionOf(string code) => [.. _changesByFormer[code]];

    public IReadOnlyList<CodeChange> PredecessionOf(string code) => [.. _changesBySuccessor[code]];

    /// <summary>
    /// The current code for data published under <paramref name="code"/>, when the change was a pure recode:
    /// one former code replaced by one successor that replaced nothing else (Barnsley E08000016 → E08000038).
    /// Mergers and splits (six Cumbrian districts → Cumberland, Westmorland and Furness) are not the same area,
    /// so their data stays with the historic code. Follows chains of recodes.
    /// </summary>
    public string? RecodedTo(string code)
    {
        string? result = null;
        var current = code;
        for (var hops = 0; hops < 10; hops++)
        {
            var next = _changesByFormer[current].ToList();
            if (next.Count != 1 || _changesBySuccessor[next[0].SuccessorCode].Count() != 1)
            {
                break;
            }
            current = next[0].SuccessorCode;
            result = current;
        }
        return result;
    }

    /// <summary>
    /// The code under which a set keyed by an older release's codes (the May 2024 boundaries) knows the place: its
    /// own, or a code it was recoded from (Barnsley E08000038 is E08000016 there); null when the set has neither.
    /// </summary>
    public string? CodeIn(string code, Func<string, bool> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (known(code))
        {
            return code;
        }
        return PredecessionOf(code)
            .Where(c => string.Equals(RecodedTo(c.FormerCode), code, StringComparison.OrdinalIgnoreCase))
            .Select(c => CodeIn(c.FormerCode, known))
            .FirstOrDefault(c => c is not null);
    }

    /// <summary>The place an older release's code stands for today: its recoded successor, or the place itself.</summary>
    public Place? Current(string code) => Find(RecodedTo(code) ?? code);

    /// <summary>Places whose name or code matches, best first: exact, then starts-with, then contains.</summary>
    public IEnumerable<Place> Search(string? query, string? nation = null, PlaceType? type = null, bool includeHistoric = false)
    {
        var q = query?.Trim() ?? "";
        return Places
            .Where(p => includeHistoric || p.IsCurrent)
            .Where(p => p.Type != PlaceType.Country || type == PlaceType.Country)
            .Where(p => nation is null || string.Equals(p.Nation, nation, StringComparison.OrdinalIgnoreCase))
            .Where(p => type is null || p.Type == type)
            .Select(p => (Place: p, Score: Score(p, q)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Place.Name, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Place);
    }

    private static int Score(Place p, string q)
    {
        if (q.Length == 0)
        {
            return 1;
        }
        if (string.Equals(p.Code, q, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Name, q, StringComparison.OrdinalIgnoreCase))
        {
            return 4;
        }
        if (p.Name.StartsWith(q, StringComparison.OrdinalIgnoreCase))
        {
            return 3;
        }
        return p.Name.Contains(q, StringComparison.OrdinalIgnoreCase) ? 2 : 0;
    }

    public static PlaceRegistry LoadShipped(DataFolder data) => PlaceReader.Read(data);
}

/// <summary>Builds the registry from the shipped files, joining ONS's hierarchy with mySociety's register.</summary>
internal static class PlaceReader
{
    private sealed record HierarchyEntry(string Code, string Name, string[] Levels, string[] Parents, int? Start, int? End);

    public static PlaceRegistry Read(DataFolder data)
    {
        var folder = data.Combine("places");
        var hierarchy = ReadHierarchy(Path.Combine(folder, "ons_els_geo_hierarchy.json"));
        var register = ReadCsv(Path.Combine(folder, "mysociety_uk_local_authorities.csv"));
        var others = ReadCsv(Path.Combine(folder, "other-geographies.csv"));
        var countries = ReadCsv(Path.Combine(folder, "countries.csv"));
        var changes = ReadCsv(Path.Combine(folder, "code-changes.csv"))
            .Select(r => new CodeChange(r["former_code"], r["successor_code"], int.TryParse(r["year"], out var y) ? y : null, r["source"]))
            .ToList();

        var registerByGss = register.Where(r => r["gss-code"].Length > 0).GroupBy(r => r["gss-code"]).ToDictionary(g => g.Key, g => g.First());
        var gssByRegisterCode = register.ToDictionary(r => r["local-authority-code"], r => r["gss-code"]);
        var places = new Dictionary<string, Place>(StringComparer.OrdinalIgnoreCase);

        foreach (var h in hierarchy)
        {
            places[h.Code] = new Place
            {
                Code = h.Code,
                Name = h.Name,
                Type = PlaceTypes.FromCode(h.Code),
                Nation = PlaceTypes.NationOf(h.Code),
                ParentCodes = string.Join(',', h.Parents),
                StartDate = h.Start is { } s ? new DateOnly(s, 1, 1) : null,
                EndDate = h.End is { } e ? new DateOnly(e, 12, 31) : null,
            };
        }
        var regionByName = places.Values.Where(p => p.Type == PlaceType.Region).ToDictionary(p => p.Name, p => p.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var (gss, r) in registerByGss)
        {
            if (!places.TryGetValue(gss, out var place))
            {
                // A historic authority ONS's hierarchy no longer lists: take its parents from the register.
                var parents = new List<string>();
                if (gssByRegisterCode.GetValueOrDefault(r["county-la"]) is { Length: > 0 } county)
                {
                    parents.Add(county);
                }
                if (regionByName.GetValueOrDefault(r["region"]) is { } region)
                {
                    parents.Add(region);
                }
                place = places[gss] = new Place
                {
                    Code = gss,
                    Name = r["nice-name"],
                    Type = PlaceTypes.FromCode(gss),
                    Nation = PlaceTypes.NationOf(gss),
                    ParentCodes = string.Join(',', parents),
                };
            }
            place.Population ??= ParseLong(r["pop-2020"]);
            place.Latitude ??= ParseDouble(r["lat"]);
            place.Longitude ??= ParseDouble(r["long"]);
            place.StartDate = DateOnly.TryParse(r["start-date"], CultureInfo.InvariantCulture, out var start) ? start : place.StartDate;
            place.EndDate = DateOnly.TryParse(r["end-date"], CultureInfo.InvariantCulture, out var end) ? end : place.EndDate;
        }
        foreach (var r in others)
        {
            var code = r["code"];
            places.TryAdd(code, new Place { Code = code, Name = r["name"], Type = PlaceTypes.FromCode(code), Nation = PlaceTypes.NationOf(code) });
        }
        foreach (var r in countries)
        {
            places.TryAdd(r["iso3"], new Place { Code = r["iso3"], Name = r["name"], Type = PlaceType.Country });
        }
        foreach (var group in changes.GroupBy(c => c.FormerCode, StringComparer.OrdinalIgnoreCase))
        {
            var successors = group.Select(c => c.SuccessorCode).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (!places.TryGetValue(group.Key, out var former))
            {
                // A code only ever seen as someone's former code: keep it, so data published under it still finds its place.
                var first = places.GetValueOrDefault(successors[0]);
                former = places[group.Key] = new Place
                {
                    Code = group.Key,
                    Name = first?.Name ?? group.Key,
                    Type = PlaceTypes.FromCode(group.Key),
                    Nation = PlaceTypes.NationOf(group.Key),
                    ParentCodes = first?.ParentCodes ?? "",
                };
            }
            former.SuccessorCodes = string.Join(',', successors);
            if (former.EndDate is null && group.Max(c => c.Year) is { } year)
            {
                former.EndDate = new DateOnly(year - 1, 12, 31);
            }
        }
        foreach (var place in places.Values)
        {
            var parents = place.Parents.Select(c => places.GetValueOrDefault(c)).OfType<Place>().ToList();
            place.RegionCode = parents.FirstOrDefault(p => p.Type == PlaceType.Region)?.Code
                ?? (place.Type is PlaceType.Nation or PlaceType.UnitedKingdom or PlaceType.Country ? null : parents.FirstOrDefault(p => p.Type == PlaceType.Nation && p.Code[0] != 'E')?.Code);
            place.CountyCode = parents.FirstOrDefault(p => p.Type is PlaceType.County or PlaceType.MetropolitanCounty)?.Code;
            place.CombinedAuthorityCode = parents.FirstOrDefault(p => p.Type == PlaceType.CombinedAuthority)?.Code;
        }
        var countryNames = countries.SelectMany(r => r.Where(c => c.Key.EndsWith("_name", StringComparison.Ordinal) && c.Value.Length > 0)
            .Select(c => new CountryName(c.Key[..^"_name".Length], c.Value, r["iso3"]))).ToList();
        var otherNames = registerByGss.Where(r => places.ContainsKey(r.Key))
            .ToDictionary(r => r.Key, r => (IReadOnlyList<string>)[.. r.Value["alt-names"].Split(',').Select(n => n.Trim()).Where(IsReadableName).Distinct(StringComparer.Ordinal)],
                StringComparer.OrdinalIgnoreCase);
        var registry = new PlaceRegistry([.. places.Values.OrderBy(p => p.Code, StringComparer.Ordinal)], changes, countryNames, otherNames);
        // A recoded council is the same area under a new code: it inherits population and centroid.
        foreach (var place in registry.Places.Where(p => !p.IsCurrent))
        {
            if (registry.RecodedTo(place.Code) is { } now && registry.Find(now) is { } successor)
            {
                successor.Population ??= place.Population;
                successor.Latitude ??= place.Latitude;
                successor.Longitude ??= place.Longitude;
            }
        }
        return registry;
    }

    private static List<HierarchyEntry> ReadHierarchy(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var entries = new List<HierarchyEntry>();
        foreach (var item in doc.RootElement.EnumerateObject())
        {
            var v = item.Value;
            entries.Add(new HierarchyEntry(
                item.Name,
                v.GetProperty("areanm").GetString() ?? item.Name,
                [.. v.GetProperty("level").EnumerateArray().Select(l => l.GetString() ?? "")],
                [.. v.GetProperty("parents").EnumerateArray().Select(l => l.GetString() ?? "")],
                v.TryGetProperty("start", out var s) ? s.GetInt32() : null,
                v.TryGetProperty("end", out var e) ? e.GetInt32() : null));
        }
        return entries;
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var csv = new CsvRecordReader(new StreamReader(path), Path.GetFileName(path));
        if (!csv.Read())
        {
            return csv.Problem is { } refused ? throw new ContentValidationException([refused]) : [];
        }
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = csv.GetString(i).Trim();
            }
            rows.Add(row);
        }
        // A shipped file past the CSV limits is a fault of the installation: start-up stops and says where.
        return csv.Problem is { } stopped ? throw new ContentValidationException([stopped]) : rows;
    }

    /// <summary>
    /// The register's alternative names were once read in the wrong encoding ("Sir Ynys Mï¿½n", "Cityï¾ and County"):
    /// those are left out rather than shown or matched garbled. Its list is split on commas, so "Kingston upon Hull,
    /// City of" leaves a bare "City of", which names nothing.
    /// </summary>
    private static bool IsReadableName(string name)
    {
        if (name.Length < 2 || name.Equals("City of", StringComparison.OrdinalIgnoreCase) || name.Equals("County of", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            // UTF-8 read as Latin-1: a lead byte (Â–ï) before a continuation byte (U+0080–U+00BF), or the replacement character.
            if (c == '\uFFFD' || c is >= '\uFF00' and <= '\uFFEF' || (c is >= '\u00C2' and <= '\u00EF' && i + 1 < name.Length && name[i + 1] is >= '\u0080' and <= '\u00BF'))
            {
                return false;
            }
        }
        return true;
    }

    private static long? ParseLong(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)Math.Round(d) : null;

    private static double? ParseDouble(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
