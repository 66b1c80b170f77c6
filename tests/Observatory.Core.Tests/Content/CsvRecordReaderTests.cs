using Observatory.Content;

namespace Observatory.Core.Tests.Content;

public sealed class CsvRecordReaderTests
{
    private static List<(int Line, List<string> Fields)> Read(string text, int bufferHint = 0)
    {
        using var reader = new CsvRecordReader(new StringReader(text));
        var records = new List<(int, List<string>)>();
        while (reader.Read())
        {
            records.Add((reader.Line, [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]));
        }
        return records;
    }

    [Fact]
    public void Reads_quoted_fields_doubled_quotes_and_line_breaks_inside_quotes_keeping_line_numbers()
    {
        var records = Read("\uFEFFa,b,c\r\n\"Bristol, City of\",\"say \"\"hi\"\"\",3\r\n\"two\nlines\",,\r\nlast,row,here");

        records.Select(r => r.Line).ShouldBe([1, 2, 3, 5]);
        records[0].Fields.ShouldBe(["a", "b", "c"]);
        records[1].Fields.ShouldBe(["Bristol, City of", "say \"hi\"", "3"]);
        records[2].Fields.ShouldBe(["two\nlines", "", ""]);
        records[3].Fields.ShouldBe(["last", "row", "here"]);
    }

    [Fact]
    public void Skips_blank_lines_and_reads_LF_files()
    {
        var records = Read("a,b\n\n1,2\n");

        records.Select(r => r.Line).ShouldBe([1, 3]);
        records[1].Fields.ShouldBe(["1", "2"]);
    }

    [Fact]
    public void Reads_records_that_cross_its_buffer_within_the_record_limit()
    {
        // The buffer holds 65,536 characters, the most one record may be: the second record starts in the first
        // fill and ends in the next, so it is moved to the front of the buffer while it is read.
        var longField = new string('x', 40_000);
        var records = Read($"id,text\r\n1,{longField}\r\n2,\"{longField}\"\r\n");

        records.Count.ShouldBe(3);
        records[1].Fields[1].Length.ShouldBe(40_000);
        records[2].Fields[1].ShouldBe(longField);
        records[2].Line.ShouldBe(3);
    }

    [Fact]
    public void Reads_many_rows_across_buffer_boundaries_without_losing_any()
    {
        var text = string.Join("\r\n", Enumerable.Range(0, 50_000).Select(i => $"E{i:00000000},\"Area {i}\",{i * 0.5}"));
        var records = Read(text);

        records.Count.ShouldBe(50_000);
        records[49_999].Fields.ShouldBe(["E00049999", "Area 49999", (49_999 * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        records[49_999].Line.ShouldBe(50_000);
    }
}
