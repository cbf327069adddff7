using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Storage;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// The one place live objects and the store's records meet: each live object as a record (keys of
/// rows it references come from <see cref="CueEntity.StoreKey"/>), and the records read back as live
/// objects.
/// </summary>
internal static class StoreMapping
{
    private const char TagSeparator = '|';

    public static StoredJob ToStored(CueJob j) =>
        new(j.StoreKey, j.Id, j.Sequence, JsonSerializer.Serialize(j.Definition), j.LogDirectory, j.ParentJobId, Values(j));

    public static StoredJobValues Values(CueJob j) =>
        new((int)j.State, j.Paused, j.Priority, j.MaxRetries, j.AutoEat, j.MaxCorePoints, j.MinCorePoints, j.StartTime, j.StopTime, j.PostJobId);

    /// <param name="l">The layer.</param>
    /// <param name="index">Its position in its job.</param>
    public static StoredLayer ToStored(CueLayer l, int index) =>
        new(l.StoreKey, l.Id, l.Job.StoreKey, index, l.MinCorePoints, l.MaxCorePoints, l.MinMemoryKb, l.Threadable, string.Join(TagSeparator, l.Tags),
            l.TimeoutMinutes, l.TimeoutLluMinutes);

    public static StoredFrame ToStored(CueFrame f) =>
        new(f.StoreKey, f.Id, f.Layer.StoreKey, f.Number, f.DispatchOrder, (int)f.State, f.RetryCount, f.ExitStatus, f.ExitSignal, f.StartTime,
            f.StopTime, f.MaxRssKb, f.MemoryRetries, f.DependCount, f.EligibleTime);

    public static StoredDepend ToStored(CueDepend d) =>
        new(d.StoreKey, d.Id, d.Parent?.StoreKey, (int)d.Type, d.AnyFrame, d.Active, d.ErJob.StoreKey, d.ErLayer?.StoreKey, d.ErFrame?.StoreKey,
            d.OnJob.StoreKey, d.OnLayer?.StoreKey, d.OnFrame?.StoreKey);

    /// <summary>
    /// The live objects of the rows read back: jobs in launch order with their layers and frames (counts
    /// added), and depends with their ends and composites linked (not yet indexed on their ends).
    /// </summary>
    public static Restored Restore(StoredState state)
    {
        var jobs = new Dictionary<long, CueJob>(state.Jobs.Count);
        foreach (var s in state.Jobs)
        {
            var v = s.Values;
            jobs.Add(s.Key, new CueJob(s.Id, s.Sequence, JsonSerializer.Deserialize<JobDefinition>(s.DefinitionJson)!)
            {
                State = (PbJob.JobState)v.State, Paused = v.Paused, Priority = v.Priority, MaxRetries = v.MaxRetries, AutoEat = v.AutoEat,
                MaxCorePoints = v.MaxCorePoints, MinCorePoints = v.MinCorePoints, StartTime = v.StartTime, StopTime = v.StopTime,
                LogDirectory = s.LogDirectory, ParentJobId = s.ParentJobId, PostJobId = v.PostJobId, StoreKey = s.Key,
            });
        }

        var layers = new Dictionary<long, CueLayer>(state.Layers.Count);
        foreach (var s in state.Layers)
        {
            var job = jobs[s.JobKey];
            var layer = new CueLayer(s.Id, job, job.Definition.Layers[s.Index])
            {
                MinCorePoints = s.MinCorePoints, MaxCorePoints = s.MaxCorePoints, MinMemoryKb = s.MinMemoryKb, Threadable = s.Threadable,
                Tags = s.Tags.Split(TagSeparator, StringSplitOptions.RemoveEmptyEntries).ToList(),
                TimeoutMinutes = s.TimeoutMinutes, TimeoutLluMinutes = s.TimeoutLluMinutes, StoreKey = s.Key,
            };
            layers.Add(s.Key, layer);
            job.AddLayer(layer);
        }

        var frames = new Dictionary<long, CueFrame>(state.Frames.Count);
        foreach (var s in state.Frames)
        {
            var layer = layers[s.LayerKey];
            var frame = new CueFrame(s.Id, layer, s.Number, s.DispatchOrder)
            {
                State = (PbJob.FrameState)s.State, RetryCount = s.RetryCount, ExitStatus = s.ExitStatus, ExitSignal = s.ExitSignal,
                StartTime = s.StartTime, StopTime = s.StopTime, MaxRssKb = s.MaxRssKb, MemoryRetries = s.MemoryRetries, DependCount = s.DependCount, EligibleTime = s.EligibleTime,
                StoreKey = s.Key,
            };
            frames.Add(s.Key, frame);
            layer.Frames.Add(frame);
            layer.FramesByNumber[frame.Number] = frame;
            layer.Counts.Add(frame.State);
            layer.Job.Counts.Add(frame.State);
        }

        var depends = new Dictionary<long, CueDepend>(state.Depends.Count);
        foreach (var s in state.Depends)
        {
            var depend = new CueDepend(s.Id, (PbDepend.DependType)s.Type, s.AnyFrame)
            {
                Active = s.Active, StoreKey = s.Key,
                ErJob = jobs[s.ErJobKey], ErLayer = Find(layers, s.ErLayerKey), ErFrame = Find(frames, s.ErFrameKey),
                OnJob = jobs[s.OnJobKey], OnLayer = Find(layers, s.OnLayerKey), OnFrame = Find(frames, s.OnFrameKey),
            };
            depends.Add(s.Key, depend);
            if (s.ParentKey is { } parent)
            {
                depends[parent].AddChild(depend);
            }
        }

        return new Restored(jobs.Values.ToList(), depends.Values.ToList(), state.Jobs.Count == 0 ? 0 : state.Jobs.Max(j => j.Sequence) + 1);
    }

    private static T? Find<T>(Dictionary<long, T> rows, long? key)
        where T : class => key is { } k ? rows[k] : null;

    /// <summary>What <see cref="Restore"/> made.</summary>
    /// <param name="Jobs">Jobs in launch order.</param>
    /// <param name="Depends">Depends, each composite before its children.</param>
    /// <param name="NextSequence">The launch sequence number of the next job.</param>
    internal sealed record Restored(IReadOnlyList<CueJob> Jobs, IReadOnlyList<CueDepend> Depends, long NextSequence);
}
