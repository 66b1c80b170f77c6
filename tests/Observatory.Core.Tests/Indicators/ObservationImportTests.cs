using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Indicators.Importing;
using Observatory.Outcomes;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Core.Tests.Indicators;

/// <summary>
/// Imports through the real importer into a real database (a SQLite file; PostgreSQL where marked): refusals
/// name file, line, column and field and change nothing; clean files are stored once; codes are followed.
/// </summary>
public sealed class ObservationImportTests : IAsyncLifetime
{
    private const string ElsHeader = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes";

    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = TestDatabase.CreateSqlite();
        _services = CoreServices.For(_database);
        await CoreServices.PrepareAsync(_services, shippedData: false);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<ImportOutcome> Import(string name, string text, DataFormat? format = null) => (await Attempt(name, text, format)).ShouldSucceed();

    private async Task<Outcome<ImportOutcome>> Attempt(string name, string text, DataFormat? format = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ObservationImporter>();
        return await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), new ImportRequest(name, "test", "tester", format));
    }

    /// <summary>An import refused as invalid input (never thrown), with the store unchanged.</summary>
    private async Task<Refusal> Refused(string name, string text)
    {
        var before = await Count();
        var refusal = (await Attempt(name, text)).ShouldBeRefused(RefusalKind.Invalid);
        (await Count()).ShouldBe(before, "a refused import must leave the store unchanged");
        return refusal;
    }

    private async Task<int> Count()
    {
        await using var db = _database.CreateContext();
        return await db.Observations.CountAsync() + await db.IndicatorImports.CountAsync();
    }

    private async Task<List<Observation>> Stored(string indicator)
    {
        await using var db = _database.CreateContext();
        return await db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicator).OrderBy(o => o.AreaCode).ThenBy(o => o.PeriodStart).ToListAsync();
    }

    private static string Els(params string[] rows) => string.Join("\r\n", [ElsHeader, .. rows]) + "\r\n";

    private const string Wigan2024 = "E08000010,Wigan,Local Authority District,Claimant Count,2024-01-01/P1Y,3.9,Percentage,%,,,,";

    [Fact]
    public async Task A_clean_ELS_file_is_stored_with_its_period_interval_and_status()
    {
        var outcome = await Import("claimants.csv", Els(
            Wigan2024,
            "E08000010,Wigan,Local Authority District,Claimant Count,2023-01-01/P1Y,,Percentage,%,,,x,",
            "E92000001,England,Nation,Claimant Count,2024-01-01/P1Y,3.7,Percentage,%,3.5,3.9,,"));

        outcome.AlreadyImported.ShouldBeFalse();
        outcome.Import.Added.ShouldBe(3);
        outcome.Import.Format.ShouldBe("els");
        outcome.Import.ImportedBy.ShouldBe("tester");
        var rows = await Stored("claimant-count");
        rows.Count.ShouldBe(3);
        var england = rows.Single(r => r.AreaCode == "E92000001");
        (england.Value, england.Lci95, england.Uci95).ShouldBe((3.7, 3.5, 3.9));
        england.Period.ShouldBe(new Period(new DateOnly(2024, 1, 1), "P1Y"));
        var suppressed = rows.Single(r => r.AreaCode == "E08000010" && r.PeriodStart.Year == 2023);
        suppressed.Value.ShouldBeNull();
        suppressed.Status.ShouldBe("x");
    }

    [Fact]
    public async Task The_same_file_again_changes_nothing()
    {
        var file = Els(Wigan2024);
        await Import("claimants.csv", file);
        var before = await Count();

        var again = await Import("claimants-copy.csv", file);

        again.AlreadyImported.ShouldBeTrue();
        (await Count()).ShouldBe(before);
    }

    [Fact]
    public async Task A_revised_file_changes_only_what_differs()
    {
        await Import("v1.csv", Els(Wigan2024, "E08000006,Salford,Local Authority District,Claimant Count,2024-01-01/P1Y,4.4,Percentage,%,,,,"));

        var revised = await Import("v2.csv", Els(Wigan2024, "E08000006,Salford,Local Authority District,Claimant Count,2024-01-01/P1Y,4.5,Percentage,%,,,,"));

        (revised.Import.Added, revised.Import.Changed, revised.Import.Unchanged).ShouldBe((0L, 1L, 1L));
        (await Stored("claimant-count")).Single(o => o.AreaCode == "E08000006").Value.ShouldBe(4.5);
    }

    [Fact]
    public async Task A_problem_on_the_last_line_refuses_the_whole_file()
    {
        var rows = Enumerable.Range(2001, 20).Select(y => $"E08000010,Wigan,Local Authority District,Claimant Count,{y}-01-01/P1Y,{y % 7}.1,Percentage,%,,,,").ToList();
        rows.Add("E08000010,Wigan,Local Authority District,Claimant Count,2021-01-01/P1Y,lots,Percentage,%,,,,");

        var refusal = await Refused("claimants.csv", Els([.. rows]));

        refusal.Problems.Single().ToString().ShouldBe("claimants.csv:22:6: value: 'lots' is not a number");
    }

    [Theory]
    [InlineData("E08999999,Nowhere,Local Authority District,Claimant Count,2024-01-01/P1Y,3.9,Percentage,%,,,,", "claims.csv:2:1: area: 'E08999999' is not a known area code")]
    [InlineData("E08999999,Wigan,Local Authority District,Claimant Count,2024-01-01/P1Y,3.9,Percentage,%,,,,", "claims.csv:2:1: area: 'E08999999' is not a known area code; Wigan is E08000010")]
    [InlineData("E08000010,Wigan,Local Authority District,Claimant Count,last year,3.9,Percentage,%,,,,", "claims.csv:2:5: period: 'last year' is not a period: use ISO 8601, e.g. 2023-01-01/P1Y, 2025-04-30 or 2023")]
    [InlineData("E08000010,Wigan,Local Authority District,Claimant Count,2024-01-01/P1Y,3.9,Percentage,£,,,,", "claims.csv:2:8: unit: '£' contradicts the catalogue, which gives '%' for claimant-count")]
    [InlineData("E08000010,Wigan,Local Authority District,Claimants,2024-01-01/P1Y,3.9,Percentage,%,,,,", "claims.csv:2:4: indicator: 'Claimants' is not in the indicator catalogue")]
    [InlineData("E08000010,Wigan,Local Authority District,Claimant Count,2024-01-01/P1Y,3.9,Percentage,%,about 3,,,", "claims.csv:2:9: lci_95: 'about 3' is not a number")]
    public async Task Each_problem_names_its_line_column_and_field(string row, string expected)
    {
        var refusal = await Refused("claims.csv", Els(row));

        refusal.Problems.Single().ToString().ShouldStartWith(expected);
    }

    [Fact]
    public async Task A_repeated_row_is_a_duplicate_unless_it_is_the_same_area_under_another_label()
    {
        var duplicate = await Refused("dup.csv", Els(Wigan2024, Wigan2024.Replace(",3.9,", ",4.0,")));
        duplicate.Problems.Single().ToString().ShouldBe("dup.csv:3:5: duplicate row: it gives another value for the same area, indicator and period as line 2 (claimant-count, E08000010, 2024-01-01/P1Y)");

        var sameRowTwice = await Refused("twice.csv", Els(Wigan2024, Wigan2024));
        sameRowTwice.Problems.Single().Message.ShouldStartWith("duplicate row: it repeats line 2");

        // ELS tags a combined authority as ITL Level 2 too: the same number under two labels is one observation.
        var outcome = await Import("labels.csv", Els(
            "E47000001,Greater Manchester,Combined Authority or City Region,Claimant Count,2024-01-01/P1Y,4.6,Percentage,%,,,,",
            "E47000001,Greater Manchester,ITL Level 2,Claimant Count,2024-01-01/P1Y,4.6,Percentage,%,,,,"));
        (outcome.Import.Added, outcome.Import.Merged).ShouldBe((1L, 1L));
    }

    [Fact]
    public async Task A_recoded_area_is_stored_under_its_current_code_keeping_the_original()
    {
        var outcome = await Import("barnsley.csv", Els(
            "E08000016,Barnsley,Local Authority District,Claimant Count,2024-01-01/P1Y,3.8,Percentage,%,,,,Obsolete code since 2025 (replaced by E08000038 Barnsley)"));

        outcome.Import.Recoded.ShouldBe(1);
        var stored = (await Stored("claimant-count")).Single();
        (stored.AreaCode, stored.OriginalCode).ShouldBe(("E08000038", "E08000016"));
    }

    [Fact]
    public async Task Former_and_current_codes_with_the_same_value_are_one_observation_and_with_different_values_both_are_kept()
    {
        var outcome = await Import("both.csv", Els(
            "E08000016,Barnsley,Local Authority District,Claimant Count,2024-01-01/P1Y,3.8,Percentage,%,,,,",
            "E08000038,Barnsley,Local Authority District,Claimant Count,2024-01-01/P1Y,3.8,Percentage,%,,,,",
            "E08000019,Sheffield,Local Authority District,Claimant Count,2024-01-01/P1Y,4.1,Percentage,%,,,,",
            "E08000039,Sheffield,Local Authority District,Claimant Count,2024-01-01/P1Y,4.2,Percentage,%,,,,"));

        var stored = await Stored("claimant-count");
        stored.Single(o => o.AreaCode == "E08000038").OriginalCode.ShouldBeNull("the current code's own row is kept");
        stored.Single(o => o.AreaCode == "E08000039").Value.ShouldBe(4.2);
        stored.Single(o => o.AreaCode == "E08000019").Value.ShouldBe(4.1, "a disagreeing former-code row stays with the former code");
        outcome.Import.Merged.ShouldBe(1);
    }

    [Fact]
    public async Task A_merged_council_keeps_its_data_under_the_historic_code()
    {
        await Import("allerdale.csv", Els("E07000026,Allerdale,Local Authority District,Claimant Count,2020-01-01/P1Y,3.0,Percentage,%,,,,"));

        (await Stored("claimant-count")).Single().AreaCode.ShouldBe("E07000026");
    }

    [Fact]
    public async Task A_file_missing_a_required_column_is_refused_at_its_header()
    {
        var refusal = await Refused("short.csv", "areacd,indicator,observation\r\nE08000010,Claimant Count,3.9\r\n");

        refusal.Problems.Single().ToString().ShouldBe("short.csv:1: the header has no 'period' column; columns are found by name");
    }

    [Fact]
    public async Task Columns_are_found_by_name_in_any_order_and_tidy_files_use_catalogue_ids()
    {
        await Import("reordered.csv", "period,indicator,measure,observation,areacd\n2024-01-01/P1Y,Claimant Count,Percentage,3.9,E08000010\n");
        await Import("tidy.csv", "area,indicator,period,value,note\nE08000006,claimant-count,2024,4.4,from a council spreadsheet\n", DataFormat.Tidy);

        var stored = await Stored("claimant-count");
        stored.Select(o => (o.AreaCode, o.Value)).ShouldBe([("E08000006", 4.4), ("E08000010", 3.9)]);
        stored[0].Note.ShouldBe("from a council spreadsheet");
        stored[0].Period.ShouldBe(Period.Year(2024));
    }
}

/// <summary>The shipped data imported in full: compared, value by value, with a sample of the source files.</summary>
public sealed class ShippedDataImportTests
{
    [Fact]
    public Task Shipped_data_on_sqlite_matches_the_source_files() => Check(TestProvider.Sqlite);

    [PostgresFact]
    public Task Shipped_data_on_postgresql_matches_the_source_files() => Check(TestProvider.PostgreSql);

    private static async Task Check(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.For(database);
        await CoreServices.PrepareAsync(services, shippedData: true);
        await using var db = database.CreateContext();
        var catalogue = services.GetRequiredService<IndicatorCatalogue>();
        var places = services.GetRequiredService<Observatory.Places.PlaceRegistry>();

        // Every shipped file was imported once, and seeding again changes nothing.
        var imports = await db.IndicatorImports.CountAsync();
        imports.ShouldBe(catalogue.Datasets.SelectMany(d => d.Data).Select(d => d.File).Distinct().Count());
        var observations = await db.Observations.CountAsync();
        await CoreServices.PrepareAsync(services, shippedData: true);
        (await db.IndicatorImports.CountAsync(), await db.Observations.CountAsync()).ShouldBe((imports, observations));

        // Golden values: every 50th row of every ELS file, looked up by area (after recoding), indicator and period.
        var folder = DataFolder.Locate().Combine("indicators", "ons_els");
        var checkedRows = 0;
        foreach (var file in Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories))
        {
            var rows = TestCsv.ReadRows(file).ToList();
            for (var i = 0; i < rows.Count; i += 50)
            {
                var row = rows[i];
                var indicator = catalogue.FindByLabel(DataFormat.Els, row["indicator"]).ShouldNotBeNull(row["indicator"]);
                var area = places.RecodedTo(row["areacd"]) ?? row["areacd"];
                var period = Period.Parse(row["period"]);
                var stored = await db.Observations.AsNoTracking().Where(o => o.IndicatorId == indicator.Id && o.PeriodStart == period.Start
                    && o.PeriodDuration == period.Duration && (o.AreaCode == area || o.AreaCode == row["areacd"])).ToListAsync();
                stored.ShouldNotBeEmpty($"{Path.GetFileName(file)} row {i + 2}: {row["areacd"]} {row["indicator"]} {row["period"]}");
                var expected = row["observation"].Length == 0 ? (double?)null : double.Parse(row["observation"], System.Globalization.CultureInfo.InvariantCulture);
                stored.Select(s => s.Value).ShouldContain(expected, $"{Path.GetFileName(file)} row {i + 2}");
                checkedRows++;
            }
        }
        checkedRows.ShouldBeGreaterThan(2500);
        // Every one of the 361 councils has data.
        var councils = places.Councils.Select(c => c.Code).ToList();
        (await db.Observations.Where(o => councils.Contains(o.AreaCode)).Select(o => o.AreaCode).Distinct().CountAsync()).ShouldBe(361);
    }
}
