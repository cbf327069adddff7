using System;
using System.Collections.Generic;
using System.Linq;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Storage;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// The scheduler's book: every job, layer and frame in memory, their lookups, the active jobs in Cuebot's order, and
/// the frame counters and waiting queues, kept by <see cref="SetFrameState"/> (the one place a frame changes state).
/// Used under the scheduler's lock only.
/// </summary>
internal sealed class CueBook
{
    private readonly StoreWriter _store;
    private readonly TimeProvider _clock;

    public CueBook(StoreWriter store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    public Dictionary<string, CueJob> Jobs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CueLayer> Layers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CueFrame> Frames { get; } = new(StringComparer.Ordinal);

    /// <summary>Pending and posted jobs, highest priority first, then launch order (Cuebot's order across jobs).</summary>
    public List<CueJob> Active { get; } = new();

    /// <summary>The launch sequence number of the next job.</summary>
    public long NextSequence { get; set; }

    /// <summary>Something changed that the dispatcher should look at (a frame became WAITING, a job changed).</summary>
    public bool DispatchNeeded { get; set; } = true;

    public long Now() => _clock.GetUtcNow().ToUnixTimeSeconds();

    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>A new job (not yet registered) with its layers and frames, all WAITING, counted.</summary>
    /// <param name="definition">The job as intake built it.</param>
    /// <param name="stateDirectory">Where its log directory goes.</param>
    public CueJob CreateJob(JobDefinition definition, string stateDirectory)
    {
        var job = new CueJob(NewId(), NextSequence++, definition)
        {
            StartTime = Now(),
        };
        job.LogDirectory = StatePaths.Under(stateDirectory, "the log directory of job " + job.Name,
            "logs", definition.Show, definition.Shot, "logs", job.Name + "--" + job.Id);
        foreach (var layerDefinition in definition.Layers)
        {
            var layer = new CueLayer(NewId(), job, layerDefinition);
            for (var i = 0; i < layerDefinition.Frames.Count; i++)
            {
                var number = layerDefinition.Frames[i];
                var frame = new CueFrame(NewId(), layer, number, i);
                layer.Frames.Add(frame);
                layer.FramesByNumber[number] = frame;
                layer.Counts.Add(frame.State);
                job.Counts.Add(frame.State);
            }

            job.AddLayer(layer);
        }

        return job;
    }

    /// <summary>Adds a job, its layers and frames to the lookups, its WAITING frames to its queue, and the job to the active ones.</summary>
    public void Register(CueJob job)
    {
        Jobs[job.Id] = job;
        foreach (var layer in job.Layers)
        {
            Layers[layer.Id] = layer;
            foreach (var frame in layer.Frames)
            {
                Frames[frame.Id] = frame;
                if (frame.State == PbJob.FrameState.Waiting)
                {
                    job.Waiting.Add(frame);
                }
            }
        }

        if (job.State is PbJob.JobState.Pending or PbJob.JobState.Posted)
        {
            Active.Add(job);
            SortActive();
        }
    }

    /// <summary>Cuebot's order across jobs: higher priority first, then launch order.</summary>
    public void SortActive() =>
        Active.Sort((a, b) => b.Priority != a.Priority ? b.Priority.CompareTo(a.Priority) : a.Sequence.CompareTo(b.Sequence));

    public CueJob JobById(string id) =>
        Jobs.TryGetValue(id ?? string.Empty, out var job) ? job : throw new NotFoundException("Job not found: " + id);

    public CueLayer LayerById(string id) =>
        Layers.TryGetValue(id ?? string.Empty, out var layer) ? layer : throw new NotFoundException("Layer not found: " + id);

    public CueFrame FrameById(string id) =>
        Frames.TryGetValue(id ?? string.Empty, out var frame) ? frame : throw new NotFoundException("Frame not found: " + id);

    /// <summary>Exact match on pending jobs' names.</summary>
    public bool IsJobPending(string name) => Active.Any(j => j.State == PbJob.JobState.Pending && j.Name == name);

    /// <summary>A pending job by name, lower-cased as Cuebot's FindJob.</summary>
    public CueJob FindPendingJob(string? name)
    {
        var lower = (name ?? string.Empty).ToLowerInvariant();
        return Active.FirstOrDefault(j => j.State == PbJob.JobState.Pending && j.Name == lower) ?? throw new NotFoundException("Job not found: " + name);
    }

    /// <summary>The matching frames of a job (by id, else the newest of that name) or layer, in listing order, not copied.</summary>
    public IEnumerable<CueFrame> SelectFrames(string? jobId, string? jobName, string? layerId, PbJob.FrameSearchCriteria? criteria)
    {
        IEnumerable<CueFrame> frames;
        if (layerId != null)
        {
            frames = LayerById(layerId).Frames;
        }
        else
        {
            var job = jobId != null ? JobById(jobId)
                : Jobs.Values.Where(j => j.Name == jobName).OrderByDescending(j => j.Sequence).FirstOrDefault() ?? throw new NotFoundException("Job not found: " + jobName);
            frames = job.OrderedFrames ??= job.Layers.SelectMany(l => l.Frames).OrderBy(f => f.DispatchOrder).ThenBy(f => f.Layer.Definition.DispatchOrder).ToList();
        }

        var filter = new FrameFilter(criteria);
        return filter.IsEmpty ? frames : frames.Where(filter.Matches);
    }

    /// <summary>
    /// Sets a frame's state as Cuebot's database triggers would: a frame with a positive depend
    /// count entering WAITING, SUCCEEDED, DEAD or CHECKPOINT goes to DEPEND instead.
    /// </summary>
    public void SetFrameState(CueFrame frame, PbJob.FrameState state)
    {
        if (frame.DependCount > 0 && state is PbJob.FrameState.Waiting or PbJob.FrameState.Succeeded or PbJob.FrameState.Dead or PbJob.FrameState.Checkpoint)
        {
            state = PbJob.FrameState.Depend;
        }

        var old = frame.State;
        if (old == state)
        {
            return;
        }

        var job = frame.Layer.Job;
        if (old == PbJob.FrameState.Waiting)
        {
            job.Waiting.Remove(frame);
        }

        frame.State = state;
        frame.Version++;
        var layerCounts = frame.Layer.Counts;
        layerCounts.Move(old, state);
        job.Counts.Move(old, state);
        if (job.LayersWaiting >= 0)
        {
            if (old == PbJob.FrameState.Waiting && layerCounts[PbJob.FrameState.Waiting] == 0)
            {
                job.LayersWaiting--;
            }
            else if (state == PbJob.FrameState.Waiting && layerCounts[PbJob.FrameState.Waiting] == 1)
            {
                job.LayersWaiting++;
            }
        }

        if (state == PbJob.FrameState.Waiting)
        {
            job.Waiting.Add(frame);
            DispatchNeeded = true;
        }

        _store.Update(frame);
    }

    /// <summary>Adds to a frame's depend count (DEPEND when it was waiting, succeeded or dead).</summary>
    public void IncrementDepends(CueFrame frame)
    {
        frame.DependCount++;
        if (frame.DependCount == 1 && frame.State is PbJob.FrameState.Waiting or PbJob.FrameState.Succeeded or PbJob.FrameState.Dead or PbJob.FrameState.Checkpoint)
        {
            SetFrameState(frame, PbJob.FrameState.Depend);
        }
        else
        {
            _store.Update(frame);
        }
    }

    /// <summary>Takes from a frame's depend count (WAITING when it reaches 0 in DEPEND).</summary>
    public void DecrementDepends(CueFrame frame)
    {
        if (frame.DependCount == 0)
        {
            return;
        }

        frame.DependCount--;
        if (frame.DependCount == 0 && frame.State == PbJob.FrameState.Depend)
        {
            frame.EligibleTime = Now();
            SetFrameState(frame, PbJob.FrameState.Waiting);
        }
        else
        {
            _store.Update(frame);
        }
    }
}
