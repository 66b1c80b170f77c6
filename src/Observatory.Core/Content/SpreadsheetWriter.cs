using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Observatory.Content;

/// <summary>Where a download's figures come from: a source's name, its address (or none) and the licence it is published under.</summary>
public sealed record SpreadsheetSource(string Name, string? Url, string Licence);

/// <summary>
/// What a spreadsheet's notes sheet says: what the table is, where its figures come from and under which licences,
/// and when the file was made, so a copy passed on by email still says what it is.
/// </summary>
public sealed record SpreadsheetNotes(string Title, IReadOnlyList<SpreadsheetSource> Sources, DateTimeOffset Made)
{
    /// <summary>The Observatory's own content (its evidence library, tagging and counts), under the licence it is published with (LICENSE).</summary>
    public static readonly SpreadsheetSource Observatory =
        new("Connected Places Observatory: its evidence library, tagging and counts", null, "MIT Licence");

    /// <summary>The published documents the evidence library quotes and paraphrases (data/PROVENANCE.md, "evidence").</summary>
    public static readonly SpreadsheetSource EvidenceDocuments =
        new("Socitm's published documents, each cited by title and section on the item it supports", "https://socitm.net/",
            "Short quotation and paraphrase with attribution; the documents keep their publisher's terms");
}

/// <summary>
/// The one XLSX writer behind every spreadsheet download: the same table as the CSV beside it, on a sheet named
/// "Data", and a "Notes" sheet. It is written from the CSV itself (<see cref="FromCsv"/>) so the two files can never
/// disagree: every field is carried over as the CSV has it, a field that is a number exactly as written (it reads back
/// to the same text) becomes a number cell so sums and charts work, and every other field — GSS codes, periods,
/// "007" — stays text. Text cells are inline strings, never formulas, so nothing in a download runs when opened.
/// </summary>
public static class SpreadsheetWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string Extension = ".xlsx";

    public const string DataSheet = "Data";

    public const string NotesSheet = "Notes";

    /// <summary>A CSV document (header line first, as <see cref="CsvWriter"/> writes) as an XLSX workbook.</summary>
    public static byte[] FromCsv(string csv, SpreadsheetNotes notes)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var rows = new List<string[]>();
        using (var reader = new CsvRecordReader(new StringReader(csv)))
        {
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = reader.GetString(i);
                }
                rows.Add(fields);
            }
        }
        return Write(rows, notes);
    }

    /// <summary>Rows (the first the header) as a workbook with the data sheet and the notes sheet.</summary>
    public static byte[] Write(IReadOnlyList<IReadOnlyList<string?>> rows, SpreadsheetNotes notes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(notes);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            AddSheet(workbook, sheets, 1, DataSheet, rows, numbers: true);
            AddSheet(workbook, sheets, 2, NotesSheet, NotesRows(notes), numbers: false);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The notes sheet: what, when, and one line per source with its address and licence.</summary>
    public static IReadOnlyList<IReadOnlyList<string?>> NotesRows(SpreadsheetNotes notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var rows = new List<IReadOnlyList<string?>>
        {
            new[] { "Title", notes.Title },
            new[] { "Made", notes.Made.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) },
            new[] { "Made by", "Connected Places Observatory" },
            new[] { "Data sheet", "The same table as the CSV download of the same address, one row per line of the CSV." },
            Array.Empty<string?>(),
            new[] { "Source", "Address", "Licence" },
        };
        rows.AddRange(notes.Sources.Select(s => (IReadOnlyList<string?>)[s.Name, s.Url, s.Licence]));
        return rows;
    }

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IReadOnlyList<IReadOnlyList<string?>> rows, bool numbers)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Count; c++)
            {
                var value = rows[r][c];
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }
                var reference = ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                // The header row is always text, so a column named "2021" stays a name.
                row.AppendChild(numbers && r > 0 && IsNumber(value)
                    ? new Cell { CellReference = reference, CellValue = new CellValue(value), DataType = CellValues.Number }
                    : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(value)) { Space = SpaceProcessingModeValues.Preserve }) });
            }
            data.AppendChild(row);
        }
        part.Worksheet = new Worksheet(data);
        sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    /// <summary>True for a field that is a number written exactly as it reads back ("12.5", "-3"), not "007", "1,204" or "Infinity".</summary>
    public static bool IsNumber(string value) =>
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
        && double.IsFinite(number) && Numbers.RoundTrip(number) == value;

    /// <summary>A1-style column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    // XML 1.0 cannot hold most control characters; a field that somehow holds one keeps the rest of its text.
    private static string Clean(string value) =>
        value.Any(ch => ch < ' ' && ch is not '\t' and not '\n' and not '\r') ? new string([.. value.Where(ch => ch >= ' ' || ch is '\t' or '\n' or '\r')]) : value;
}
