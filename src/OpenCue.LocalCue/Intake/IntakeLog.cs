using System;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.Intake;

// Event ids 41xx (every range of this assembly: LogEventIds.cs). 4102 is retired.

/// <summary>The intake's log messages: job specs and calls refused or failed.</summary>
internal static partial class IntakeLog
{
    [LoggerMessage(EventId = 4101, EventName = nameof(SpecTextRefused), Level = LogLevel.Warning, Message = "Refused a job spec whose text is not XML text: {Reason}")]
    public static partial void SpecTextRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4103, EventName = nameof(RequestTooLarge), Level = LogLevel.Warning, Message = "Refused a {Method} request of {Bytes} bytes; at most {Limit} bytes are accepted")]
    public static partial void RequestTooLarge(ILogger logger, string method, long bytes, long limit);

    [LoggerMessage(EventId = 4104, EventName = nameof(LaunchCancelled), Level = LogLevel.Information, Message = "{Method} was cancelled by the caller")]
    public static partial void LaunchCancelled(ILogger logger, string method);

    [LoggerMessage(EventId = 4105, EventName = nameof(SpecRefused), Level = LogLevel.Warning, Message = "Refused a job spec: {Reason}")]
    public static partial void SpecRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4106, EventName = nameof(CallFailed), Level = LogLevel.Error, Message = "{Method} failed")]
    public static partial void CallFailed(ILogger logger, Exception exception, string method);
}
