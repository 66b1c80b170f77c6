using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Observatory.Content;

namespace Observatory.Web.Tests.Downloads;

/// <summary>A spreadsheet as a reader sees it: each sheet's rows of (text, is it a number cell), read with the Open XML SDK.</summary>
internal sealed record SheetCell(string Text, bool Number);

internal static class Spreadsheets
{
    /// <summary>The rows of one sheet, by name, with the gaps of empty cells filled so columns line up.</summary>
    public static List<List<SheetCell>> Read(byte[] xlsx, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var rows = new List<List<SheetCell>>();
        foreach (var row in part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>())
        {
            var cells = new List<SheetCell>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference!.Value!);
                while (cells.Count < column)
                {
                    cells.Add(new SheetCell("", false));
                }
                var number = cell.DataType?.Value == CellValues.Number || cell.DataType is null;
                var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.DataType?.Value == CellValues.SharedString ? workbook.SharedStringTablePart!.SharedStringTable.ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText
                    : cell.CellValue?.Text ?? "";
                cells.Add(new SheetCell(text, number));
            }
            rows.Add(cells);
        }
        return rows;
    }

    public static IReadOnlyList<string> SheetNames(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);
        return [.. document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];
    }

    /// <summary>A CSV document's records, every field as text.</summary>
    public static List<List<string>> ReadCsv(string csv)
    {
        var rows = new List<List<string>>();
        using var reader = new CsvRecordReader(new StringReader(csv));
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }
        return rows;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (ch - 'A' + 1);
        }
        return index - 1;
    }
}
