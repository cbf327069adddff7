using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Running;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// Starts the frames the dispatcher reserved, outside the lock, attaches each one's completion, and on stop waits
/// for the ends of what it started.
/// </summary>
internal sealed class FrameStarter
{
    private readonly object _gate;
    private readonly IFrameRunner _runner;
    private readonly ILogger _logger;
    private readonly Action<CueFrame, IRunningFrame, Task<FrameRunResult>> _completed;
    private readonly CancellationToken _stopping;
    private readonly ConcurrentDictionary<CueFrame, Task> _completions = new();

    public FrameStarter(object gate, IFrameRunner runner, ILogger logger, Action<CueFrame, IRunningFrame, Task<FrameRunResult>> completed, CancellationToken stopping)
    {
        _gate = gate;
        _runner = runner;
        _logger = logger;
        _completed = completed;
        _stopping = stopping;
    }

    /// <summary>Kills the frames still running (they go back to waiting) and waits for the ends of every start.</summary>
    /// <param name="running">The frames running when the scheduler stopped.</param>
    public async Task StopAsync(IReadOnlyList<CueFrame> running)
    {
        foreach (var frame in running)
        {
            frame.Running?.Kill("local scheduler stopping");
        }

        try
        {
            await Task.WhenAll(_completions.Values).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            SchedulerLog.FramesNotStopped(_logger, _completions.Count);
        }
    }

    /// <summary>
    /// The start of a frame just reserved (RUNNING, resources booked), not yet running: registered, under the
    /// lock, where StopAsync waits for it. A kill asked for before the process handle is attached waits in
    /// PendingKill; the completion is attached only after that bookkeeping.
    /// </summary>
    public Task<Task> Prepare(CueFrame frame, FrameRunRequest request)
    {
        Task? whole = null;
        var start = new Task<Task>(() => StartFrame(frame, request, () => _completions.TryRemove(new KeyValuePair<CueFrame, Task>(frame, whole!))));
        whole = start.Unwrap();
        _completions[frame] = whole;
        return start;
    }

    /// <summary>Starts a reserved frame and attaches its completion; the returned task ends when the completion has run.</summary>
    /// <param name="frame">The frame, reserved.</param>
    /// <param name="request">What to run.</param>
    /// <param name="forget">Takes the start off the list StopAsync waits for, once its completion has been handled.</param>
    private Task StartFrame(CueFrame frame, FrameRunRequest request, Action forget)
    {
        IRunningFrame run;
        if (_stopping.IsCancellationRequested)
        {
            // Stopping: not started at all; the completion puts it back to waiting.
            run = new UnstartedFrame(Task.FromResult(new FrameRunResult { ExitStatus = 299, KillMessage = "local scheduler stopping" }));
        }
        else
        {
            try
            {
                run = _runner.Start(request);
            }
#pragma warning disable CA1031 // A runner that throws is a failed launch of the frame, as RQD reports one.
            catch (Exception e)
#pragma warning restore CA1031
            {
                SchedulerLog.FrameNotStarted(_logger, e, frame.Name, frame.Layer.Job.Name);
                run = new UnstartedFrame(Task.FromException<FrameRunResult>(e));
            }
        }

        string? kill;
        lock (_gate)
        {
            frame.Running = run;
            kill = frame.PendingKill;
            frame.PendingKill = null;

            // StopAsync kills the frames whose handle it sees; one attached after it looked is killed here.
            if (kill is null && _stopping.IsCancellationRequested)
            {
                kill = "local scheduler stopping";
            }
        }

        if (kill != null)
        {
            run.Kill(kill);
        }

        // A frame that ends later is handled on the thread that ends it (no hop); one that has ended already (it
        // could not launch) is handled on the pool, so that a run of failing launches does not recurse.
        var options = run.Completion.IsCompleted ? TaskContinuationOptions.None : TaskContinuationOptions.ExecuteSynchronously;
        return run.Completion.ContinueWith(
            t =>
            {
                try
                {
                    _completed(frame, run, t);
                }
                finally
                {
                    forget();
                }
            },
            CancellationToken.None,
            options,
            TaskScheduler.Default);
    }
}

/// <summary>A frame whose process was never started: its result is already known.</summary>
internal sealed class UnstartedFrame : IRunningFrame
{
    public UnstartedFrame(Task<FrameRunResult> completion) => Completion = completion;

    public int ProcessId => 0;

    public Task<FrameRunResult> Completion { get; }

    public void Kill(string reason)
    {
    }
}
