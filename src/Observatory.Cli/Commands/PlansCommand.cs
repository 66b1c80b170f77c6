using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Plans;
using Observatory.Web.Features.Plans;

namespace Observatory.Cli.Commands;

/// <summary>observatory plans progress ID [--format csv|json].</summary>
public static class PlansCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliConsole console) =>
        new("plans", "Recovery and resilience plans: targets on published indicators and their progress.")
        {
            Progress(console),
        };

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
