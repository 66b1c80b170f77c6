using System.IO.Compression;
using System.Text;
using Observatory.Content;
using Observatory.Testing;

namespace Observatory.Core.Tests.Content;

public sealed class SpreadsheetReaderTests
{
    private static SpreadsheetTable Read(byte[] bytes, string file = "book.xlsx")
    {
        var (table, problem) = SpreadsheetReader.Read(file, new MemoryStream(bytes));
        problem.ShouldBeNull();
        return table!;
    }

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back_field_for_field()
    {
        IReadOnlyList<IReadOnlyList<string?>> rows =
        [
            ["name", "2021", "code", "note", "value"],
            ["Kingston upon Hull, City of", "12.5", "007", "=HYPERLINK(\"http://example.com\")", "-3"],
            ["Ynys Môn", "", "E06000001", "two\nlines and \"quotes\"", "1E+21"],
            ["", "", "", "", ""],
            ["Wigan", "0", "12.50", "  spaced  ", "123456789012345"],
        ];
        var table = Read(SpreadsheetWriter.Write(rows, new SpreadsheetNotes("Test", [SpreadsheetNotes.Observatory], DateTimeOffset.UnixEpoch)));

        table.Sheet.ShouldBe(SpreadsheetWriter.DataSheet, "the first sheet, not the notes");
        table.Header.Line.ShouldBe(1);
        table.Header.Cells.ShouldBe(rows[0]);
        table.Rows.Select(r => r.Line).ShouldBe([2, 3, 4, 5], "rows are numbered as Excel numbers them, the empty one included");
        for (var r = 1; r < rows.Count; r++)
        {
            Enumerable.Range(0, rows[r].Count).Select(c => table.Rows[r - 1][c]).ShouldBe(rows[r].Select(v => v ?? ""), $"row {r + 1}");
        }
        table.Rows[2].IsBlank.ShouldBeTrue();
    }

    [Fact]
    public void A_workbook_saved_by_excel_reads_as_a_person_sees_it()
    {
        var bytes = TestWorkbook.Build("Applications", 3,
            ["name", "contract_end", "number_of_users", "single_sign_on", "cost", "renewal"],
            ["Libraries", new DateTime(2027, 8, 31), 40, true, new TestWorkbook.Styled(12500.5), new TestWorkbook.CustomDate(new DateTime(2028, 2, 29))],
            [],
            ["Parking", null, 3.25, false, null, new DateTime(2027, 1, 1, 9, 30, 0)],
            [null, null, null, null, null, "only the last column"]);
        var table = Read(bytes);

        table.Sheet.ShouldBe("Applications");
        table.Header.Line.ShouldBe(3, "the header is the first row with anything in it");
        table.Header.Cells.ShouldBe(["name", "contract_end", "number_of_users", "single_sign_on", "cost", "renewal"]);
        table.Rows.Select(r => r.Line).ShouldBe([4, 5, 6, 7]);
        table.Rows[0].Cells.ShouldBe(["Libraries", "2027-08-31", "40", "TRUE", "12500.5", "2028-02-29"]);
        table.Rows[1].IsBlank.ShouldBeTrue();
        table.Rows[2].Cells.ShouldBe(["Parking", "", "3.25", "FALSE", "", "2027-01-01T09:30:00"]);
        table.Rows[3][0].ShouldBe("");
        table.Rows[3][5].ShouldBe("only the last column");
        table.Rows[3][40].ShouldBe("", "a column past the last cell is empty");
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_is_refused_naming_the_file()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("hello.txt").Open());
            entry.Write("a zip, but not a workbook");
        }
        var workbook = TestWorkbook.Build(["name"], ["Libraries"]);
        byte[][] notWorkbooks =
        [
            Encoding.UTF8.GetBytes("name,product\nPayroll,PayFast\n"),
            [],
            zip.ToArray(),
            workbook[..(workbook.Length / 2)],
        ];
        foreach (var bytes in notWorkbooks)
        {
            var (table, problem) = SpreadsheetReader.Read("apps.xlsx", new MemoryStream(bytes));
            table.ShouldBeNull();
            problem.ShouldNotBeNull();
            problem.ToString().ShouldStartWith("apps.xlsx: is not an Excel workbook (.xlsx)");
        }
    }

    [Fact]
    public void An_empty_sheet_is_refused_saying_the_first_row_names_the_fields()
    {
        var (table, problem) = SpreadsheetReader.Read("empty.xlsx", new MemoryStream(TestWorkbook.Build([], [null, null])));
        table.ShouldBeNull();
        problem!.ToString().ShouldBe("empty.xlsx:1: The first sheet (Sheet1) is empty: its first row names the fields");
    }

    [Fact]
    public void A_row_may_hold_as_many_columns_as_a_csv_record_and_no_more()
    {
        object?[] Row(int columns) => [.. Enumerable.Range(0, columns).Select(c => (object?)c)];
        Read(TestWorkbook.Build(["name"], Row(InputLimits.MaxCsvFields))).Rows[0][InputLimits.MaxCsvFields - 1].ShouldBe((InputLimits.MaxCsvFields - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (table, problem) = SpreadsheetReader.Read("wide.xlsx", new MemoryStream(TestWorkbook.Build(["name"], Row(InputLimits.MaxCsvFields + 1))));
        table.ShouldBeNull();
        problem!.ToString().ShouldBe("wide.xlsx:2: the row has more than 1,000 columns, the most one row may have");
    }

    [Fact]
    public void A_sheet_may_hold_the_most_rows_and_is_refused_at_the_first_row_past_them()
    {
        object?[][] Rows(int count) => [["name"], .. Enumerable.Range(0, count).Select(i => new object?[] { i })];
        Read(TestWorkbook.Build(Rows(SpreadsheetReader.MaxRows))).Rows.Count.ShouldBe(SpreadsheetReader.MaxRows);

        var (table, problem) = SpreadsheetReader.Read("big.xlsx", new MemoryStream(TestWorkbook.Build(Rows(SpreadsheetReader.MaxRows + 1))));
        table.ShouldBeNull();
        problem!.ToString().ShouldBe("big.xlsx:50002: A sheet may hold at most 50,000 rows below its header");
    }

    [Theory]
    [InlineData("dd/mm/yyyy", true)]
    [InlineData("d mmmm yyyy", true)]
    [InlineData("[$-809]dd mmmm yyyy;@", true)]
    [InlineData("hh:mm", true)]
    [InlineData("[h]:mm:ss", true)]
    [InlineData("0.00", false)]
    [InlineData("#,##0", false)]
    [InlineData("[Red]#,##0.00", false)]
    [InlineData("\"days\" 0", false)]
    [InlineData("0\\d", false)]
    [InlineData("0;[Red]-0;\"dd\"", false)]
    [InlineData("General", false)]
    public void A_number_format_shows_a_date_only_when_it_has_date_or_time_parts(string code, bool date) =>
        SpreadsheetReader.IsDateFormat(code).ShouldBe(date);

    [Theory]
    [InlineData("A1", 0)]
    [InlineData("Z9", 25)]
    [InlineData("AA7", 26)]
    [InlineData("XFD1048576", 16383)]
    public void A_cell_reference_gives_its_column(string reference, int column) => SpreadsheetReader.ColumnIndex(reference).ShouldBe(column);
}
