using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Storage;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// The scheduler's façade: it owns the one lock and offers the verbs (launch, control, queries). Behind it: the
/// <see cref="CueBook"/> of jobs, layers and frames; the <see cref="DependEngine"/>; the <see cref="Dispatcher"/> that
/// books this machine and starts frames; <see cref="FrameCompletion"/>, which applies the end-of-frame rules of
/// <see cref="FrameOutcomes"/>; <see cref="JobLifecycle"/> and <see cref="FrameControl"/>. State changes happen under the
/// lock and are written through to the store; processes start and end outside it. Queries answer snapshots.
/// </summary>
internal sealed class CueScheduler : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly SchedulerOptions _options;
    private readonly StoreWriter _store;
    private readonly ILogger _logger;
    private readonly CueBook _book;
    private readonly DependEngine _depends;
    private readonly JobLifecycle _jobs;
    private readonly FrameControl _control;
    private readonly Dispatcher _dispatcher;

    public CueScheduler(SchedulerOptions options, IJobStore store, IFrameRunner runner, ILogger logger, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        _options = options;
        _store = new StoreWriter(store);
        _logger = logger;
        _book = new CueBook(_store, clock);
        _depends = new DependEngine(_book, _store, options.SatisfyOnlyOnFrameSuccess);
        _jobs = new JobLifecycle(_book, _depends, _store, logger, Wake);
        _control = new FrameControl(_book, _depends, _jobs, _store, options.SatisfyOnlyOnFrameSuccess, logger);
        var completion = new FrameCompletion(_gate, _book, _depends, _jobs, _store, options, logger, clock);
        _dispatcher = new Dispatcher(_gate, _book, options, runner, logger, clock, completion.Completed);
        completion.Dispatcher = _dispatcher;
    }

    public int CapacityCorePoints => _options.CapacityCorePoints;

    public long CapacityMemoryKb => _options.CapacityMemoryKb;

    /// <summary>Reads the store back, puts frames that were running back to waiting, starts dispatching.</summary>
    public void Start()
    {
        lock (_gate)
        {
            Restore(_store.Load());
        }

        _dispatcher.Start();
    }

    /// <summary>
    /// Launches a parsed spec (Cuebot's <c>LaunchSpecAndWait</c>): parent jobs are returned PENDING, post jobs wait
    /// POSTED. Intake resolved the depends; a refused launch creates nothing.
    /// </summary>
    /// <param name="parsed">The spec, parsed and checked by intake.</param>
    /// <returns>The ids of the parent jobs.</returns>
    /// <exception cref="LaunchRefusedException">A job of the spec became pending since intake checked.</exception>
    public IReadOnlyList<string> Launch(ParsedJobSpec parsed)
    {
        lock (_gate)
        {
            // Another launch may have created one of these jobs since the parse checked: check again under the
            // lock, before anything is created, so that "The job X is already pending" stays exact.
            if (parsed.Jobs.FirstOrDefault(j => _book.IsJobPending(j.Name)) is { } pending)
            {
                throw new LaunchRefusedException("The job " + pending.Name + " is already pending");
            }

            var created = new List<CueJob>();
            var byDefinition = new Dictionary<JobDefinition, CueJob>(ReferenceEqualityComparer.Instance);
            var byName = new Dictionary<string, CueJob>(StringComparer.Ordinal);
            foreach (var definition in parsed.Jobs)
            {
                var job = _book.CreateJob(definition, _options.StateDirectory);
                if (definition.IsPostJob)
                {
                    var parent = byName[definition.ParentName!];
                    job.ParentJobId = parent.Id;
                    job.State = PbJob.JobState.Posted;
                    parent.PostJobId = job.Id;
                }

                created.Add(job);
                byName[job.Name] = job;
                byDefinition[definition] = job;
            }

            // The depends set the frames' launch states first (so only frames left waiting join the dispatch queue),
            // then every row goes in once, in one transaction.
            var depends = _depends.Create(parsed.Depends, byDefinition);
            foreach (var job in created)
            {
                _book.Register(job);
            }

            _store.Insert(created, depends);
            _options.Telemetry.JobsLaunched(created.Count);
            foreach (var job in created)
            {
                SchedulerLog.JobLaunched(_logger, job.Name, job.Counts.Total, job.Layers.Count,
                    job.ParentJobId is null ? string.Empty : ", waiting for its parent");
            }

            Wake();
            return created.Where(j => j.ParentJobId is null).Select(j => j.Id).ToList();
        }
    }

    /// <summary>Stops dispatching; frames still running are stopped and go back to waiting (they run again at the next start).</summary>
    public async ValueTask DisposeAsync() => await _dispatcher.StopAsync().ConfigureAwait(false);

    public void KillJob(string jobId, string? reason) => Locked(() => _control.KillJob(_book.JobById(jobId), reason));

    public void SetPaused(string jobId, bool paused) => UpdateJob(jobId, j => j.Paused = paused);

    /// <summary>Retries frames: back to waiting (running ones killed), depends they satisfied active again, the job pending again.</summary>
    public void RetryFrames(IEnumerable<CueFrame> frames) => Locked(() => _control.Retry(frames));

    /// <summary>Eats frames (running ones killed); succeeded frames stay succeeded.</summary>
    public void EatFrames(IEnumerable<CueFrame> frames) => Locked(() => _control.Eat(frames));

    /// <summary>Kills running frames; each then follows the usual end-of-frame rules.</summary>
    public void KillFrames(IEnumerable<CueFrame> frames, string? reason)
    {
        lock (_gate)
        {
            FrameControl.Kill(frames, reason);
        }
    }

    /// <summary>Satisfies a depend by hand.</summary>
    public void SatisfyDepend(string dependId) => Locked(() => _depends.Satisfy(_depends.ById(dependId)));

    /// <summary>Satisfies everything a job, layer or frame depends on (Cuebot's DropDepends).</summary>
    public void DropDepends(CueJob? job, CueLayer? layer, CueFrame? frame) => Locked(() =>
    {
        using var batch = _store.Batch();
        _depends.Drop(job, layer, frame);
    });

    /// <summary>Satisfies what depends on the frames without changing their state (Cuebot's MarkDoneFrames; with a layer, LayerInterface.MarkdoneFrames).</summary>
    public void MarkDone(IEnumerable<CueFrame> frames, CueLayer? layer = null) => Locked(() =>
    {
        using var batch = _store.Batch();
        _depends.MarkDone(frames.ToList(), layer);
    });

    /// <summary>Forces frames to WAITING with no depends (Cuebot's MarkAsWaiting).</summary>
    public void MarkAsWaiting(IEnumerable<CueFrame> frames) => Locked(() => _control.MarkAsWaiting(frames));

    /// <summary>Changes a job under the lock and writes it through.</summary>
    public void UpdateJob(string id, Action<CueJob> change) => Locked(() =>
    {
        var job = _book.JobById(id);
        change(job);
        _store.Update(job);
        if (_book.Active.Contains(job))
        {
            _book.SortActive();
        }
    });

    /// <summary>Changes a layer under the lock and writes it through.</summary>
    public void UpdateLayer(string id, Action<CueLayer> change) => Locked(() =>
    {
        var layer = _book.LayerById(id);
        change(layer);
        _store.Update(layer);
    });

    public JobSnapshot GetJob(string id) => Read(() => Snapshots.Of(_book.JobById(id)));

    /// <summary>A pending job by name (lower-cased, as Cuebot's FindJob).</summary>
    public JobSnapshot FindJob(string name) => Read(() => Snapshots.Of(_book.FindPendingJob(name)));

    /// <summary>Exact match on pending jobs' names.</summary>
    public bool IsJobPending(string name) => Read(() => _book.IsJobPending(name));

    /// <summary>
    /// Jobs matching Cuebot's search criteria, by name. The filter is built and matched outside the lock (<see cref="JobFilter"/>);
    /// under it only a snapshot of the fields it looks at is taken, then the matches' snapshots.
    /// </summary>
    public List<JobSnapshot> GetJobs(PbJob.JobSearchCriteria criteria)
    {
        var filter = new JobFilter(criteria);
        var rows = Read(() => _book.Jobs.Values.Where(j => filter.IncludeFinished || j.State == PbJob.JobState.Pending)
            .Select(j => new JobRow(j.Id, j.Name, j.Definition.User, j.Definition.Shot, j.Definition.Show)).ToList());
        var matches = rows.Where(filter.Matches).OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Id).ToList();
        return Read(() => matches.Select(id => Snapshots.Of(_book.Jobs[id])).ToList());
    }

    public List<string> GetJobNames(PbJob.JobSearchCriteria criteria) => GetJobs(criteria).Select(j => j.Name).ToList();

    public List<LayerSnapshot> GetLayers(string jobId) => Read(() => _book.JobById(jobId).Layers.Select(Snapshots.Of).ToList());

    public LayerSnapshot GetLayer(string id) => Read(() => Snapshots.Of(_book.LayerById(id)));

    public FrameSnapshot GetFrame(string id) => Read(() => Snapshots.Of(_book.FrameById(id)));

    /// <summary>Frames of a job or layer in Cuebot's listing order (frame position, then layer), paged as Cuebot pages: limit 0 returns nothing.</summary>
    public List<FrameSnapshot> GetFrames(string? jobId, string? jobName, string? layerId, PbJob.FrameSearchCriteria? criteria) => Read(() =>
    {
        var page = Math.Max(1, criteria?.Page ?? 1);
        var limit = criteria?.Limit ?? 0;
        return _book.SelectFrames(jobId, jobName, layerId, criteria).Skip((page - 1) * limit).Take(limit).Select(Snapshots.Of).ToList();
    });

    /// <summary>The frames an action covers (no paging); an empty criteria selects every frame, as on Cuebot.</summary>
    public List<CueFrame> Select(string? jobId, string? jobName, string? layerId, PbJob.FrameSearchCriteria? criteria) =>
        Read(() => _book.SelectFrames(jobId, jobName, layerId, criteria).ToList());

    /// <summary>The active depends a job, layer or frame waits on.</summary>
    public List<DependSnapshot> GetDepends(string? jobId, string? layerId, string? frameId) =>
        Read(() => _depends.WhatThisDependsOn(jobId, layerId, frameId).Select(Snapshots.Of).ToList());

    /// <summary>What depends on a job, layer or frame (depends whose target it is).</summary>
    public List<DependSnapshot> GetDependents(string? jobId, string? layerId, string? frameId) =>
        Read(() => _depends.WhatDependsOnThis(jobId, layerId, frameId).Select(Snapshots.Of).ToList());

    public DependSnapshot GetDepend(string id) => Read(() => Snapshots.Of(_depends.ById(id)));

    /// <summary>A layer by pending job name and layer name (Cuebot's FindLayer).</summary>
    public LayerSnapshot FindLayer(string jobName, string layerName) => Read(() => Snapshots.Of(FindLayerOf(jobName, layerName)));

    /// <summary>A frame by pending job name, layer name and number (Cuebot's FindFrame).</summary>
    public FrameSnapshot FindFrame(string jobName, string layerName, int number) => Read(() =>
        Snapshots.Of(FindLayerOf(jobName, layerName).FramesByNumber.TryGetValue(number, out var frame) ? frame : throw new NotFoundException("Frame not found: " + number)));

    /// <summary>
    /// The job a control call's target belongs to and its launch uid; <see langword="null"/> when the id is unknown
    /// (the service then answers NOT_FOUND). Jobs are never removed and ids never reused, and a job's uid never
    /// changes, so an answer stays true for as long as the call runs.
    /// </summary>
    /// <param name="target">The target.</param>
    /// <returns>The owner, or <see langword="null"/>.</returns>
    public Access.JobOwner? OwnerOf(Access.JobTarget target) => Read<Access.JobOwner?>(() =>
    {
        CueJob? job = target.Kind switch
        {
            Access.JobTargetKind.Job => _book.Jobs.GetValueOrDefault(target.Id),
            Access.JobTargetKind.Layer => _book.Layers.GetValueOrDefault(target.Id)?.Job,
            Access.JobTargetKind.Frame => _book.Frames.GetValueOrDefault(target.Id)?.Layer.Job,
            Access.JobTargetKind.Depend => _depends.Depends.GetValueOrDefault(target.Id)?.ErJob,
            _ => null,
        };
        return job is null ? null : new Access.JobOwner(job.Name, job.Definition.Uid);
    });

    public List<string> GetOutputPaths(string layerId) => Read(() => _book.LayerById(layerId).Definition.Outputs.Select(o => o.Value).ToList());

    public CueJob Job(string id) => Read(() => _book.JobById(id));

    public CueLayer Layer(string id) => Read(() => _book.LayerById(id));

    public CueFrame Frame(string id) => Read(() => _book.FrameById(id));

    public (int Jobs, int Frames, int Running) Stats() =>
        Read(() => (_book.Active.Count(j => j.State == PbJob.JobState.Pending), _book.Frames.Count, _dispatcher.RunningCount));

    private CueLayer FindLayerOf(string jobName, string layerName) =>
        _book.FindPendingJob(jobName).Layers.FirstOrDefault(l => l.Name == layerName) ?? throw new NotFoundException("Layer not found: " + layerName);

    private void Restore(StoredState state)
    {
        var restored = StoreMapping.Restore(state);
        _book.NextSequence = restored.NextSequence;
        foreach (var job in restored.Jobs)
        {
            _book.Register(job);
        }

        _depends.Restore(restored.Depends);
        using var batch = _store.Batch();

        // A frame that was running when the scheduler stopped runs again; 299 ("cleared") does not count as a retry.
        foreach (var frame in _book.Frames.Values.Where(f => f.State == PbJob.FrameState.Running).ToList())
        {
            frame.ExitStatus = 299;
            _book.SetFrameState(frame, PbJob.FrameState.Waiting);
            SchedulerLog.FrameRequeued(_logger, frame.Name, frame.Layer.Job.Name);
        }

        // After a crash, what completed may not have released everything (each completion is one transaction, but a
        // crash can fall between a launch and its first write): like Cuebot's maintenance sweep, satisfy active depends
        // whose target is done, finish complete jobs, and start post jobs whose parent finished.
        _depends.SatisfyDone();
        _jobs.Repair();
    }

    /// <summary>Wakes the dispatcher (under the lock).</summary>
    private void Wake() => _dispatcher.Wake();

    /// <summary>A change under the lock, then a wake-up of the dispatcher.</summary>
    private void Locked(Action change)
    {
        lock (_gate)
        {
            change();
            Wake();
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
