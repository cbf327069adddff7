using Microsoft.Extensions.Logging;

namespace OpenCue.Client.Internal;

/// <summary>What wait and test modes (<see cref="JobWatcher"/>) log.</summary>
internal static partial class WatchLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Waiting for {Job}: {Error}; still waiting")]
    public static partial void PollFailed(ILogger logger, string job, string error);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning,
        Message = "Cannot reach {Server} while following {Job} (unreachable for {UnreachableFor}; giving up after {Limit}): {Error}")]
    public static partial void Unreachable(ILogger logger, string server, string job, string unreachableFor, string limit, string error);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning,
        Message = "Cannot reach {Server} while following {Job} (unreachable for {UnreachableFor}; waiting for ever): {Error}")]
    public static partial void UnreachableForEver(ILogger logger, string server, string job, string unreachableFor, string error);
}
