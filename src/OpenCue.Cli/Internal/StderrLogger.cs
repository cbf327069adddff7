using System;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace OpenCue.Cli.Internal;

/// <summary>
/// Writes what the libraries log to stderr: by default warnings and errors as <c>cuerun: warning: ...</c>;
/// with <c>timestamps</c> (the server of <c>cuerun serve</c>), <c>HH:mm:ss level: ...</c> from <c>minimum</c> up.
/// </summary>
internal sealed class StderrLogger : ILogger, ILoggerProvider, ILoggerFactory
{
    private readonly CliContext _context;
    private readonly LogLevel _minimum;
    private readonly bool _timestamps;

    public StderrLogger(CliContext context, LogLevel minimum = LogLevel.Warning, bool timestamps = false)
    {
        _context = context;
        _minimum = minimum;
        _timestamps = timestamps;
    }

    /// <summary>Warnings only from ASP.NET Core's own categories (its start-up chatter is not the scheduler's).</summary>
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) && _minimum < LogLevel.Warning
            ? new StderrLogger(_context, LogLevel.Warning, _timestamps)
            : this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var level = logLevel switch
        {
            LogLevel.Warning => "warning",
            LogLevel.Error or LogLevel.Critical => "error",
            LogLevel.Information => "info",
            _ => "debug",
        };
        var line = _timestamps
            ? DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " " + level + ": " + formatter(state, exception)
            : "cuerun: " + level + ": " + formatter(state, exception);
        lock (_context.Stderr)
        {
            _context.Error(line);
        }
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
