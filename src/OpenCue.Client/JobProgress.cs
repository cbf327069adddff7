using System;
using System.Collections.Generic;

namespace OpenCue.Client;

/// <summary>A job's state at one poll of wait or test mode.</summary>
public sealed class JobProgress
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="state">The job state.</param>
    /// <param name="stats">Job-wide counts.</param>
    /// <param name="layers">Per-layer counts, in dispatch order.</param>
    /// <param name="elapsed">Time since waiting began.</param>
    public JobProgress(string jobName, JobState state, JobStats stats, IReadOnlyList<LayerProgress> layers, TimeSpan elapsed)
    {
        JobName = jobName;
        State = state;
        Stats = stats;
        Layers = layers;
        Elapsed = elapsed;
    }

    /// <summary>The job name.</summary>
    public string JobName { get; }

    /// <summary>The job state.</summary>
    public JobState State { get; }

    /// <summary>Job-wide counts.</summary>
    public JobStats Stats { get; }

    /// <summary>Per-layer counts.</summary>
    public IReadOnlyList<LayerProgress> Layers { get; }

    /// <summary>Time since waiting began.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Frames done (succeeded or eaten) out of all.</summary>
    public int Done => Stats.SucceededFrames + Stats.EatenFrames;

    /// <inheritdoc />
    public override string ToString() =>
        JobName + " " + State + ": " + Stats.SucceededFrames + "/" + Stats.TotalFrames + " succeeded, " + Stats.RunningFrames + " running, " +
        Stats.DeadFrames + " dead, " + Stats.EatenFrames + " eaten";
}

/// <summary>One layer's counts in a <see cref="JobProgress"/>.</summary>
public sealed class LayerProgress
{
    /// <summary>Creates the entry.</summary>
    /// <param name="name">The layer name.</param>
    /// <param name="stats">The counts.</param>
    public LayerProgress(string name, LayerStats stats)
    {
        Name = name;
        Stats = stats;
    }

    /// <summary>The layer name.</summary>
    public string Name { get; }

    /// <summary>The counts.</summary>
    public LayerStats Stats { get; }

    /// <inheritdoc />
    public override string ToString() => Name + ": " + Stats.SucceededFrames + "/" + Stats.TotalFrames;
}
