using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.Intake;

/// <summary>The intake's log messages (source-generated).</summary>
internal static partial class IntakeLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Refused a job spec whose text is not XML text: {Reason}")]
    public static partial void SpecTextRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Refused a {Method} request of {Bytes} bytes; at most {Limit} bytes are accepted")]
    public static partial void RequestTooLarge(ILogger logger, string method, long bytes, long limit);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "{Method} was cancelled by the caller")]
    public static partial void LaunchCancelled(ILogger logger, string method);
}
