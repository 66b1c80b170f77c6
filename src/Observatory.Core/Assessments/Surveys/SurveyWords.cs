using System.Text.RegularExpressions;

namespace Observatory.Assessments.Surveys;

/// <summary>
/// Takes names out of a written answer before it is published: the organisation's own name, the names of its
/// places and the names of its members. Longer names go first, so "Wigan Council" becomes "[organisation]" rather
/// than "[area] Council"; a name matches whole words only, in any case.
/// </summary>
public sealed class SurveyWords
{
    public const string Organisation = "[organisation]";
    public const string Area = "[area]";
    public const string Name = "[name]";

    private static readonly string[] CouncilWords =
        ["metropolitan borough council", "borough council", "city council", "county council", "district council", "council", "city of", "london borough of", "royal borough of"];

    private readonly List<(Regex Pattern, string Replacement)> _rules;

    public SurveyWords(string organisationName, IEnumerable<string> placeNames, IEnumerable<string> personNames)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Add(string? name, string replacement)
        {
            name = name?.Trim();
            if (!string.IsNullOrEmpty(name) && name.Length >= 3)
            {
                names.TryAdd(name, replacement);
            }
        }
        Add(organisationName, Organisation);
        foreach (var place in placeNames)
        {
            Add(place, Area);
            Add(StripCouncilWords(place), Area);
        }
        // "Wigan Council" names its place too: "Wigan" on its own is the area.
        Add(StripCouncilWords(organisationName), Area);
        foreach (var person in personNames)
        {
            Add(person, Name);
            foreach (var part in person.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Add(part.Trim('.', ','), Name);
            }
        }
        _rules = [.. names.OrderByDescending(n => n.Key.Length).ThenBy(n => n.Key, StringComparer.Ordinal)
            .Select(n => (new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(n.Key)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), n.Value))];
    }

    public string Redact(string text)
    {
        foreach (var (pattern, replacement) in _rules)
        {
            text = pattern.Replace(text, replacement);
        }
        return text.Trim();
    }

    private static string StripCouncilWords(string name)
    {
        var lower = name.Trim();
        foreach (var words in CouncilWords)
        {
            lower = Regex.Replace(lower, $@"(^|\s){Regex.Escape(words)}(\s|$)", " ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        return lower.Trim();
    }
}
