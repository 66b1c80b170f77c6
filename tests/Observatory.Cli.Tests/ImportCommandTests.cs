using Observatory.Cli;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

public sealed class ImportCommandTests : IAsyncLifetime
{
    private const string Header = "areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "observatory-cli-import", Guid.NewGuid().ToString("N")[..8]);
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = TestDatabase.CreateSqlite();
        // Places only: the import command needs them, not the shipped data.
        (await CliRunner.RunAsync("db", "migrate", "--no-seed", "--db", _database.Setting)).ExitCode.ShouldBe(ExitCodes.Success);
        await using var services = CoreServices.For(_database);
        await CoreServices.PrepareAsync(services, shippedData: false);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Write(string name, params string[] rows)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join("\n", [Header, .. rows]) + "\n");
        return path;
    }

    [Fact]
    public async Task Imports_a_file_reports_what_changed_and_a_second_run_changes_nothing()
    {
        var file = Write("claimants.csv", "E08000010,Wigan,Local Authority District,Claimant Count,2024-01-01/P1Y,3.9,Percentage,%,,,,");

        var first = await CliRunner.RunAsync("import", file, "--db", _database.Setting);
        var second = await CliRunner.RunAsync("import", file, "--db", _database.Setting);

        first.ExitCode.ShouldBe(ExitCodes.Success, first.Error);
        first.Out.ShouldContain("claimants.csv: import 1: 1 added, 0 changed, 0 unchanged");
        second.Out.ShouldContain("already imported");
        var export = await CliRunner.RunAsync("export", "claimant-count", "--db", _database.Setting);
        export.Out.ShouldContain("E08000010,Wigan,Local Authority District,Claimant Count,2024-01-01/P1Y,3.9,Percentage,%");
    }

    [Fact]
    public async Task A_folder_with_one_bad_file_writes_nothing_and_names_the_line()
    {
        Write("a-good.csv", "E08000010,Wigan,Local Authority District,Claimant Count,2024-01-01/P1Y,3.9,Percentage,%,,,,");
        Write("b-bad.csv", "E08000006,Salford,Local Authority District,Claimant Count,2024-01-01/P1Y,4.4,Percentage,%,,,,", "X99,Nowhere,Local Authority District,Claimant Count,2024-01-01/P1Y,4.4,Percentage,%,,,,");

        var result = await CliRunner.RunAsync("import", _folder, "--db", _database.Setting);

        result.ExitCode.ShouldBe(ExitCodes.InputRefused);
        result.Error.ShouldContain("b-bad.csv:3:1: area: 'X99' is not a known area code");
        result.Error.ShouldContain("nothing was changed");
        var export = await CliRunner.RunAsync("export", "claimant-count", "--db", _database.Setting);
        export.Out.Trim().Split('\n').Length.ShouldBe(1, "only the header: the good file was not written either");
    }

    [Fact]
    public async Task Check_reports_without_writing_and_exports_come_in_every_format()
    {
        var file = Write("claimants.csv", "E08000010,Wigan,Local Authority District,Claimant Count,2024-01-01/P1Y,3.9,Percentage,%,,,,");

        var check = await CliRunner.RunAsync("import", file, "--check", "--db", _database.Setting);
        check.Out.ShouldContain("Nothing was written");
        (await CliRunner.RunAsync("export", "claimant-count", "--db", _database.Setting)).Out.Trim().Split('\n').Length.ShouldBe(1);

        await CliRunner.RunAsync("import", file, "--db", _database.Setting);
        (await CliRunner.RunAsync("export", "claimant-count", "--format", "opensdg", "--db", _database.Setting)).Out.ShouldContain("2024,Normal value,%,E08000010,3.9");
        (await CliRunner.RunAsync("export", "claimant-count", "--format", "csvw", "--db", _database.Setting)).Out.ShouldContain("\"@context\": \"http://www.w3.org/ns/csvw\"");
        var unknown = await CliRunner.RunAsync("export", "no-such-indicator", "--db", _database.Setting);
        unknown.ExitCode.ShouldBe(ExitCodes.Usage);
    }
}
