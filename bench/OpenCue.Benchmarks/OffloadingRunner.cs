using System;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.LocalCue.Running;

namespace OpenCue.Benchmarks;

/// <summary>
/// Experiment (<c>--scheduler dispatch --offload</c>): returns from <see cref="IFrameRunner.Start"/> at
/// once and starts the frame on the thread pool, so the scheduler's dispatch thread no longer waits
/// for each process to be spawned. Shows what moving the start off that thread would gain.
/// </summary>
internal sealed class OffloadingRunner : IFrameRunner
{
    private readonly IFrameRunner _inner;

    public OffloadingRunner(IFrameRunner inner) => _inner = inner;

    public IRunningFrame Start(FrameRunRequest request)
    {
        var proxy = new Proxy();
        _ = Task.Run(() => proxy.Attach(_inner.Start(request)));
        return proxy;
    }

    private sealed class Proxy : IRunningFrame
    {
        private readonly TaskCompletionSource<FrameRunResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _gate = new();
        private IRunningFrame? _inner;
        private string? _pendingKill;

        public int ProcessId => Volatile.Read(ref _inner)?.ProcessId ?? 0;

        public Task<FrameRunResult> Completion => _completion.Task;

        public void Kill(string reason)
        {
            IRunningFrame? inner;
            lock (_gate)
            {
                inner = _inner;
                if (inner is null)
                {
                    _pendingKill = reason;
                    return;
                }
            }

            inner.Kill(reason);
        }

        public void Attach(IRunningFrame inner)
        {
            string? kill;
            lock (_gate)
            {
                _inner = inner;
                kill = _pendingKill;
            }

            if (kill != null)
            {
                inner.Kill(kill);
            }

            _ = inner.Completion.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        _completion.TrySetResult(t.Result);
                    }
                    else
                    {
                        _completion.TrySetException(t.Exception?.InnerExceptions ?? (System.Collections.Generic.IEnumerable<Exception>)new[] { new InvalidOperationException("cancelled") });
                    }
                },
                TaskScheduler.Default);
        }
    }
}
