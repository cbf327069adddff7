using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Running;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// What happens when a frame's process ends: its booking given back, its figures kept, the end-of-frame rules
/// (<see cref="FrameOutcomes"/>) applied, then its dependents and its job; then the freed slot is booked.
/// </summary>
internal sealed class FrameCompletion
{
    private readonly object _gate;
    private readonly CueBook _book;
    private readonly DependEngine _depends;
    private readonly JobLifecycle _jobs;
    private readonly StoreWriter _store;
    private readonly SchedulerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    public FrameCompletion(object gate, CueBook book, DependEngine depends, JobLifecycle jobs, StoreWriter store, SchedulerOptions options, ILogger logger, TimeProvider clock)
    {
        _gate = gate;
        _book = book;
        _depends = depends;
        _jobs = jobs;
        _store = store;
        _options = options;
        _logger = logger;
        _clock = clock;
    }

    /// <summary>The dispatcher whose frames end here (set once, before the first start).</summary>
    public Dispatcher Dispatcher { get; set; } = null!;

    /// <summary>Handles the end of a frame's process (on the thread that ended it).</summary>
    public void Completed(CueFrame frame, IRunningFrame run, Task<FrameRunResult> completion)
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
            Dispatcher.Release(frame);
            frame.ExitStatus = result.ExitStatus;
            frame.ExitSignal = result.ExitSignal;
            frame.MaxRssKb = Math.Max(frame.MaxRssKb, result.MaxRssKb);
            frame.StopTime = _book.Now();
            var runSeconds = Math.Max(0, frame.StopTime - frame.StartTime);
            layer.TotalRunSeconds += runSeconds;
            layer.TotalCoreSeconds += runSeconds * frame.ReservedCorePoints / 100;
            layer.MaxRssKb = Math.Max(layer.MaxRssKb, frame.MaxRssKb);

            if (Dispatcher.IsStopping)
            {
                // Stopped with the scheduler: no end-of-frame rule; it runs again at the next start.
                frame.PendingState = null;
                frame.ExitStatus = 299;
                _book.SetFrameState(frame, PbJob.FrameState.Waiting);
                _options.Telemetry.FrameEnded(null, runSeconds);
                return;
            }

            var outcome = FrameOutcomes.Decide(
                new FrameFacts(frame.PendingState, frame.RetryCount, frame.FailedLaunches, frame.MemoryRetries), job.MaxRetries, job.AutoEat, result, runSeconds, _options);
            frame.PendingState = null;
            frame.FailedLaunches = outcome.FailedLaunches;
            frame.MemoryRetries = outcome.MemoryRetries;
            if (outcome.WaitBeforeRetry)
            {
                frame.NotBefore = _clock.GetUtcNow() + _options.FailedLaunchDelay;
            }

            if (outcome.Note != null)
            {
                NoteInLog(job, frame, outcome.Note);
            }

            _book.SetFrameState(frame, outcome.State);
            _options.Telemetry.FrameEnded(frame.State, runSeconds);
            SchedulerLog.FrameEnded(_logger, frame.Name, job.Name, result.ExitStatus, result.ExitSignal, frame.State);
            if (frame.State == PbJob.FrameState.Succeeded || (frame.State == PbJob.FrameState.Eaten && !_options.SatisfyOnlyOnFrameSuccess))
            {
                _depends.OnFrameDone(frame);
            }

            if (frame.State is PbJob.FrameState.Succeeded or PbJob.FrameState.Eaten)
            {
                _jobs.CheckComplete(job);
            }

            _book.DispatchNeeded = true;
        }

        // The freed slot is booked here rather than by waking the dispatch loop: one thread hop less
        // between a frame's end and the next start.
        try
        {
            Dispatcher.DispatchOnce(startOneInline: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SchedulerLog.DispatchFailed(_logger, e);
            lock (_gate)
            {
                Dispatcher.Wake();
            }
        }
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
