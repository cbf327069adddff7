using System;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.LocalCue.Running;

namespace OpenCue.Benchmarks;

/// <summary>A frame runner whose frames end at once with exit 0: what is left is the scheduler's own work.</summary>
internal sealed class NoOpRunner : IFrameRunner
{
    private long _started;

    /// <summary>Frames started so far.</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <inheritdoc />
    public IRunningFrame Start(FrameRunRequest request)
    {
        Interlocked.Increment(ref _started);
        return new Done();
    }

    private sealed class Done : IRunningFrame
    {
        private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

        public int ProcessId => 0;

        public Task<FrameRunResult> Completion { get; } = Task.FromResult(new FrameRunResult { ExitStatus = 0, StartTime = Epoch, StopTime = Epoch });

        public void Kill(string reason)
        {
        }
    }
}
