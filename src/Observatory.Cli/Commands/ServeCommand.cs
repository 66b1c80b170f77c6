using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Observatory.Storage;
using Observatory.Web.Setup;

namespace Observatory.Cli.Commands;

/// <summary>observatory serve: runs the web application.</summary>
public static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on.",
            DefaultValueFactory = _ => "http://localhost:5000",
        };
        var command = new Command("serve", "Serve the Observatory's pages and API (migrating the embedded SQLite database first).") { urls };
        command.SetAction((parse, cancellationToken) => console.Run(async () =>
        {
            var db = parse.GetValue(ObservatoryCommandLine.DbOption);
            var app = ObservatoryWebApp.Build(["--urls", parse.GetValue(urls)!], builder =>
            {
                if (!string.IsNullOrWhiteSpace(db))
                {
                    builder.Configuration[DatabaseSettings.EnvironmentVariable] = db;
                }
            });
            await app.PrepareDatabaseAsync();
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }
}
