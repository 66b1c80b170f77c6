using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Registers;
using Observatory.Web.Features.Registers;

namespace Observatory.Cli.Commands;

/// <summary>observatory applications export ORGANISATION [--format csv|xlsx] [--out FILE]; observatory applications import ORGANISATION FILE.</summary>
public static class ApplicationsCommand
{
    public static Command Create(CliConsole console) =>
        new("applications", "The applications register: an organisation's application entries, in the columns of its CSV and XLSX files.")
        {
            Export(console),
            Import(console),
        };

    private static Argument<string> Organisation() =>
        new("ORGANISATION") { Description = "The organisation's short name, as in its address /organisations/ORGANISATION." };

    private static Command Export(CliConsole console)
    {
        var organisation = Organisation();
        var format = new Option<string?>("--format") { Description = "csv or xlsx (an Excel workbook, with a notes sheet). The default is xlsx for an --out file ending .xlsx, csv otherwise." };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var output = new Option<string?>("--out", "-o") { Description = "File to write; without it, standard output (CSV only)." };
        var command = new Command("export", "Write an organisation's application entries, private ones included, in the columns 'applications import' reads back.")
        {
            organisation,
            format,
            output,
        };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var file = parse.GetValue(output);
            var xlsx = (parse.GetValue(format) ?? (file?.EndsWith(SpreadsheetWriter.Extension, StringComparison.OrdinalIgnoreCase) == true ? "xlsx" : "csv")) == "xlsx";
            if (xlsx && file is null)
            {
                throw new CommandException("an Excel workbook is not written to the terminal: give --out FILE.xlsx, or --format csv.", ExitCodes.Usage);
            }
            await using var services = CliServices.Build(parse);
            await using var scope = services.CreateAsyncScope();
            if (!(await scope.ServiceProvider.GetRequiredService<ApplicationsRegister>().ListAsync(parse.GetValue(organisation)!, ct)).Succeeded(out var list, out var refusal))
            {
                return await console.Refused(refusal);
            }
            var rows = list.Entries.Select(e => (e.Values, e.Entry.Sharing));
            var wrote = $"Wrote {Numbers.Count(list.Entries.Count, "application entry", "application entries")} of {list.Organisation.Name} to {file}";
            if (!xlsx)
            {
                return await console.WriteOutputAsync(ApplicationFiles.ToCsv(rows), file, ct, wrote);
            }
            await File.WriteAllBytesAsync(file!, ApplicationFiles.ToXlsx(rows, list.Organisation.Name, services.GetRequiredService<TimeProvider>().GetUtcNow()), ct);
            await console.Out.WriteLineAsync(wrote);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var organisation = Organisation();
        var path = new Argument<string>("FILE") { Description = "A CSV file or an Excel workbook (.xlsx) of entries: a header row of field keys, one entry a row (see docs/registers.md)." };
        var command = new Command("import", "Add a file's application entries to an organisation, all or none: every problem is reported with its file, line and field, and nothing is added if there is one.")
        {
            organisation,
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
            if (!(await ReadAsync(file, name, ct)).Succeeded(out var rows, out var unread))
            {
                return await console.Refused(unread);
            }
            await using var services = CliServices.Build(parse);
            await using var scope = services.CreateAsyncScope();
            if (!(await scope.ServiceProvider.GetRequiredService<ApplicationsRegister>().ImportAsync(parse.GetValue(organisation)!, name, rows, ct)).Succeeded(out var added, out var refusal))
            {
                return await console.Refused(refusal);
            }
            await console.Out.WriteLineAsync($"Added {Numbers.Count(added.Count, "application entry", "application entries")} from {name}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The file's rows, held to the web import's 4 MB: a workbook by its .xlsx name, CSV otherwise.</summary>
    private static async Task<Outcome<List<ImportedApplication>>> ReadAsync(string file, string name, CancellationToken ct)
    {
        if (!ApplicationText.IsXlsx(null, name))
        {
            return (await InputFiles.ReadTextAsync(file, (int)RegisterText.MaxImportBytes, ct)).Succeeded(out var text, out var tooLong)
                ? ApplicationFiles.ReadCsv(name, text)
                : tooLong;
        }
        if (new FileInfo(file).Length > RegisterText.MaxImportBytes)
        {
            return Refusal.Invalid([new ContentProblem(name, 0, 0, "",
                $"is larger than {(RegisterText.MaxImportBytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture)} MB, the most a file may be")]);
        }
        await using var stream = new MemoryStream(await File.ReadAllBytesAsync(file, ct));
        return ApplicationFiles.ReadXlsx(name, stream);
    }
}
