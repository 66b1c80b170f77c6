using System.Diagnostics;
using System.Text.Json;

namespace Observatory.Bench;

/// <summary>What a peer (a pandas, scikit-learn or DuckDB script in bench/peers) reports of its own run.</summary>
internal sealed record PeerResult(double Seconds, double Cpu, long PeakRssKb);

/// <summary>The peer scripts every benchmark compares against: where they are, and how one is run and read.</summary>
internal static class Peers
{
    /// <summary>bench/peers, looked for upwards from the working folder and from the benchmark's own.</summary>
    public static string Folder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var peers = Path.Combine(folder.FullName, "bench", "peers");
                if (File.Exists(Path.Combine(peers, "package.json")))
                {
                    return peers;
                }
            }
        }
        throw new InvalidOperationException("bench/peers not found; run from the repository or pass --peers <folder>");
    }

    /// <summary>Runs a peer script; its last line of output is JSON with its computation's seconds, CPU seconds and peak RSS.</summary>
    public static async Task<PeerResult> RunAsync(string program, IReadOnlyList<string> arguments, TextWriter output)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var errors = process.StandardError.ReadToEndAsync();
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var message = (await errors).Trim();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {message}");
        }
        var last = text.Trim().Split('\n')[^1];
        output.WriteLine($"  {Path.GetFileName(arguments[0])}: {last}");
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        return new PeerResult(root.GetProperty("seconds").GetDouble(), root.GetProperty("cpu").GetDouble(), root.GetProperty("peakRssKb").GetInt64());
    }
}
