using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// Samples the memory of every running frame of a runner often (<see cref="FrameRunnerOptions.RssSampleInterval"/>),
/// so a running frame has a current use and its peak rises as it runs. A pass walks each frame's own process
/// tree (<see cref="ProcessGroupStats.TrySampleTree"/>: O(its processes), not O(every process on the machine));
/// frames whose tree cannot be walked are found by one scan of <c>/proc</c> (<see cref="ProcessGroupStats.ScanSessions"/>).
/// A frame that starts brings the next pass forward to a tenth of the interval after its start, so a short
/// frame is seen once early. The timer runs only while frames are registered. The peak of a frame's
/// processes that ended between passes comes from the kernel when the frame is reaped (<see cref="RunningFrame"/>).
/// </summary>
internal sealed class FrameSampler : IDisposable
{
    private readonly object _gate = new object();
    private readonly Dictionary<int, RunningFrame> _frames = new Dictionary<int, RunningFrame>();
    private readonly Dictionary<int, SessionSample> _samples = new Dictionary<int, SessionSample>();
    private readonly Dictionary<int, SessionSample> _unwalked = new Dictionary<int, SessionSample>();
    private readonly List<int> _sessions = new List<int>();
    private readonly TimeSpan _interval;
    private readonly TimeSpan _early;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private byte[] _buffer = new byte[4096];
    private int _sampling;
    private bool _disposed;

    // Guarded by _gate: when the next pass is due (TimeProvider timestamp).
    private long _nextPass;

    internal FrameSampler(TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _interval = interval;
        _early = interval / 10;
        _time = time;
        _logger = logger;
        _timer = time.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Samples <paramref name="frame"/> from the next tick on.</summary>
    /// <param name="sessionId">Its session id (the leader's pid).</param>
    /// <param name="frame">The frame.</param>
    internal void Register(int sessionId, RunningFrame frame)
    {
        lock (_gate)
        {
            if (_disposed || sessionId <= 0)
            {
                return;
            }

            _frames[sessionId] = frame;

            // Never pushed back: frames that start more often than the early delay do not starve the passes.
            long now = _time.GetTimestamp();
            long early = now + (long)(_early.TotalSeconds * _time.TimestampFrequency);
            if (_frames.Count == 1 || early < _nextPass)
            {
                _nextPass = early;
                _timer.Change(_early, _interval);
            }
        }
    }

    /// <summary>Stops sampling a frame (its leader has exited).</summary>
    /// <param name="sessionId">Its session id.</param>
    internal void Unregister(int sessionId)
    {
        lock (_gate)
        {
            _frames.Remove(sessionId);
            if (_frames.Count == 0 && !_disposed)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Stops the timer.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _frames.Clear();
        }

        _timer.Dispose();
    }

    /// <summary>One pass for every registered frame (also called by tests).</summary>
    internal void Tick()
    {
        // A tick that comes while the previous one still runs is skipped.
        if (Interlocked.Exchange(ref _sampling, 1) != 0)
        {
            return;
        }

        try
        {
            lock (_gate)
            {
                _nextPass = _time.GetTimestamp() + (long)(_interval.TotalSeconds * _time.TimestampFrequency);
                _samples.Clear();
                foreach (var frame in _frames)
                {
                    _samples[frame.Key] = default;
                }
            }

            if (_samples.Count == 0)
            {
                return;
            }

            _unwalked.Clear();
            _sessions.Clear();
            _sessions.AddRange(_samples.Keys);
            foreach (int session in _sessions)
            {
                if (ProcessGroupStats.TrySampleTree(session, ref _buffer, out SessionSample sample))
                {
                    _samples[session] = sample;
                }
                else if (!ProcessGroupStats.CanWalkTrees)
                {
                    _unwalked[session] = default;
                }

                // Otherwise its leader has just ended: the frame's figures come from its reaping.
            }

            if (_unwalked.Count > 0)
            {
                ProcessGroupStats.ScanSessions(_unwalked, ref _buffer);
                foreach (var sample in _unwalked)
                {
                    _samples[sample.Key] = sample.Value;
                }
            }

            lock (_gate)
            {
                foreach (var sample in _samples)
                {
                    // A frame that ended during the pass is not updated.
                    if (sample.Value.Processes > 0 && _frames.TryGetValue(sample.Key, out RunningFrame? frame))
                    {
                        frame.Record(sample.Value);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            RunnerLog.ScanFailed(_logger, e);
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }
}
