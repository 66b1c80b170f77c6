using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Observatory.Testing;

/// <summary>
/// Builds XLSX files the way Excel saves them, with the Open XML SDK directly rather than the Observatory's own writer,
/// so imports are tested on what people upload: text in the shared string table, dates as day numbers in a date
/// format (built-in format 14, or a custom one), TRUE/FALSE as boolean cells, numbers as numbers, empty cells left
/// out and rows numbered where they sit on the sheet.
/// </summary>
public static class TestWorkbook
{
    /// <summary>Rows on the first sheet from row 1; a null cell is left empty. Strings, DateTime, bool and numbers.</summary>
    public static byte[] Build(params object?[][] rows) => Build("Sheet1", 1, rows);

    /// <summary>Rows on a sheet named <paramref name="sheet"/>, the first on row <paramref name="firstRow"/>, with a second sheet after it.</summary>
    public static byte[] Build(string sheet, int firstRow, params object?[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            // Style 0 general, 1 Excel's built-in short date (14), 2 a custom date format, 3 a custom number format with a colour.
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(
                    new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" },
                    new NumberingFormat { NumberFormatId = 165, FormatCode = "[Red]#,##0.00" }),
                new Fonts(new Font()),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })),
                new Borders(new Border()),
                new CellFormats(
                    new CellFormat { NumberFormatId = 0 },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }));
            var strings = new List<string>();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var line = (uint)(firstRow + r);
                var row = new Row { RowIndex = line };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    if (Cell(rows[r][c], strings) is { } cell)
                    {
                        cell.CellReference = Column(c) + line.ToString(CultureInfo.InvariantCulture);
                        row.AppendChild(cell);
                    }
                }
                data.AppendChild(row);
            }
            part.Worksheet = new Worksheet(data);
            sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = sheet });
            var other = workbook.AddNewPart<WorksheetPart>();
            other.Worksheet = new Worksheet(new SheetData(new Row(new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue(Index(strings, "not the first sheet")) }) { RowIndex = 1 }));
            sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(other), SheetId = 2, Name = "Other" });
            var table = workbook.AddNewPart<SharedStringTablePart>();
            table.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>A date in a custom format (dd/mm/yyyy), as a workbook made outside the UK's default formats holds one.</summary>
    public sealed record CustomDate(DateTime Date);

    /// <summary>A number shown in red with two decimals: a number, not a date, however it is shown.</summary>
    public sealed record Styled(double Number);

    private static Cell? Cell(object? value, List<string> strings) => value switch
    {
        null => null,
        string s => new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(Index(strings, s)) },
        bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        DateTime d => new Cell { StyleIndex = 1, CellValue = new CellValue(d.ToOADate().ToString(CultureInfo.InvariantCulture)) },
        CustomDate d => new Cell { StyleIndex = 2, CellValue = new CellValue(d.Date.ToOADate().ToString(CultureInfo.InvariantCulture)) },
        Styled n => new Cell { StyleIndex = 3, CellValue = new CellValue(n.Number.ToString("R", CultureInfo.InvariantCulture)) },
        IConvertible n => new Cell { CellValue = new CellValue(n.ToDouble(CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)) },
        _ => throw new ArgumentException($"no cell for {value.GetType()}"),
    };

    private static string Index(List<string> strings, string s)
    {
        var i = strings.IndexOf(s);
        if (i < 0)
        {
            strings.Add(s);
            i = strings.Count - 1;
        }
        return i.ToString(CultureInfo.InvariantCulture);
    }

    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }
}
