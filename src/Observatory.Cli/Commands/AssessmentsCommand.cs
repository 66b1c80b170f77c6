using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Cli.Commands;

/// <summary>observatory assessments templates|import|export.</summary>
public static class AssessmentsCommand
{
    public static Command Create(CliConsole console) =>
        new("assessments", "Self-assessment templates (digital maturity, data maturity, checklists) and organisations' assessments.")
        {
            Templates(console),
            Import(console),
            Export(console),
        };

    /// <summary>The largest answers file read: far more than the 97-question template with notes and links needs.</summary>
    private const int MaxFileLength = 4_000_000;

    private static Command Import(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "Answers as JSON ({template, period, answers: {questionId: answer or {answer, evidence, note, confidence, method, target, action}}}) or CSV (question,answer,evidence,note,confidence,method,target,action)." };
        var organisation = new Option<string>("--organisation") { Description = "The organisation's slug, e.g. wigan-council.", Required = true };
        var template = new Option<string?>("--template") { Description = "The template's id; needed for CSV, or to override the file's." };
        var period = new Option<string?>("--period") { Description = "The financial year, e.g. 2026/27; needed for CSV, or to override the file's." };
        var command = new Command("import", "Import an organisation's answers into its draft for the template and year (started if there is none), all or nothing.") { file, organisation, template, period };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CommandException($"the file '{path}' does not exist.", ExitCodes.NotFound);
            }
            if (!(await InputFiles.ReadTextAsync(path, MaxFileLength, ct)).Succeeded(out var text, out var tooLong))
            {
                return await console.Refused(tooLong);
            }
            var (answers, problems) = AssessmentAnswerFile.Read(path, text);
            if (answers is null)
            {
                return await console.Refused(Refusal.Invalid(problems));
            }
            var templateId = parse.GetValue(template) ?? answers.Template;
            var year = parse.GetValue(period) ?? answers.Period;
            if (templateId is null || year is null)
            {
                throw new CommandException("say which template and year the answers are for: --template and --period, or \"template\" and \"period\" in a JSON file.", ExitCodes.Usage);
            }
            await using var services = CliServices.Build(parse);
            await MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<OrganisationAssessments>().ImportAsync(parse.GetValue(organisation)!, templateId, year, answers.Answers, ct);
            if (!outcome.Succeeded(out var record, out var refusal))
            {
                return await console.Refused(AssessmentAnswerFile.Locate(refusal, answers));
            }
            await console.Out.WriteLineAsync($"Imported {answers.Answers.Count} answer(s) into assessment {record.Assessment.Id} ({record.Template.DisplayTitle}, {record.Assessment.Period}) of {record.Organisation.Name}: {record.Answered} of {record.Template.QuestionCount} questions answered.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var id = new Argument<long>("id") { Description = "The assessment's number, as in its address /assessments/{id}." };
        var command = new Command("export", "Write an organisation's assessment as JSON (the shape 'assessments import' reads) to standard output.") { id };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = CliServices.Build(parse);
            await MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            if (!(await scope.ServiceProvider.GetRequiredService<OrganisationAssessments>().GetAsync(parse.GetValue(id), ct)).Succeeded(out var record, out var refusal))
            {
                return await console.Refused(refusal);
            }
            await console.Out.WriteAsync(AssessmentAnswerFile.ToJson(record));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The embedded default is created on first use; a PostgreSQL database must be migrated explicitly.</summary>
    private static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        if (!services.GetRequiredService<DatabaseSettings>().IsPostgreSql)
        {
            await using var scope = services.CreateAsyncScope();
            await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>(), ct);
        }
    }

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
