using System;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.Running;

// Event ids 30xx (every range of this assembly: LogEventIds.cs).

/// <summary>The frame runner's messages: processes, users and private directories.</summary>
internal static partial class RunnerLog
{
    /// <summary>A frame is refused: it would run as root or as a uid outside the allowed range.</summary>
    [LoggerMessage(EventId = 3001, EventName = nameof(FrameRefused), Level = LogLevel.Error, Message = "Frame {Frame} of {Job} not started: {Reason}")]
    public static partial void FrameRefused(ILogger logger, string frame, string job, string reason);

    /// <summary>setpriv is needed to switch users and is missing.</summary>
    [LoggerMessage(EventId = 3002, EventName = nameof(SetprivMissing), Level = LogLevel.Error, Message = "Frame {Frame} of {Job} not started: setpriv (util-linux) was not found at {Path}; it is needed to run the frame as uid {Uid}, and LocalCue never runs a frame as its own user {CurrentUid} in its place")]
    public static partial void SetprivMissing(ILogger logger, string frame, string job, string path, int uid, int currentUid);

    /// <summary>The instance's base directory for frame directories cannot be used.</summary>
    [LoggerMessage(EventId = 3003, EventName = nameof(BaseDirectoryUnusable), Level = LogLevel.Error, Message = "No frame will start: {Problem}")]
    public static partial void BaseDirectoryUnusable(ILogger logger, string problem);

    /// <summary>Leftovers of an earlier run were removed at start.</summary>
    [LoggerMessage(EventId = 3004, EventName = nameof(LeftoversRemoved), Level = LogLevel.Information, Message = "Removed {Count} frame directories left in {Path} by an earlier run")]
    public static partial void LeftoversRemoved(ILogger logger, int count, string path);

    /// <summary>Something in the base directory or a frame directory could not be removed.</summary>
    [LoggerMessage(EventId = 3005, EventName = nameof(NotRemoved), Level = LogLevel.Warning, Message = "Could not remove {Path}: {Reason}")]
    public static partial void NotRemoved(ILogger logger, string path, string reason);

    /// <summary>A frame runs as another user.</summary>
    [LoggerMessage(EventId = 3006, EventName = nameof(RunsAs), Level = LogLevel.Debug, Message = "Frame {Frame} of {Job} runs as uid {Uid}, gid {Gid}")]
    public static partial void RunsAs(ILogger logger, string frame, string job, int uid, int gid);

    /// <summary>A frame does not run as its job's uid (no privilege to switch).</summary>
    [LoggerMessage(EventId = 3007, EventName = nameof(NotJobUser), Level = LogLevel.Warning, Message = "Frame {Frame} of {Job}: {Warning}")]
    public static partial void NotJobUser(ILogger logger, string frame, string job, string warning);

    /// <summary>Removing what a frame left, as its user, failed to run.</summary>
    [LoggerMessage(EventId = 3008, EventName = nameof(RemoveAsUserFailed), Level = LogLevel.Warning, Message = "Could not remove the contents of {Path} as uid {Uid}")]
    public static partial void RemoveAsUserFailed(ILogger logger, Exception exception, string path, int uid);

    /// <summary>A new base directory for frame directories was made (first start, or the recorded one was missing or unsafe).</summary>
    [LoggerMessage(EventId = 3009, EventName = nameof(NewBaseDirectory), Level = LogLevel.Information, Message = "Frame directories now go to {Path}: {Reason}")]
    public static partial void NewBaseDirectory(ILogger logger, string path, string reason);

    /// <summary>The base directory's path could not be recorded in the state directory.</summary>
    [LoggerMessage(EventId = 3010, EventName = nameof(BaseNotRecorded), Level = LogLevel.Warning, Message = "Could not record the frame directory base {Path} in {Record}: {Reason}")]
    public static partial void BaseNotRecorded(ILogger logger, string path, string record, string reason);

    /// <summary>A frame's process started.</summary>
    [LoggerMessage(EventId = 3011, EventName = nameof(FrameStarted), Level = LogLevel.Information, Message = "Started frame {Frame} of {Job} as process group {Pid}, log {Log}")]
    public static partial void FrameStarted(ILogger logger, string frame, string job, int pid, string log);

    /// <summary>Waiting for a frame's process failed; its process group is killed.</summary>
    [LoggerMessage(EventId = 3012, EventName = nameof(LostTrack), Level = LogLevel.Error, Message = "Lost track of frame {Frame} of {Job}; killing its process group")]
    public static partial void LostTrack(ILogger logger, Exception exception, string frame, string job);

    /// <summary>A frame's stdin could not be closed.</summary>
    /// <summary>A frame exited while processes it left still hold its output.</summary>
    [LoggerMessage(EventId = 3014, EventName = nameof(OutputHeld), Level = LogLevel.Warning, Message = "Frame {Frame} of {Job} exited but processes it left still hold its output; no longer copying it")]
    public static partial void OutputHeld(ILogger logger, string frame, string job);

    /// <summary>Sampling a frame (memory, timeouts) failed.</summary>
    [LoggerMessage(EventId = 3015, EventName = nameof(SampleFailed), Level = LogLevel.Warning, Message = "Could not sample frame {Frame} of {Job}")]
    public static partial void SampleFailed(ILogger logger, Exception exception, string frame, string job);

    /// <summary>A kill came for a frame that is not running.</summary>
    [LoggerMessage(EventId = 3017, EventName = nameof(KillIgnored), Level = LogLevel.Debug, Message = "Kill of frame {Frame} ignored: not running")]
    public static partial void KillIgnored(ILogger logger, string frame);

    /// <summary>A frame's process group was killed.</summary>
    [LoggerMessage(EventId = 3018, EventName = nameof(FrameKilled), Level = LogLevel.Warning, Message = "Killed frame {Frame} of {Job} (process group {Pid}): {Reason}")]
    public static partial void FrameKilled(ILogger logger, string frame, string job, int pid, string? reason);

    /// <summary>A frame's process group could not be killed.</summary>
    [LoggerMessage(EventId = 3019, EventName = nameof(KillFailed), Level = LogLevel.Warning, Message = "Could not kill frame {Frame} of {Job} (process group {Pid}, errno {Error})")]
    public static partial void KillFailed(ILogger logger, string frame, string job, int pid, int error);

    /// <summary>A frame's process ended.</summary>
    [LoggerMessage(EventId = 3020, EventName = nameof(FrameEnded), Level = LogLevel.Information, Message = "Frame {Frame} of {Job} ended: exit status {Status}, signal {Signal}")]
    public static partial void FrameEnded(ILogger logger, string frame, string job, int status, int signal);

    /// <summary>A frame's process could not be launched.</summary>
    [LoggerMessage(EventId = 3021, EventName = nameof(LaunchFailed), Level = LogLevel.Error, Message = "Frame {Frame} of {Job} failed to launch")]
    public static partial void LaunchFailed(ILogger logger, Exception exception, string frame, string job);

    /// <summary>The footer of a frame's log could not be written.</summary>
    [LoggerMessage(EventId = 3022, EventName = nameof(FooterNotWritten), Level = LogLevel.Warning, Message = "Could not write the footer of {Log}")]
    public static partial void FooterNotWritten(ILogger logger, Exception exception, string log);

    /// <summary>A pass over <c>/proc</c> for the running frames' memory failed.</summary>
    [LoggerMessage(EventId = 3023, EventName = nameof(ScanFailed), Level = LogLevel.Warning, Message = "Could not sample the memory of the running frames")]
    public static partial void ScanFailed(ILogger logger, Exception exception);
}
