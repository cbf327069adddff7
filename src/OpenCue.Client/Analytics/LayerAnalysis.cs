using System;

namespace OpenCue.Client;

/// <summary>One layer's figures in the tutorial's pipeline analysis.</summary>
public sealed class LayerAnalysis
{
    /// <summary>The layer name.</summary>
    public string Layer { get; init; } = string.Empty;

    /// <summary>Frames (tasks) in the layer.</summary>
    public int TotalFrames { get; init; }

    /// <summary>Run time summed over the frames that ran, divided by all frames (as the tutorial computes it).</summary>
    public TimeSpan AverageRuntime { get; init; }

    /// <summary>Frames in state DEAD.</summary>
    public int FailedFrames { get; init; }

    /// <summary>Frames succeeded so far.</summary>
    public int SucceededFrames { get; init; }

    /// <summary>(total - failed) / total, in percent.</summary>
    public double SuccessRate => TotalFrames == 0 ? 0 : (TotalFrames - FailedFrames) * 100.0 / TotalFrames;

    /// <summary>Cores the frames ran with, averaged over the frames that ran.</summary>
    public double AverageCoresUsed { get; init; }

    /// <summary>Memory used (peak resident set), averaged over the frames that ran, in MB.</summary>
    public double AverageMemoryUsedMb { get; init; }
}
