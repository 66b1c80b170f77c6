using Observatory.Cli;

namespace Observatory.Cli.Tests;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the 'observatory' command in-process, capturing what it writes.</summary>
public static class CliRunner
{
    /// <summary>Runs with no one at the keyboard, as in a script or CI.</summary>
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new ScriptedTerminal(), args);

    public static async Task<CliResult> RunAsync(ITerminal terminal, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ObservatoryCommandLine.RunAsync(args, output, error, terminal);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

/// <summary>A person at the keyboard who types the given lines in turn; with none, there is no terminal at all.</summary>
public sealed class ScriptedTerminal(params string[] lines) : ITerminal
{
    private readonly Queue<string> _lines = new(lines);

    public bool IsInteractive => lines.Length > 0;

    /// <summary>How many lines were asked for.</summary>
    public int Asked { get; private set; }

    public string ReadSecret()
    {
        Asked++;
        return _lines.Dequeue();
    }
}

/// <summary>A command test with its own SQLite file and a folder for the files it feeds the command.</summary>
public abstract class CommandFileTests : Xunit.IAsyncLifetime
{
    protected readonly Testing.TestDatabase _database = Testing.TestDatabase.CreateSqlite();
    protected readonly string _folder = Path.Combine(Path.GetTempPath(), "observatory-tests", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    protected Task<CliResult> Run(params string[] args) => CliRunner.RunAsync([.. args, "--db", _database.Setting]);

    protected string WriteFile(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
