using Observatory.Cli;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

public sealed class DbCommandTests
{
    [Fact]
    public Task Migrate_builds_a_sqlite_database_and_a_second_run_finds_nothing_to_do() => MigrateTwice(TestProvider.Sqlite);

    [PostgresFact]
    public Task Migrate_builds_a_postgresql_database_and_a_second_run_finds_nothing_to_do() => MigrateTwice(TestProvider.PostgreSql);

    private static async Task MigrateTwice(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var first = await CliRunner.RunAsync("db", "migrate", "--db", database.Setting);
        var second = await CliRunner.RunAsync("db", "migrate", "--db", database.Setting);

        first.ExitCode.ShouldBe(ExitCodes.Success, first.Error);
        first.Out.ShouldContain($"Using {database.Settings.Description}");
        first.Out.ShouldContain("Applied");
        second.ExitCode.ShouldBe(ExitCodes.Success, second.Error);
        second.Out.ShouldContain("The database is up to date");
    }

    [Fact]
    public async Task An_unreachable_postgresql_server_fails_with_one_line()
    {
        var result = await CliRunner.RunAsync("db", "migrate", "--db", "Host=127.0.0.1;Port=1;Database=none;Username=x;Password=y;Timeout=2");

        result.ExitCode.ShouldBe(ExitCodes.Failed);
        result.Error.Trim().Split('\n').Length.ShouldBe(1);
        result.Error.ShouldStartWith("error:");
    }
}
