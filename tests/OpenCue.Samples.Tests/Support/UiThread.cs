using System.Collections.Concurrent;

namespace OpenCue.Samples.Tests.Support;

/// <summary>
/// A DCC's UI thread in miniature: one thread with a <see cref="SynchronizationContext"/> that runs
/// every posted continuation on that thread, one at a time, as WPF's dispatcher or Maya's idle queue
/// do. Code that blocks this thread while awaiting something that resumes on the context deadlocks
/// here exactly as it would in the host.
/// </summary>
internal sealed class UiThread : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
    private int _threadId;

    /// <summary>How many continuations were posted to the context.</summary>
    public int Posted { get; private set; }

    /// <summary>
    /// Runs <paramref name="body"/> on a new UI thread, pumping the context until the task it
    /// returns completes, and returns that task's outcome. A deadlock never completes: the caller
    /// gets a <see cref="TimeoutException"/> after <paramref name="hangGuard"/> instead of a hung run.
    /// </summary>
    public static T Run<T>(Func<T> body, TimeSpan hangGuard)
    {
        var context = new UiThread();
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            context._threadId = Environment.CurrentManagedThreadId;
            SetSynchronizationContext(context);
            try
            {
                result = body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.IsBackground = true;
        thread.Start();
        if (!thread.Join(hangGuard))
        {
            throw new TimeoutException("The UI thread did not finish within " + hangGuard + ": a deadlock (an await resumed on the blocked UI thread's context).");
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("The UI thread's work failed.", failure);
        }

        return result;
    }

    /// <summary>On the UI thread: pumps posted continuations until <paramref name="task"/> completes (an awaiting UI, not a blocked one).</summary>
    public static T Pump<T>(Task<T> task)
    {
        var context = (UiThread)Current!;
        task.ContinueWith(_ => context._queue.Add((_ => { }, null)), TaskScheduler.Default);
        while (!task.IsCompleted)
        {
            var (callback, state) = context._queue.Take();
            callback(state);
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Whether the caller is on this UI thread.</summary>
    public static bool OnUiThread => Current is UiThread ui && ui._threadId == Environment.CurrentManagedThreadId;

    /// <inheritdoc/>
    public override void Post(SendOrPostCallback d, object? state)
    {
        Posted++;
        _queue.Add((d, state));
    }

    /// <inheritdoc/>
    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send would block on the UI thread.");

    /// <inheritdoc/>
    public override SynchronizationContext CreateCopy() => this;
}
