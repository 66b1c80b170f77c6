using System.Globalization;
using System.Text;

namespace Observatory.Places;

/// <summary>
/// A place found by a name as someone typed it. <paramref name="MatchedName"/> is the name that matched when it is
/// not the place's own (a Welsh or Gaelic name such as "Caerdydd"), as the register writes it; null otherwise.
/// </summary>
/// <param name="Score">From 0 to 1: 1 for the name exactly (ignoring case, accents, punctuation and "council"),
/// less the more the words differ.</param>
public sealed record PlaceMatch(Place Place, double Score, bool Exact, string? MatchedName);

/// <summary>
/// What a place search should do: go straight to <see cref="Best"/> when there is one, otherwise list
/// <see cref="Matches"/> (best first; empty when nothing is near enough).
/// </summary>
public sealed record PlaceSearchResult(string Query, IReadOnlyList<PlaceMatch> Matches, Place? Best);

/// <summary>
/// Finds places by name the way residents type them: "Wiggan" finds Wigan, "Caerdydd" Cardiff, "Na h-Eileanan
/// Siar" Eilean Siar, "wigan council" Wigan. Every current and former council, region, nation, county and combined
/// authority is held in memory with the names the shipped register gives it; a query is compared with each by
/// whole name, by the start of a name, by edit distance (Damerau–Levenshtein, so a swapped pair of letters is one
/// slip) and by shared three-letter runs (trigrams, for words left out or put in another order). Statistical areas
/// and countries of the world are not offered: a resident looks for a council.
/// </summary>
public sealed class PlaceNameSearch
{
    /// <summary>Longer words than any place name only make the search slower.</summary>
    public const int MaxQueryLength = 100;

    /// <summary>Below this a match is more likely another place than a slip of the keyboard.</summary>
    public const double Threshold = 0.6;

    /// <summary>How far ahead of the next place a near match must be to count as the one meant.</summary>
    public const double ClearLead = 0.12;

    private sealed record Name(Place Place, string Key, string? Shown, HashSet<string> Trigrams);

    private readonly List<Name> _names = [];

    public PlaceNameSearch(PlaceRegistry places)
    {
        ArgumentNullException.ThrowIfNull(places);
        foreach (var place in places.Places.Where(p => p.IsComparable && p.Type != PlaceType.Country))
        {
            var own = Normalise(place.Name);
            var keys = new HashSet<string>(StringComparer.Ordinal) { own };
            _names.Add(new Name(place, own, null, Trigrams(own)));
            // Properly written names first, so "Caerdydd" is the one shown rather than the register's "caerdydd".
            foreach (var other in places.OtherNamesOf(place.Code).OrderBy(n => char.IsLower(n[0]) ? 1 : 0))
            {
                var key = Normalise(other);
                if (key.Length > 0 && keys.Add(key))
                {
                    _names.Add(new Name(place, key, char.IsUpper(other[0]) ? other : null, Trigrams(key)));
                }
            }
        }
    }

    /// <summary>Places near <paramref name="query"/>, best first, at most <paramref name="limit"/>, with the one meant if it is clear.</summary>
    public PlaceSearchResult Search(string? query, int limit = 20)
    {
        var text = (query ?? "").Trim();
        text = text[..Math.Min(text.Length, MaxQueryLength)];
        var key = Normalise(text);
        if (key.Length == 0)
        {
            return new PlaceSearchResult(text, [], null);
        }
        var grams = Trigrams(key);
        var best = new Dictionary<Place, PlaceMatch>();
        foreach (var name in _names)
        {
            var score = Score(key, grams, name);
            if (string.Equals(name.Place.Code, text, StringComparison.OrdinalIgnoreCase))
            {
                score = 1;
            }
            if (score < Threshold)
            {
                continue;
            }
            var match = new PlaceMatch(name.Place, score, score >= 1, name.Key == Normalise(name.Place.Name) ? null : name.Shown);
            if (!best.TryGetValue(name.Place, out var seen) || seen.Score < score)
            {
                best[name.Place] = match;
            }
        }
        var ordered = best.Values
            .OrderByDescending(m => m.Score)
            .ThenBy(m => Rank(m.Place))
            .ThenBy(m => m.Place.Name, StringComparer.OrdinalIgnoreCase)
            .Take(Math.Max(1, limit))
            .ToList();
        return new PlaceSearchResult(text, ordered, Meant(ordered));
    }

    /// <summary>
    /// The place the words clearly mean: the only exact match (a council before a higher geography of the same
    /// name, a current area before a former one), or a near match well ahead of the next.
    /// </summary>
    private static Place? Meant(List<PlaceMatch> ordered)
    {
        if (ordered.Count == 0)
        {
            return null;
        }
        var exact = ordered.Where(m => m.Exact).ToList();
        if (exact.Count > 0)
        {
            var first = exact.Where(m => Rank(m.Place) == exact.Min(e => Rank(e.Place))).ToList();
            return first.Count == 1 ? first[0].Place : null;
        }
        var top = ordered[0];
        var next = ordered.Skip(1).FirstOrDefault(m => Rank(m.Place) <= Rank(top.Place));
        return next is null || top.Score - next.Score >= ClearLead ? top.Place : null;
    }

    /// <summary>Current councils first, then other current areas, then former ones.</summary>
    private static int Rank(Place place) => place.IsCouncil ? 0 : place.IsCurrent ? 1 : 2;

    private static double Score(string query, HashSet<string> queryGrams, Name name)
    {
        if (query == name.Key)
        {
            return 1;
        }
        // "Wig" is the start of Wigan and Wigtown alike: starting a name is good, but never exact.
        var prefix = query.Length >= 3 && name.Key.StartsWith(query, StringComparison.Ordinal) ? 0.9 - 0.2 * (1 - (double)query.Length / name.Key.Length) : 0;
        // "Hull" is a whole word of "Kingston upon Hull"; "Wight" of "Isle of Wight".
        var word = query.Length >= 3 && $" {name.Key} ".Contains($" {query} ", StringComparison.Ordinal) ? 0.8 : 0;
        var longer = Math.Max(query.Length, name.Key.Length);
        var edit = 0.0;
        // The distance is at least the difference in length: skip the names that cannot come near.
        if (1 - (double)Math.Abs(query.Length - name.Key.Length) / longer >= Threshold)
        {
            var distance = EditDistance(query, name.Key);
            // Short names are easy to reach by slips: one slip in five letters is a fair guess, two is another place.
            edit = Math.Min(query.Length, name.Key.Length) <= 4 && distance > 1 ? 0 : 1 - (double)distance / longer;
        }
        var shared = queryGrams.Count(name.Trigrams.Contains);
        var dice = queryGrams.Count + name.Trigrams.Count == 0 ? 0 : 2.0 * shared / (queryGrams.Count + name.Trigrams.Count);
        return Math.Min(0.99, new[] { prefix, word, edit, dice }.Max());
    }

    /// <summary>
    /// The key two names are compared by: lower case, accents and punctuation dropped, "&amp;" as "and", and the
    /// words people add or leave off ("council", "city of", "the") removed.
    /// </summary>
    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }
        var decomposed = name.Trim().ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            text.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // The words councils put round their names: "Wigan Metropolitan Borough Council", "The City of Cardiff Council".
        while (words.Count > 1 && words[^1] is "council" or "cc" or "ua")
        {
            words.RemoveAt(words.Count - 1);
        }
        if (words.Count > 1 && words[0] == "the")
        {
            words.RemoveAt(0);
        }
        var joined = string.Join(' ', words);
        foreach (var (from, to) in Rewrites)
        {
            if (joined.EndsWith(from, StringComparison.Ordinal) && joined.Length > from.Length)
            {
                joined = joined[..^from.Length] + to;
            }
        }
        if (joined.StartsWith("city of ", StringComparison.Ordinal) && joined is not ("city of london" or "city of edinburgh"))
        {
            joined = joined["city of ".Length..];
        }
        return joined.Trim();
    }

    /// <summary>"Bristol, City of" is written "bristol city of" once punctuation is gone.</summary>
    private static readonly (string From, string To)[] Rewrites =
    [
        (" city of", ""),
        (" county of", ""),
        (" metropolitan borough", ""),
        (" county borough", ""),
        (" borough", ""),
        (" district", ""),
    ];

    private static HashSet<string> Trigrams(string key)
    {
        var padded = $"  {key} ";
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            grams.Add(padded.Substring(i, 3));
        }
        return grams;
    }

    /// <summary>Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions and swaps of neighbours.</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // Three rows of the table are all the recurrence reads; names are short, so they live on the stack.
        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 1024 ? stackalloc int[width * 3] : new int[width * 3];
        var before = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows[(2 * width)..];
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d = Math.Min(d, before[j - 2] + 1);
                }
                current[j] = d;
            }
            var spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return previous[width - 1];
    }
}
