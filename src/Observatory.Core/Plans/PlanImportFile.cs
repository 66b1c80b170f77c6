using System.Globalization;
using Observatory.Content;

namespace Observatory.Plans;

/// <summary>One line of a plan file: a target or an action, with the line it is on and what could not be read of it.</summary>
public sealed record PlanFileRow(int Line, TargetInput? Target, ActionInput? Action, IReadOnlyList<ContentProblem> Problems);

/// <summary>A plan file read: its name, its lines, and the position (from 1) of each column, so problems name where they are.</summary>
public sealed record PlanFile(string File, IReadOnlyList<PlanFileRow> Rows, IReadOnlyDictionary<string, int> Columns);

/// <summary>
/// A plan's targets and actions as a CSV file, one line each, for importing: the columns of the plan's CSV download
/// (<c>kind</c> target or action, <c>title</c>, <c>indicator</c>, <c>area</c>, <c>baseline_period</c>,
/// <c>target_period</c>, <c>target_value</c>, <c>status</c>, <c>owner</c>, <c>start_on</c>, <c>due_on</c>,
/// <c>elements</c> separated by spaces) and, for actions, <c>description</c>, <c>partners</c> (separated by
/// semicolons) and <c>evidence</c> (evidence item addresses separated by spaces). Columns it does not use — the
/// download's id, values and progress, which are always read from the store — are ignored, so a downloaded plan
/// imports as it is. Columns may come in any order; only <c>kind</c> is required.
/// </summary>
public static class PlanImportFile
{
    /// <summary>More lines than any plan has; a file past it is refused rather than read without end.</summary>
    public const int MaxRows = 5_000;

    public static readonly IReadOnlyList<string> Columns =
        ["kind", "title", "description", "indicator", "area", "baseline_period", "target_period", "target_value", "status", "owner", "partners", "start_on", "due_on", "elements", "evidence"];

    /// <summary>The column a service's field is read from, so a problem names the file's own column.</summary>
    public static string ColumnOf(string field) => field switch
    {
        "baselinePeriod" => "baseline_period",
        "targetPeriod" => "target_period",
        "targetValue" => "target_value",
        "startOn" => "start_on",
        "dueOn" => "due_on",
        _ => field,
    };

    public static (PlanFile? File, IReadOnlyList<ContentProblem> Problems) ReadCsv(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var csv = new CsvRecordReader(new StringReader(text), file);
        if (!csv.Read())
        {
            return (null, [csv.Problem ?? new ContentProblem(file, 1, 0, "kind", "The file is empty: its first line names the columns, starting with kind")]);
        }
        var header = new SpreadsheetRow(csv.Line, [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        var rows = new List<SpreadsheetRow>();
        while (rows.Count <= MaxRows && csv.Read())
        {
            rows.Add(new SpreadsheetRow(csv.Line, [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]));
        }
        return Read(file, header, rows, csv.Problem);
    }

    /// <summary>
    /// The first sheet of an Excel workbook, in the same columns as the CSV: its first row with anything in it names
    /// them, empty rows are passed over, and each problem names the row as Excel numbers it. Dates in a date format
    /// read as 2026-03-31 and numbers as they read back (<see cref="SpreadsheetReader"/>), so a sheet and the CSV
    /// saved from it give the same plan.
    /// </summary>
    public static (PlanFile? File, IReadOnlyList<ContentProblem> Problems) ReadXlsx(string file, Stream stream)
    {
        var (table, problem) = SpreadsheetReader.Read(file, stream);
        return table is null ? (null, [problem!]) : Read(file, table.Header, [.. table.Rows.Where(r => !r.IsBlank)], null);
    }

    /// <summary>The lines of a file after its header, whether it came as CSV or as a sheet; <paramref name="stopped"/> is why reading stopped early.</summary>
    private static (PlanFile? File, IReadOnlyList<ContentProblem> Problems) Read(string file, SpreadsheetRow header, IReadOnlyList<SpreadsheetRow> lines, ContentProblem? stopped)
    {
        var problems = new List<ContentProblem>();
        var rows = new List<PlanFileRow>();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length > 0 && !index.TryAdd(name, i))
            {
                problems.Add(new ContentProblem(file, header.Line, i + 1, name, $"The column {name} appears twice"));
            }
        }
        if (!index.ContainsKey("kind"))
        {
            problems.Add(new ContentProblem(file, header.Line, 0, "kind", $"The first line names the columns and must include kind; the columns read are {string.Join(", ", Columns)}"));
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        foreach (var line in lines)
        {
            string Field(string column) => index.TryGetValue(column, out var at) ? line[at].Trim() : "";
            string? Optional(string column) => Field(column) is { Length: > 0 } value ? value : null;
            IReadOnlyList<string> List(string column, char separator) =>
                Field(column).Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (rows.Count >= MaxRows)
            {
                problems.Add(new ContentProblem(file, line.Line, 0, "", $"A plan file has at most {MaxRows} lines"));
                break;
            }
            var kind = Field("kind").ToLowerInvariant();
            var unread = new List<ContentProblem>();
            var elements = List("elements", ' ');
            switch (kind)
            {
                case "target":
                    double? value = null;
                    if (Optional("target_value") is { } number)
                    {
                        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
                        {
                            value = parsed;
                        }
                        else
                        {
                            unread.Add(new ContentProblem(file, line.Line, index["target_value"] + 1, "target_value", $"{InputLimits.Quote(number)} is not a number (write it as 3.5, with a point)"));
                        }
                    }
                    rows.Add(new PlanFileRow(line.Line, new TargetInput(Optional("indicator"), Optional("area"), Optional("baseline_period"), Optional("target_period"), value, elements), null, unread));
                    break;
                case "action":
                    rows.Add(new PlanFileRow(line.Line, null, new ActionInput(Optional("title"), Optional("description"), Optional("owner"), List("partners", ';'),
                        Optional("start_on"), Optional("due_on"), Optional("status"), elements, List("evidence", ' ')), unread));
                    break;
                default:
                    unread.Add(new ContentProblem(file, line.Line, index["kind"] + 1, "kind", kind.Length == 0 ? "Say whether the line is a target or an action" : $"{InputLimits.Quote(kind)} is neither target nor action"));
                    rows.Add(new PlanFileRow(line.Line, null, null, unread));
                    break;
            }
        }
        if (stopped is not null && problems.Count == 0)
        {
            problems.Add(stopped);
        }
        if (problems.Count == 0 && rows.Count == 0)
        {
            problems.Add(new ContentProblem(file, header.Line + 1, 0, "kind", "The file has no targets or actions: add a line for each below the column names"));
        }
        return problems.Count > 0 ? (null, problems) : (new PlanFile(file, rows, index.ToDictionary(c => c.Key, c => c.Value + 1, StringComparer.OrdinalIgnoreCase)), problems);
    }

    /// <summary>Places a service's problem about one line at its line and column in the file: "plan.csv:4:7: target_value: …".</summary>
    public static ContentProblem Locate(ContentProblem problem, PlanFile file, int line)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(file);
        var column = ColumnOf(problem.Field);
        return problem with { File = file.File, Line = line, Column = file.Columns.TryGetValue(column, out var at) ? at : 0, Field = column };
    }
}
