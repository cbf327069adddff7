using System.Collections.Generic;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Internal;

/// <summary>
/// The one rule that turns two looks at a frame into events. A look may miss steps (a short run
/// is WAITING at one look and DEAD at the next), so a changed start time counts as a run seen
/// whole: a run that ended unseen is reported as started then as its outcome, and an earlier
/// run or death followed by a new run as a retry. Two runs started within the same second look
/// like one (Cuebot's times are whole seconds) unless the retry count rose (Cuebot counts it at a
/// start after a failure).
/// </summary>
internal static class FrameEventRule
{
    public static IEnumerable<JobEventKind> Between(PbJob.Frame before, PbJob.Frame now, bool jobKilled)
    {
        var ranAgain = (now.StartTime > 0 && now.StartTime != before.StartTime) || now.RetryCount > before.RetryCount;
        var hadRunOrEnded = before.State is PbJob.FrameState.Running or PbJob.FrameState.Dead or PbJob.FrameState.Succeeded or PbJob.FrameState.Eaten;
        var waitsAgain = now.State is PbJob.FrameState.Waiting or PbJob.FrameState.Depend;

        // Killing a job puts its running frames back to WAITING: that is the kill, not a retry.
        if (hadRunOrEnded && (ranAgain || (waitsAgain && !jobKilled)))
        {
            yield return JobEventKind.FrameRetried;
        }

        if (ranAgain || (now.State == PbJob.FrameState.Running && before.State != PbJob.FrameState.Running))
        {
            yield return JobEventKind.FrameStarted;
        }

        if (now.State != before.State || ranAgain)
        {
            switch (now.State)
            {
                case PbJob.FrameState.Succeeded:
                    yield return JobEventKind.FrameSucceeded;
                    break;
                case PbJob.FrameState.Dead:
                    yield return JobEventKind.FrameDied;
                    break;
                case PbJob.FrameState.Eaten:
                    yield return JobEventKind.FrameEaten;
                    break;
            }
        }
    }

    /// <summary>Whether a frame counts as done for its layer and job (Cuebot: succeeded or eaten).</summary>
    public static bool IsDone(PbJob.Frame frame) => frame.State is PbJob.FrameState.Succeeded or PbJob.FrameState.Eaten;
}
