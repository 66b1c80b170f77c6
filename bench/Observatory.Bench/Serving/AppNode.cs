using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Observatory.Bench.Serving;

/// <summary>
/// One running Observatory web node: the published app started in Production on a loopback port over the database
/// it is given, its output kept in a log file. Every node started is stopped when the benchmark ends, however it
/// ends (disposal, Ctrl+C or the process exiting), so a failed run never leaves a server behind.
/// </summary>
internal sealed class AppNode : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static int _hooked;

    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppNode(string name, Process process, int port, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        Port = port;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public int Port { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>
    /// Starts <c>Observatory.Web</c> from <paramref name="appFolder"/> over <paramref name="database"/> (a SQLite path
    /// or a PostgreSQL connection string); <paramref name="migrate"/> lets a PostgreSQL node migrate and seed it.
    /// </summary>
    public static AppNode Start(string name, string appFolder, string database, bool migrate, string workFolder)
    {
        HookExit();
        var port = FreePort();
        var program = Path.Combine(appFolder, OperatingSystem.IsWindows() ? "Observatory.Web.exe" : "Observatory.Web");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = appFolder,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["OBSERVATORY_DB"] = database;
        start.Environment["OBSERVATORY_MIGRATE"] = migrate ? "true" : "false";
        var logPath = Path.Combine(workFolder, $"serving-{name}.log");
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {program}");
        }
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppNode(name, process, port, log, logPath);
    }

    /// <summary>Waits until /health answers 200; fails at once if the node exits, or after <paramref name="limit"/>.</summary>
    public async Task WaitUntilHealthyAsync(HttpClient client, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"node {Name} exited with code {_process.ExitCode} before it was healthy; see {LogPath}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: a SQLite node migrates and loads the shipped data before it listens.
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"node {Name} was not healthy within {limit.TotalSeconds:0} s; see {LogPath}");
    }

    /// <summary>Resident set (VmRSS) and its peak (VmHWM) in MiB, from /proc; null where /proc is not there.</summary>
    public (double Rss, double Peak)? Memory()
    {
        try
        {
            double rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kib(line) / 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kib(line) / 1024;
                }
            }
            return (rss, peak);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        static double Kib(string line) =>
            double.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        Running.TryRemove(_process.Id, out _);
        try
        {
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
        catch (OperationCanceledException)
        {
        }
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or AggregateException)
        {
            // Already gone, or a child could not be listed: the node itself is still stopped below.
            try
            {
                process.Kill();
            }
            catch (Exception again) when (again is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }
    }

    /// <summary>Stops every node this process started, if the benchmark is interrupted or ends without disposing them.</summary>
    private static void HookExit()
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 1)
        {
            return;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => StopAll();
        // Ctrl+C, a terminal closed, or kill: the nodes go first, then the benchmark ends as it would have.
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP })
        {
            Signals.Add(PosixSignalRegistration.Create(signal, _ => StopAll()));
        }
    }

    private static readonly List<PosixSignalRegistration> Signals = [];

    private static void StopAll()
    {
        foreach (var process in Running.Values)
        {
            Stop(process);
        }
        foreach (var cleanUp in CleanUps.Values)
        {
            try
            {
                cleanUp();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"serving: cleaning up after an interruption failed: {e.Message}");
            }
        }
        CleanUps.Clear();
    }

    private static readonly ConcurrentDictionary<object, Action> CleanUps = new();

    /// <summary>
    /// Another process the benchmark started (wrk), stopped with the nodes if the benchmark is interrupted; dispose
    /// the result when the process has ended.
    /// </summary>
    public static IDisposable Track(Process process)
    {
        HookExit();
        Running[process.Id] = process;
        return new Untrack(() => Running.TryRemove(process.Id, out _));
    }

    /// <summary>Work to do if the benchmark is interrupted after the nodes are stopped (removing its database); dispose the result when done normally.</summary>
    public static IDisposable OnInterrupt(Action cleanUp)
    {
        HookExit();
        var key = new object();
        CleanUps[key] = cleanUp;
        return new Untrack(() => CleanUps.TryRemove(key, out _));
    }

    private sealed class Untrack(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    /// <summary>A loopback port nothing listens on now (the operating system's choice).</summary>
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
