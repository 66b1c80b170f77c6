using System.Diagnostics;
using System.Text;

namespace Observatory.Fuzz.Tests;

/// <summary>How a run of the command line ended, and the most memory it held.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error, long PeakWorkingSet, TimeSpan Took, bool Killed, bool OverMemory, bool TimedOut)
{
    /// <summary>A stack overflow aborts (134), a fault segfaults (139); an unhandled exception says so.</summary>
    public bool Crashed => ExitCode is 134 or 139 || Error.Contains("Stack overflow", StringComparison.Ordinal) || Error.Contains("Unhandled exception", StringComparison.Ordinal);
}

/// <summary>
/// The 'observatory' command as a child process (the observatory.dll built beside the tests), so that a stack overflow,
/// a runaway allocation or a kill -9 is the child's and the test sees it happen. Output is kept to its first 256 KB.
/// </summary>
public static class CliProcess
{
    private const int KeptOutput = 256 * 1024;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "observatory.dll");

    /// <param name="killAfter">Sends SIGKILL after this long, if the command is still running.</param>
    /// <param name="memoryBound">Kills the command if its working set passes this, and says so.</param>
    public static async Task<CliRun> RunAsync(IEnumerable<string> args, TimeSpan? killAfter = null, long memoryBound = 1_000_000_000, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("OBSERVATORY_DB");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The command line did not start.");
        var output = Capture(process.StandardOutput);
        var error = Capture(process.StandardError);
        var clock = Stopwatch.StartNew();
        long peak = 0;
        bool killed = false, overMemory = false, timedOut = false;
        var deadline = timeout ?? TimeSpan.FromSeconds(120);
        while (!process.HasExited)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
            }
            catch (InvalidOperationException)
            {
                // Exited between the checks.
            }
            if (peak > memoryBound)
            {
                overMemory = true;
            }
            else if (killAfter is { } after && clock.Elapsed >= after)
            {
                killed = true;
            }
            else if (clock.Elapsed > deadline)
            {
                timedOut = true;
            }
            if (overMemory || killed || timedOut)
            {
                // SIGKILL: nothing in the child gets to tidy up, as when a machine loses power or the OOM killer strikes.
                process.Kill(entireProcessTree: true);
                break;
            }
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(killAfter is null ? 50 : 5));
        }
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await output, await error, peak, clock.Elapsed, killed, overMemory, timedOut);
    }

    private static async Task<string> Capture(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (kept.Length < KeptOutput)
            {
                kept.Append(buffer, 0, Math.Min(read, KeptOutput - kept.Length));
            }
        }
        return kept.ToString();
    }
}
