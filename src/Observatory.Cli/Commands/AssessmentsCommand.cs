using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments;

namespace Observatory.Cli.Commands;

/// <summary>observatory assessments templates.</summary>
public static class AssessmentsCommand
{
    public static Command Create(CliConsole console) =>
        new("assessments", "Self-assessment templates: digital maturity, data maturity and checklists.")
        {
            Templates(console),
        };

    private static Command Templates(CliConsole console)
    {
        var command = new Command("templates", "List every shipped assessment template with its version, scale and number of questions.");
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            // The templates are checked at start-up and need no database.
            await using var services = CliServices.Build(parse);
            var templates = services.GetRequiredService<AssessmentCatalogue>().Templates;
            var idWidth = templates.Max(t => t.Id.Length);
            foreach (var t in templates)
            {
                await console.Out.WriteLineAsync($"{t.Id.PadRight(idWidth)}  v{t.Version,-6} {AssessmentTemplate.ScaleName(t.Scale),-9} {t.QuestionCount,4} questions  {t.Title}");
                await console.Out.WriteLineAsync($"{new string(' ', idWidth)}  Source: {t.Sources[0]}");
            }
            await console.Out.WriteLineAsync("Any framework can be assessed as a checklist too: template id 'framework-' and the framework's id (see 'frameworks list').");
            return ExitCodes.Success;
        }));
        return command;
    }
}
