using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>What users do to jobs, frames and depends, with Cuebot's semantics. Called under the scheduler's lock.</summary>
internal sealed class FrameControl
{
    private readonly CueBook _book;
    private readonly DependEngine _depends;
    private readonly JobLifecycle _jobs;
    private readonly StoreWriter _store;
    private readonly bool _satisfyOnlyOnFrameSuccess;
    private readonly ILogger _logger;

    public FrameControl(CueBook book, DependEngine depends, JobLifecycle jobs, StoreWriter store, bool satisfyOnlyOnFrameSuccess, ILogger logger)
    {
        _book = book;
        _depends = depends;
        _jobs = jobs;
        _store = store;
        _satisfyOnlyOnFrameSuccess = satisfyOnlyOnFrameSuccess;
        _logger = logger;
    }

    /// <summary>Kills a job. Without a reason nothing happens (Cuebot logs "Invalid Job Kill Request" and answers OK).</summary>
    public void KillJob(CueJob job, string? reason)
    {
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
            Dispatcher.Kill(frame, "job killed: " + reason);
        }

        _jobs.Finish(job);
    }

    /// <summary>Retries frames: back to waiting (running ones killed), depends they satisfied active again, the job pending again.</summary>
    public void Retry(IEnumerable<CueFrame> frames)
    {
        using var batch = _store.Batch();
        foreach (var frame in frames.ToList())
        {
            if (frame.State == PbJob.FrameState.Running)
            {
                frame.PendingState = PbJob.FrameState.Waiting;
                Dispatcher.Kill(frame, "frame retried");
            }
            else
            {
                // Cuebot writes 500 + ordinal only when it stops a running frame; an idle frame keeps its exit status.
                frame.MemoryRetries = 0;
                frame.FailedLaunches = 0;
                _book.SetFrameState(frame, PbJob.FrameState.Waiting);
            }

            _depends.OnFrameRetried(frame);
            _jobs.Reopen(frame.Layer.Job);
        }
    }

    /// <summary>Eats frames (running ones killed); succeeded frames stay succeeded. Eating releases no dependents unless eaten frames satisfy depends.</summary>
    public void Eat(IEnumerable<CueFrame> frames)
    {
        using var batch = _store.Batch();
        var jobs = new HashSet<CueJob>();
        foreach (var frame in frames.ToList())
        {
            jobs.Add(frame.Layer.Job);
            if (frame.State == PbJob.FrameState.Running)
            {
                frame.PendingState = PbJob.FrameState.Eaten;
                Dispatcher.Kill(frame, "frame eaten");
            }
            else if (frame.State != PbJob.FrameState.Succeeded)
            {
                // Eating leaves the depend count alone (a retried frame still waits for its depends).
                _book.SetFrameState(frame, PbJob.FrameState.Eaten);
                if (!_satisfyOnlyOnFrameSuccess)
                {
                    _depends.OnFrameDone(frame);
                    _jobs.CheckComplete(frame.Layer.Job);
                }
            }
        }

        foreach (var job in jobs)
        {
            _jobs.CheckComplete(job);
        }
    }

    /// <summary>Kills running frames; each then follows the usual end-of-frame rules.</summary>
    public static void Kill(IEnumerable<CueFrame> frames, string? reason)
    {
        foreach (var frame in frames.Where(f => f.State == PbJob.FrameState.Running).ToList())
        {
            Dispatcher.Kill(frame, string.IsNullOrWhiteSpace(reason) ? "killed by request" : reason!);
        }
    }

    /// <summary>Forces DEPEND frames to WAITING with no depends (Cuebot's MarkAsWaiting).</summary>
    public void MarkAsWaiting(IEnumerable<CueFrame> frames)
    {
        foreach (var frame in frames.Where(f => f.State == PbJob.FrameState.Depend).ToList())
        {
            frame.DependCount = 0;
            _book.SetFrameState(frame, PbJob.FrameState.Waiting);
        }
    }
}
