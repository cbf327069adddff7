using Microsoft.Extensions.Logging;

namespace OpenCue.Client.Internal;

/// <summary>What <see cref="Cuerun"/> logs about a launch whose answer was lost.</summary>
internal static partial class LaunchLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "The launch of {Job} got no answer ({Error}); looking the job up before relaunching")]
    public static partial void AnswerLost(ILogger logger, string job, string error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Job {Job} was launched although the answer was lost; not launching it again")]
    public static partial void FoundAfterLostAnswer(ILogger logger, string job);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Job {Job} is not on the Cuebot; launching it again")]
    public static partial void Relaunching(ILogger logger, string job);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Job {Job} appeared while relaunching; using it")]
    public static partial void AppearedWhileRelaunching(ILogger logger, string job);
}
