using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Observatory.Testing;

/// <summary>
/// Every log entry an app or service writes, after the app's own level filters, so a test sees what a person
/// watching the console would see.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " " + Exception.GetType().Name)}";
    }

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Adds an entry logged elsewhere (a seeding whose log was kept with the template it made).</summary>
    public void Add(Entry entry) => _entries.Enqueue(entry);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
    }
}
