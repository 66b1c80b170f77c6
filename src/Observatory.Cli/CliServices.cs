using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Observatory.Content;
using Observatory.Storage;
using Observatory.Web.Setup;

namespace Observatory.Cli;

/// <summary>The Core services a command needs, for the database chosen by --db or OBSERVATORY_DB.</summary>
public static class CliServices
{
    public static ServiceProvider Build(ParseResult parse)
    {
        var database = DatabaseSettings.FromEnvironment(parse.GetValue(ObservatoryCommandLine.DbOption));
        var services = new ServiceCollection();
        // Standard error, so a command's output (an export, a token) can be piped; the Observatory's own progress (a
        // first 'db migrate' loads the shipped data for a minute) and anyone's warnings, never SQL.
        services.AddLogging(logging => logging
            .AddConsole(o =>
            {
                o.FormatterName = PlainConsoleFormatter.FormatterName;
                o.LogToStandardErrorThreshold = LogLevel.Trace;
            })
            .AddConsoleFormatter<PlainConsoleFormatter, ConsoleFormatterOptions>()
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter(ObservatoryLogging.Category, LogLevel.Information));
        services.AddObservatoryCore(DataFolder.Locate(), database);
        // Whoever runs the command line has the machine; the audit log names them.
        services.AddScoped(_ => new Accounts.CurrentActor { Actor = Accounts.Actor.System($"command line ({Environment.UserName})") });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
