using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Plans;
using Observatory.Web.Features.Plans;

namespace Observatory.Cli.Commands;

/// <summary>observatory plans progress|export ID [--format csv|json]; observatory plans import ID FILE (CSV or XLSX).</summary>
public static class PlansCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliConsole console) =>
        new("plans", "Recovery and resilience plans: targets on published indicators and their progress.")
        {
            Progress(console),
            Export(console),
            Import(console),
        };

    /// <summary>The same as progress: a plan's download is its progress now, the values read from the store.</summary>
    private static Command Export(CliConsole console)
    {
        var id = new Argument<long>("PLAN") { Description = "The plan's number, as in its address /plans/PLAN." };
        var format = new Option<string>("--format") { Description = "json (the plan as the API gives it, the default) or csv (one line per target and per action, which plans import reads back).", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("csv", "json");
        var command = new Command("export", "Write a plan as JSON or CSV, as its download on the plan's page.") { id, format };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = CliServices.Build(parse);
            await using var scope = services.CreateAsyncScope();
            if (!(await scope.ServiceProvider.GetRequiredService<RecoveryPlans>().GetAsync(parse.GetValue(id), ct)).Succeeded(out var record, out var refusal))
            {
                return await console.Refused(refusal);
            }
            await console.Out.WriteAsync(parse.GetValue(format) == "csv" ? PlanText.Csv(record) : JsonSerializer.Serialize(PlansApi.Json(record), Json) + Environment.NewLine);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var id = new Argument<long>("PLAN") { Description = "The plan's number, as in its address /plans/PLAN." };
        var path = new Argument<string>("FILE") { Description = "A CSV file or an Excel workbook (.xlsx, its first sheet) of targets and actions, in the columns of the plan's CSV download (see docs/plans.md)." };
        var command = new Command("import", "Add the targets and actions of a CSV file or an Excel workbook to a plan, all or none: every problem is reported with its file, line, column and field, and nothing is added if there is one.")
        {
            id,
            path,
        };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var file = parse.GetValue(path)!;
            if (!File.Exists(file))
            {
                throw new CommandException($"the file '{file}' does not exist.", ExitCodes.NotFound);
            }
            var name = Path.GetFileName(file);
            PlanFile? read;
            IReadOnlyList<ContentProblem> problems;
            if (SpreadsheetReader.IsWorkbook(null, name))
            {
                if (new FileInfo(file).Length > PlansApi.MaxImportBytes)
                {
                    return await console.Refused(Outcomes.Refusal.Invalid([new ContentProblem(name, 0, 0, "", $"is larger than {PlansApi.MaxImportBytes / 1024 / 1024} MB, the most a plan file may be")]));
                }
                await using var stream = new MemoryStream(await File.ReadAllBytesAsync(file, ct));
                (read, problems) = PlanImportFile.ReadXlsx(name, stream);
            }
            else
            {
                if (!(await InputFiles.ReadTextAsync(file, (int)PlansApi.MaxImportBytes, ct)).Succeeded(out var text, out var tooLong))
                {
                    return await console.Refused(tooLong);
                }
                (read, problems) = PlanImportFile.ReadCsv(name, text);
            }
            if (read is null)
            {
                return await console.Refused(Outcomes.Refusal.Invalid(problems));
            }
            await using var services = CliServices.Build(parse);
            await using var scope = services.CreateAsyncScope();
            if (!(await scope.ServiceProvider.GetRequiredService<RecoveryPlans>().ImportAsync(parse.GetValue(id), read, ct)).Succeeded(out var record, out var refusal))
            {
                return await console.Refused(refusal);
            }
            await console.Out.WriteLineAsync($"Added {read.Rows.Count(r => r.Target is not null)} targets and {read.Rows.Count(r => r.Action is not null)} actions to plan {record.Plan.Id}: {record.Plan.Title}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Progress(CliConsole console)
    {
        var id = new Argument<long>("PLAN") { Description = "The plan's number, as in its address /plans/PLAN." };
        var format = new Option<string>("--format") { Description = "csv (one line per target and per action, the default) or json (the plan as the API gives it).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var command = new Command("progress", "Write a plan's targets with their baseline, target, latest published value and status worked out from the data now in the store, and its actions with their status.")
        {
            id,
            format,
        };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = CliServices.Build(parse);
            await using var scope = services.CreateAsyncScope();
            var plans = scope.ServiceProvider.GetRequiredService<RecoveryPlans>();
            if (!(await plans.GetAsync(parse.GetValue(id), ct)).Succeeded(out var record, out var refusal))
            {
                return await console.Refused(refusal);
            }
            await console.Out.WriteAsync(parse.GetValue(format) == "json"
                ? JsonSerializer.Serialize(PlansApi.Json(record), Json) + Environment.NewLine
                : PlanText.Csv(record));
            return ExitCodes.Success;
        }));
        return command;
    }
}
