using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Observatory.Storage;

namespace Observatory.Cli.Commands;

/// <summary>observatory db migrate: brings a database up to date and loads the shipped data.</summary>
public static class DbCommand
{
    public static Command Create(CliConsole console)
    {
        var noSeed = new Option<bool>("--no-seed") { Description = "Apply migrations only; do not load the shipped data." };
        var migrate = new Command("migrate", "Apply pending migrations to the database, then load the shipped data (idempotent).") { noSeed };
        migrate.SetAction((parse, cancellationToken) => console.Run(async () =>
        {
            await using var services = CliServices.Build(parse);
            var settings = services.GetRequiredService<DatabaseSettings>();
            await console.Out.WriteLineAsync($"Using {settings.Description}");
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Observatory");
            var applied = await DataSeeding.MigrateAndSeedAsync(services, logger, seed: !parse.GetValue(noSeed), cancellationToken);
            await console.Out.WriteLineAsync(applied.Count == 0
                ? "The database is up to date; no migrations to apply."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return ExitCodes.Success;
        }));
        return new Command("db", "Manage the Observatory's database.") { migrate };
    }
}
