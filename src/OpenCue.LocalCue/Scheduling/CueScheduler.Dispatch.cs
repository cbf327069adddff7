using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.LocalCue.Running;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// Booking: jobs by priority then launch order; inside a job, frames by position then layer
/// order; each frame needs its layer's min cores and memory free, within layer and job max cores.
/// </summary>
internal sealed partial class CueScheduler
{
    /// <summary>Exit statuses after which a start does not count as a retry (Cuebot).</summary>
    private static readonly HashSet<int> NotARetry = new() { -1, 286, 256, 299, 301, 302, 399 };

    /// <summary>Books what fits and starts it (the loop calls it on every wake-up, a completion for its freed slot).</summary>
    /// <param name="startOneInline">Start one frame on this thread (a completion's pool thread) instead of queueing every start.</param>
    private void DispatchOnce(bool startOneInline = false)
    {
        var starts = new List<Task<Task>>();
        try
        {
            lock (_gate)
            {
                if (!_dispatchNeeded || _stopping.IsCancellationRequested)
                {
                    return;
                }

                _dispatchNeeded = false;
                var now = _clock.GetUtcNow();
                var drain = false;
                var freePoints = CapacityCorePoints - _reservedCorePoints;
                var freeMemory = CapacityMemoryKb - _reservedMemoryKb;
                foreach (var job in _active)
                {
                    if (job.State != PbJob.JobState.Pending || job.Paused || job.Waiting.Count == 0)
                    {
                        continue;
                    }

                    var chosen = new List<(CueFrame Frame, int Points, long Memory)>();
                    var blocked = new HashSet<CueLayer>();
                    var jobPoints = job.ReservedCorePoints;
                    var layerPoints = new Dictionary<CueLayer, int>();
                    if (job.LayersWaiting < 0)
                    {
                        // Counted once; SetFrameState keeps it from then on.
                        job.LayersWaiting = job.Layers.Count(l => l.Counts[PbJob.FrameState.Waiting] > 0);
                    }

                    Debug.Assert(job.LayersWaiting == job.Layers.Count(l => l.Counts[PbJob.FrameState.Waiting] > 0), "LayersWaiting out of step");
                    var layersWaiting = job.LayersWaiting;
                    foreach (var frame in job.Waiting)
                    {
                        var layer = frame.Layer;
                        if (blocked.Contains(layer))
                        {
                            continue;
                        }

                        if (frame.NotBefore > now)
                        {
                            _dispatchNeeded = true;
                            continue;
                        }

                        var idle = _running.Count == 0 && starts.Count == 0 && chosen.Count == 0;
                        var (points, memory) = Need(layer, idle);
                        layerPoints.TryGetValue(layer, out var addedToLayer);
                        var fits = points > 0 &&
                            points <= freePoints && memory <= freeMemory &&
                            (layer.MaxCorePoints <= 0 || layer.ReservedCorePoints + addedToLayer + points <= Math.Max(layer.MaxCorePoints, points)) &&
                            (job.MaxCorePoints <= 0 || jobPoints + points <= Math.Max(job.MaxCorePoints, points));
                        if (!fits && idle && (points > CapacityCorePoints || memory > CapacityMemoryKb))
                        {
                            // Asks for more than the whole machine: run it alone rather than never.
                            SchedulerLog.FrameTooLarge(_logger, frame.Name, job.Name, points / 100.0, memory / 1024);
                            points = Math.Min(points, CapacityCorePoints);
                            memory = Math.Min(memory, CapacityMemoryKb);
                            fits = true;
                        }

                        if (!fits && (points > CapacityCorePoints || memory > CapacityMemoryKb || points == 0))
                        {
                            // Needs the whole machine (or more): book nothing else until it is idle, so the frame
                            // runs instead of waiting behind a stream of smaller work.
                            drain = true;
                            break;
                        }

                        if (!fits)
                        {
                            blocked.Add(layer);
                            if (blocked.Count >= layersWaiting)
                            {
                                break;
                            }

                            continue;
                        }

                        chosen.Add((frame, points, memory));
                        freePoints -= points;
                        freeMemory -= memory;
                        jobPoints += points;
                        layerPoints[layer] = addedToLayer + points;
                        if (freePoints < CueUnits.CorePointsReservedMin)
                        {
                            break;
                        }
                    }

                    foreach (var (frame, points, memory) in chosen)
                    {
                        starts.Add(PrepareStart(frame, Reserve(frame, points, memory)));
                    }

                    if (drain || freePoints < CueUnits.CorePointsReservedMin)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            // Spawning a process takes a millisecond or more: the loop queues every start to the thread pool
            // rather than serialising them; a completion starts one frame itself and queues the rest. What
            // was reserved starts even when booking failed part way.
            for (var i = 0; i < starts.Count; i++)
            {
                if (startOneInline && i == starts.Count - 1)
                {
                    starts[i].RunSynchronously(TaskScheduler.Default);
                }
                else
                {
                    starts[i].Start(TaskScheduler.Default);
                }
            }
        }
    }

    /// <summary>
    /// The start of a frame just reserved (RUNNING, resources booked), not yet running: registered, under the
    /// lock, where DisposeAsync waits for it. A kill asked for before the process handle is attached waits in
    /// PendingKill; the completion is attached only after that bookkeeping.
    /// </summary>
    private Task<Task> PrepareStart(CueFrame frame, FrameRunRequest request)
    {
        Task? whole = null;
        var start = new Task<Task>(() => StartFrame(frame, request, () => _completions.TryRemove(new KeyValuePair<CueFrame, Task>(frame, whole!))));
        whole = start.Unwrap();
        _completions[frame] = whole;
        return start;
    }

    /// <summary>Starts a reserved frame and attaches its completion; the returned task ends when <see cref="Completed"/> has run.</summary>
    /// <param name="frame">The frame, reserved.</param>
    /// <param name="request">What to run.</param>
    /// <param name="forget">Takes the start off the list DisposeAsync waits for, once its completion has been handled.</param>
    private Task StartFrame(CueFrame frame, FrameRunRequest request, Action forget)
    {
        IRunningFrame run;
        if (_stopping.IsCancellationRequested)
        {
            // Stopping: not started at all; Completed puts it back to waiting.
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

            // DisposeAsync kills the frames whose handle it sees; one attached after it looked is killed here.
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
                    Completed(frame, run, t);
                }
                finally
                {
                    forget();
                }
            },
            System.Threading.CancellationToken.None,
            options,
            TaskScheduler.Default);
    }

    /// <summary>Core points and memory a frame of the layer books; points 0 when it cannot start now.</summary>
    private (int Points, long MemoryKb) Need(CueLayer layer, bool idle)
    {
        var min = layer.MinCorePoints;
        int points;
        if (min > 0)
        {
            points = Math.Max(min, CueUnits.CorePointsReservedMin);
        }
        else if (min == 0)
        {
            // Zero books the whole host, only when it is idle.
            points = idle ? CapacityCorePoints : 0;
        }
        else
        {
            points = idle ? Math.Max(CueUnits.CorePointsReservedMin, CapacityCorePoints + min) : 0;
        }

        return (points, Math.Max(0, layer.MinMemoryKb));
    }

    private FrameRunRequest Reserve(CueFrame frame, int points, long memoryKb)
    {
        var layer = frame.Layer;
        var job = layer.Job;
        if (!NotARetry.Contains(frame.ExitStatus))
        {
            frame.RetryCount++;
        }

        frame.ReservedCorePoints = points;
        frame.ReservedMemoryKb = memoryKb;
        frame.StartTime = Now();
        frame.StopTime = 0;
        frame.LastResource = _options.HostName + "/" + (points / 100.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "/0";
        _reservedCorePoints += points;
        _reservedMemoryKb += memoryKb;
        layer.ReservedCorePoints += points;
        job.ReservedCorePoints += points;
        _running.Add(frame);
        SetFrameState(frame, PbJob.FrameState.Running);
        _telemetry.FrameStarted();

        var env = new List<KeyValuePair<string, string>>(job.Definition.Env);
        env.AddRange(layer.Definition.Env);
        var parent = job.ParentJobId is null ? null : _jobs[job.ParentJobId];
        return new FrameRunRequest
        {
            JobId = job.Id, JobName = job.Name, LayerId = layer.Id, LayerName = layer.Name, FrameId = frame.Id, FrameName = frame.Name,
            FrameNumber = frame.Number, Command = layer.Definition.Command, LayerRange = layer.Definition.Range, ParsedLayerRange = layer.Range, Chunk = layer.Definition.Chunk,
            Show = job.Definition.Show, Shot = job.Definition.Shot, User = job.Definition.User, Uid = job.Definition.Uid, Env = env,
            ReservedCorePoints = points, ReservedMemoryKb = memoryKb, Threadable = layer.Threadable, LogDirectory = job.LogDirectory,
            TimeoutMinutes = layer.TimeoutMinutes, TimeoutLluMinutes = layer.TimeoutLluMinutes, ParentJobId = parent?.Id, ParentJobName = parent?.Name,
        };
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
