namespace OpenCue.Client;

/// <summary>A job's frame counts and resource totals (<see cref="CueJob.Stats"/>), as of the last fetch.</summary>
public sealed record JobStats
{
    /// <summary>Layers in the job.</summary>
    public int TotalLayers { get; init; }

    /// <summary>Frames (tasks) in all.</summary>
    public int TotalFrames { get; init; }

    /// <summary>Frames waiting to be dispatched.</summary>
    public int WaitingFrames { get; init; }

    /// <summary>Frames running.</summary>
    public int RunningFrames { get; init; }

    /// <summary>Frames dead (out of retries).</summary>
    public int DeadFrames { get; init; }

    /// <summary>Frames eaten.</summary>
    public int EatenFrames { get; init; }

    /// <summary>Frames held by depends.</summary>
    public int DependFrames { get; init; }

    /// <summary>Frames succeeded.</summary>
    public int SucceededFrames { get; init; }

    /// <summary>Frames waiting or held by depends.</summary>
    public int PendingFrames { get; init; }

    /// <summary>Average run time of the succeeded frames, in seconds.</summary>
    public int AverageFrameSeconds { get; init; }

    /// <summary>Longest run time of a succeeded frame, in seconds.</summary>
    public int HighFrameSeconds { get; init; }

    /// <summary>Average core time of the succeeded frames, in core-seconds.</summary>
    public int AverageCoreSeconds { get; init; }

    /// <summary>Runs that succeeded, retries included.</summary>
    public long RenderedFrameCount { get; init; }

    /// <summary>Runs that failed, retries included.</summary>
    public long FailedFrameCount { get; init; }

    /// <summary>Estimated core time still to run, in core-seconds.</summary>
    public long RemainingCoreSeconds { get; init; }

    /// <summary>Core time used by every run, in core-seconds.</summary>
    public long TotalCoreSeconds { get; init; }

    /// <summary>Core time used by runs that succeeded, in core-seconds.</summary>
    public long RenderedCoreSeconds { get; init; }

    /// <summary>Core time used by runs that failed, in core-seconds.</summary>
    public long FailedCoreSeconds { get; init; }

    /// <summary>Peak resident memory of a frame, in KB.</summary>
    public long MaxRss { get; init; }

    /// <summary>Cores reserved by running frames now.</summary>
    public double ReservedCores { get; init; }

    /// <summary>GPU time used by every run, in GPU-seconds.</summary>
    public long TotalGpuSeconds { get; init; }

    /// <summary>GPU time used by runs that succeeded, in GPU-seconds.</summary>
    public long RenderedGpuSeconds { get; init; }

    /// <summary>GPU time used by runs that failed, in GPU-seconds.</summary>
    public long FailedGpuSeconds { get; init; }

    /// <summary>GPUs reserved by running frames now.</summary>
    public double ReservedGpus { get; init; }

    /// <summary>Peak GPU memory of a frame, in KB.</summary>
    public long MaxGpuMemory { get; init; }

    /// <summary>Peak proportional set size of a frame, in KB.</summary>
    public long MaxPss { get; init; }
}
