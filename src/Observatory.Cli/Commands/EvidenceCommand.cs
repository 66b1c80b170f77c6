using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Storage;

namespace Observatory.Cli.Commands;

/// <summary>
/// observatory evidence import|export: moves evidence between collection files (docs/data-formats.md, "Evidence")
/// and the database, where contributions live.
/// </summary>
public static class EvidenceCommand
{
    public static Command Create(CliConsole console) =>
        new("evidence", "Import evidence files as contributions, and export contributions or a shipped collection as a file.")
        {
            Import(console),
            Export(console),
        };

    private static Command Import(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A collection file in the format of docs/data-formats.md (a source is optional)." };
        var publish = new Option<bool>("--publish") { Description = "Publish the items at once instead of leaving them for the curators to review." };
        var command = new Command("import", "Import a collection file as contributions, all or nothing.") { file, publish };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CommandException($"the file '{path}' does not exist.", ExitCodes.Usage);
            }
            if (!(await InputFiles.ReadTextAsync(path, InputLimits.MaxYamlLength, ct)).Succeeded(out var text, out var tooLong))
            {
                return await console.Refused(tooLong);
            }
            await using var services = CliServices.Build(parse);
            await PrepareAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor;
            if (!(await scope.ServiceProvider.GetRequiredService<EvidenceCuration>().ImportAsync(actor, Path.GetFileName(path), text, parse.GetValue(publish), ct))
                .Succeeded(out var records, out var refusal))
            {
                return await console.Refused(refusal);
            }
            await console.Out.WriteLineAsync(parse.GetValue(publish)
                ? $"Imported and published {records.Count} item(s) from {Path.GetFileName(path)}."
                : $"Imported {records.Count} item(s) from {Path.GetFileName(path)}; they wait for review at /evidence/curation.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var collection = new Option<string?>("--collection") { Description = "A shipped collection's id (e.g. rr-table-1), as it now stands in the database." };
        var contributions = new Option<bool>("--contributions") { Description = "Every contribution, in any state (the default)." };
        var output = new Option<string?>("--out", "-o") { Description = "File to write; without it, standard output." };
        var command = new Command("export", "Write evidence from the database as a collection file.") { collection, contributions, output };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            var collectionId = parse.GetValue(collection);
            if (collectionId is not null && parse.GetValue(contributions))
            {
                throw new CommandException("choose --collection or --contributions, not both.", ExitCodes.Usage);
            }
            await using var services = CliServices.Build(parse);
            await PrepareAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            string text;
            int count;
            if (collectionId is not null)
            {
                var shipped = scope.ServiceProvider.GetRequiredService<ShippedEvidence>().Collections.FirstOrDefault(c => c.Id == collectionId)
                    ?? throw new CommandException($"there is no shipped collection '{collectionId}'. The collections are the files in data/evidence/.", ExitCodes.Usage);
                // In the file's order, so an export of an unchanged collection is the same list as its file.
                var stored = await db.EvidenceItems.AsNoTracking().Where(e => e.Collection == collectionId).ToDictionaryAsync(e => e.Slug, ct);
                var items = shipped.Items.Where(i => stored.ContainsKey(i.Id)).Select(i => stored[i.Id].Item).ToList();
                text = EvidenceWriter.ToYaml(shipped.Id, shipped.Name, shipped.Description, items);
                count = items.Count;
            }
            else
            {
                var items = (await db.EvidenceItems.AsNoTracking().Where(e => e.Collection == null).OrderBy(e => e.Id).ToListAsync(ct)).Select(e => e.Item).ToList();
                text = EvidenceWriter.Contributions(items, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                count = items.Count;
            }
            var path = parse.GetValue(output);
            return await console.WriteOutputAsync(text, path, ct, $"Wrote {count} item(s) to {path}");
        }));
        return command;
    }

    /// <summary>The embedded default is created on first use, with the shipped evidence in it; a PostgreSQL database must be migrated explicitly (db migrate).</summary>
    private static async Task PrepareAsync(ServiceProvider services, CancellationToken ct)
    {
        if (services.GetRequiredService<DatabaseSettings>().IsPostgreSql)
        {
            return;
        }
        await using (var scope = services.CreateAsyncScope())
        {
            await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>(), ct);
        }
        // As DataSeeding does: the audit log names the Observatory itself for shipped data, not the command's user.
        await using var seeding = services.CreateAsyncScope();
        seeding.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("shipped data");
        await new EvidenceSeeder().SeedAsync(seeding.ServiceProvider, ct);
    }
}
