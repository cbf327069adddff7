using System;
using Microsoft.Extensions.Logging;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

// Event ids 31xx (every range of this assembly: LogEventIds.cs).

/// <summary>What the scheduler (<see cref="CueScheduler"/>) logs.</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 3101, EventName = nameof(JobLaunched), Level = LogLevel.Information, Message = "Launched job {Job} ({Frames} frames in {Layers} layers){Post}")]
    public static partial void JobLaunched(ILogger logger, string job, int frames, int layers, string post);

    [LoggerMessage(EventId = 3102, EventName = nameof(FramesNotStopped), Level = LogLevel.Warning, Message = "{Count} frames did not stop within 30 s")]
    public static partial void FramesNotStopped(ILogger logger, int count);

    [LoggerMessage(EventId = 3103, EventName = nameof(FrameRequeued), Level = LogLevel.Warning, Message = "Frame {Frame} of {Job} was running when the scheduler stopped; it will run again")]
    public static partial void FrameRequeued(ILogger logger, string frame, string job);

    [LoggerMessage(EventId = 3104, EventName = nameof(DispatchFailed), Level = LogLevel.Error, Message = "Dispatch failed")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3105, EventName = nameof(FrameTooLarge), Level = LogLevel.Warning, Message = "Frame {Frame} of {Job} asks for {Cores} cores and {Memory} MB, more than this machine has; running it alone")]
    public static partial void FrameTooLarge(ILogger logger, string frame, string job, double cores, long memory);

    [LoggerMessage(EventId = 3106, EventName = nameof(FrameNotStarted), Level = LogLevel.Error, Message = "Frame {Frame} of {Job} could not be started")]
    public static partial void FrameNotStarted(ILogger logger, Exception exception, string frame, string job);

    [LoggerMessage(EventId = 3107, EventName = nameof(KillWithoutReason), Level = LogLevel.Warning, Message = "Invalid Job Kill Request for {Job}: no reason given; nothing done (as Cuebot)")]
    public static partial void KillWithoutReason(ILogger logger, string job);

    [LoggerMessage(EventId = 3108, EventName = nameof(KillingJob), Level = LogLevel.Information, Message = "Killing job {Job}: {Reason}")]
    public static partial void KillingJob(ILogger logger, string job, string? reason);

    [LoggerMessage(EventId = 3109, EventName = nameof(FrameEnded), Level = LogLevel.Information, Message = "Frame {Frame} of {Job} ended: exit {Exit} signal {Signal} -> {State}")]
    public static partial void FrameEnded(ILogger logger, string frame, string job, int exit, int signal, PbJob.FrameState state);

    [LoggerMessage(EventId = 3110, EventName = nameof(JobFinished), Level = LogLevel.Information, Message = "Job {Job} finished")]
    public static partial void JobFinished(ILogger logger, string job);

    [LoggerMessage(EventId = 3111, EventName = nameof(PostJobStarts), Level = LogLevel.Information, Message = "Post job {Job} starts")]
    public static partial void PostJobStarts(ILogger logger, string job);

    [LoggerMessage(EventId = 3112, EventName = nameof(FrameNote), Level = LogLevel.Warning, Message = "{Frame} of {Job}: {Message}")]
    public static partial void FrameNote(ILogger logger, string frame, string job, string message);

    [LoggerMessage(EventId = 3113, EventName = nameof(FrameLogNotWritten), Level = LogLevel.Debug, Message = "Could not write to the log of {Frame}")]
    public static partial void FrameLogNotWritten(ILogger logger, Exception exception, string frame);
}
