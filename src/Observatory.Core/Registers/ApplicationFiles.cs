using Observatory.Content;
using Observatory.Outcomes;

namespace Observatory.Registers;

/// <summary>One row of an import file: its line (the header is line 1) and its values by field key, not yet checked.</summary>
public sealed record ImportedApplication(int Line, IReadOnlyList<KeyValuePair<string, string?>> Values);

/// <summary>
/// Application entries as CSV and XLSX: a header row of field keys (<see cref="ApplicationFields"/>), one entry a row,
/// list fields with their items separated by semicolons. An export imports back unchanged.
/// </summary>
public static class ApplicationFiles
{
    public static IReadOnlyList<string> Header => [.. ApplicationFields.All.Select(f => f.Key)];

    public static string ToCsv(IEnumerable<(IReadOnlyDictionary<string, string> Values, ApplicationSharing Sharing)> entries) =>
        CsvWriter.Write(Header, entries.Select(e => Header.Select(k => k == ApplicationFields.Sharing ? ApplicationEntry.SharingName(e.Sharing) : e.Values.GetValueOrDefault(k))));

    public static Outcome<List<ImportedApplication>> ReadCsv(string file, string text)
    {
        using var reader = new CsvRecordReader(new StringReader(text), file);
        if (!reader.Read())
        {
            return Refusal.Invalid([reader.Problem ?? new ContentProblem(file, 1, 0, "", "The file is empty: the first row names the fields")]);
        }
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim()).ToList();
        if (HeaderProblems(file, header) is { Count: > 0 } wrong)
        {
            return Refusal.Invalid(wrong);
        }
        var rows = new List<ImportedApplication>();
        while (reader.Read())
        {
            if (Enumerable.Range(0, reader.FieldCount).All(i => reader[i].IsWhiteSpace()))
            {
                continue;
            }
            rows.Add(new ImportedApplication(reader.Line, [.. header.Select((key, i) => new KeyValuePair<string, string?>(key, reader.GetString(i)))]));
        }
        if (reader.Problem is { } problem)
        {
            return Refusal.Invalid([problem]);
        }
        return rows;
    }

    /// <summary>
    /// The first sheet of a workbook, read by <see cref="SpreadsheetReader"/>: its first row with anything in it names
    /// the fields, and each problem names the row as Excel numbers it.
    /// </summary>
    public static Outcome<List<ImportedApplication>> ReadXlsx(string file, Stream stream)
    {
        var (table, problem) = SpreadsheetReader.Read(file, stream);
        if (table is null)
        {
            return Refusal.Invalid([problem!]);
        }
        var header = table.Header.Cells.Select(k => k.Trim()).ToList();
        if (HeaderProblems(file, header, table.Header.Line) is { Count: > 0 } wrong)
        {
            return Refusal.Invalid(wrong);
        }
        return table.Rows.Where(r => !r.IsBlank)
            .Select(r => new ImportedApplication(r.Line, [.. header.Select((key, i) => new KeyValuePair<string, string?>(key, r[i]))]))
            .ToList();
    }

    /// <summary>
    /// Entries as an XLSX workbook by the one <see cref="SpreadsheetWriter"/>: a data sheet in the same columns as the
    /// CSV, written from the values themselves (not the CSV, whose guard against formulas would add a quote to a value
    /// starting with =), and a notes sheet saying whose entries they are and when they were taken.
    /// </summary>
    public static byte[] ToXlsx(IEnumerable<(IReadOnlyDictionary<string, string> Values, ApplicationSharing Sharing)> entries, string organisation, DateTimeOffset made)
    {
        var rows = new List<IReadOnlyList<string?>> { Header };
        rows.AddRange(entries.Select(e => (IReadOnlyList<string?>)[.. Header.Select(k => k == ApplicationFields.Sharing ? ApplicationEntry.SharingName(e.Sharing) : e.Values.GetValueOrDefault(k))]));
        return SpreadsheetWriter.Write(rows, new SpreadsheetNotes($"{organisation}: application entries", [
            new SpreadsheetSource($"{organisation}'s entries in the applications register of the Connected Places Observatory", null,
                "The organisation's own record: entries it has not shared or published are for its members only"),
        ], made));
    }

    private static List<ContentProblem> HeaderProblems(string file, IReadOnlyList<string> header, int line = 1)
    {
        var problems = new List<ContentProblem>();
        for (var c = 0; c < header.Count; c++)
        {
            if (ApplicationFields.Find(header[c]) is null)
            {
                problems.Add(new ContentProblem(file, line, c + 1, header[c], $"There is no field {InputLimits.Quote(header[c])}; the first row names fields such as {ApplicationFields.Name}, {ApplicationFields.Product}, {ApplicationFields.ServiceAreas}"));
            }
        }
        foreach (var twice in header.GroupBy(h => h).Where(g => g.Count() > 1))
        {
            problems.Add(new ContentProblem(file, line, 0, twice.Key, "is named by more than one column"));
        }
        if (!header.Contains(ApplicationFields.Name))
        {
            problems.Add(new ContentProblem(file, line, 0, ApplicationFields.Name, "The first row has no 'name' column: every entry needs a name"));
        }
        return problems;
    }
}
