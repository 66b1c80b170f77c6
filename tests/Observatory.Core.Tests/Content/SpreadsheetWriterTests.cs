using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Observatory.Content;

namespace Observatory.Core.Tests.Content;

public sealed class SpreadsheetWriterTests
{
    [Theory]
    [InlineData("12.5", true)]
    [InlineData("-3", true)]
    [InlineData("0", true)]
    [InlineData("007", false)]
    [InlineData("12.50", false)]
    [InlineData("1,204", false)]
    [InlineData("Infinity", false)]
    [InlineData("NaN", false)]
    [InlineData("E08000010", false)]
    [InlineData("2021-01-01/P1Y", false)]
    [InlineData("", false)]
    public void A_field_is_a_number_cell_only_when_it_reads_back_as_written(string field, bool number) =>
        SpreadsheetWriter.IsNumber(field).ShouldBe(number);

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(51, "AZ")]
    [InlineData(52, "BA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Columns_are_named_as_spreadsheets_name_them(int index, string name) => SpreadsheetWriter.ColumnName(index).ShouldBe(name);

    [Fact]
    public void A_formula_in_a_field_is_written_as_text_and_never_run()
    {
        var csv = CsvWriter.Write(["name", "value"], [["=HYPERLINK(\"http://example.com\")", "1"], ["Kingston upon Hull, City of", "-2.5"]]);
        var bytes = SpreadsheetWriter.FromCsv(csv, new SpreadsheetNotes("Test", [SpreadsheetNotes.Observatory], DateTimeOffset.UnixEpoch));
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var part = document.WorkbookPart!.WorksheetParts.First();
        var cells = part.Worksheet.Descendants<Cell>().ToList();
        cells.ShouldAllBe(c => c.CellFormula == null);
        cells.Single(c => c.CellReference == "A2").InlineString!.InnerText.ShouldBe("'=HYPERLINK(\"http://example.com\")");
        cells.Single(c => c.CellReference == "A3").InlineString!.InnerText.ShouldBe("Kingston upon Hull, City of");
        cells.Single(c => c.CellReference == "B3").CellValue!.Text.ShouldBe("-2.5");
        cells.Single(c => c.CellReference == "B3").DataType!.Value.ShouldBe(CellValues.Number);
    }
}
