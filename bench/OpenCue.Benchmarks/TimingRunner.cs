using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.LocalCue.Running;

namespace OpenCue.Benchmarks;

/// <summary>
/// Wraps a runner and times it: how long <see cref="IFrameRunner.Start"/> takes (on the pool threads
/// that start frames; it used to hold the scheduler's dispatch thread), and how long a frame takes
/// from Start to its completion.
/// </summary>
internal sealed class TimingRunner : IFrameRunner
{
    private readonly IFrameRunner _inner;
    private long _starts;
    private long _startTicks;
    private long _lifeTicks;
    private long _maxConcurrent;
    private long _running;

    public TimingRunner(IFrameRunner inner) => _inner = inner;

    public long Starts => Interlocked.Read(ref _starts);

    public double StartMs => Interlocked.Read(ref _startTicks) * 1000.0 / Stopwatch.Frequency;

    public double LifeMs => Interlocked.Read(ref _lifeTicks) * 1000.0 / Stopwatch.Frequency;

    public long MaxConcurrent => Interlocked.Read(ref _maxConcurrent);

    public IRunningFrame Start(FrameRunRequest request)
    {
        var begin = Stopwatch.GetTimestamp();
        var running = Interlocked.Increment(ref _running);
        long max;
        while (running > (max = Interlocked.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, running, max) != max)
        {
        }

        var frame = _inner.Start(request);
        Interlocked.Add(ref _startTicks, Stopwatch.GetTimestamp() - begin);
        Interlocked.Increment(ref _starts);
        _ = frame.Completion.ContinueWith(
            _ =>
            {
                Interlocked.Add(ref _lifeTicks, Stopwatch.GetTimestamp() - begin);
                Interlocked.Decrement(ref _running);
            },
            TaskScheduler.Default);
        return frame;
    }
}
