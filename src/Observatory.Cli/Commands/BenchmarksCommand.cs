using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments.Benchmarking;

namespace Observatory.Cli.Commands;

/// <summary>observatory benchmarks publish TEMPLATE PERIOD.</summary>
public static class BenchmarksCommand
{
    public static Command Create(CliConsole console) =>
        new("benchmarks", "Anonymised benchmarks of self-assessments: medians and quartiles by peer group, small groups suppressed.")
        {
            Publish(console),
        };

    private static Command Publish(CliConsole console)
    {
        var template = new Argument<string>("TEMPLATE") { Description = "The assessment template's id (see 'assessments templates')." };
        var period = new Argument<string>("PERIOD") { Description = "The year or round, e.g. 2026/27." };
        var command = new Command("publish", "Publish a new, dated and immutable benchmark release of a template for a period from the organisations' assessments opted into benchmarking. Older releases are kept.")
        {
            template,
            period,
        };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = CliServices.Build(parse);
            await using var scope = services.CreateAsyncScope();
            var releases = scope.ServiceProvider.GetRequiredService<BenchmarkReleases>();
            if (!(await releases.PublishAsync(parse.GetValue(template)!, parse.GetValue(period)!, ct)).Succeeded(out var report, out var refusal))
            {
                return await console.Refused(refusal);
            }
            var s = report.Statistics;
            var published = s.Groups.Count(g => g.Suppressed is null);
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Published benchmark release {report.ReleaseId} of '{s.TemplateId}' (version {s.TemplateVersion}) for {s.Period} at {report.PublishedAt:yyyy-MM-dd HH:mm:ss} UTC: figures for {published} of {s.Groups.Count} peer groups; the others are suppressed."));
            return ExitCodes.Success;
        }));
        return command;
    }
}
