using Observatory.Cli;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

public sealed class BenchmarksCommandTests
{
    [Fact]
    public async Task Publish_refuses_clearly_while_no_source_of_opted_in_assessments_is_set_up_and_stores_nothing()
    {
        await using var database = TestDatabase.CreateSqlite();

        var result = await CliRunner.RunAsync("benchmarks", "publish", "dmag-2023", "2026/27", "--db", database.Setting);

        result.ExitCode.ShouldBe(ExitCodes.Conflict, result.Error);
        result.Error.ShouldContain("error: Benchmarks cannot be published here yet");
        result.Error.ShouldContain("nothing was changed");
        result.Out.ShouldBeEmpty();
        File.Exists(database.Settings.SqlitePath).ShouldBeFalse("refusing needs no database, so none is made");
    }

    [Fact]
    public async Task Publish_needs_a_template_and_a_period()
    {
        var result = await CliRunner.RunAsync("benchmarks", "publish", "dmag-2023");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldContain("publish");
    }
}
