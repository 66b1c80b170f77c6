using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Observatory.Content;

namespace Observatory.Registers;

/// <summary>
/// What an algorithm record says: a value for each field given (by ATRS attribute name) and the entries of its
/// repeating groups (third parties, models, datasets). Empty values are not kept, so two records that say the same
/// thing are equal. Stored, versioned and exported as one flat JSON object in the ATRS template's names.
/// </summary>
public sealed class RecordContent
{
    public SortedDictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, List<SortedDictionary<string, string>>> Groups { get; } = new(StringComparer.Ordinal);

    public string? this[string attribute] => Values.GetValueOrDefault(attribute);

    public void Set(string attribute, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Values.Remove(attribute);
        }
        else
        {
            Values[attribute] = value.Trim().ReplaceLineEndings("\n");
        }
    }

    /// <summary>Adds an entry to a repeating group, unless every field of it is empty.</summary>
    public void AddEntry(string group, IEnumerable<KeyValuePair<string, string?>> values)
    {
        var entry = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in values)
        {
            if (!string.IsNullOrWhiteSpace(v))
            {
                entry[k] = v.Trim().ReplaceLineEndings("\n");
            }
        }
        if (entry.Count > 0)
        {
            if (!Groups.TryGetValue(group, out var list))
            {
                Groups[group] = list = [];
            }
            list.Add(entry);
        }
    }

    public IReadOnlyList<SortedDictionary<string, string>> Entries(string group) => Groups.GetValueOrDefault(group) ?? [];

    /// <summary>The record's title: its title, else its Tier 1 name.</summary>
    public string Title => this["title"] ?? this["name"] ?? "Untitled algorithm";

    public string Summary => this["one_sentence_description"] ?? this["description"] ?? "";

    /// <summary>Slugs of a multi-choice field.</summary>
    public IReadOnlyList<string> Choices(string attribute) => this[attribute] is { } v ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    public JsonObject ToJson()
    {
        var o = new JsonObject();
        foreach (var (k, v) in Values)
        {
            o[k] = v;
        }
        foreach (var (g, entries) in Groups)
        {
            var a = new JsonArray();
            foreach (var e in entries)
            {
                var eo = new JsonObject();
                foreach (var (k, v) in e)
                {
                    eo[k] = v;
                }
                a.Add(eo);
            }
            o[g] = a;
        }
        return o;
    }

    public string Serialise() => ToJson().ToJsonString();

    /// <summary>Reads content the Observatory stored (trusted: checked when it was saved).</summary>
    public static RecordContent Deserialise(string json)
    {
        var content = new RecordContent();
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in p.Value.EnumerateArray())
                {
                    content.AddEntry(p.Name, e.EnumerateObject().Select(x => new KeyValuePair<string, string?>(x.Name, x.Value.GetString())));
                }
            }
            else
            {
                content.Set(p.Name, p.Value.GetString());
            }
        }
        return content;
    }

    public RecordContent Clone() => Deserialise(Serialise());

    public bool SameAs(RecordContent other) => Serialise() == other.Serialise();
}

/// <summary>One difference between two versions of a record: the field (with its entry number in a repeating group), and its words before and after.</summary>
public sealed record FieldChange(string Field, string Name, string? Before, string? After);

/// <summary>Checks values against their fields, and finds the differences between two versions.</summary>
public static partial class RecordRules
{
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();

    /// <summary>What is wrong with one value of a field, or null. Choice values are normalised to their slugs first (see <see cref="Normalise"/>).</summary>
    public static string? Check(RegisterField field, string value)
    {
        if (value.Length > RegisterField.MaxLength)
        {
            return $"{field.Name} must be {RegisterField.MaxLength:N0} characters or fewer (it is {value.Length:N0})";
        }
        return field.Kind switch
        {
            FieldKind.Url when !IsWebAddress(value) && !IsNotApplicable(value) => $"{field.Name} must be a web address starting https:// or http://, or N/A",
            FieldKind.Email when !EmailPattern().IsMatch(value) => $"{field.Name} must be an email address, like algorithms@council.gov.uk",
            FieldKind.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => $"{field.Name} must be a date written 2026-12-07",
            FieldKind.Month when !MonthPattern().IsMatch(value) => $"{field.Name} must be a month written 2026-12",
            FieldKind.Choice when field.Vocabulary!.All(v => v.Slug != value) =>
                $"{field.Name} must be one of: {string.Join(", ", field.Vocabulary!.Select(v => v.Slug))} (not {InputLimits.Quote(value)})",
            FieldKind.Choices when value.Split(',', StringSplitOptions.TrimEntries).FirstOrDefault(s => field.Vocabulary!.All(v => v.Slug != s)) is { } bad =>
                $"{field.Name} must be some of: {string.Join(", ", field.Vocabulary!.Select(v => v.Slug))} (not {InputLimits.Quote(bad)})",
            FieldKind.AssessmentLink when !IsWebAddress(value) && !(long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) =>
                $"{field.Name} must be a web address or the number of an impact assessment",
            _ => null,
        };
    }

    /// <summary>A choice given as its slug, label or Dutch value becomes its slug; other values are returned as given.</summary>
    public static string Normalise(RegisterField field, string value) => field.Kind switch
    {
        FieldKind.Choice => RegisterVocabularies.Normalise(field.Vocabulary!, value) ?? value.Trim(),
        FieldKind.Choices => string.Join(",", value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => RegisterVocabularies.Normalise(field.Vocabulary!, v) ?? v)),
        _ => value.Trim(),
    };

    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && !value.Any(char.IsWhiteSpace);

    /// <summary>Version 4.0 of the standard asks for "N/A" where there is no public page.</summary>
    public static bool IsNotApplicable(string value) => string.Equals(value.Trim(), "N/A", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every problem with a record's content, each naming its field (group[n].field for an entry, counted from 1).</summary>
    public static List<ContentProblem> Problems(RecordContent content, string file = "", int line = 0)
    {
        var problems = new List<ContentProblem>();
        foreach (var (attribute, value) in content.Values)
        {
            if (RegisterFields.Find(attribute) is not { RepeatGroup: null } field)
            {
                problems.Add(new ContentProblem(file, line, 0, attribute, $"There is no field {InputLimits.Quote(attribute)} outside a repeating group"));
            }
            else if (field.Kind != FieldKind.Generated && Check(field, value) is { } message)
            {
                problems.Add(new ContentProblem(file, line, 0, attribute, message));
            }
        }
        foreach (var (group, entries) in content.Groups)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                foreach (var (attribute, value) in entries[i])
                {
                    var name = $"{group}[{i + 1}].{attribute}";
                    if (RegisterFields.Find(attribute) is not { } field || field.RepeatGroup != group)
                    {
                        problems.Add(new ContentProblem(file, line, 0, name, $"There is no field {InputLimits.Quote(attribute)} in {group}"));
                    }
                    else if (Check(field, value) is { } message)
                    {
                        problems.Add(new ContentProblem(file, line, 0, name, message));
                    }
                }
            }
        }
        return problems;
    }

    /// <summary>What a record still needs before it can go for approval.</summary>
    public static List<ContentProblem> MissingToSubmit(RecordContent content) =>
        [.. RegisterFields.NeededToSubmit.Where(f => content[f.Attribute] is null).Select(f => new ContentProblem("", 0, 0, f.Attribute, $"Enter {f.Name.ToLowerInvariant()}"))];

    /// <summary>The fields the template marks required that are still empty (shown to the organisation; they do not stop publication).</summary>
    public static IEnumerable<RegisterField> Unanswered(RecordContent content) =>
        RegisterFields.Single.Where(f => f.Required && f.Kind != FieldKind.Generated && content[f.Attribute] is null);

    /// <summary>Field by field, what differs from <paramref name="before"/> to <paramref name="after"/>, in the template's order.</summary>
    public static List<FieldChange> Differences(RecordContent? before, RecordContent after)
    {
        var changes = new List<FieldChange>();
        foreach (var field in RegisterFields.Single)
        {
            var b = before?[field.Attribute];
            var a = after[field.Attribute];
            if (b != a)
            {
                changes.Add(new FieldChange(field.Attribute, field.Name, b, a));
            }
        }
        foreach (var group in RegisterFields.RepeatGroups.Keys)
        {
            var b = before?.Entries(group) ?? [];
            var a = after.Entries(group);
            for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
            {
                foreach (var field in RegisterFields.InGroup(group))
                {
                    var bv = i < b.Count ? b[i].GetValueOrDefault(field.Attribute) : null;
                    var av = i < a.Count ? a[i].GetValueOrDefault(field.Attribute) : null;
                    if (bv != av)
                    {
                        changes.Add(new FieldChange($"{group}[{i + 1}].{field.Attribute}", $"{field.Name} ({RegisterFields.RepeatGroups[group]} {i + 1})", bv, av));
                    }
                }
            }
        }
        return changes;
    }
}
