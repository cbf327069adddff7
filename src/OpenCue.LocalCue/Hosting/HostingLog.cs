using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue;

/// <summary>The hosting's log messages (start, stop, access rule, Unix socket).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Launch and control: {Who}; queries: every caller")]
    public static partial void AccessRule(ILogger logger, string who);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Callers from other machines {What}")]
    public static partial void RemoteControl(ILogger logger, string what);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "LocalCue also listening on {Address} (mode 0600)")]
    public static partial void SocketListening(ILogger logger, string address);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Replacing the stale socket {Path} (nothing listens on it)")]
    public static partial void StaleSocket(ILogger logger, string path);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Stopping took longer than {Seconds} s; exiting anyway")]
    public static partial void StopTimedOut(ILogger logger, int seconds);
}
