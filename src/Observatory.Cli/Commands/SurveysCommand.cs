using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments.Surveys;

namespace Observatory.Cli.Commands;

/// <summary>observatory surveys list | publish ID.</summary>
public static class SurveysCommand
{
    public static Command Create(CliConsole console) =>
        new("surveys", "Sector surveys: an assessment template sent to organisations, its results published without names.")
        {
            List(console),
            Publish(console),
        };

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "Every survey with its state, dates and how many organisations it was sent to and have submitted (counts only).");
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = CliServices.Build(parse);
            await using var scope = services.CreateAsyncScope();
            foreach (var view in await scope.ServiceProvider.GetRequiredService<SectorSurveys>().ListAsync(ct))
            {
                var s = view.Survey;
                var p = view.Progress!;
                await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Id}\t{SectorSurveys.StateName(s.State)}\t{s.TemplateId}\t{s.Period}\t{s.OpensOn:yyyy-MM-dd} to {s.ClosesOn:yyyy-MM-dd}\t{p.Submitted} of {p.Invited} submitted\t{s.Title}"));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Publish(CliConsole console)
    {
        var id = new Argument<long>("ID") { Description = "The survey's number (see 'surveys list')." };
        var command = new Command("publish", "Publish a closed survey's results (or an open one's after its close date): suppressed aggregates of the submitted responses, the response rate, and written answers only from those who agreed, with names removed. The results are then fixed.")
        {
            id,
        };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = CliServices.Build(parse);
            await using var scope = services.CreateAsyncScope();
            if (!(await scope.ServiceProvider.GetRequiredService<SectorSurveys>().PublishAsync(parse.GetValue(id), ct)).Succeeded(out var published, out var refusal))
            {
                return await console.Refused(refusal);
            }
            var r = published.Results;
            var all = r.Statistics.Groups.FirstOrDefault(g => g.Group.Id == "all");
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Published the results of survey {published.Survey.Id}, '{published.Survey.Title}': {r.Responded} of {r.Invited} organisations responded; " +
                $"{(all?.Suppressed is null ? "figures published" : "figures suppressed (fewer than 5 respondents)")}; {(r.WordsWithheld ? "no written answers published" : $"{r.Words.Sum(w => w.Answers.Count)} written answers published with names removed")}."));
            return ExitCodes.Success;
        }));
        return command;
    }
}
