using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Observatory.Content;
using Observatory.Storage;

namespace Observatory.Cli;

/// <summary>The Core services a command needs, for the database chosen by --db or OBSERVATORY_DB.</summary>
public static class CliServices
{
    public static ServiceProvider Build(ParseResult parse)
    {
        var database = DatabaseSettings.FromEnvironment(parse.GetValue(ObservatoryCommandLine.DbOption));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddObservatoryCore(DataFolder.Locate(), database);
        // Whoever runs the command line has the machine; the audit log names them.
        services.AddScoped(_ => new Accounts.CurrentActor { Actor = Accounts.Actor.System($"command line ({Environment.UserName})") });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
