using System.CommandLine;
using Observatory.Cli.Commands;
using Observatory.Content;
using Observatory.Outcomes;

namespace Observatory.Cli;

/// <summary>Exit codes, documented in docs/cli.md.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int InputRefused = 3;

    /// <summary>The actor (the operator at the machine) may not do this.</summary>
    public const int Forbidden = 4;

    /// <summary>The thing named does not exist.</summary>
    public const int NotFound = 5;

    /// <summary>The request clashes with what is stored now (a step the workflow does not allow, a change made meanwhile).</summary>
    public const int Conflict = 6;

    /// <summary>The exit code of a service's refusal: input refused 3, forbidden 4, not found 5, conflict 6 (docs/cli.md).</summary>
    public static int For(RefusalKind kind) => kind switch
    {
        RefusalKind.Invalid => InputRefused,
        RefusalKind.Forbidden => Forbidden,
        RefusalKind.NotFound => NotFound,
        RefusalKind.Conflict => Conflict,
        _ => Failed,
    };
}

/// <summary>The 'observatory' command: one file per command under Commands/, each calling Core services.</summary>
public static class ObservatoryCommandLine
{
    public static readonly Option<string?> DbOption = new("--db")
    {
        Description = "SQLite file path or PostgreSQL connection string (Host=…); overrides OBSERVATORY_DB.",
        Recursive = true,
    };

    public static RootCommand Build(TextWriter output, TextWriter error, ITerminal? terminal = null)
    {
        var root = new RootCommand("Connected Places Observatory: frameworks, places, indicators, portraits and evidence for UK places.");
        root.Options.Add(DbOption);
        var console = new CliConsole(output, error, terminal);
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(DbCommand.Create(console));
        root.Subcommands.Add(FrameworksCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(EvidenceCommand.Create(console));
        root.Subcommands.Add(AssessmentsCommand.Create(console));
        root.Subcommands.Add(BenchmarksCommand.Create(console));
        root.Subcommands.Add(SurveysCommand.Create(console));
        root.Subcommands.Add(PlansCommand.Create(console));
        root.Subcommands.Add(ApplicationsCommand.Create(console));
        root.Subcommands.Add(AccountsCommands.Users(console));
        root.Subcommands.Add(AccountsCommands.Organisations(console));
        root.Subcommands.Add(AccountsCommands.Tokens(console));
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, SystemTerminal.Instance, cancellationToken);

    /// <param name="terminal">Where a person at the keyboard answers prompts (a password); tests give a scripted one.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, ITerminal terminal, CancellationToken cancellationToken = default)
    {
        var root = Build(output, error, terminal);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync($"error: {e.Message}");
            }
            await error.WriteLineAsync("Run 'observatory --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }
}

/// <summary>Where commands write, and the one place failures are turned into a one-line reason and an exit code.</summary>
public sealed class CliConsole(TextWriter output, TextWriter error, ITerminal? terminal = null)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>The person at the keyboard, if any; prompts are written to <see cref="Error"/> so output can be piped.</summary>
    public ITerminal Terminal { get; } = terminal ?? SystemTerminal.Instance;

    /// <summary>
    /// Says why a service refused, on stderr, and gives the exit code for its kind: each problem of refused input as
    /// <c>file:line:column: field: message</c> (<c>field: message</c> where there is no file) then one "error:" line, or
    /// one "error:" line alone for a single problem of a command's own option.
    /// </summary>
    public async Task<int> Refused(Refusal refusal)
    {
        if (refusal.Kind == RefusalKind.Invalid && refusal.Problems.Any(p => p.File.Length > 0 || refusal.Problems.Count > 1))
        {
            foreach (var problem in refusal.Problems)
            {
                await Error.WriteLineAsync(problem.File.Length > 0 ? problem.ToString() : $"{problem.Field}: {problem.Message}");
            }
            await Error.WriteLineAsync($"error: refused: {refusal.Problems.Count} problem(s); nothing was changed.");
        }
        else
        {
            await Error.WriteLineAsync($"error: {refusal.Message.TrimEnd('.')}; nothing was changed.");
        }
        return ExitCodes.For(refusal.Kind);
    }

    /// <summary>
    /// What an export command made: into <paramref name="file"/> (--out) with one line saying so — <paramref name="wrote"/>,
    /// or "Wrote file" — or, without one, onto standard output whole, so it can be piped.
    /// </summary>
    public async Task<int> WriteOutputAsync(string text, string? file, CancellationToken cancellationToken, string? wrote = null)
    {
        if (file is null)
        {
            await Out.WriteAsync(text);
            return ExitCodes.Success;
        }
        await File.WriteAllTextAsync(file, text, cancellationToken);
        await Out.WriteLineAsync(wrote ?? $"Wrote {file}");
        return ExitCodes.Success;
    }

    /// <summary>Runs a command body; any failure becomes "error: reason" on stderr and a non-zero exit code.</summary>
    public async Task<int> Run(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (ContentValidationException ex)
        {
            // The shipped data (data/) is wrong: every problem at its line, as a refused file's are. A person's own
            // file never arrives here: the services refuse it with an Outcome, which the command hands to Refused.
            foreach (var problem in ex.Problems)
            {
                await Error.WriteLineAsync(problem.ToString());
            }
            await Error.WriteLineAsync($"error: refused: {ex.Problems.Count} problem(s); nothing was changed.");
            return ExitCodes.InputRefused;
        }
        catch (CommandException ex)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Error.WriteLineAsync($"error: {OneLine(ex)}");
            return ExitCodes.Failed;
        }
    }

    private static string OneLine(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null && (inner is AggregateException || inner is TypeInitializationException || inner.Message.Contains("inner exception", StringComparison.OrdinalIgnoreCase)))
        {
            inner = inner.InnerException;
        }
        return inner.Message.ReplaceLineEndings(" ");
    }
}

/// <summary>A failure a command reports in its own words.</summary>
public sealed class CommandException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>A person at the keyboard: whether there is one, and a line typed without it being shown.</summary>
public interface ITerminal
{
    bool IsInteractive { get; }

    /// <summary>Reads a line without echoing it (a password); the caller has written the prompt.</summary>
    string ReadSecret();
}

/// <summary>The process's own console: interactive unless standard input is redirected.</summary>
public sealed class SystemTerminal : ITerminal
{
    public static readonly SystemTerminal Instance = new();

    private SystemTerminal()
    {
    }

    public bool IsInteractive => !Console.IsInputRedirected;

    public string ReadSecret()
    {
        var chars = new List<char>();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace && chars.Count > 0)
            {
                chars.RemoveAt(chars.Count - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                chars.Add(key.KeyChar);
            }
        }
        return new string([.. chars]);
    }
}
