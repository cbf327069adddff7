using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.Tests.Support;

/// <summary>A logger factory that keeps every formatted message, for tests of what LocalCue logs.</summary>
public sealed class ListLoggerFactory : ILoggerFactory, ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    /// <summary>The messages so far, oldest first.</summary>
    public IReadOnlyList<string> Messages => _messages.ToArray();

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new ListLogger(_messages);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
