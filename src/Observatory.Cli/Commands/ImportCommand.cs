using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Indicators.Importing;
using Observatory.Outcomes;
using Observatory.Storage;
using Spectre.Console;

namespace Observatory.Cli.Commands;

/// <summary>
/// observatory import &lt;file|folder&gt;: indicator data in ONS Explore Local Statistics, Open SDG or tidy CSV.
/// Every file is checked before any is written; with a problem in any file nothing is written.
/// </summary>
public static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "A CSV file, or a folder whose CSV files (searched recursively) are all imported." };
        var format = new Option<string?>("--format") { Description = "els, opensdg or tidy; by default told from each file's header." };
        format.AcceptOnlyFromAmong("els", "opensdg", "tidy");
        var source = new Option<string?>("--source") { Description = "Where the data comes from, recorded with the import (default: the file name)." };
        var check = new Option<bool>("--check") { Description = "Check the files and report problems without writing anything." };
        var command = new Command("import", "Import indicator data (ELS, Open SDG or tidy CSV), all or nothing.") { path, format, source, check };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var target = parse.GetValue(path)!;
            var files = Directory.Exists(target)
                ? Directory.GetFiles(target, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
                : File.Exists(target) ? [target] : throw new CommandException($"'{target}' is neither a file nor a folder.", ExitCodes.Usage);
            if (files.Count == 0)
            {
                throw new CommandException($"'{target}' holds no .csv files.", ExitCodes.Usage);
            }
            DataFormat? chosen = parse.GetValue(format) switch { "els" => DataFormat.Els, "opensdg" => DataFormat.OpenSdg, "tidy" => DataFormat.Tidy, _ => null };
            await using var services = CliServices.Build(parse);
            await using (var migrate = services.CreateAsyncScope())
            {
                await StorageSetup.MigrateAsync(migrate.ServiceProvider.GetRequiredService<ObservatoryDbContext>(), ct);
            }
            var importedBy = Environment.UserName;
            // With several files, every file is read and checked first, so one bad file leaves the store untouched.
            // A single file is checked by the import itself, which writes nothing when it finds a problem.
            var problems = new List<ContentProblem>();
            foreach (var file in files.Count > 1 || parse.GetValue(check) ? files : [])
            {
                await using var scope = services.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<ObservationImporter>();
                await using var stream = File.OpenRead(file);
                var result = await WithProgressAsync(console, $"Checking {Path.GetFileName(file)}", new FileInfo(file).Length,
                    progress => Task.FromResult(importer.Check(stream, Request(file, parse.GetValue(source), importedBy, chosen), progress)));
                problems.AddRange(result.Problems);
                if (ObservationImporter.NothingToImport(result, Path.GetFileName(file)) is { } empty)
                {
                    // Refused here as the import would refuse it, before any other file of the folder is written.
                    problems.Add(empty);
                }
                if (result.ProblemCount > result.Problems.Count)
                {
                    problems.Add(new ContentProblem(Path.GetFileName(file), 0, 0, "", $"and {result.ProblemCount - result.Problems.Count} more problems"));
                }
                if (result.ProblemCount == 0 && result.Batch.Count > 0)
                {
                    await console.Out.WriteLineAsync($"{Path.GetFileName(file)}: {result.RowsRead:N0} rows, {result.Batch.Count:N0} observations of {result.Indicators.Count} indicator(s); no problems");
                }
            }
            if (problems.Count > 0)
            {
                return await console.Refused(Refusal.Invalid(problems));
            }
            if (parse.GetValue(check))
            {
                await console.Out.WriteLineAsync("Checked: no problems. Nothing was written (--check).");
                return ExitCodes.Success;
            }
            foreach (var file in files)
            {
                await using var scope = services.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<ObservationImporter>();
                var started = System.Diagnostics.Stopwatch.StartNew();
                var imported = await WithProgressAsync(console, $"Importing {Path.GetFileName(file)}", new FileInfo(file).Length,
                    progress => importer.ImportFileAsync(file, Request(file, parse.GetValue(source), importedBy, chosen), progress, ct));
                if (!imported.Succeeded(out var outcome, out var refusal))
                {
                    return await console.Refused(refusal);
                }
                var i = outcome.Import;
                await console.Out.WriteLineAsync(outcome.AlreadyImported
                    ? $"{Path.GetFileName(file)}: already imported on {i.ImportedAt:yyyy-MM-dd HH:mm} (import {i.Id}); nothing changed."
                    : $"{Path.GetFileName(file)}: import {i.Id}: {i.Added:N0} added, {i.Changed:N0} changed, {i.Unchanged:N0} unchanged, {i.Merged:N0} repeated rows stored once, {i.Recoded:N0} recoded to current codes{(outcome.Skipped > 0 ? $", {outcome.Skipped:N0} rows passed over (series not in the catalogue{(outcome.Unplaced.Count > 0 ? $", or areas named but not known: {string.Join("; ", outcome.Unplaced.Take(5))}{(outcome.Unplaced.Count > 5 ? "…" : "")}" : "")})" : "")} ({started.Elapsed.TotalSeconds:N1} s).");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static ImportRequest Request(string file, string? source, string importedBy, DataFormat? format) =>
        new(Path.GetFileName(file), source ?? Path.GetFileName(file), importedBy, format);

    /// <summary>A progress bar on a terminal; quiet when output is redirected (scripts, tests).</summary>
    private static async Task<T> WithProgressAsync<T>(CliConsole console, string description, long bytes, Func<IProgress<long>?, Task<T>> work)
    {
        if (Console.IsErrorRedirected || bytes < 5_000_000)
        {
            return await work(null);
        }
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Rows are counted, not bytes; a row of ELS CSV is about 80 bytes, which is near enough for a bar.
        var expectedRows = Math.Max(1, bytes / 80);
        T result = default!;
        await terminal.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var task = ctx.AddTask(description, maxValue: expectedRows);
            result = await work(new Progress<long>(rows => task.Value = Math.Min(rows, expectedRows)));
            task.Value = expectedRows;
        });
        return result;
    }
}
