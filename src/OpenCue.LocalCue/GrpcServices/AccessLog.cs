using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.GrpcServices;

// Event ids 40xx (every range of this assembly: LogEventIds.cs).

/// <summary>The access control's log messages.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 4001, EventName = nameof(Refused), Level = LogLevel.Warning, Message = "Refused {Method} from {Caller}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string caller, string reason);
}
