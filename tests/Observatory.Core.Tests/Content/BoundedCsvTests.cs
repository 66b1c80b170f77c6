using Observatory.Content;

namespace Observatory.Tests.Content;

/// <summary>
/// CSV is read within bounds (a record's length, its number of fields) and written so a spreadsheet never runs a cell
/// as a formula: OWASP's rule for CSV injection, applied by the one writer behind every CSV the Observatory makes.
/// </summary>
public sealed class BoundedCsvTests
{
    private static List<List<string>> Read(string text, string file = "test.csv") => ReadUntilStopped(text, file).Records;

    /// <summary>The records read, and the problem that stopped the reading early (null at a clean end).</summary>
    private static (List<List<string>> Records, ContentProblem? Stopped) ReadUntilStopped(string text, string file)
    {
        using var reader = new CsvRecordReader(new StringReader(text), file);
        var records = new List<List<string>>();
        while (reader.Read())
        {
            records.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }
        return (records, reader.Problem);
    }

    [Fact]
    public void A_record_longer_than_the_limit_is_refused_at_its_line()
    {
        var text = "a,b\n1,2\n3," + new string('x', InputLimits.MaxCsvRecordLength) + "\n5,6\n";

        var (records, stopped) = ReadUntilStopped(text, "long.csv");

        records.Count.ShouldBe(2, "reading stops at the long record: the lines after it are not read");
        var problem = stopped.ShouldNotBeNull();
        problem.ToString().ShouldStartWith("long.csv:3: ");
        problem.Message.ShouldContain($"longer than {InputLimits.MaxCsvRecordLength:N0} characters");
    }

    [Fact]
    public void An_unclosed_quote_is_refused_at_the_limit_rather_than_read_to_the_end_of_a_large_file()
    {
        var text = "a,b\n\"unclosed," + string.Concat(Enumerable.Repeat("row,row\n", 100_000));

        var (records, stopped) = ReadUntilStopped(text, "quote.csv");

        records.ShouldHaveSingleItem();
        stopped.ShouldNotBeNull().Line.ShouldBe(2);
    }

    [Fact]
    public void A_record_of_exactly_the_limit_is_read()
    {
        var field = new string('x', InputLimits.MaxCsvRecordLength - 2);

        var records = Read("a,b\n1," + field + "\n");

        records[1][1].ShouldBe(field);
    }

    [Fact]
    public void A_record_with_more_fields_than_the_limit_is_refused_at_its_line()
    {
        var text = "a\n" + new string(',', InputLimits.MaxCsvFields) + "\n";

        var (records, stopped) = ReadUntilStopped(text, "wide.csv");

        records.ShouldHaveSingleItem();
        stopped.ShouldNotBeNull().Message.ShouldContain($"more than {InputLimits.MaxCsvFields:N0} fields");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\"")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1,2)", "\"'@SUM(1,2)\"")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("=1", "'=1")]
    public void A_field_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string value, string written) =>
        CsvWriter.Field(value).ShouldBe(written);

    [Theory]
    [InlineData("-3.25")]
    [InlineData("+1")]
    [InlineData("-1.5E-05")]
    [InlineData("Kingston upon Hull, City of")]
    [InlineData("2023-01-01/P1Y")]
    [InlineData("E08000010")]
    [InlineData("")]
    public void Numbers_and_ordinary_text_are_written_unchanged(string value)
    {
        var written = CsvWriter.Field(value);

        (written == value || written == "\"" + value + "\"").ShouldBeTrue(written);
    }
}

public sealed class AuditCsvInjectionTests
{
    [Fact]
    public void The_audit_log_export_writes_a_formula_in_any_column_as_text()
    {
        var csv = Observatory.Auditing.AuditLog.ToCsv([new Observatory.Auditing.AuditEntry
        {
            Id = 1,
            At = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            ActorName = "=HYPERLINK(\"http://evil.example\",\"Open\")",
            EntityType = "EvidenceRecord",
            EntityId = "@SUM(A1)",
            Action = "updated",
            After = "{\"Note\":\"=1+1\"}",
        }]);

        var row = Observatory.Testing.TestCsv.ReadRecords(csv).Skip(1).Single();
        row[2].ShouldBe("'=HYPERLINK(\"http://evil.example\",\"Open\")");
        row[5].ShouldBe("'@SUM(A1)");
        row[8].ShouldBe("{\"Note\":\"=1+1\"}");
    }
}
