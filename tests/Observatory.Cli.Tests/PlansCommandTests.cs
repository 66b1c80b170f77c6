using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Cli;
using Observatory.Indicators;
using Observatory.Plans;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Cli.Tests;

public sealed class PlansCommandTests
{
    [Fact]
    public async Task Progress_writes_each_targets_status_from_the_data_in_the_store()
    {
        await using var database = TestDatabase.CreateSqlite();
        long plan;
        await using (var services = CoreServices.For(database))
        {
            await CoreServices.PrepareAsync(services, shippedData: false);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            var import = new IndicatorImport { FileName = "claimant.csv", Format = "tidy", FileHash = "test", Source = "test", Indicators = "claimant-count" };
            db.IndicatorImports.Add(import);
            await db.SaveChangesAsync();
            db.Observations.AddRange(
                new Observation { IndicatorId = "claimant-count", AreaCode = "E08000010", PeriodStart = new DateOnly(2020, 1, 1), PeriodDuration = "P1Y", Value = 5.0, ImportId = import.Id },
                new Observation { IndicatorId = "claimant-count", AreaCode = "E08000010", PeriodStart = new DateOnly(2022, 1, 1), PeriodDuration = "P1Y", Value = 4.1, ImportId = import.Id });
            await db.SaveChangesAsync();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
            await scope.ServiceProvider.GetRequiredService<AccountService>().CreateOrganisationAsync(Actor.System("tests"), "Wigan Council", OrganisationKind.Council, ["E08000010"]).ShouldSucceed();
            var plans = scope.ServiceProvider.GetRequiredService<RecoveryPlans>();
            plan = (await plans.CreateAsync("wigan-council", new PlanInput("Wigan plan", null, null, 2020, 2030))).ShouldSucceed().Plan.Id;
            // From 5.0 in 2020 to 3.0 in 2030: the line is at 4.6 in 2022, and 4.1 is better.
            await plans.AddTargetAsync(plan, new TargetInput("claimant-count", null, "2020", "2030", 3.0)).ShouldSucceed();
        }

        var result = await CliRunner.RunAsync("plans", "progress", plan.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", database.Setting);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        var lines = result.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("kind,id,title,indicator,area,baseline_period,baseline_value");
        var target = lines.Single(l => l.StartsWith("target,", StringComparison.Ordinal));
        target.ShouldContain(",claimant-count,E08000010,2020-01-01/P1Y,5,2030-01-01/P1Y,3,2022-01-01/P1Y,4.1,");
        target.ShouldContain(",on-track,");

        var json = await CliRunner.RunAsync("plans", "progress", plan.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json", "--db", database.Setting);
        json.ExitCode.ShouldBe(ExitCodes.Success, json.Error);
        System.Text.Json.JsonDocument.Parse(json.Out).RootElement.GetProperty("targets")[0].GetProperty("status").GetString().ShouldBe("on-track");
    }

    [Fact]
    public async Task Import_adds_a_files_targets_and_actions_or_none_and_export_writes_them_back()
    {
        await using var database = TestDatabase.CreateSqlite();
        var id = await EmptyWiganPlanAsync(database);
        var folder = Directory.CreateTempSubdirectory("plan-import-");
        try
        {
            var bad = Path.Combine(folder.FullName, "bad.csv");
            await File.WriteAllTextAsync(bad, "kind,title,indicator,target_period,target_value,due_on\ntarget,,claimant-count,2030,3\naction,Jobs fairs,,,,next spring\n");
            var refused = await CliRunner.RunAsync("plans", "import", id, bad, "--db", database.Setting);
            refused.ExitCode.ShouldBe(ExitCodes.InputRefused, refused.Error);
            refused.Error.ShouldContain("bad.csv:3:6: due_on:");

            var good = Path.Combine(folder.FullName, "good.csv");
            await File.WriteAllTextAsync(good, "kind,title,indicator,target_period,target_value,due_on\ntarget,,claimant-count,2030,3\naction,Jobs fairs,,,,2026-03-31\n");
            var added = await CliRunner.RunAsync("plans", "import", id, good, "--db", database.Setting);
            added.ExitCode.ShouldBe(ExitCodes.Success, added.Error);
            added.Out.ShouldContain("Added 1 targets and 1 actions");

            var export = await CliRunner.RunAsync("plans", "export", id, "--db", database.Setting);
            export.ExitCode.ShouldBe(ExitCodes.Success, export.Error);
            var json = System.Text.Json.JsonDocument.Parse(export.Out).RootElement;
            // The refused file added nothing: one target and one action, from the second file.
            json.GetProperty("targets").GetArrayLength().ShouldBe(1);
            json.GetProperty("actions").EnumerateArray().Single().GetProperty("dueOn").GetString().ShouldBe("2026-03-31");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Import_reads_an_excel_workbook_as_it_reads_the_csv_naming_the_row_of_a_problem()
    {
        await using var database = TestDatabase.CreateSqlite();
        var id = await EmptyWiganPlanAsync(database);
        var folder = Directory.CreateTempSubdirectory("plan-import-");
        try
        {
            object?[] header = ["kind", "title", "indicator", "target_period", "target_value", "due_on"];
            var bad = Path.Combine(folder.FullName, "bad.xlsx");
            await File.WriteAllBytesAsync(bad, TestWorkbook.Build(header, ["target", null, "claimant-count", 2030, 3], ["action", "Jobs fairs", null, null, null, "next spring"]));
            var refused = await CliRunner.RunAsync("plans", "import", id, bad, "--db", database.Setting);
            refused.ExitCode.ShouldBe(ExitCodes.InputRefused, refused.Error);
            refused.Error.ShouldContain("bad.xlsx:3:6: due_on:");

            var good = Path.Combine(folder.FullName, "good.xlsx");
            await File.WriteAllBytesAsync(good, TestWorkbook.Build(header, ["target", null, "claimant-count", 2030, 3], ["action", "Jobs fairs", null, null, null, new DateTime(2026, 3, 31)]));
            var added = await CliRunner.RunAsync("plans", "import", id, good, "--db", database.Setting);
            added.ExitCode.ShouldBe(ExitCodes.Success, added.Error);
            added.Out.ShouldContain("Added 1 targets and 1 actions");

            var export = await CliRunner.RunAsync("plans", "export", id, "--db", database.Setting);
            var json = System.Text.Json.JsonDocument.Parse(export.Out).RootElement;
            json.GetProperty("targets").EnumerateArray().Single().GetProperty("target").GetProperty("value").GetDouble().ShouldBe(3);
            json.GetProperty("actions").EnumerateArray().Single().GetProperty("dueOn").GetString().ShouldBe("2026-03-31");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Progress_of_a_plan_that_is_not_there_is_not_found()
    {
        await using var database = TestDatabase.CreateSqlite();
        (await CliRunner.RunAsync("db", "migrate", "--db", database.Setting)).ExitCode.ShouldBe(ExitCodes.Success);

        var result = await CliRunner.RunAsync("plans", "progress", "42", "--db", database.Setting);

        result.ExitCode.ShouldBe(ExitCodes.NotFound, result.Error);
        result.Error.ShouldContain("no such plan");
        result.Out.ShouldBeEmpty();
    }

    /// <summary>An empty 2022–2030 plan of Wigan Council's, with one claimant count value for its targets to start from; its id.</summary>
    private static async Task<string> EmptyWiganPlanAsync(TestDatabase database)
    {
        await using var services = CoreServices.For(database);
        await CoreServices.PrepareAsync(services, shippedData: false);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var import = new IndicatorImport { FileName = "claimant.csv", Format = "tidy", FileHash = "test", Source = "test", Indicators = "claimant-count" };
        db.IndicatorImports.Add(import);
        await db.SaveChangesAsync();
        db.Observations.Add(new Observation { IndicatorId = "claimant-count", AreaCode = "E08000010", PeriodStart = new DateOnly(2022, 1, 1), PeriodDuration = "P1Y", Value = 4.1, ImportId = import.Id });
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
        await scope.ServiceProvider.GetRequiredService<AccountService>().CreateOrganisationAsync(Actor.System("tests"), "Wigan Council", OrganisationKind.Council, ["E08000010"]).ShouldSucceed();
        var plan = (await scope.ServiceProvider.GetRequiredService<RecoveryPlans>().CreateAsync("wigan-council", new PlanInput("Wigan plan", null, null, 2022, 2030))).ShouldSucceed().Plan.Id;
        return plan.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
