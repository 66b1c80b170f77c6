using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Indicators.Importing;
using Observatory.Outcomes;
using Observatory.Places;
using Observatory.Testing;

namespace Observatory.Tests.Indicators;

/// <summary>
/// Indicator files built to amplify or to slip past validation: control characters and over-long fields are refused
/// with line and field (on PostgreSQL too, where a NUL would otherwise fail the insert), huge values are quoted by a
/// short prefix, and reading a 70 MB file of 5 MB area codes neither echoes them nor holds them.
/// </summary>
public sealed class BoundedImportTests
{
    private const string Header = "area,indicator,period,value,status,note\n";

    private static async Task<(Refusal? Refusal, int Stored)> Import(TestProvider provider, string name, string text)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.For(database);
        await CoreServices.PrepareAsync(services, shippedData: false);
        Refusal? refusal;
        await using (var scope = services.CreateAsyncScope())
        {
            refusal = (await scope.ServiceProvider.GetRequiredService<ObservationImporter>()
                .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), new ImportRequest(name, "test", "tester", DataFormat.Tidy))).Refusal;
        }
        await using var db = database.CreateContext();
        return (refusal, await db.Observations.CountAsync() + await db.IndicatorImports.CountAsync());
    }

    public static TheoryData<string, string> ControlCharacters() => new()
    {
        { "E08000010,claimant-count,2024,4.1,,ab\0cd\n", "control.csv:2:6: note: holds the control character U+0000 at character 3" },
        { "E08000010,claimant-count,2024,4.1,u\u0007,\n", "control.csv:2:5: status: holds the control character U+0007 at character 2" },
        { "E08000010,claimant-count,2024,4.1,,\"two\u001Blines\"\n", "control.csv:2:6: note: holds the control character U+001B at character 4" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task A_control_character_in_a_stored_field_is_refused_with_line_and_field_on_sqlite(string row, string expected)
    {
        var (refusal, stored) = await Import(TestProvider.Sqlite, "control.csv", Header + row);

        refusal.ShouldNotBeNull().Problems.ShouldHaveSingleItem().ToString().ShouldStartWith(expected);
        stored.ShouldBe(0);
    }

    [PostgresTheory]
    [MemberData(nameof(ControlCharacters))]
    public async Task A_control_character_in_a_stored_field_is_refused_with_line_and_field_on_postgresql(string row, string expected)
    {
        var (refusal, stored) = await Import(TestProvider.PostgreSql, "control.csv", Header + row);

        refusal.ShouldNotBeNull().Problems.ShouldHaveSingleItem().ToString().ShouldStartWith(expected);
        stored.ShouldBe(0);
    }

    [Fact]
    public async Task Fields_longer_than_their_limits_are_refused_with_line_and_field()
    {
        var note = new string('n', Observation.MaxNoteLength + 1);
        var status = new string('s', Observation.MaxStatusLength + 1);
        var breakdown = new string('b', Observation.MaxDisaggregationLength + 1);
        var text = "area,indicator,period,value,status,note,disaggregation\n"
            + $"E08000010,claimant-count,2024,4.1,,{note},\n"
            + $"E08000010,claimant-count,2023,4.1,{status},,\n"
            + $"E08000010,claimant-count,2022,4.1,,,{breakdown}\n";

        var (refusal, stored) = await Import(TestProvider.Sqlite, "long.csv", text);

        refusal.ShouldNotBeNull().Problems.Select(p => p.ToString()).ShouldBe([
            $"long.csv:2:6: note: is {note.Length:N0} characters; at most {Observation.MaxNoteLength:N0} are allowed",
            $"long.csv:3:5: status: is {status.Length:N0} characters; at most {Observation.MaxStatusLength:N0} are allowed",
            $"long.csv:4:7: disaggregation: is {breakdown.Length:N0} characters; at most {Observation.MaxDisaggregationLength:N0} are allowed",
        ]);
        stored.ShouldBe(0);
    }

    [Fact]
    public async Task A_note_of_a_megabyte_is_refused_at_its_line_without_being_read_whole()
    {
        var (refusal, stored) = await Import(TestProvider.Sqlite, "note.csv", Header + "E08000010,claimant-count,2024,4.1,," + new string('n', 1_000_000) + "\n");

        var problem = refusal.ShouldNotBeNull().Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(2);
        problem.Message.ShouldContain($"longer than {InputLimits.MaxCsvRecordLength:N0} characters");
        stored.ShouldBe(0);
    }

    [Fact]
    public void An_unknown_area_code_is_quoted_by_a_short_prefix()
    {
        var code = "E" + new string('9', 5_000);
        var places = PlaceRegistry.LoadShipped(DataFolder.Locate());
        var catalogue = IndicatorCatalogue.LoadShipped(DataFolder.Locate(), global::Observatory.Frameworks.FrameworkCatalogue.LoadShipped(DataFolder.Locate()));

        var result = ObservationReader.Read("long-code.csv", new StringReader(Header + code + ",claimant-count,2024,4.1,,\n"), places, catalogue, DataFormat.Tidy);

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Message.ShouldStartWith($"'E{new string('9', InputLimits.QuoteLength - 1)}…' (5,001 characters) is not a known area code");
    }

    /// <summary>
    /// 70 MB: a header, then 12 rows each naming an area by a 5 MB code (or by a code just short of the record limit),
    /// then blank lines. The file is generated as it is read, so the test holds none of it; the reader must not hold it
    /// either, nor put it in its problems. A record past the limit ends the reading there.
    /// </summary>
    [Theory]
    [InlineData(5_000_000, 1)]
    [InlineData(60_000, 12)]
    public void A_70_MB_file_of_huge_area_codes_gives_short_problems_and_is_read_in_bounded_memory(int codeLength, int problems)
    {
        var places = PlaceRegistry.LoadShipped(DataFolder.Locate());
        var catalogue = IndicatorCatalogue.LoadShipped(DataFolder.Locate(), global::Observatory.Frameworks.FrameworkCatalogue.LoadShipped(DataFolder.Locate()));
        // Blank lines after the long rows make up the 70 MB: the reader passes over them as it would over valid rows.
        using var file = new GeneratedCsv(Header, 12, codeLength, new string('\n', 1_000), (70_000_000 - 12 * codeLength) / 1_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ObservationReader.Read("huge.csv", file, places, catalogue, DataFormat.Tidy);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        result.ProblemCount.ShouldBe(problems);
        result.Problems[0].Line.ShouldBe(2);
        string.Join("\n", result.Problems).Length.ShouldBeLessThan(problems * 300);
        allocated.ShouldBeLessThan(64_000_000);
        if (problems == 1)
        {
            result.Problems[0].Message.ShouldContain($"longer than {InputLimits.MaxCsvRecordLength:N0} characters");
            file.Served.ShouldBeLessThan(1_000_000, "reading stops at the record past the limit");
        }
        else
        {
            file.Served.ShouldBeGreaterThan(60_000_000);
        }
    }

    /// <summary>A CSV produced on demand: a header, <c>longRows</c> rows with an area code of <c>codeLength</c>, then filler.</summary>
    private sealed class GeneratedCsv : TextReader
    {
        private readonly IEnumerator<(string Text, long Times)> _segments;
        private string _text = "";
        private long _times;
        private int _offset;

        public GeneratedCsv(string header, int longRows, int codeLength, string shortRow, int shortRows) =>
            _segments = Segments(header, longRows, codeLength, shortRow, shortRows).GetEnumerator();

        public long Served { get; private set; }

        private static IEnumerable<(string, long)> Segments(string header, int longRows, int codeLength, string shortRow, int shortRows)
        {
            yield return (header, 1);
            for (var i = 0; i < longRows; i++)
            {
                yield return ("E", 1);
                yield return (new string('9', 1000), (codeLength - 1) / 1000);
                yield return ("9", (codeLength - 1) % 1000);
                yield return (",claimant-count,2024,4.1,,\n", 1);
            }
            yield return (shortRow, shortRows);
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                if (_times == 0)
                {
                    if (!_segments.MoveNext())
                    {
                        break;
                    }
                    (_text, _times) = _segments.Current;
                    _offset = 0;
                }
                var n = Math.Min(buffer.Length - written, _text.Length - _offset);
                _text.AsSpan(_offset, n).CopyTo(buffer[written..]);
                written += n;
                _offset += n;
                if (_offset == _text.Length)
                {
                    _offset = 0;
                    _times--;
                }
            }
            Served += written;
            return written;
        }
    }
}
