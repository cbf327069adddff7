using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OpenCue.LocalCue.Running;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>What happens when a frame's process ends: Cuebot's FrameCompleteHandler rules, then depends and the job.</summary>
internal sealed partial class CueScheduler
{
    /// <summary>Cuebot's FRAME_TIME_NO_RETRY: frames that ran longer than 12 hours are not retried.</summary>
    private const long FrameTimeNoRetrySeconds = 43200;

    private void Completed(CueFrame frame, IRunningFrame run, Task<FrameRunResult> completion)
    {
        var result = completion.IsCompletedSuccessfully
            ? completion.Result
            : new FrameRunResult { ExitStatus = 256, FailedToLaunch = true, KillMessage = completion.Exception?.GetBaseException().Message };
        lock (_gate)
        {
            if (!ReferenceEquals(frame.Running, run) && frame.Running != null)
            {
                return;
            }

            using var batch = _store.Batch();

            var layer = frame.Layer;
            var job = layer.Job;
            _running.Remove(frame);
            frame.Running = null;
            _reservedCorePoints -= frame.ReservedCorePoints;
            _reservedMemoryKb -= frame.ReservedMemoryKb;
            layer.ReservedCorePoints -= frame.ReservedCorePoints;
            job.ReservedCorePoints -= frame.ReservedCorePoints;
            frame.ExitStatus = result.ExitStatus;
            frame.ExitSignal = result.ExitSignal;
            frame.MaxRssKb = Math.Max(frame.MaxRssKb, result.MaxRssKb);
            frame.StopTime = Now();
            var runSeconds = Math.Max(0, frame.StopTime - frame.StartTime);
            layer.TotalRunSeconds += runSeconds;
            layer.TotalCoreSeconds += runSeconds * frame.ReservedCorePoints / 100;
            layer.MaxRssKb = Math.Max(layer.MaxRssKb, frame.MaxRssKb);

            if (_stopping.IsCancellationRequested)
            {
                // Stopped with the scheduler: no end-of-frame rule; it runs again at the next start.
                frame.PendingState = null;
                frame.ExitStatus = 299;
                SetFrameState(frame, PbJob.FrameState.Waiting);
                _telemetry.FrameEnded(null, runSeconds);
                return;
            }

            var state = NextState(frame, job, result, runSeconds);
            SetFrameState(frame, state);
            _telemetry.FrameEnded(frame.State, runSeconds);
            SchedulerLog.FrameEnded(_logger, frame.Name, job.Name, result.ExitStatus, result.ExitSignal, frame.State);
            if (frame.State == PbJob.FrameState.Succeeded || (frame.State == PbJob.FrameState.Eaten && !_options.SatisfyOnlyOnFrameSuccess))
            {
                OnFrameDone(frame);
            }
            else if (frame.State == PbJob.FrameState.Eaten)
            {
                CheckJobComplete(job);
            }

            _dispatchNeeded = true;
        }

        // The freed slot is booked here rather than by waking the dispatch loop: one thread hop less
        // between a frame's end and the next start.
        try
        {
            DispatchOnce(startOneInline: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SchedulerLog.DispatchFailed(_logger, e);
            lock (_gate)
            {
                Wake();
            }
        }
    }

    /// <summary>Cuebot's <c>determineFrameState</c>, first match wins (facts 6.2).</summary>
    private PbJob.FrameState NextState(CueFrame frame, CueJob job, FrameRunResult result, long runSeconds)
    {
        if (frame.PendingState is PbJob.FrameState pending)
        {
            frame.PendingState = null;
            return pending;
        }

        var exit = result.ExitStatus;
        var signal = result.ExitSignal;
        if (exit == 0 && signal == 0)
        {
            return PbJob.FrameState.Succeeded;
        }

        if (exit == 286 || (signal == 119 && job.MaxRetries != 0))
        {
            return PbJob.FrameState.Waiting;
        }

        if (exit == 256 || signal == 256 || result.FailedToLaunch)
        {
            // RQD waits 10 s before reporting a failed launch; here the frame waits before it is tried
            // again, and after a few failures in a row it dies instead of being launched forever.
            frame.FailedLaunches++;
            if (frame.FailedLaunches > _options.MaxFailedLaunches)
            {
                NoteInLog(job, frame, "LocalCue: the frame could not be launched " + frame.FailedLaunches + " times in a row (" + result.KillMessage + "); it is marked dead.");
                return PbJob.FrameState.Dead;
            }

            frame.NotBefore = _clock.GetUtcNow() + _options.FailedLaunchDelay;
            return PbJob.FrameState.Waiting;
        }

        frame.FailedLaunches = 0;

        if (job.AutoEat)
        {
            return PbJob.FrameState.Eaten;
        }

        if (result.LluTimedOut || result.TimedOut || runSeconds > FrameTimeNoRetrySeconds)
        {
            return PbJob.FrameState.Dead;
        }

        var memoryFailure = exit == 33 || signal == 33 || exit == 137;
        if (memoryFailure)
        {
            frame.MemoryRetries++;
            if (frame.MemoryRetries > _options.MaxMemoryRetries)
            {
                NoteInLog(job, frame, "LocalCue: memory failure (exit " + exit + ") " + frame.MemoryRetries + " times. Cuebot would retry with more memory; " +
                    "one machine cannot give more, so the frame is marked dead after " + _options.MaxMemoryRetries + " memory retries.");
                return PbJob.FrameState.Dead;
            }

            NoteInLog(job, frame, "LocalCue: memory failure (exit " + exit + "); retrying (" + frame.MemoryRetries + " of at most " + _options.MaxMemoryRetries +
                " memory retries on this machine).");
            return PbJob.FrameState.Waiting;
        }

        return frame.RetryCount >= job.MaxRetries ? PbJob.FrameState.Dead : PbJob.FrameState.Waiting;
    }

    /// <summary>A job is complete when no frame is waiting, running, dead or held: it finishes, its job depends are satisfied, its post job starts.</summary>
    private void CheckJobComplete(CueJob job)
    {
        if (job.State != PbJob.JobState.Pending || job.Counts.Unfinished != 0)
        {
            return;
        }

        Finish(job);
    }

    private void Finish(CueJob job)
    {
        job.State = PbJob.JobState.Finished;
        job.StopTime = Now();
        _active.Remove(job);
        _store.Update(job);
        SchedulerLog.JobFinished(_logger, job.Name);
        foreach (var depend in Get(job.DependsOnThis))
        {
            Satisfy(depend);
        }

        if (job.PostJobId != null && _jobs.TryGetValue(job.PostJobId, out var post) && post.State == PbJob.JobState.Posted)
        {
            post.State = PbJob.JobState.Pending;
            post.StartTime = Now();
            _store.Update(post);
            SchedulerLog.PostJobStarts(_logger, post.Name);
            CheckJobComplete(post);
        }

        Wake();
    }

    private void NoteInLog(CueJob job, CueFrame frame, string message)
    {
        SchedulerLog.FrameNote(_logger, frame.Name, job.Name, message);
        try
        {
            var path = FrameLog.PathIn(job.LogDirectory, FrameLog.FileName(job.Name, frame.Name));
            if (File.Exists(path))
            {
                File.AppendAllText(path, message + Environment.NewLine);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            SchedulerLog.FrameLogNotWritten(_logger, e, frame.Name);
        }
    }
}
