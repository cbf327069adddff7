using System.Collections.Generic;
using System.Linq;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>What users do to jobs and frames, with Cuebot's semantics.</summary>
internal sealed partial class CueScheduler
{
    /// <summary>Kills a job. Without a reason nothing happens (Cuebot logs "Invalid Job Kill Request" and answers OK).</summary>
    public void KillJob(string jobId, string? reason)
    {
        lock (_gate)
        {
            var job = JobById(jobId);
            if (string.IsNullOrWhiteSpace(reason))
            {
                SchedulerLog.KillWithoutReason(_logger, job.Name);
                return;
            }

            if (job.State == PbJob.JobState.Finished)
            {
                return;
            }

            SchedulerLog.KillingJob(_logger, job.Name, reason);
            using var batch = _store.Batch();
            foreach (var frame in job.Layers.SelectMany(l => l.Frames).Where(f => f.State == PbJob.FrameState.Running).ToList())
            {
                // A state asked for while it ran (eaten, retried) stands.
                frame.PendingState ??= PbJob.FrameState.Waiting;
                KillProcess(frame, "job killed: " + reason);
            }

            Finish(job);
        }
    }

    public void SetPaused(string jobId, bool paused)
    {
        lock (_gate)
        {
            var job = JobById(jobId);
            job.Paused = paused;
            _store.Update(job);
            Wake();
        }
    }

    /// <summary>Retries frames: back to waiting (running ones killed), depends they satisfied active again, the job pending again.</summary>
    public void RetryFrames(IEnumerable<CueFrame> frames)
    {
        lock (_gate)
        {
            using var batch = _store.Batch();
            foreach (var frame in frames.ToList())
            {
                if (frame.State == PbJob.FrameState.Running)
                {
                    frame.PendingState = PbJob.FrameState.Waiting;
                    KillProcess(frame, "frame retried");
                }
                else
                {
                    // Cuebot writes 500 + ordinal only when it stops a running frame; an idle frame keeps its exit status.
                    frame.MemoryRetries = 0;
                    frame.FailedLaunches = 0;
                    SetFrameState(frame, PbJob.FrameState.Waiting);
                }

                // Cuebot re-activates the FRAME_ON_FRAME and LAYER_ON_LAYER depends the frame (or its layer) satisfied.
                foreach (var depend in Get(frame.DependsOnThis).Where(d => d.Type == PbDepend.DependType.FrameOnFrame))
                {
                    Reactivate(depend);
                }

                foreach (var depend in Get(frame.Layer.DependsOnThis).Where(d => d.Type == PbDepend.DependType.LayerOnLayer))
                {
                    Reactivate(depend);
                }

                Reopen(frame.Layer.Job);
            }

            Wake();
        }
    }

    /// <summary>Eats frames (running ones killed); succeeded frames stay succeeded. Eating releases no dependents.</summary>
    public void EatFrames(IEnumerable<CueFrame> frames)
    {
        lock (_gate)
        {
            using var batch = _store.Batch();
            var jobs = new HashSet<CueJob>();
            foreach (var frame in frames.ToList())
            {
                jobs.Add(frame.Layer.Job);
                if (frame.State == PbJob.FrameState.Running)
                {
                    frame.PendingState = PbJob.FrameState.Eaten;
                    KillProcess(frame, "frame eaten");
                }
                else if (frame.State != PbJob.FrameState.Succeeded)
                {
                    // Eating leaves the depend count alone (a retried frame still waits for its depends).
                    SetFrameState(frame, PbJob.FrameState.Eaten);
                    if (!_options.SatisfyOnlyOnFrameSuccess)
                    {
                        OnFrameDone(frame);
                    }
                }
            }

            foreach (var job in jobs)
            {
                CheckJobComplete(job);
            }

            Wake();
        }
    }

    /// <summary>Kills running frames; each then follows the usual end-of-frame rules.</summary>
    public void KillFrames(IEnumerable<CueFrame> frames, string? reason)
    {
        lock (_gate)
        {
            foreach (var frame in frames.Where(f => f.State == PbJob.FrameState.Running).ToList())
            {
                KillProcess(frame, string.IsNullOrWhiteSpace(reason) ? "killed by request" : reason!);
            }
        }
    }

    /// <summary>Satisfies a depend by hand.</summary>
    public void SatisfyDepend(string dependId)
    {
        lock (_gate)
        {
            if (!_depends.TryGetValue(dependId, out var depend))
            {
                throw new NotFoundException("Depend not found: " + dependId);
            }

            Satisfy(depend);
            Wake();
        }
    }

    /// <summary>Satisfies everything a job, layer or frame depends on (Cuebot's DropDepends).</summary>
    public void DropDepends(CueJob? job, CueLayer? layer, CueFrame? frame)
    {
        lock (_gate)
        {
            // For a frame, only what that frame waits on (a composite's own child); for a layer or job, whole depends.
            IEnumerable<CueDepend> depends = frame != null ? Get(frame.ThisDependsOn)
                : layer != null ? Get(layer.ThisDependsOn).Concat(layer.Frames.SelectMany(f => Get(f.ThisDependsOn)).Select(d => d.Parent ?? d))
                : Get(job!.ThisDependsOn).Concat(job!.Layers.SelectMany(l => Get(l.ThisDependsOn).Concat(l.Frames.SelectMany(f => Get(f.ThisDependsOn)).Select(d => d.Parent ?? d))));
            using var batch = _store.Batch();
            foreach (var depend in depends.Distinct().ToList())
            {
                Satisfy(depend);
            }

            Wake();
        }
    }

    /// <summary>
    /// Satisfies what depends on the frames without changing their state (Cuebot's MarkDoneFrames):
    /// depends on each frame and any-frame depends on its layer; with <paramref name="layer"/>, also
    /// everything that depends on that layer (LayerInterface.MarkdoneFrames).
    /// </summary>
    public void MarkDone(IEnumerable<CueFrame> frames, CueLayer? layer = null)
    {
        lock (_gate)
        {
            using var batch = _store.Batch();
            foreach (var frame in frames.ToList())
            {
                foreach (var depend in Get(frame.DependsOnThis).Concat(Get(frame.Layer.DependsOnThis).Where(d => d.AnyFrame)))
                {
                    Satisfy(depend);
                }
            }

            if (layer != null)
            {
                foreach (var depend in Get(layer.DependsOnThis))
                {
                    Satisfy(depend);
                }
            }

            Wake();
        }
    }

    /// <summary>Forces frames to WAITING with no depends (Cuebot's MarkAsWaiting).</summary>
    public void MarkAsWaiting(IEnumerable<CueFrame> frames)
    {
        lock (_gate)
        {
            foreach (var frame in frames.Where(f => f.State == PbJob.FrameState.Depend).ToList())
            {
                frame.DependCount = 0;
                SetFrameState(frame, PbJob.FrameState.Waiting);
            }

            Wake();
        }
    }

    private void KillProcess(CueFrame frame, string reason)
    {
        if (frame.Running != null)
        {
            frame.Running.Kill(reason);
        }
        else
        {
            frame.PendingKill = reason;
        }
    }

    /// <summary>A finished job with frames to run again is pending again.</summary>
    private void Reopen(CueJob job)
    {
        if (job.State == PbJob.JobState.Finished && job.Counts.Unfinished > 0)
        {
            job.State = PbJob.JobState.Pending;
            job.StopTime = 0;
            _store.Update(job);
            _active.Add(job);
            SortActive();
        }
    }

    private CueJob JobById(string id) =>
        _jobs.TryGetValue(id ?? string.Empty, out var job) ? job : throw new NotFoundException("Job not found: " + id);
}

/// <summary>An id the scheduler does not know (gRPC NOT_FOUND).</summary>
internal sealed class NotFoundException : System.Exception
{
    public NotFoundException(string message)
        : base(message)
    {
    }
}
