using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>The access control's log messages.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Refused {Method} from {Caller}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string caller, string reason);
}
