using System;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.Running;

/// <summary>The frame runner's messages about users and private directories.</summary>
internal static partial class RunnerLog
{
    /// <summary>A frame is refused: it would run as root or as a uid outside the allowed range.</summary>
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Frame {Frame} of {Job} not started: {Reason}")]
    internal static partial void FrameRefused(ILogger logger, string frame, string job, string reason);

    /// <summary>setpriv is needed to switch users and is missing.</summary>
    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Frame {Frame} of {Job} not started: setpriv (util-linux) was not found at {Path}; it is needed to run the frame as uid {Uid}, and LocalCue never runs a frame as its own user {CurrentUid} in its place")]
    internal static partial void SetprivMissing(ILogger logger, string frame, string job, string path, int uid, int currentUid);

    /// <summary>The instance's base directory for frame directories cannot be used.</summary>
    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "No frame will start: {Problem}")]
    internal static partial void BaseDirectoryUnusable(ILogger logger, string problem);

    /// <summary>Leftovers of an earlier run were removed at start.</summary>
    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Removed {Count} frame directories left in {Path} by an earlier run")]
    internal static partial void LeftoversRemoved(ILogger logger, int count, string path);

    /// <summary>Something in the base directory or a frame directory could not be removed.</summary>
    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Could not remove {Path}: {Reason}")]
    internal static partial void NotRemoved(ILogger logger, string path, string reason);

    /// <summary>A frame runs as another user.</summary>
    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "Frame {Frame} of {Job} runs as uid {Uid}, gid {Gid}")]
    internal static partial void RunsAs(ILogger logger, string frame, string job, int uid, int gid);

    /// <summary>A frame does not run as its job's uid (no privilege to switch).</summary>
    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Frame {Frame} of {Job}: {Warning}")]
    internal static partial void NotJobUser(ILogger logger, string frame, string job, string warning);

    /// <summary>Removing what a frame left, as its user, failed to run.</summary>
    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Could not remove the contents of {Path} as uid {Uid}")]
    internal static partial void RemoveAsUserFailed(ILogger logger, Exception exception, string path, int uid);

    /// <summary>A new base directory for frame directories was made (first start, or the recorded one was missing or unsafe).</summary>
    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Frame directories now go to {Path}: {Reason}")]
    internal static partial void NewBaseDirectory(ILogger logger, string path, string reason);

    /// <summary>The base directory's path could not be recorded in the state directory.</summary>
    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Could not record the frame directory base {Path} in {Record}: {Reason}")]
    internal static partial void BaseNotRecorded(ILogger logger, string path, string record, string reason);
}
