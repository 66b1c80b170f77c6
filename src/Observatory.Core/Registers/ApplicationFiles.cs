using System.Globalization;
using MiniExcelLibs;
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

    public static Outcome<List<ImportedApplication>> ReadXlsx(string file, Stream stream)
    {
        List<IDictionary<string, object?>> sheet;
        try
        {
            sheet = [.. MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or NotSupportedException or System.Xml.XmlException or ArgumentException)
        {
            return Refusal.Invalid([new ContentProblem(file, 0, 0, "", "is not an Excel workbook (.xlsx) the Observatory can read")]);
        }
        var header = sheet.Count > 0 ? sheet[0].Keys.Select(k => k.Trim()).ToList() : [];
        if (sheet.Count == 0)
        {
            return Refusal.Invalid([new ContentProblem(file, 1, 0, "", "The first sheet holds no entries: the first row names the fields")]);
        }
        if (HeaderProblems(file, header) is { Count: > 0 } wrong)
        {
            return Refusal.Invalid(wrong);
        }
        var rows = new List<ImportedApplication>();
        for (var r = 0; r < sheet.Count; r++)
        {
            var cells = sheet[r].Select(c => new KeyValuePair<string, string?>(c.Key.Trim(), CellText(c.Value))).ToList();
            if (cells.All(c => string.IsNullOrWhiteSpace(c.Value)))
            {
                continue;
            }
            rows.Add(new ImportedApplication(r + 2, cells));
        }
        return rows;
    }

    /// <summary>Entries as an XLSX workbook of one sheet, in the same columns as the CSV.</summary>
    public static byte[] ToXlsx(IEnumerable<(IReadOnlyDictionary<string, string> Values, ApplicationSharing Sharing)> entries)
    {
        var rows = entries.Select(e => (IDictionary<string, object?>)Header.ToDictionary(k => k, k => (object?)(k == ApplicationFields.Sharing ? ApplicationEntry.SharingName(e.Sharing) : e.Values.GetValueOrDefault(k) ?? ""))).ToList();
        if (rows.Count == 0)
        {
            rows.Add(Header.ToDictionary(k => k, _ => (object?)""));
        }
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "Applications", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static List<ContentProblem> HeaderProblems(string file, IReadOnlyList<string> header)
    {
        var problems = new List<ContentProblem>();
        for (var c = 0; c < header.Count; c++)
        {
            if (ApplicationFields.Find(header[c]) is null)
            {
                problems.Add(new ContentProblem(file, 1, c + 1, header[c], $"There is no field {InputLimits.Quote(header[c])}; the first row names fields such as {ApplicationFields.Name}, {ApplicationFields.Product}, {ApplicationFields.ServiceAreas}"));
            }
        }
        foreach (var twice in header.GroupBy(h => h).Where(g => g.Count() > 1))
        {
            problems.Add(new ContentProblem(file, 1, 0, twice.Key, "is named by more than one column"));
        }
        if (!header.Contains(ApplicationFields.Name))
        {
            problems.Add(new ContentProblem(file, 1, 0, ApplicationFields.Name, "The first row has no 'name' column: every entry needs a name"));
        }
        return problems;
    }

    /// <summary>A spreadsheet cell as text: dates as 2026-12-31 (Excel stores them as dates), numbers without a thousands separator.</summary>
    private static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
