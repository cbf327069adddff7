using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring;
using OpenCue.LocalCue.Running;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// Books this machine's cores and memory and starts frames: jobs by priority then launch order; inside a job,
/// frames by position then layer order; each frame needs its layer's min cores and memory free, within layer and job
/// max cores. Runs its loop on wake-ups (and every half second); a frame's completion books its freed slot itself.
/// Booking happens under the scheduler's lock, process starts outside it.
/// </summary>
internal sealed class Dispatcher
{
    /// <summary>Exit statuses after which a start does not count as a retry (Cuebot).</summary>
    private static readonly HashSet<int> NotARetry = new() { -1, 286, 256, 299, 301, 302, 399 };

    private readonly object _gate;
    private readonly CueBook _book;
    private readonly SchedulerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly FrameStarter _starter;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<CueFrame> _running = new();
    private Task? _loop;
    private int _reservedCorePoints;
    private long _reservedMemoryKb;

    /// <param name="gate">The scheduler's lock.</param>
    /// <param name="book">The book.</param>
    /// <param name="options">Capacity and host name.</param>
    /// <param name="runner">Starts frames.</param>
    /// <param name="logger">The scheduler's logger.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="completed">Called when a started frame's process ends (on the thread that ends it).</param>
    public Dispatcher(object gate, CueBook book, SchedulerOptions options, IFrameRunner runner, ILogger logger, TimeProvider clock,
        Action<CueFrame, IRunningFrame, Task<FrameRunResult>> completed)
    {
        _gate = gate;
        _book = book;
        _options = options;
        _logger = logger;
        _clock = clock;
        _starter = new FrameStarter(gate, runner, logger, completed, _stopping.Token);
    }

    public int CapacityCorePoints => _options.CapacityCorePoints;

    public long CapacityMemoryKb => _options.CapacityMemoryKb;

    /// <summary>The scheduler is stopping: nothing more starts, and frames that end go back to waiting.</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Frames running now (under the lock).</summary>
    public int RunningCount => _running.Count;

    public void Start() => _loop = Task.Run(() => LoopAsync(_stopping.Token));

    /// <summary>Asks the loop to book (call under the lock).</summary>
    public void Wake()
    {
        _book.DispatchNeeded = true;
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Kills a frame's process, or asks for the kill when its handle is not attached yet (under the lock).</summary>
    public static void Kill(CueFrame frame, string reason)
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

    /// <summary>Gives back what a frame whose process ended had booked (under the lock).</summary>
    public void Release(CueFrame frame)
    {
        _running.Remove(frame);
        frame.Running = null;
        _reservedCorePoints -= frame.ReservedCorePoints;
        _reservedMemoryKb -= frame.ReservedMemoryKb;
        frame.Layer.ReservedCorePoints -= frame.ReservedCorePoints;
        frame.Layer.Job.ReservedCorePoints -= frame.ReservedCorePoints;
    }

    /// <summary>Stops the loop, kills running frames (they go back to waiting) and waits for their ends.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop != null)
        {
            await _loop.ConfigureAwait(false);
        }

        List<CueFrame> running;
        lock (_gate)
        {
            running = _running.ToList();
        }

        await _starter.StopAsync(running).ConfigureAwait(false);
        _stopping.Dispose();
        _wake.Dispose();
    }

    /// <summary>Books what fits and starts it (the loop calls it on every wake-up, a completion for its freed slot).</summary>
    /// <param name="startOneInline">Start one frame on this thread (a completion's pool thread) instead of queueing every start.</param>
    public void DispatchOnce(bool startOneInline = false)
    {
        var starts = new List<Task<Task>>();
        try
        {
            lock (_gate)
            {
                if (!_book.DispatchNeeded || _stopping.IsCancellationRequested)
                {
                    return;
                }

                _book.DispatchNeeded = false;
                var now = _clock.GetUtcNow();
                var drain = false;
                var freePoints = CapacityCorePoints - _reservedCorePoints;
                var freeMemory = CapacityMemoryKb - _reservedMemoryKb;
                foreach (var job in _book.Active)
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
                        // Counted once; the book's SetFrameState keeps it from then on.
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
                            _book.DispatchNeeded = true;
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
                        starts.Add(_starter.Prepare(frame, Reserve(frame, points, memory)));
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

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(500), stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                DispatchOnce();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SchedulerLog.DispatchFailed(_logger, e);
            }
        }
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
        frame.StartTime = _book.Now();
        frame.StopTime = 0;
        frame.LastResource = _options.HostName + "/" + (points / 100.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "/0";
        _reservedCorePoints += points;
        _reservedMemoryKb += memoryKb;
        layer.ReservedCorePoints += points;
        job.ReservedCorePoints += points;
        _running.Add(frame);
        _book.SetFrameState(frame, PbJob.FrameState.Running);
        _options.Telemetry.FrameStarted();

        var env = new List<KeyValuePair<string, string>>(job.Definition.Env);
        env.AddRange(layer.Definition.Env);
        var parent = job.ParentJobId is null ? null : _book.Jobs[job.ParentJobId];
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
