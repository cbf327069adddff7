using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>Frame state changes: the one place counts, the waiting queue and Cuebot's depend triggers are applied.</summary>
internal sealed partial class CueScheduler
{
    /// <summary>
    /// Sets a frame's state as Cuebot's database triggers would: a frame with a positive depend
    /// count entering WAITING, SUCCEEDED, DEAD or CHECKPOINT goes to DEPEND instead.
    /// </summary>
    private void SetFrameState(CueFrame frame, PbJob.FrameState state)
    {
        if (frame.DependCount > 0 && state is PbJob.FrameState.Waiting or PbJob.FrameState.Succeeded or PbJob.FrameState.Dead or PbJob.FrameState.Checkpoint)
        {
            state = PbJob.FrameState.Depend;
        }

        var old = frame.State;
        if (old == state)
        {
            return;
        }

        var job = frame.Layer.Job;
        if (old == PbJob.FrameState.Waiting)
        {
            job.Waiting.Remove(frame);
        }

        frame.State = state;
        frame.Version++;
        var layerCounts = frame.Layer.Counts;
        layerCounts.Move(old, state);
        job.Counts.Move(old, state);
        if (job.LayersWaiting >= 0)
        {
            if (old == PbJob.FrameState.Waiting && layerCounts[PbJob.FrameState.Waiting] == 0)
            {
                job.LayersWaiting--;
            }
            else if (state == PbJob.FrameState.Waiting && layerCounts[PbJob.FrameState.Waiting] == 1)
            {
                job.LayersWaiting++;
            }
        }

        if (state == PbJob.FrameState.Waiting)
        {
            job.Waiting.Add(frame);
            _dispatchNeeded = true;
        }

        _store.Update(frame);
    }

    /// <summary>Adds to a frame's depend count (DEPEND when it was waiting, succeeded or dead).</summary>
    private void IncrementDepends(CueFrame frame)
    {
        frame.DependCount++;
        if (frame.DependCount == 1 && frame.State is PbJob.FrameState.Waiting or PbJob.FrameState.Succeeded or PbJob.FrameState.Dead or PbJob.FrameState.Checkpoint)
        {
            SetFrameState(frame, PbJob.FrameState.Depend);
        }
        else
        {
            _store.Update(frame);
        }
    }

    /// <summary>Takes from a frame's depend count (WAITING when it reaches 0 in DEPEND).</summary>
    private void DecrementDepends(CueFrame frame)
    {
        if (frame.DependCount == 0)
        {
            return;
        }

        frame.DependCount--;
        if (frame.DependCount == 0 && frame.State == PbJob.FrameState.Depend)
        {
            frame.EligibleTime = Now();
            SetFrameState(frame, PbJob.FrameState.Waiting);
        }
        else
        {
            _store.Update(frame);
        }
    }
}
