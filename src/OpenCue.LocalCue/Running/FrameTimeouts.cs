using System;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// Cuebot's timeout rules (<c>HostReportHandler.killTimedOutFrames</c>), evaluated by the runner
/// itself each sample: whole minutes, truncated.
/// </summary>
internal static class FrameTimeouts
{
    /// <summary>Kill message Cuebot sends for a layer timeout (<c>KillCause.FrameTimedOut</c>).</summary>
    internal const string TimedOutMessage = "Frame timed out";

    /// <summary>Kill message Cuebot sends for an LLU timeout (<c>KillCause.FrameLluTimedOut</c>).</summary>
    internal const string LluTimedOutMessage = "Frame LLU timed out";

    /// <summary>Whether a frame that has run <paramref name="running"/> exceeds its timeout: whole minutes &gt; timeout.</summary>
    /// <param name="running">Time since the frame started.</param>
    /// <param name="timeoutMinutes">The layer timeout; 0 or less is off.</param>
    /// <param name="exact">When set (tests), the frame times out once it has run at least this long.</param>
    /// <returns><see langword="true"/> to kill.</returns>
    internal static bool IsTimedOut(TimeSpan running, int timeoutMinutes, TimeSpan? exact = null)
    {
        if (timeoutMinutes <= 0)
        {
            return false;
        }

        return exact.HasValue ? running >= exact.Value : WholeMinutes(running) > timeoutMinutes;
    }

    /// <summary>
    /// Whether a frame whose log last changed <paramref name="sinceUpdate"/> ago exceeds its LLU
    /// timeout: whole minutes &gt; timeout_llu - 1.
    /// </summary>
    /// <param name="sinceUpdate">Time since the log file's modification time.</param>
    /// <param name="lluMinutes">The layer LLU timeout; 0 or less is off.</param>
    /// <param name="exact">When set (tests), the frame times out once its log is at least this old.</param>
    /// <returns><see langword="true"/> to kill.</returns>
    internal static bool IsLluTimedOut(TimeSpan sinceUpdate, int lluMinutes, TimeSpan? exact = null)
    {
        if (lluMinutes <= 0)
        {
            return false;
        }

        return exact.HasValue ? sinceUpdate >= exact.Value : WholeMinutes(sinceUpdate) > lluMinutes - 1;
    }

    // Cuebot: (milliseconds / 1000) / 60 with long division.
    private static long WholeMinutes(TimeSpan span) => (long)Math.Floor(span.TotalSeconds) / 60;
}
