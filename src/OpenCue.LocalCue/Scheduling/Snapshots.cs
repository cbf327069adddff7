using System;
using System.Collections.Generic;
using System.Linq;
using OpenCue.LocalCue.Intake;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>Frames per state of a job or layer at one moment.</summary>
internal readonly record struct CountsSnapshot(int Total, int Waiting, int Running, int Dead, int Eaten, int Depend, int Succeeded)
{
    public static CountsSnapshot Of(StateCounts c) =>
        new(c.Total, c[PbJob.FrameState.Waiting], c[PbJob.FrameState.Running], c[PbJob.FrameState.Dead], c[PbJob.FrameState.Eaten],
            c[PbJob.FrameState.Depend], c[PbJob.FrameState.Succeeded]);
}

/// <summary>A job as the scheduler held it when asked (taken under its lock; the gRPC layer maps it to Cuebot's message).</summary>
internal sealed record JobSnapshot(
    string Id, string Name, JobDefinition Definition, PbJob.JobState State, bool Paused, int Priority, bool AutoEat, int MinCorePoints,
    int MaxCorePoints, string LogDirectory, long StartTime, long StopTime, int LayerCount, CountsSnapshot Counts, int ReservedCorePoints,
    long MaxRssKb, int SucceededFrames, long TotalRunSeconds, long TotalCoreSeconds);

/// <summary>A layer as the scheduler held it when asked.</summary>
internal sealed record LayerSnapshot(
    string Id, string JobId, LayerDefinition Definition, int MinCorePoints, int MaxCorePoints, long MinMemoryKb, bool Threadable,
    IReadOnlyList<string> Tags, int TimeoutMinutes, int TimeoutLluMinutes, CountsSnapshot Counts, long TotalRunSeconds, long TotalCoreSeconds,
    long MaxRssKb, int ReservedCorePoints)
{
    public string Name => Definition.Name;
}

/// <summary>
/// A frame as the scheduler held it when asked. Its max RSS rises while it runs with the running process's samples (as
/// Cuebot's from RQD's reports); used memory is its current RSS while running, else 0; submission time is its job's;
/// eligible time is when it last became eligible, else its job's submission time (Cuebot's fallback).
/// </summary>
internal sealed record FrameSnapshot(
    string Id, string Name, string LayerName, int Number, PbJob.FrameState State, int RetryCount, int ExitStatus, int DispatchOrder,
    long StartTime, long StopTime, long MaxRssKb, long UsedMemoryKb, long ReservedMemoryKb, string LastResource, long TotalCoreSeconds,
    long SubmissionTime, long EligibleTime);

/// <summary>A depend as the scheduler held it when asked.</summary>
internal sealed record DependSnapshot(
    string Id, PbDepend.DependType Type, bool AnyFrame, bool Active, string ErJob, string ErLayer, string ErFrame, string OnJob, string OnLayer,
    string OnFrame, bool Internal);

/// <summary>Snapshots of live objects (call under the scheduler's lock).</summary>
internal static class Snapshots
{
    public static JobSnapshot Of(CueJob job) => new(
        job.Id, job.Name, job.Definition, job.State, job.Paused, job.Priority, job.AutoEat, job.MinCorePoints, job.MaxCorePoints, job.LogDirectory,
        job.StartTime, job.StopTime, job.Layers.Count, CountsSnapshot.Of(job.Counts), job.ReservedCorePoints,
        job.Layers.Count == 0 ? 0 : job.Layers.Max(l => l.MaxRssKb), job.Layers.Sum(l => l.Counts[PbJob.FrameState.Succeeded]),
        job.Layers.Sum(l => l.TotalRunSeconds), job.Layers.Sum(l => l.TotalCoreSeconds));

    public static LayerSnapshot Of(CueLayer layer) => new(
        layer.Id, layer.Job.Id, layer.Definition, layer.MinCorePoints, layer.MaxCorePoints, layer.MinMemoryKb, layer.Threadable, layer.Tags.ToArray(),
        layer.TimeoutMinutes, layer.TimeoutLluMinutes, CountsSnapshot.Of(layer.Counts), layer.TotalRunSeconds, layer.TotalCoreSeconds, layer.MaxRssKb,
        layer.ReservedCorePoints);

    public static FrameSnapshot Of(CueFrame frame)
    {
        var running = frame.State == PbJob.FrameState.Running;
        var submitted = frame.Layer.Job.StartTime;
        return new FrameSnapshot(
            frame.Id, frame.Name, frame.Layer.Name, frame.Number, frame.State, frame.RetryCount, frame.ExitStatus, frame.DispatchOrder,
            frame.StartTime, frame.StopTime,
            running ? Math.Max(frame.MaxRssKb, frame.Running?.MaxRssKb ?? 0) : frame.MaxRssKb,
            running ? frame.Running?.CurrentRssKb ?? 0 : 0,
            frame.ReservedMemoryKb, frame.LastResource,
            Math.Max(0, (frame.StopTime == 0 ? frame.StartTime : frame.StopTime) - frame.StartTime) * frame.ReservedCorePoints / 100,
            submitted, frame.EligibleTime != 0 ? frame.EligibleTime : submitted);
    }

    public static DependSnapshot Of(CueDepend depend) => new(
        depend.Id, depend.Type, depend.AnyFrame, depend.Active,
        depend.ErJob.Name, depend.ErLayer?.Name ?? depend.ErFrame?.Layer.Name ?? string.Empty, depend.ErFrame?.Name ?? string.Empty,
        depend.OnJob.Name, depend.OnLayer?.Name ?? depend.OnFrame?.Layer.Name ?? string.Empty, depend.OnFrame?.Name ?? string.Empty,
        depend.ErJob == depend.OnJob);
}
