namespace OpenCue.Client;

/// <summary>One thing that happened to a job, as <see cref="CueJob.WatchAsync"/> saw it.</summary>
public sealed class JobEvent
{
    /// <summary>Creates an event (for tests of code that consumes events).</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="job">The job.</param>
    /// <param name="layerName">The layer, for frame and layer events.</param>
    /// <param name="frame">The frame as seen when the event was noticed, for frame events.</param>
    /// <param name="logPath">The frame's log, for frame events.</param>
    public JobEvent(JobEventKind kind, CueJob job, string? layerName = null, CueFrame? frame = null, string? logPath = null)
    {
        Kind = kind;
        Job = job ?? throw new System.ArgumentNullException(nameof(job));
        LayerName = layerName;
        Frame = frame;
        LogPath = logPath;
    }

    /// <summary>What happened.</summary>
    public JobEventKind Kind { get; }

    /// <summary>The job (values as of the watch's last look).</summary>
    public CueJob Job { get; }

    /// <summary>The layer, for frame and layer events; null for job events.</summary>
    public string? LayerName { get; }

    /// <summary>The frame as seen when the event was noticed (its state may have moved on since), for frame events; null otherwise.</summary>
    public CueFrame? Frame { get; }

    /// <summary>Where the frame's latest log is (<see cref="CueJob.GetFrameLogPath"/>), for frame events; null otherwise.</summary>
    public string? LogPath { get; }

    /// <inheritdoc />
    public override string ToString() => Kind + " " + (Frame?.Name ?? LayerName ?? Job.Name) +
        (Kind == JobEventKind.FrameDied && Frame != null ? " (exit " + Frame.ExitStatus + ", log " + LogPath + ")" : string.Empty);
}
