using OpenCue.LocalCue.Running;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>What the end-of-frame rules look at on the frame.</summary>
/// <param name="PendingState">A state asked for while it ran (retry: WAITING, eat: EATEN, a killed job: WAITING).</param>
/// <param name="RetryCount">Its retries so far.</param>
/// <param name="FailedLaunches">Failed launches in a row so far.</param>
/// <param name="MemoryRetries">Memory-failure retries so far.</param>
internal readonly record struct FrameFacts(PbJob.FrameState? PendingState, int RetryCount, int FailedLaunches, int MemoryRetries);

/// <summary>What the end-of-frame rules decided.</summary>
/// <param name="State">The state asked for (the book turns WAITING, SUCCEEDED or DEAD into DEPEND while the frame has active depends).</param>
/// <param name="FailedLaunches">Failed launches in a row, after this end.</param>
/// <param name="MemoryRetries">Memory-failure retries, after this end.</param>
/// <param name="WaitBeforeRetry">A failed launch: the frame waits <see cref="SchedulerOptions.FailedLaunchDelay"/> before it is tried again.</param>
/// <param name="Note">A line for the frame's log and the scheduler's log, or <see langword="null"/>.</param>
internal readonly record struct FrameOutcome(PbJob.FrameState State, int FailedLaunches, int MemoryRetries, bool WaitBeforeRetry = false, string? Note = null);

/// <summary>
/// Cuebot's end-of-frame rules (FrameCompleteHandler's <c>determineFrameState</c>, facts 6.2), as a pure function:
/// first match wins. LocalCue's own additions are the caps on failed launches and on memory retries, which one machine
/// cannot satisfy by giving a frame another host or more memory.
/// </summary>
internal static class FrameOutcomes
{
    /// <summary>Cuebot's FRAME_TIME_NO_RETRY: frames that ran longer than 12 hours are not retried.</summary>
    public const long FrameTimeNoRetrySeconds = 43200;

    /// <summary>Decides a frame's next state from how its process ended.</summary>
    /// <param name="frame">The frame's facts.</param>
    /// <param name="maxRetries">Its job's max retries.</param>
    /// <param name="autoEat">Its job's autoeat.</param>
    /// <param name="result">How the process ended.</param>
    /// <param name="runSeconds">How long it ran.</param>
    /// <param name="options">The caps on failed launches and memory retries.</param>
    public static FrameOutcome Decide(FrameFacts frame, int maxRetries, bool autoEat, FrameRunResult result, long runSeconds, SchedulerOptions options)
    {
        var failedLaunches = frame.FailedLaunches;
        var memoryRetries = frame.MemoryRetries;
        if (frame.PendingState is PbJob.FrameState pending)
        {
            return new FrameOutcome(pending, failedLaunches, memoryRetries);
        }

        var exit = result.ExitStatus;
        var signal = result.ExitSignal;
        if (exit == 0 && signal == 0)
        {
            return new FrameOutcome(PbJob.FrameState.Succeeded, failedLaunches, memoryRetries);
        }

        if (exit == 286 || (signal == 119 && maxRetries != 0))
        {
            return new FrameOutcome(PbJob.FrameState.Waiting, failedLaunches, memoryRetries);
        }

        if (exit == 256 || signal == 256 || result.FailedToLaunch)
        {
            // RQD waits 10 s before reporting a failed launch; here the frame waits before it is tried
            // again, and after a few failures in a row it dies instead of being launched forever.
            failedLaunches++;
            return failedLaunches > options.MaxFailedLaunches
                ? new FrameOutcome(PbJob.FrameState.Dead, failedLaunches, memoryRetries,
                    Note: "LocalCue: the frame could not be launched " + failedLaunches + " times in a row (" + result.KillMessage + "); it is marked dead.")
                : new FrameOutcome(PbJob.FrameState.Waiting, failedLaunches, memoryRetries, WaitBeforeRetry: true);
        }

        failedLaunches = 0;
        if (autoEat)
        {
            return new FrameOutcome(PbJob.FrameState.Eaten, failedLaunches, memoryRetries);
        }

        if (result.LluTimedOut || result.TimedOut || runSeconds > FrameTimeNoRetrySeconds)
        {
            return new FrameOutcome(PbJob.FrameState.Dead, failedLaunches, memoryRetries);
        }

        if (exit == 33 || signal == 33 || exit == 137)
        {
            memoryRetries++;
            return memoryRetries > options.MaxMemoryRetries
                ? new FrameOutcome(PbJob.FrameState.Dead, failedLaunches, memoryRetries,
                    Note: "LocalCue: memory failure (exit " + exit + ") " + memoryRetries + " times. Cuebot would retry with more memory; " +
                        "one machine cannot give more, so the frame is marked dead after " + options.MaxMemoryRetries + " memory retries.")
                : new FrameOutcome(PbJob.FrameState.Waiting, failedLaunches, memoryRetries,
                    Note: "LocalCue: memory failure (exit " + exit + "); retrying (" + memoryRetries + " of at most " + options.MaxMemoryRetries +
                        " memory retries on this machine).");
        }

        return new FrameOutcome(frame.RetryCount >= maxRetries ? PbJob.FrameState.Dead : PbJob.FrameState.Waiting, failedLaunches, memoryRetries);
    }
}
