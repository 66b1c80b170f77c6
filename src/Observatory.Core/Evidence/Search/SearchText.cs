using System.Text.RegularExpressions;
using Observatory.Places;

namespace Observatory.Evidence.Search;

/// <summary>
/// What a reader typed, reduced to words and quoted phrases: only letters and digits survive, so no quote,
/// operator, bracket or star can change the meaning of the query or make it fail. Every word must match (AND); "words in quotes" must match as a phrase.
/// </summary>
public sealed partial class SearchText
{
    /// <summary>More words than this add nothing but time.</summary>
    public const int MaxWords = 16;

    private SearchText(IReadOnlyList<IReadOnlyList<string>> groups) => Groups = groups;

    /// <summary>Each group is one word, or the words of one quoted phrase.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    public bool IsEmpty => Groups.Count == 0;

    public IEnumerable<string> Words => Groups.SelectMany(g => g);

    public static SearchText Parse(string? text)
    {
        var groups = new List<IReadOnlyList<string>>();
        var count = 0;
        var input = Clean(text);
        var parts = input.Split('"');
        for (var i = 0; i < parts.Length && count < MaxWords; i++)
        {
            var words = WordPattern().Matches(parts[i]).Select(m => m.Value).Take(MaxWords - count).ToList();
            count += words.Count;
            // Odd parts lie between quotes; an unclosed quote simply runs to the end.
            if (i % 2 == 1 && words.Count > 1)
            {
                groups.Add(words);
            }
            else
            {
                groups.AddRange(words.Select(w => (IReadOnlyList<string>)[w]));
            }
        }
        return new SearchText(groups);
    }

    /// <summary>Trimmed, cut to length, control characters (a NUL breaks PostgreSQL) turned into spaces.</summary>
    public static string Clean(string? text)
    {
        var s = text ?? "";
        if (s.Length > EvidenceQuery.MaxTextLength)
        {
            s = s[..EvidenceQuery.MaxTextLength];
        }
        return new string([.. s.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c)]).Trim();
    }

    /// <summary>
    /// The place the text names, if any: the whole text, else the longest run of its words that is a place name
    /// ("Bath and North East Somerset", "wigan food" → Wigan). Returns the place and the text without it.
    /// </summary>
    public static (Place Place, string Remainder)? FindPlace(string? text, PlaceRegistry places)
    {
        var tokens = PlaceTokenPattern().Matches(Clean(text).Replace("\"", " ")).Select(m => m.Value).ToList();
        for (var length = Math.Min(tokens.Count, 8); length >= 1; length--)
        {
            for (var start = 0; start + length <= tokens.Count; start++)
            {
                var run = tokens.Skip(start).Take(length).ToList();
                if (run.Sum(t => t.Count(char.IsLetter)) < 3 || run[0] == "&" || run[^1] == "&")
                {
                    continue;
                }
                if (places.FindByName(string.Join(' ', run)) is { } place && place.IsCurrent)
                {
                    return (place, string.Join(' ', tokens.Take(start).Concat(tokens.Skip(start + length))));
                }
            }
        }
        return null;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    // Place names keep their ampersands, apostrophes and full stops ("King's Lynn", "St. Albans").
    [GeneratedRegex(@"[\p{L}\p{N}'’.]+|&")]
    private static partial Regex PlaceTokenPattern();
}
