using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Observatory.Content;

namespace Observatory.Registers;

/// <summary>One record read from a file: where it starts (for messages) and what it says.</summary>
public sealed record ImportedRecord(int Line, RecordContent Content);

/// <summary>
/// Algorithm records in the ATRS template's names. JSON: one object per record (or an array of them), each field
/// under its attribute name ("title", "phase", "contact_email"), the repeating groups as arrays of objects under
/// "external_suppliers", "model_specifications" and "data_specifications". CSV: one row per record, a column per
/// attribute, an entry of a repeating group as numbered columns ("model_name_1", "model_name_2"). Reading checks
/// every field and reports every problem with its file, line and field; nothing is returned if there is one.
/// </summary>
public static class AtrsFiles
{
    public const string StandardVersion = "3.0";

    public const int MaxRecords = 1_000;

    /// <summary>The record as an ATRS JSON object, with its generated metadata (id, standard version, date updated).</summary>
    public static JsonObject ToJson(RecordContent content, long id, DateTime? updated)
    {
        var o = new JsonObject
        {
            ["id"] = id,
            ["standard_version"] = StandardVersion,
        };
        if (updated is { } u)
        {
            o["date_updated"] = u.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        foreach (var (k, v) in content.ToJson())
        {
            o[k] = v?.DeepClone();
        }
        return o;
    }

    /// <summary>The records as ATRS CSV: the columns every record's fields need, in the template's order.</summary>
    public static string ToCsv(IEnumerable<(RecordContent Content, long Id, DateTime? Updated)> records)
    {
        var list = records.ToList();
        var header = new List<string> { "id", "standard_version", "date_updated" };
        header.AddRange(RegisterFields.Single.Where(f => f.Kind != FieldKind.Generated).Select(f => f.Attribute));
        foreach (var group in RegisterFields.RepeatGroups.Keys)
        {
            var most = list.Count == 0 ? 0 : list.Max(r => r.Content.Entries(group).Count);
            for (var i = 1; i <= most; i++)
            {
                header.AddRange(RegisterFields.InGroup(group).Select(f => $"{f.Attribute}_{i}"));
            }
        }
        var rows = list.Select(r => header.Select(column => column switch
        {
            "id" => r.Id.ToString(CultureInfo.InvariantCulture),
            "standard_version" => StandardVersion,
            "date_updated" => r.Updated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => CellOf(r.Content, column),
        }));
        return CsvWriter.Write(header, rows);
    }

    private static string? CellOf(RecordContent content, string column)
    {
        if (RegisterFields.Find(column) is { RepeatGroup: null })
        {
            return content[column];
        }
        var (attribute, index) = SplitNumbered(column);
        return attribute is not null && RegisterFields.Find(attribute)?.RepeatGroup is { } group && content.Entries(group) is var entries && index <= entries.Count
            ? entries[index - 1].GetValueOrDefault(attribute)
            : null;
    }

    private static (string? Attribute, int Index) SplitNumbered(string column)
    {
        var at = column.LastIndexOf('_');
        return at > 0 && int.TryParse(column.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i is > 0 and <= 100
            ? (column[..at], i)
            : (null, 0);
    }

    /// <summary>Reads ATRS JSON: every problem names the file, the line of the field and the field.</summary>
    public static Outcomes.Outcome<List<ImportedRecord>> ReadJson(string file, string text)
    {
        if (!(JsonLines.Parse(file, text)).Succeeded(out var root, out var refusal))
        {
            return refusal;
        }
        var objects = root.Value is JsonLines.Array a ? a.Items : [root];
        var problems = new List<ContentProblem>();
        var records = new List<ImportedRecord>();
        if (objects.Count > MaxRecords)
        {
            return Outcomes.Refusal.Invalid([new ContentProblem(file, 1, 0, "", $"A file may hold at most {MaxRecords:N0} records")]);
        }
        foreach (var node in objects)
        {
            if (node.Value is not JsonLines.Object o)
            {
                problems.Add(new ContentProblem(file, node.Line, 0, "", "Each record must be a JSON object of ATRS fields"));
                continue;
            }
            var content = new RecordContent();
            foreach (var (name, value) in o.Properties)
            {
                if (RegisterFields.RepeatGroups.ContainsKey(name))
                {
                    if (value.Value is not JsonLines.Array entries)
                    {
                        problems.Add(new ContentProblem(file, value.Line, 0, name, $"{name} must be an array of objects"));
                        continue;
                    }
                    for (var i = 0; i < entries.Items.Count; i++)
                    {
                        if (entries.Items[i].Value is not JsonLines.Object entry)
                        {
                            problems.Add(new ContentProblem(file, entries.Items[i].Line, 0, $"{name}[{i + 1}]", "Each entry must be a JSON object"));
                            continue;
                        }
                        var values = new List<KeyValuePair<string, string?>>();
                        foreach (var (field, v) in entry.Properties)
                        {
                            AddValue(file, $"{name}[{i + 1}].{field}", field, name, v, values, problems);
                        }
                        content.AddEntry(name, values);
                    }
                    continue;
                }
                if (name is "id" or "standard_version" or "date_updated")
                {
                    continue; // set by the Observatory: the record's own number, the version it writes, its publication date
                }
                var single = new List<KeyValuePair<string, string?>>();
                AddValue(file, name, name, null, value, single, problems);
                foreach (var (k, v) in single)
                {
                    content.Set(k, v);
                }
            }
            records.Add(new ImportedRecord(node.Line, content));
        }
        return problems.Count > 0 ? Outcomes.Refusal.Invalid(problems) : records;
    }

    private static void AddValue(string file, string name, string field, string? group, JsonLines.Node value, List<KeyValuePair<string, string?>> into, List<ContentProblem> problems)
    {
        if (RegisterFields.Find(field) is not { } definition || definition.RepeatGroup != group)
        {
            problems.Add(new ContentProblem(file, value.Line, 0, name, group is null
                ? $"There is no ATRS field {InputLimits.Quote(field)}; the fields are named as in the ATRS v3.0 template (title, phase, contact_email…)"
                : $"There is no field {InputLimits.Quote(field)} in {group}"));
            return;
        }
        string? text = value.Value switch
        {
            null => null,
            string s => s,
            JsonLines.Array arr when definition.Kind == FieldKind.Choices && arr.Items.All(x => x.Value is string) => string.Join(",", arr.Items.Select(x => (string)x.Value!)),
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            _ => Problem(),
        };
        string? Problem()
        {
            problems.Add(new ContentProblem(file, value.Line, 0, name, $"{definition.Name} must be text"));
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        text = RecordRules.Normalise(definition, text);
        if (definition.Kind != FieldKind.Generated && RecordRules.Check(definition, text) is { } message)
        {
            problems.Add(new ContentProblem(file, value.Line, 0, name, message));
            return;
        }
        into.Add(new(field, text));
    }

    /// <summary>Reads ATRS CSV: a header of attribute names (group fields numbered), a row per record.</summary>
    public static Outcomes.Outcome<List<ImportedRecord>> ReadCsv(string file, string text)
    {
        using var reader = new CsvRecordReader(new StringReader(text), file);
        var problems = new List<ContentProblem>();
        if (!reader.Read())
        {
            return Outcomes.Refusal.Invalid([reader.Problem ?? new ContentProblem(file, 1, 0, "", "The file is empty: the first row names the ATRS fields")]);
        }
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim()).ToList();
        var columns = new List<(string Column, string Attribute, string? Group, int Index)>();
        for (var c = 0; c < header.Count; c++)
        {
            var column = header[c];
            if (column is "id" or "standard_version" or "date_updated")
            {
                columns.Add((column, "", null, -1));
            }
            else if (RegisterFields.Find(column) is { RepeatGroup: null })
            {
                columns.Add((column, column, null, 0));
            }
            else if (SplitNumbered(column) is ({ } attribute, var index) && RegisterFields.Find(attribute)?.RepeatGroup is { } group)
            {
                columns.Add((column, attribute, group, index));
            }
            else
            {
                problems.Add(new ContentProblem(file, 1, c + 1, column, $"There is no ATRS field {InputLimits.Quote(column)}; a field of a repeating group is numbered, as model_name_1"));
                columns.Add((column, "", null, -1));
            }
        }
        var records = new List<ImportedRecord>();
        while (reader.Read())
        {
            if (records.Count >= MaxRecords)
            {
                problems.Add(new ContentProblem(file, reader.Line, 0, "", $"A file may hold at most {MaxRecords:N0} records"));
                break;
            }
            var content = new RecordContent();
            var entries = new Dictionary<(string Group, int Index), List<KeyValuePair<string, string?>>>();
            for (var c = 0; c < columns.Count; c++)
            {
                var (column, attribute, group, index) = columns[c];
                var value = reader.GetString(c);
                if (index < 0 || string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }
                // The Observatory's CSV writer puts an apostrophe before a value a spreadsheet would run as a formula.
                if (value.Length > 1 && value[0] == '\'' && CsvWriter.RunsAsFormula(value[1..]))
                {
                    value = value[1..];
                }
                var definition = RegisterFields.Find(attribute)!;
                value = RecordRules.Normalise(definition, value);
                if (RecordRules.Check(definition, value) is { } message)
                {
                    problems.Add(new ContentProblem(file, reader.Line, c + 1, column, message));
                    continue;
                }
                if (group is null)
                {
                    content.Set(attribute, value);
                }
                else
                {
                    if (!entries.TryGetValue((group, index), out var list))
                    {
                        entries[(group, index)] = list = [];
                    }
                    list.Add(new(attribute, value));
                }
            }
            foreach (var ((group, _), values) in entries.OrderBy(e => e.Key.Group, StringComparer.Ordinal).ThenBy(e => e.Key.Index))
            {
                content.AddEntry(group, values);
            }
            records.Add(new ImportedRecord(reader.Line, content));
        }
        if (reader.Problem is { } stopped)
        {
            problems.Add(stopped);
        }
        return problems.Count > 0 ? Outcomes.Refusal.Invalid(problems) : records;
    }
}

/// <summary>
/// A small JSON reader that keeps the line of every value, so a problem in an uploaded file can name its line
/// (System.Text.Json's document keeps no positions). Values are strings, decimals, booleans, null, arrays and objects.
/// </summary>
public static class JsonLines
{
    public sealed record Node(int Line, object? Value);

    public sealed record Array(List<Node> Items);

    public sealed record Object(List<(string Name, Node Value)> Properties);

    public static Outcomes.Outcome<Node> Parse(string file, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }
        int LineOf(long offset)
        {
            var at = lineStarts.BinarySearch((int)offset);
            return (at >= 0 ? at : ~at - 1) + 1;
        }
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = InputLimits.MaxDepth, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read())
            {
                return Outcomes.Refusal.Invalid([new ContentProblem(file, 1, 0, "", "The file is empty")]);
            }
            var node = ReadValue(ref reader, LineOf);
            return node;
        }
        catch (JsonException e)
        {
            return Outcomes.Refusal.Invalid([new ContentProblem(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "", "The file is not valid JSON: " + e.Message.Split(" LineNumber", 2)[0])]);
        }
    }

    private static Node ReadValue(ref Utf8JsonReader reader, Func<long, int> lineOf)
    {
        var line = lineOf(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var o = new Object([]);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    o.Properties.Add((name, ReadValue(ref reader, lineOf)));
                }
                return new Node(line, o);
            case JsonTokenType.StartArray:
                var a = new Array([]);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    a.Items.Add(ReadValue(ref reader, lineOf));
                }
                return new Node(line, a);
            case JsonTokenType.String:
                return new Node(line, reader.GetString());
            case JsonTokenType.Number:
                return new Node(line, reader.TryGetDecimal(out var d) ? d : reader.GetDouble());
            case JsonTokenType.True or JsonTokenType.False:
                return new Node(line, reader.GetBoolean());
            default:
                return new Node(line, null);
        }
    }
}
