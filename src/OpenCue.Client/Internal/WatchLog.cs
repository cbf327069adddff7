using Microsoft.Extensions.Logging;

namespace OpenCue.Client.Internal;

// Event ids 21xx (every range of this assembly: LogEventIds.cs).

/// <summary>What wait and test modes (<see cref="JobWatcher"/>) log.</summary>
internal static partial class WatchLog
{
    [LoggerMessage(EventId = 2101, EventName = nameof(PollFailed), Level = LogLevel.Warning, Message = "Waiting for {Job}: {Error}; still waiting")]
    public static partial void PollFailed(ILogger logger, string job, string error);

    [LoggerMessage(EventId = 2102, EventName = nameof(Unreachable), Level = LogLevel.Warning,
        Message = "Cannot reach {Server} while following {Job} (unreachable for {UnreachableFor}; giving up after {Limit}): {Error}")]
    public static partial void Unreachable(ILogger logger, string server, string job, string unreachableFor, string limit, string error);

    [LoggerMessage(EventId = 2103, EventName = nameof(UnreachableForEver), Level = LogLevel.Warning,
        Message = "Cannot reach {Server} while following {Job} (unreachable for {UnreachableFor}; waiting for ever): {Error}")]
    public static partial void UnreachableForEver(ILogger logger, string server, string job, string unreachableFor, string error);

    [LoggerMessage(EventId = 2104, EventName = nameof(TestPassed), Level = LogLevel.Information, Message = "Test of {Job} passed")]
    public static partial void TestPassed(ILogger logger, string job);

    [LoggerMessage(EventId = 2105, EventName = nameof(KillAfterTestFailed), Level = LogLevel.Warning, Message = "Could not kill {Job} after its test: {Error}")]
    public static partial void KillAfterTestFailed(ILogger logger, string job, string error);

    [LoggerMessage(EventId = 2106, EventName = nameof(ProgressUnavailable), Level = LogLevel.Debug, Message = "Progress of {Job} unavailable: {Error}")]
    public static partial void ProgressUnavailable(ILogger logger, string job, string error);

    [LoggerMessage(EventId = 2107, EventName = nameof(UpdatedFramesUnserved), Level = LogLevel.Debug, Message = "The server does not serve GetUpdatedFrames; following {Job} by listing its frames")]
    public static partial void UpdatedFramesUnserved(ILogger logger, string job);
}
