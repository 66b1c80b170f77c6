using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Content;
using Observatory.Frameworks;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Cli.Commands;

/// <summary>observatory frameworks list|show|validate|import|export.</summary>
public static class FrameworksCommand
{
    public static Command Create(CliConsole console) =>
        new("frameworks", "Browse, check, import and export the framework catalogue.")
        {
            List(console),
            Show(console),
            Validate(console),
            Import(console),
            Export(console),
        };

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "List every framework with its version and element count.");
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var catalogue = await CatalogueAsync(parse, ct);
            var idWidth = catalogue.Frameworks.Max(f => f.Id.Length);
            foreach (var group in catalogue.Frameworks.GroupBy(f => f.Group))
            {
                await console.Out.WriteLineAsync(group.Key);
                foreach (var f in group)
                {
                    await console.Out.WriteLineAsync($"  {f.Id.PadRight(idWidth)}  v{f.Version,-8} {f.ElementCount,4} elements  {f.Name}");
                }
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The framework's id, e.g. place-making." };
        var command = new Command("show", "Show a framework's source and its elements as a tree.") { id };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var catalogue = await CatalogueAsync(parse, ct);
            var framework = Find(catalogue, parse.GetValue(id)!);
            await console.Out.WriteLineAsync($"{framework.Name} (version {framework.Version}, {framework.Publisher})");
            await console.Out.WriteLineAsync(framework.Summary);
            foreach (var source in framework.Sources)
            {
                await console.Out.WriteLineAsync($"Source: {source}");
            }
            await console.Out.WriteLineAsync();
            foreach (var element in framework.Elements)
            {
                await WriteTree(console.Out, element, 0);
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task WriteTree(TextWriter output, FrameworkElement element, int depth)
    {
        await output.WriteLineAsync($"{new string(' ', depth * 2)}- {element.Name} [{element.Kind}] ({element.Id})");
        foreach (var child in element.Children)
        {
            await WriteTree(output, child, depth + 1);
        }
    }

    private static Command Validate(CliConsole console)
    {
        var path = new Argument<string?>("path")
        {
            Description = "A framework file to check; without it, the shipped catalogue (data/frameworks) is checked.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("validate", "Check framework files against the format in docs/data-formats.md.") { path };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            if (parse.GetValue(path) is { } file)
            {
                if (!(await ReadFileAsync(file, ct)).Succeeded(out var text, out var tooLong))
                {
                    return await console.Refused(tooLong);
                }
                var (framework, problems) = FrameworkReader.ReadFramework(file, text, expectedId: null, FrameworkOrigin.Imported);
                if (framework is null)
                {
                    return await console.Refused(Refusal.Invalid(problems));
                }
                await console.Out.WriteLineAsync($"{file}: valid ({framework.ElementCount} elements).");
                return ExitCodes.Success;
            }
            var catalogue = FrameworkCatalogue.LoadShipped(DataFolder.Locate());
            await console.Out.WriteLineAsync($"Valid: {catalogue.Frameworks.Count} frameworks, {catalogue.Frameworks.Sum(f => f.ElementCount)} elements, {catalogue.Crosswalks.Sum(c => c.Links.Count)} crosswalk links.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A framework file (YAML or JSON) in the format of docs/data-formats.md." };
        var command = new Command("import", "Import a framework of your own into the database (all or nothing).") { file };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var path = parse.GetValue(file)!;
            await using var services = CliServices.Build(parse);
            await MigrateAsync(services, ct);
            if (!(await ReadFileAsync(path, ct)).Succeeded(out var text, out var tooLong))
            {
                return await console.Refused(tooLong);
            }
            await using var scope = services.CreateAsyncScope();
            var library = scope.ServiceProvider.GetRequiredService<FrameworkLibrary>();
            if (!(await library.ImportAsync(path, text, importedBy: Environment.UserName, ct)).Succeeded(out var result, out var refusal))
            {
                return await console.Refused(refusal);
            }
            await console.Out.WriteLineAsync(result.Outcome switch
            {
                FrameworkImportOutcome.Created => $"Imported '{result.Framework.Id}' version {result.Framework.Version} ({result.Framework.ElementCount} elements).",
                FrameworkImportOutcome.NewVersion => $"Imported version {result.Framework.Version} of '{result.Framework.Id}'; it is now the current version.",
                _ => $"'{result.Framework.Id}' version {result.Framework.Version} is already imported; nothing changed.",
            });
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The framework's id." };
        var format = new Option<string>("--format") { Description = "yaml or json.", DefaultValueFactory = _ => "yaml" };
        format.AcceptOnlyFromAmong("yaml", "json");
        var output = new Option<string?>("--output", "-o") { Description = "File to write; without it, standard output." };
        var command = new Command("export", "Write a framework in the documented file format.") { id, format, output };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var catalogue = await CatalogueAsync(parse, ct);
            var framework = Find(catalogue, parse.GetValue(id)!);
            var text = parse.GetValue(format) == "json" ? FrameworkWriter.ToJson(framework) : FrameworkWriter.ToYaml(framework);
            return await console.WriteOutputAsync(text, parse.GetValue(output), ct);
        }));
        return command;
    }

    private static async Task<FrameworkCatalogue> CatalogueAsync(ParseResult parse, CancellationToken ct)
    {
        await using var services = CliServices.Build(parse);
        await MigrateAsync(services, ct);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FrameworkLibrary>().GetCatalogueAsync(ct);
    }

    /// <summary>The embedded default is created on first use; a PostgreSQL database must be migrated explicitly.</summary>
    private static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        if (!settings.IsPostgreSql)
        {
            await StorageSetup.MigrateAsync(db, ct);
        }
    }

    private static Framework Find(FrameworkCatalogue catalogue, string id) =>
        catalogue.Find(id) ?? throw new CommandException($"there is no framework '{id}'. Run 'observatory frameworks list' to see them all.");

    /// <summary>A framework file, read no further than the 2 MB a framework may be.</summary>
    private static async Task<Outcome<string>> ReadFileAsync(string path, CancellationToken ct) =>
        File.Exists(path) ? await InputFiles.ReadTextAsync(path, ImportedFramework.MaxContentLength, ct) : throw new CommandException($"the file '{path}' does not exist.");
}
