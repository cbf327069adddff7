using Microsoft.Extensions.Logging;

namespace OpenCue.Client.Internal;

// Event ids 20xx (every range of this assembly: LogEventIds.cs).

/// <summary>What <see cref="Cuerun"/> logs about a launch.</summary>
internal static partial class LaunchLog
{
    [LoggerMessage(EventId = 2001, EventName = nameof(AnswerLost), Level = LogLevel.Warning, Message = "The launch of {Job} got no answer ({Error}); looking the job up before relaunching")]
    public static partial void AnswerLost(ILogger logger, string job, string error);

    [LoggerMessage(EventId = 2002, EventName = nameof(FoundAfterLostAnswer), Level = LogLevel.Warning, Message = "Job {Job} was launched although the answer was lost; not launching it again")]
    public static partial void FoundAfterLostAnswer(ILogger logger, string job);

    [LoggerMessage(EventId = 2003, EventName = nameof(Relaunching), Level = LogLevel.Warning, Message = "Job {Job} is not on the Cuebot; launching it again")]
    public static partial void Relaunching(ILogger logger, string job);

    [LoggerMessage(EventId = 2004, EventName = nameof(AppearedWhileRelaunching), Level = LogLevel.Warning, Message = "Job {Job} appeared while relaunching; using it")]
    public static partial void AppearedWhileRelaunching(ILogger logger, string job);

    [LoggerMessage(EventId = 2005, EventName = nameof(Launched), Level = LogLevel.Information, Message = "Launched {Jobs}")]
    public static partial void Launched(ILogger logger, string jobs);

    [LoggerMessage(EventId = 2006, EventName = nameof(LayerNotFound), Level = LogLevel.Warning, Message = "Layer {Layer} of job {Job} was not found after launch; its max cores were not set")]
    public static partial void LayerNotFound(ILogger logger, string layer, string job);

    [LoggerMessage(EventId = 2007, EventName = nameof(RetryCountsDiffer), Level = LogLevel.Warning,
        Message = "Layers of job {Job} ask for different retry counts ({Counts}); OpenCue retries job-wide, so the largest, {Max}, applies to every layer")]
    public static partial void RetryCountsDiffer(ILogger logger, string job, string counts, int max);
}
