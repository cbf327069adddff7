using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.Running;

/// <summary>
/// Samples the memory of every running frame of a runner often (<see cref="FrameRunnerOptions.RssSampleInterval"/>),
/// with one pass over <c>/proc</c> per tick for all of them (<see cref="ProcessGroupStats.ScanSessions"/>), so
/// a frame of a few seconds has a peak and a running frame a current use. The timer runs only while
/// frames are registered.
/// </summary>
internal sealed class FrameSampler : IDisposable
{
    private readonly object _gate = new object();
    private readonly Dictionary<int, RunningFrame> _frames = new Dictionary<int, RunningFrame>();
    private readonly Dictionary<int, SessionSample> _samples = new Dictionary<int, SessionSample>();
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private byte[] _buffer = new byte[4096];
    private int _sampling;
    private bool _disposed;

    internal FrameSampler(TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _interval = interval;
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
            if (_frames.Count == 1)
            {
                _timer.Change(_interval, _interval);
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

            ProcessGroupStats.ScanSessions(_samples, ref _buffer);
            lock (_gate)
            {
                foreach (var sample in _samples)
                {
                    // A frame that ended during the pass is not updated.
                    if (_frames.TryGetValue(sample.Key, out RunningFrame? frame))
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
