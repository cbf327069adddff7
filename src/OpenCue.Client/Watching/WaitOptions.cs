using System;

namespace OpenCue.Client;

/// <summary>How <see cref="CueJob.WaitAsync(WaitOptions, System.Threading.CancellationToken)"/> and <see cref="CueJob.WatchAsync"/> follow a job.</summary>
public sealed class WaitOptions
{
    /// <summary>The default time between looks at the job, 5 s (PyOutline's wait period).</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Stop waiting with a <see cref="FrameDiedException"/> at the first dead frame (a dead frame keeps
    /// the job pending for ever, so without this a wait on it never ends). Default false.
    /// </summary>
    public bool FailOnDead { get; set; }

    /// <summary>Give up with a <see cref="JobWaitTimeoutException"/> after this long; null waits for ever. The job goes on running.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Time between looks at the job.</summary>
    public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>
    /// How long the server may stay unreachable before the wait ends with a
    /// <see cref="CueServerLostException"/> (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: never);
    /// shorter outages are logged and survived.
    /// </summary>
    public TimeSpan ServerLostTimeout { get; set; } = LaunchOptions.DefaultServerLostTimeout;

    /// <summary>Receives the job's progress after each look, if set.</summary>
    public IProgress<JobProgress>? Progress { get; set; }

    internal void Validate()
    {
        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("WaitOptions.PollInterval must be positive (was " + PollInterval + ").");
        }

        if (Timeout is TimeSpan limit && limit <= TimeSpan.Zero)
        {
            throw new ArgumentException("WaitOptions.Timeout must be positive when set (was " + limit + ").");
        }
    }
}
