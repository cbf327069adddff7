using System;
using System.Collections.Generic;
using System.Linq;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>Reads for the gRPC services, as Cuebot's messages, and the setters they call.</summary>
internal sealed partial class CueScheduler
{
    public PbJob.Job GetJob(string id)
    {
        lock (_gate)
        {
            return ToProto(JobById(id));
        }
    }

    /// <summary>A pending job by name (lower-cased, as Cuebot's FindJob).</summary>
    public PbJob.Job FindJob(string name)
    {
        lock (_gate)
        {
            var lower = (name ?? string.Empty).ToLowerInvariant();
            var job = _active.FirstOrDefault(j => j.State == PbJob.JobState.Pending && j.Name == lower)
                ?? throw new NotFoundException("Job not found: " + name);
            return ToProto(job);
        }
    }

    /// <summary>Exact match on pending jobs' names.</summary>
    public bool IsJobPending(string name)
    {
        lock (_gate)
        {
            return _active.Any(j => j.State == PbJob.JobState.Pending && j.Name == name);
        }
    }

    /// <summary>
    /// Jobs matching Cuebot's search criteria, by name. The filter is built and matched outside the lock (<see cref="JobFilter"/>);
    /// under it only a snapshot of the fields it looks at is taken, and the matches are turned into messages.
    /// </summary>
    public List<PbJob.Job> GetJobs(PbJob.JobSearchCriteria criteria)
    {
        var filter = new JobFilter(criteria);
        List<JobRow> rows;
        lock (_gate)
        {
            rows = new List<JobRow>(_jobs.Count);
            foreach (var j in _jobs.Values)
            {
                if (filter.IncludeFinished || j.State == PbJob.JobState.Pending)
                {
                    rows.Add(new JobRow(j.Id, j.Name, j.Definition.User, j.Definition.Shot, j.Definition.Show));
                }
            }
        }

        var matches = rows.Where(filter.Matches).OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Id).ToList();
        lock (_gate)
        {
            return matches.Select(id => ToProto(_jobs[id])).ToList();
        }
    }

    public List<PbJob.Layer> GetLayers(string jobId)
    {
        lock (_gate)
        {
            return JobById(jobId).Layers.Select(ToProto).ToList();
        }
    }

    public PbJob.Layer GetLayer(string id)
    {
        lock (_gate)
        {
            return ToProto(LayerById(id));
        }
    }

    public PbJob.Frame GetFrame(string id)
    {
        lock (_gate)
        {
            return ToProto(FrameById(id));
        }
    }

    /// <summary>Frames of a job or layer in Cuebot's listing order (frame position, then layer), paged as Cuebot pages: limit 0 returns nothing.</summary>
    public List<PbJob.Frame> GetFrames(string? jobId, string? jobName, string? layerId, PbJob.FrameSearchCriteria? criteria)
    {
        lock (_gate)
        {
            var frames = Frames(jobId, jobName, layerId, criteria);
            var page = Math.Max(1, criteria?.Page ?? 1);
            var limit = criteria?.Limit ?? 0;
            return frames.Skip((page - 1) * limit).Take(limit).Select(ToProto).ToList();
        }
    }

    /// <summary>The frames an action covers (no paging); an empty criteria selects every frame, as on Cuebot.</summary>
    public List<CueFrame> Select(string? jobId, string? jobName, string? layerId, PbJob.FrameSearchCriteria? criteria)
    {
        lock (_gate)
        {
            return Frames(jobId, jobName, layerId, criteria).ToList();
        }
    }

    /// <summary>The matching frames in listing order, not copied (call under the lock).</summary>
    private IEnumerable<CueFrame> Frames(string? jobId, string? jobName, string? layerId, PbJob.FrameSearchCriteria? criteria)
    {
        IEnumerable<CueFrame> frames;
        if (layerId != null)
        {
            frames = LayerById(layerId).Frames;
        }
        else
        {
            var job = jobId != null ? JobById(jobId)
                : _jobs.Values.Where(j => j.Name == jobName).OrderByDescending(j => j.Sequence).FirstOrDefault() ?? throw new NotFoundException("Job not found: " + jobName);
            frames = job.OrderedFrames ??= job.Layers.SelectMany(l => l.Frames).OrderBy(f => f.DispatchOrder).ThenBy(f => f.Layer.Definition.DispatchOrder).ToList();
        }

        var filter = new FrameFilter(criteria);
        return filter.IsEmpty ? frames : frames.Where(filter.Matches);
    }

    public List<PbDepend.Depend> GetDepends(string? jobId, string? layerId, string? frameId)
    {
        lock (_gate)
        {
            // Cuebot lists the active depends only.
            IEnumerable<CueDepend> depends = frameId != null ? Get(FrameById(frameId).ThisDependsOn)
                : layerId != null ? Get(LayerById(layerId).ThisDependsOn)
                : _depends.Values.Where(d => d.Parent is null && d.ErJob.Id == jobId);
            return depends.Where(d => d.Active).Select(ToProto).ToList();
        }
    }

    /// <summary>What depends on a job, layer or frame (depends whose target it is).</summary>
    public List<PbDepend.Depend> GetDependents(string? jobId, string? layerId, string? frameId)
    {
        lock (_gate)
        {
            IEnumerable<CueDepend> depends = frameId != null ? Get(FrameById(frameId).DependsOnThis)
                : layerId != null ? Get(LayerById(layerId).DependsOnThis).Concat(LayerById(layerId).Frames.SelectMany(f => Get(f.DependsOnThis)))
                : Get(JobById(jobId!).DependsOnThis).Concat(JobById(jobId!).Layers.SelectMany(l => Get(l.DependsOnThis)));
            return depends.Select(d => d.Parent ?? d).Distinct().Select(ToProto).ToList();
        }
    }

    /// <summary>A layer by pending job name and layer name (Cuebot's FindLayer).</summary>
    public PbJob.Layer FindLayer(string jobName, string layerName)
    {
        lock (_gate)
        {
            var job = _active.FirstOrDefault(j => j.State == PbJob.JobState.Pending && j.Name == (jobName ?? string.Empty).ToLowerInvariant())
                ?? throw new NotFoundException("Job not found: " + jobName);
            return ToProto(job.Layers.FirstOrDefault(l => l.Name == layerName) ?? throw new NotFoundException("Layer not found: " + layerName));
        }
    }

    /// <summary>A frame by pending job name, layer name and number (Cuebot's FindFrame).</summary>
    public PbJob.Frame FindFrame(string jobName, string layerName, int number)
    {
        lock (_gate)
        {
            var job = _active.FirstOrDefault(j => j.State == PbJob.JobState.Pending && j.Name == (jobName ?? string.Empty).ToLowerInvariant())
                ?? throw new NotFoundException("Job not found: " + jobName);
            var layer = job.Layers.FirstOrDefault(l => l.Name == layerName) ?? throw new NotFoundException("Layer not found: " + layerName);
            return ToProto(layer.FramesByNumber.TryGetValue(number, out var frame) ? frame : throw new NotFoundException("Frame not found: " + number));
        }
    }

    /// <summary>
    /// The job a control call's target belongs to and its launch uid; <see langword="null"/> when the id is unknown
    /// (the service then answers NOT_FOUND). Jobs are never removed and ids never reused, and a job's uid never
    /// changes, so an answer stays true for as long as the call runs.
    /// </summary>
    /// <param name="target">The target.</param>
    /// <returns>The owner, or <see langword="null"/>.</returns>
    public Access.JobOwner? OwnerOf(Access.JobTarget target)
    {
        lock (_gate)
        {
            CueJob? job = target.Kind switch
            {
                Access.JobTargetKind.Job => _jobs.GetValueOrDefault(target.Id),
                Access.JobTargetKind.Layer => _layers.GetValueOrDefault(target.Id)?.Job,
                Access.JobTargetKind.Frame => _frames.GetValueOrDefault(target.Id)?.Layer.Job,
                Access.JobTargetKind.Depend => _depends.GetValueOrDefault(target.Id)?.ErJob,
                _ => null,
            };
            return job is null ? null : new Access.JobOwner(job.Name, job.Definition.Uid);
        }
    }

    public List<string> GetJobNames(PbJob.JobSearchCriteria criteria) => GetJobs(criteria).Select(j => j.Name).ToList();

    public List<string> GetOutputPaths(string layerId)
    {
        lock (_gate)
        {
            return LayerById(layerId).Definition.Outputs.Select(o => o.Value).ToList();
        }
    }

    public PbDepend.Depend GetDepend(string id)
    {
        lock (_gate)
        {
            return _depends.TryGetValue(id ?? string.Empty, out var depend) ? ToProto(depend) : throw new NotFoundException("Depend not found: " + id);
        }
    }

    public CueJob Job(string id)
    {
        lock (_gate)
        {
            return JobById(id);
        }
    }

    public CueLayer Layer(string id)
    {
        lock (_gate)
        {
            return LayerById(id);
        }
    }

    public CueFrame Frame(string id)
    {
        lock (_gate)
        {
            return FrameById(id);
        }
    }

    /// <summary>Changes a job under the lock and writes it through.</summary>
    public void UpdateJob(string id, Action<CueJob> change)
    {
        lock (_gate)
        {
            var job = JobById(id);
            change(job);
            _store.Update(job);
            if (_active.Contains(job))
            {
                SortActive();
            }

            Wake();
        }
    }

    /// <summary>Changes a layer under the lock and writes it through.</summary>
    public void UpdateLayer(string id, Action<CueLayer> change)
    {
        lock (_gate)
        {
            var layer = LayerById(id);
            change(layer);
            _store.Update(layer);
            Wake();
        }
    }

    public (int Jobs, int Frames, int Running) Stats()
    {
        lock (_gate)
        {
            return (_active.Count(j => j.State == PbJob.JobState.Pending), _frames.Count, _running.Count);
        }
    }

    private CueLayer LayerById(string id) =>
        _layers.TryGetValue(id ?? string.Empty, out var layer) ? layer : throw new NotFoundException("Layer not found: " + id);

    private CueFrame FrameById(string id) =>
        _frames.TryGetValue(id ?? string.Empty, out var frame) ? frame : throw new NotFoundException("Frame not found: " + id);

    private PbJob.Job ToProto(CueJob job)
    {
        var stats = new PbJob.JobStats
        {
            TotalLayers = job.Layers.Count,
            TotalFrames = job.Counts.Total,
            WaitingFrames = job.Counts[PbJob.FrameState.Waiting],
            RunningFrames = job.Counts[PbJob.FrameState.Running],
            DeadFrames = job.Counts[PbJob.FrameState.Dead],
            EatenFrames = job.Counts[PbJob.FrameState.Eaten],
            DependFrames = job.Counts[PbJob.FrameState.Depend],
            SucceededFrames = job.Counts[PbJob.FrameState.Succeeded],
            PendingFrames = job.Counts[PbJob.FrameState.Waiting] + job.Counts[PbJob.FrameState.Depend],
            ReservedCores = job.ReservedCorePoints / 100f,
            MaxRss = job.Layers.Count == 0 ? 0 : job.Layers.Max(l => l.MaxRssKb),
        };
        var done = job.Layers.Sum(l => l.Counts[PbJob.FrameState.Succeeded]);
        var seconds = job.Layers.Sum(l => l.TotalRunSeconds);
        stats.AvgFrameSec = done == 0 ? 0 : (int)(seconds / done);
        stats.TotalCoreSec = job.Layers.Sum(l => l.TotalCoreSeconds);
        var proto = new PbJob.Job
        {
            Id = job.Id, State = job.State, Name = job.Name, Shot = job.Definition.Shot, Show = job.Definition.Show, User = job.Definition.User,
            Group = job.Definition.Show, Facility = job.Definition.Facility, Os = job.Definition.Os ?? string.Empty,
            Priority = job.Priority, MinCores = job.MinCorePoints / 100f, MaxCores = job.MaxCorePoints / 100f, LogDir = job.LogDirectory,
            IsPaused = job.Paused, AutoEat = job.AutoEat, StartTime = (int)job.StartTime, StopTime = (int)job.StopTime, JobStats = stats,
            MaxGpus = job.Definition.MaxGpus ?? 0,
        };
        if (job.Definition.Uid is int uid)
        {
            proto.Uid = uid;
        }

        return proto;
    }

    private PbJob.Layer ToProto(CueLayer layer)
    {
        var succeeded = layer.Counts[PbJob.FrameState.Succeeded];
        var proto = new PbJob.Layer
        {
            Id = layer.Id, Name = layer.Name, Range = layer.Definition.Range, MinCores = layer.MinCorePoints / 100f, MaxCores = layer.MaxCorePoints / 100f,
            IsThreadable = layer.Threadable, MinMemory = layer.MinMemoryKb, MinGpuMemory = layer.Definition.MinGpuMemoryKb, ChunkSize = layer.Definition.Chunk,
            DispatchOrder = layer.Definition.DispatchOrder, Type = Enum.Parse<PbJob.LayerType>(layer.Definition.Type, true), ParentId = layer.Job.Id,
            Timeout = layer.TimeoutMinutes, TimeoutLlu = layer.TimeoutLluMinutes, MinGpus = layer.Definition.MinGpus, MaxGpus = layer.Definition.MaxGpus,
            Command = layer.Definition.Command,
            LayerStats = new PbJob.LayerStats
            {
                TotalFrames = layer.Counts.Total,
                WaitingFrames = layer.Counts[PbJob.FrameState.Waiting],
                RunningFrames = layer.Counts[PbJob.FrameState.Running],
                DeadFrames = layer.Counts[PbJob.FrameState.Dead],
                EatenFrames = layer.Counts[PbJob.FrameState.Eaten],
                DependFrames = layer.Counts[PbJob.FrameState.Depend],
                SucceededFrames = succeeded,
                PendingFrames = layer.Counts[PbJob.FrameState.Waiting] + layer.Counts[PbJob.FrameState.Depend],
                AvgFrameSec = succeeded == 0 ? 0 : (int)(layer.TotalRunSeconds / succeeded),
                TotalCoreSec = layer.TotalCoreSeconds,
                MaxRss = layer.MaxRssKb,
                ReservedCores = layer.ReservedCorePoints / 100f,
            },
        };
        proto.Tags.AddRange(layer.Tags);
        proto.Services.AddRange(layer.Definition.Services);
        proto.Limits.AddRange(layer.Definition.Limits);
        return proto;
    }

    private static PbJob.Frame ToProto(CueFrame frame) => new()
    {
        Id = frame.Id, Name = frame.Name, LayerName = frame.Layer.Name, Number = frame.Number, State = frame.State, RetryCount = frame.RetryCount,
        ExitStatus = frame.ExitStatus, DispatchOrder = frame.DispatchOrder, StartTime = (int)frame.StartTime, StopTime = (int)frame.StopTime,
        // Cuebot raises max_rss while a frame runs (from RQD's reports); LocalCue from the running frame's samples.
        MaxRss = frame.State == PbJob.FrameState.Running ? Math.Max(frame.MaxRssKb, frame.Running?.MaxRssKb ?? 0) : frame.MaxRssKb, UsedMemory = frame.State == PbJob.FrameState.Running ? frame.Running?.CurrentRssKb ?? 0 : 0, ReservedMemory = frame.ReservedMemoryKb,
        LastResource = frame.LastResource, TotalCoreTime = (int)(Math.Max(0, (frame.StopTime == 0 ? frame.StartTime : frame.StopTime) - frame.StartTime) * frame.ReservedCorePoints / 100),
        // Cuebot: the job's submission time; eligible is ts_eligible, else (a DEPEND frame, or one WAITING since launch) the submission time.
        SubmissionTime = (int)frame.Layer.Job.StartTime,
        EligibleTime = (int)(frame.EligibleTime != 0 ? frame.EligibleTime : frame.Layer.Job.StartTime),
    };

    private static PbDepend.Depend ToProto(CueDepend depend) => new()
    {
        Id = depend.Id, Type = depend.Type, Target = depend.ErJob == depend.OnJob ? PbDepend.DependTarget.Internal : PbDepend.DependTarget.External,
        AnyFrame = depend.AnyFrame, Active = depend.Active,
        DependErJob = depend.ErJob.Name, DependErLayer = depend.ErLayer?.Name ?? depend.ErFrame?.Layer.Name ?? string.Empty, DependErFrame = depend.ErFrame?.Name ?? string.Empty,
        DependOnJob = depend.OnJob.Name, DependOnLayer = depend.OnLayer?.Name ?? depend.OnFrame?.Layer.Name ?? string.Empty, DependOnFrame = depend.OnFrame?.Name ?? string.Empty,
    };
}
