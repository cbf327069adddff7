using System;
using Microsoft.Extensions.Logging;

namespace OpenCue.Cli.Internal
{
    /// <summary>Writes warnings and errors logged by the library to stderr as <c>cuerun: warning: ...</c>.</summary>
    internal sealed class StderrLogger : ILogger
    {
        private readonly CliContext _context;

        public StderrLogger(CliContext context) => _context = context;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _context.Error("cuerun: " + (logLevel == LogLevel.Warning ? "warning" : "error") + ": " + formatter(state, exception));
            }
        }
    }
}
