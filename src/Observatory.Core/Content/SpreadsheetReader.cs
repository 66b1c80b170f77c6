using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Observatory.Content;

/// <summary>One row of a sheet: its number as Excel shows it beside the row, and its cells' text by column (A is 0).</summary>
public sealed record SpreadsheetRow(int Line, IReadOnlyList<string> Cells)
{
    /// <summary>The text of the cell in column <paramref name="column"/> (A is 0); empty for an empty cell.</summary>
    public string this[int column] => column < Cells.Count ? Cells[column] : "";

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>The first sheet of a workbook: its name, its header row (the first row with anything in it) and the rows below.</summary>
public sealed record SpreadsheetTable(string Sheet, SpreadsheetRow Header, IReadOnlyList<SpreadsheetRow> Rows);

/// <summary>
/// The one XLSX reader behind every spreadsheet import, beside <see cref="SpreadsheetWriter"/> and on the same library
/// (the Open XML SDK). It reads the first sheet of a workbook as text, the way a person sees it in Excel, so an import
/// checks a spreadsheet's cells exactly as it checks a CSV's fields:
/// <list type="bullet">
/// <item>shared and inline strings as their text (rich-text runs joined, phonetic guides left out);</item>
/// <item>numbers as they read back (40, 12.5), never "40.0" or a thousands separator;</item>
/// <item>a number in a date format (Excel keeps dates as days since 1900, or 1904) as 2026-12-31, with the time
/// (2026-12-31T09:30:00) only where there is one;</item>
/// <item>TRUE and FALSE as Excel shows them, a formula's cached result, an error (#N/A) as its text;</item>
/// <item>empty cells as empty text, and each row numbered as Excel numbers it, so a problem names the line a person
/// sees when they open the file.</item>
/// </list>
/// The sheet is read as a stream of XML, not loaded whole, and held to the bounds of <see cref="InputLimits"/>, so a
/// small upload that unpacks to gigabytes is refused at the bound it breaks rather than read into memory.
/// </summary>
public static class SpreadsheetReader
{
    /// <summary>More rows than any import takes; a sheet past it is refused at the first row beyond.</summary>
    public const int MaxRows = 50_000;

    /// <summary>How many characters a sheet's text may add up to (its shared strings, then its cells).</summary>
    public const int MaxCharacters = 32_000_000;

    /// <summary>
    /// How many characters of XML one part of the workbook may be (a sheet, its shared strings): four times
    /// <see cref="MaxCharacters"/>, room for the markup around the text. A part past it is refused as unreadable.
    /// </summary>
    public const long MaxPartCharacters = 4L * MaxCharacters;

    private const string NotAWorkbook = "is not an Excel workbook (.xlsx) the Observatory can read: save it from Excel, LibreOffice or Google Sheets as an Excel workbook (.xlsx), or as CSV";

    // Excel's built-in number formats that show a date or a time (ECMA-376 Part 1, §18.8.30, and the locale-dependent ones it lists).
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    /// <summary>Whether an uploaded file is to be read as an Excel workbook: by its content type, or by its name ending .xlsx.</summary>
    public static bool IsWorkbook(string? contentType, string file) =>
        contentType?.StartsWith(SpreadsheetWriter.ContentType, StringComparison.OrdinalIgnoreCase) == true
        || file?.EndsWith(SpreadsheetWriter.Extension, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// The first sheet of the workbook in <paramref name="stream"/>, or the problem that stops it being read, naming
    /// <paramref name="file"/> (and the row, where the problem is in one).
    /// </summary>
    public static (SpreadsheetTable? Table, ContentProblem? Problem) Read(string file, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var document = SpreadsheetDocument.Open(stream, isEditable: false, new OpenSettings { MaxCharactersInPart = MaxPartCharacters });
            return ReadFirstSheet(file, document);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or XmlException
                                      or InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException)
        {
            return (null, new ContentProblem(file, 0, 0, "", NotAWorkbook));
        }
    }

    private static (SpreadsheetTable?, ContentProblem?) ReadFirstSheet(string file, SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (sheet?.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
        {
            return (null, new ContentProblem(file, 0, 0, "", "The workbook has no sheet: the first sheet's first row names the fields"));
        }
        var characters = 0L;
        var (strings, tooLong) = SharedStrings(workbook, ref characters);
        if (tooLong)
        {
            return (null, TooMuchText(file, 0));
        }
        var dates = DateStyles(workbook);
        var date1904 = workbook.Workbook!.WorkbookProperties?.Date1904?.Value == true;

        SpreadsheetRow? header = null;
        var rows = new List<SpreadsheetRow>();
        var line = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }
            var row = (Row)reader.LoadCurrentElement()!;
            line = row.RowIndex?.Value is { } index and > 0 ? (int)Math.Min(index, int.MaxValue) : line + 1;
            if (header is not null && rows.Count >= MaxRows)
            {
                return (null, new ContentProblem(file, line, 0, "", $"A sheet may hold at most {MaxRows.ToString("N0", CultureInfo.InvariantCulture)} rows below its header"));
            }
            var cells = new List<string>();
            var column = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference && ColumnIndex(reference) is { } at && at > column ? at : column + 1;
                if (column >= InputLimits.MaxCsvFields)
                {
                    return (null, new ContentProblem(file, line, 0, "", $"the row has more than {InputLimits.MaxCsvFields.ToString("N0", CultureInfo.InvariantCulture)} columns, the most one row may have"));
                }
                var text = Text(cell, strings, dates, date1904);
                if (text.Length == 0)
                {
                    continue;
                }
                characters += text.Length;
                if (characters > MaxCharacters)
                {
                    return (null, TooMuchText(file, line));
                }
                while (cells.Count < column)
                {
                    cells.Add("");
                }
                cells.Add(text);
            }
            var read = new SpreadsheetRow(line, cells);
            if (header is null)
            {
                if (!read.IsBlank)
                {
                    header = read;
                }
                continue;
            }
            rows.Add(read);
        }
        return header is null
            ? (null, new ContentProblem(file, 1, 0, "", $"The first sheet ({sheet.Name?.Value}) is empty: its first row names the fields"))
            : (new SpreadsheetTable(sheet.Name?.Value ?? "", header, rows), null);
    }

    private static ContentProblem TooMuchText(string file, int line) =>
        new(file, line, 0, "", $"The workbook holds more than {MaxCharacters.ToString("N0", CultureInfo.InvariantCulture)} characters of text, more than any import takes");

    /// <summary>A cell's text as Excel shows it (see the class summary).</summary>
    private static string Text(Cell cell, IReadOnlyList<string> strings, IReadOnlySet<uint> dates, bool date1904)
    {
        var type = cell.DataType?.Value;
        var value = cell.CellValue?.Text ?? "";
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? ItemText(inline) : value;
        }
        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count
                ? strings[i]
                : throw new InvalidDataException("a cell names a shared string the workbook does not hold");
        }
        if (type == CellValues.Boolean)
        {
            return value.Trim() is "1" or "true" ? "TRUE" : "FALSE";
        }
        if (type == CellValues.Date)
        {
            // An ISO 8601 date cell (Strict Open XML): the date alone when it is midnight.
            return value.EndsWith("T00:00:00", StringComparison.Ordinal) ? value[..^"T00:00:00".Length] : value;
        }
        if (type == CellValues.String || type == CellValues.Error || value.Length == 0)
        {
            return value;
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return value;
        }
        if (cell.StyleIndex?.Value is { } style && dates.Contains(style) && Date(number, date1904) is { } date)
        {
            return date.TimeOfDay == TimeSpan.Zero
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        }
        return Numbers.RoundTrip(number);
    }

    /// <summary>A date serial as a date and time, to the second (Excel's own precision for display), or null outside Excel's range.</summary>
    private static DateTime? Date(double serial, bool date1904)
    {
        if (date1904)
        {
            serial += 1462;
        }
        if (serial is < 0 or >= 2958466)
        {
            return null;
        }
        // FromOADate counts as Excel does from 1 March 1900 (before it, Excel counts a 29 February 1900 that never was).
        var date = DateTime.FromOADate(serial);
        return new DateTime(date.Ticks - (date.Ticks % TimeSpan.TicksPerSecond) + (date.Ticks % TimeSpan.TicksPerSecond >= TimeSpan.TicksPerSecond / 2 ? TimeSpan.TicksPerSecond : 0), DateTimeKind.Unspecified);
    }

    /// <summary>The text of a shared or inline string: its runs joined, without the phonetic guide Excel keeps for East Asian text.</summary>
    private static string ItemText(OpenXmlElement item) =>
        string.Concat(item.Descendants<Text>().Where(t => t.Ancestors<PhoneticRun>().FirstOrDefault() is null).Select(t => t.Text));

    /// <summary>The workbook's shared strings, read one item at a time; true when they pass <see cref="MaxCharacters"/>.</summary>
    private static (List<string> Strings, bool TooLong) SharedStrings(WorkbookPart workbook, ref long characters)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return (strings, false);
        }
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var text = ItemText(reader.LoadCurrentElement()!);
                characters += text.Length;
                if (characters > MaxCharacters)
                {
                    return (strings, true);
                }
                strings.Add(text);
            }
        }
        return (strings, false);
    }

    /// <summary>The cell styles (indices into cellXfs) whose number format shows a date or a time.</summary>
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var styles = new HashSet<uint>();
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is not { } formats)
        {
            return styles;
        }
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => g.First().FormatCode?.Value ?? "") ?? [];
        uint index = 0;
        foreach (var format in formats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (custom.TryGetValue(id, out var code) ? IsDateFormat(code) : BuiltInDateFormats.Contains(id))
            {
                styles.Add(index);
            }
            index++;
        }
        return styles;
    }

    /// <summary>
    /// Whether a number format code shows a date or time: a d, m, y, h or s outside quoted text, escapes and
    /// [brackets] (colours, conditions), in the section for positive numbers. "0.00", "#,##0" and "[Red]0" are not.
    /// </summary>
    public static bool IsDateFormat(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case ';':
                    return false;
                case '"':
                    i = code.IndexOf('"', i + 1) is var end and >= 0 ? end : code.Length;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '[':
                    // [h], [mm] and [ss] are elapsed times; [Red] and [<100] are not.
                    var close = code.IndexOf(']', i + 1);
                    var inside = close < 0 ? "" : code[(i + 1)..close].ToLowerInvariant();
                    if (inside.Length > 0 && inside.All(c => c is 'h' or 'm' or 's'))
                    {
                        return true;
                    }
                    i = close < 0 ? code.Length : close;
                    break;
                case 'd' or 'D' or 'm' or 'M' or 'y' or 'Y' or 'h' or 'H' or 's' or 'S':
                    return true;
            }
        }
        return false;
    }

    /// <summary>A cell reference's column, A1 → 0, AA7 → 26; null when it does not start with letters.</summary>
    public static int? ColumnIndex(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var index = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            var upper = char.ToUpperInvariant(ch);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }
            if (++letters > 3)
            {
                return null;
            }
            index = (index * 26) + (upper - 'A' + 1);
        }
        return letters == 0 ? null : index - 1;
    }
}
