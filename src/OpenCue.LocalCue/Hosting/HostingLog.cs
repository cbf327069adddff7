using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue;

// Event ids 42xx (every range of this assembly: LogEventIds.cs). These were 4101-4105 until they
// were found to share their ids with IntakeLog's.

/// <summary>The hosting's log messages (start, stop, listening, access rule, Unix socket).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 4201, EventName = nameof(AccessRule), Level = LogLevel.Information, Message = "Launch and control: {Who}; queries: every caller")]
    public static partial void AccessRule(ILogger logger, string who);

    [LoggerMessage(EventId = 4202, EventName = nameof(RemoteControl), Level = LogLevel.Warning, Message = "Callers from other machines {What}")]
    public static partial void RemoteControl(ILogger logger, string what);

    [LoggerMessage(EventId = 4203, EventName = nameof(SocketListening), Level = LogLevel.Information, Message = "LocalCue also listening on {Address} (mode 0600)")]
    public static partial void SocketListening(ILogger logger, string address);

    [LoggerMessage(EventId = 4204, EventName = nameof(StaleSocket), Level = LogLevel.Information, Message = "Replacing the stale socket {Path} (nothing listens on it)")]
    public static partial void StaleSocket(ILogger logger, string path);

    [LoggerMessage(EventId = 4206, EventName = nameof(NotOnlyThisMachine), Level = LogLevel.Warning, Message = "LocalCue listens on {Address}, not only this machine: anyone who can reach it can run commands here")]
    public static partial void NotOnlyThisMachine(ILogger logger, string address);

    [LoggerMessage(EventId = 4207, EventName = nameof(Listening), Level = LogLevel.Information, Message = "LocalCue listening on {Address}, state in {StateDirectory}")]
    public static partial void Listening(ILogger logger, string address, string stateDirectory);
}
