using System.Globalization;
using Observatory.Frameworks;
using Observatory.Places;

namespace Observatory.Evidence.Search;

/// <summary>
/// Reads the shared evidence query parameters (q, element, all, place, region, nation, kind, strength, year,
/// page) the same way for /evidence and /api/evidence, checking each against the catalogue and the place
/// registry. (The export reads its filters here too.) A problem names its parameter, so pages and the API can say exactly what to fix.
/// </summary>
public static class EvidenceQueryReader
{
    public const int EarliestYear = 1900;
    public const int LatestYear = 2100;

    /// <param name="values">A parameter's values (empty when absent): a query string's, as a function.</param>
    public static (EvidenceQuery Query, IReadOnlyDictionary<string, string> Problems) Read(
        Func<string, IReadOnlyList<string>> values, FrameworkCatalogue frameworks, PlaceRegistry places)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(frameworks);
        ArgumentNullException.ThrowIfNull(places);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string> Present(string name) => [.. values(name).Select(v => v.Trim()).Where(v => v.Length > 0)];
        string? Single(string name) => Present(name) is { Count: > 0 } list ? list[0] : null;

        List<ElementRef> Elements(string name)
        {
            var found = new List<ElementRef>();
            foreach (var text in Present(name))
            {
                if (!ElementRef.TryParse(text, out var reference))
                {
                    problems.TryAdd(name, $"'{text}' is not an element reference; write framework-id/element-id, for example place-making/food");
                }
                else if (!frameworks.Contains(reference))
                {
                    problems.TryAdd(name, $"'{text}' is not an element of any framework in the catalogue");
                }
                else
                {
                    found.Add(reference);
                }
            }
            return found;
        }

        var elements = Elements("element");
        var all = Elements("all");

        var placeCodes = new List<string>();
        foreach (var code in Present("place"))
        {
            if (places.Find(code) is { } place)
            {
                placeCodes.Add(place.Code);
            }
            else
            {
                problems.TryAdd("place", $"'{code}' is not a place the Observatory knows; use a GSS code (E08000010) or an ISO 3166 alpha-3 code (NLD)");
            }
        }

        string? region = null;
        if (Single("region") is { } regionText)
        {
            if (places.Find(regionText) is { } place && EvidenceSearch.RegionOf(place) == place.Code)
            {
                region = place.Code;
            }
            else
            {
                problems["region"] = $"'{regionText}' is not a region; use an English region's GSS code (E12000002) or a nation's (W92000004)";
            }
        }

        string? nation = null;
        if (Single("nation") is { } nationText && (nation = AreaSearch.NationNamed(nationText)) is null)
        {
            problems["nation"] = $"'{nationText}' is not a nation; use {string.Join(", ", AreaSearch.Nations)}";
        }

        var kinds = new List<EvidenceKind>();
        foreach (var text in Present("kind"))
        {
            if (EvidenceSpellings.Kinds.TryGetValue(text.ToLowerInvariant(), out var kind))
            {
                kinds.Add(kind);
            }
            else
            {
                problems.TryAdd("kind", $"'{text}' is not a kind of evidence; use {string.Join(", ", EvidenceSpellings.Kinds.Keys)}");
            }
        }

        var strength = Whole("strength", StrengthOfEvidence.Lowest, StrengthOfEvidence.Highest,
            $"strength is the lowest level wanted on the standards of evidence scale, a whole number from {StrengthOfEvidence.Lowest} to {StrengthOfEvidence.Highest}");
        var year = Whole("year", EarliestYear, LatestYear, $"year is a year from {EarliestYear} to {LatestYear}, such as 2021");
        var page = Whole("page", 1, int.MaxValue, "page is a page number: a whole number from 1");

        int? Whole(string name, int lowest, int highest, string message)
        {
            if (Single(name) is not { } text)
            {
                return null;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= lowest && value <= highest)
            {
                return value;
            }
            problems[name] = $"'{text}' is not allowed: {message}";
            return null;
        }

        var query = new EvidenceQuery
        {
            Text = Single("q") is { } q ? SearchText.Clean(q) : null,
            Elements = elements,
            AllElements = all,
            Places = placeCodes,
            Region = region,
            Nation = nation,
            Kinds = kinds,
            MinimumStrength = strength,
            Year = year,
            Page = page ?? 1,
        };
        return (query, problems);
    }
}
