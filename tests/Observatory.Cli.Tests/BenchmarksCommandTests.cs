using Microsoft.EntityFrameworkCore;
using Observatory.Cli;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

public sealed class BenchmarksCommandTests
{
    [Fact]
    public async Task Publish_with_no_assessment_opted_in_is_a_conflict_that_says_so_and_stores_no_release()
    {
        await using var database = TestDatabase.CreateSqlite();
        (await CliRunner.RunAsync("db", "migrate", "--db", database.Setting)).ExitCode.ShouldBe(ExitCodes.Success);

        var result = await CliRunner.RunAsync("benchmarks", "publish", "dmag-2023", "2026/27", "--db", database.Setting);

        result.ExitCode.ShouldBe(ExitCodes.Conflict, result.Error);
        result.Error.ShouldContain("No organisation has opted an assessment of 'dmag-2023' for 2026/27 into benchmarking");
        result.Error.ShouldContain("nothing was changed");
        result.Out.ShouldBeEmpty();
        await using var db = database.CreateContext();
        (await db.Set<Observatory.Assessments.Benchmarking.BenchmarkRelease>().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Publish_needs_a_template_and_a_period()
    {
        var result = await CliRunner.RunAsync("benchmarks", "publish", "dmag-2023");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldContain("publish");
    }
}
