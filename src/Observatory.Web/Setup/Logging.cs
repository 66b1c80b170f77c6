using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Observatory.Web.Setup;

/// <summary>
/// What the Observatory writes to its console. By default a person starting it sees its own progress and banner
/// as plain lines, and warnings and errors from anything else; no SQL, no line per request. These are defaults:
/// configuration (appsettings.json, environment variables such as
/// <c>Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information</c>, the command line)
/// overrides any of them, and <c>Logging__Console__FormatterName=json</c> turns every line into a JSON object for
/// a log collector.
/// </summary>
public static class ObservatoryLogging
{
    /// <summary>The Observatory's own log categories start with this (its namespaces, and the start-up logger).</summary>
    public const string Category = "Observatory";

    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        // A request is not worth a line, nor is every SQL command; their warnings and errors still show.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        // The start-up banner says where the Observatory listens, in one place, after the database is ready.
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        // Data Protection's keys are kept in the Observatory's own database (DataProtectionKeys), as safe as the
        // password hashes beside them; its warning that they are not encrypted there again says nothing new.
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager"] = "Error",
        ["Logging:Console:FormatterName"] = PlainConsoleFormatter.FormatterName,
    };

    /// <summary>Puts the defaults beneath every other configuration source and adds the plain formatter.</summary>
    public static void AddObservatoryLogging(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.Logging.AddConsoleFormatter<PlainConsoleFormatter, ConsoleFormatterOptions>();
    }

    /// <summary>
    /// A console logger for the moments before the app is built (checking the shipped data takes seconds), with
    /// the same settings as the app's own. Dispose it to flush what it wrote.
    /// </summary>
    public static ILoggerFactory StartupLoggerFactory(IConfiguration configuration) =>
        LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddConsole()
            .AddConsoleFormatter<PlainConsoleFormatter, ConsoleFormatterOptions>());
}

/// <summary>
/// Plain lines for a person at a terminal: the Observatory's own news as it is written, anything else with its
/// level and source ("warn: Microsoft.AspNetCore.Server.Kestrel: …") and an exception in full beneath.
/// </summary>
public sealed class PlainConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "observatory";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }
        var own = logEntry.Category.StartsWith(ObservatoryLogging.Category, StringComparison.Ordinal);
        if (!own || logEntry.LogLevel != LogLevel.Information)
        {
            textWriter.Write(Level(logEntry.LogLevel));
            textWriter.Write(": ");
            textWriter.Write(logEntry.Category);
            textWriter.Write(": ");
        }
        textWriter.WriteLine(message);
        if (logEntry.Exception is not null)
        {
            textWriter.WriteLine(logEntry.Exception.ToString());
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };
}
