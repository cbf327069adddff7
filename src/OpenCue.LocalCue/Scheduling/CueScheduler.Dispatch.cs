using System;
using System.Collections.Generic;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Running;
using OpenCue.Outline;
using PbJob = OpenCue.Proto.Job;

namespace OpenCue.LocalCue.Scheduling
{
    /// <summary>
    /// Booking: jobs by priority then launch order; inside a job, frames by position then layer
    /// order; each frame needs its layer's min cores and memory free, within layer and job max cores.
    /// </summary>
    internal sealed partial class CueScheduler
    {
        /// <summary>Exit statuses after which a start does not count as a retry (Cuebot).</summary>
        private static readonly HashSet<int> NotARetry = new() { -1, 286, 256, 299, 301, 302, 399 };

        private void DispatchOnce()
        {
            var starts = new List<(CueFrame Frame, FrameRunRequest Request)>();
            lock (_gate)
            {
                if (!_dispatchNeeded)
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
                    var layersWaiting = job.Layers.Count(l => l.Counts[PbJob.FrameState.Waiting] > 0);
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
                            _logger.LogWarning("Frame {Frame} of {Job} asks for {Cores} cores and {Memory} MB, more than this machine has; running it alone",
                                frame.Name, job.Name, points / 100.0, memory / 1024);
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
                        starts.Add((frame, Reserve(frame, points, memory)));
                    }

                    if (drain || freePoints < CueUnits.CorePointsReservedMin)
                    {
                        break;
                    }
                }
            }

            foreach (var (frame, request) in starts)
            {
                var run = _runner.Start(request);
                string? kill;
                lock (_gate)
                {
                    frame.Running = run;
                    kill = frame.PendingKill;
                    frame.PendingKill = null;
                }

                if (kill != null)
                {
                    run.Kill(kill);
                }

                var continuation = run.Completion.ContinueWith(t => Completed(frame, run, t), System.Threading.Tasks.TaskScheduler.Default);
                _completions[frame] = continuation;
                _ = continuation.ContinueWith(_ => _completions.TryRemove(new KeyValuePair<CueFrame, System.Threading.Tasks.Task>(frame, continuation)), System.Threading.Tasks.TaskScheduler.Default);
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
            frame.StartTime = Now();
            frame.StopTime = 0;
            frame.LastResource = _options.HostName + "/" + (points / 100.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "/0";
            _reservedCorePoints += points;
            _reservedMemoryKb += memoryKb;
            layer.ReservedCorePoints += points;
            job.ReservedCorePoints += points;
            _running.Add(frame);
            SetFrameState(frame, PbJob.FrameState.Running);

            var env = new List<KeyValuePair<string, string>>(job.Definition.Env);
            env.AddRange(layer.Definition.Env);
            var parent = job.ParentJobId is null ? null : _jobs[job.ParentJobId];
            return new FrameRunRequest
            {
                JobId = job.Id, JobName = job.Name, LayerId = layer.Id, LayerName = layer.Name, FrameId = frame.Id, FrameName = frame.Name,
                FrameNumber = frame.Number, Command = layer.Definition.Command, LayerRange = layer.Definition.Range, Chunk = layer.Definition.Chunk,
                Show = job.Definition.Show, Shot = job.Definition.Shot, User = job.Definition.User, Env = env,
                ReservedCorePoints = points, ReservedMemoryKb = memoryKb, Threadable = layer.Threadable, LogDirectory = job.LogDirectory,
                TimeoutMinutes = layer.TimeoutMinutes, TimeoutLluMinutes = layer.TimeoutLluMinutes, ParentJobId = parent?.Id, ParentJobName = parent?.Name,
            };
        }
    }
}
