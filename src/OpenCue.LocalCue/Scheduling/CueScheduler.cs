using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Storage;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// The scheduler: jobs, layers, frames and depends in memory (written through to the store), a
/// dispatcher that books this machine's cores and memory, and Cuebot's end-of-frame rules. All state
/// changes happen under one lock; processes start and end outside it.
/// </summary>
internal sealed partial class CueScheduler : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly LocalCueOptions _options;
    private readonly StoreWriter _store;
    private readonly IFrameRunner _runner;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly SchedulerTelemetry _telemetry;
    private readonly Dictionary<string, CueJob> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CueLayer> _layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CueFrame> _frames = new(StringComparer.Ordinal);
    private readonly List<CueJob> _active = new();
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<CueFrame> _running = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<CueFrame, Task> _completions = new();
    private Task? _loop;
    private long _sequence;
    private bool _dispatchNeeded = true;
    private int _reservedCorePoints;
    private long _reservedMemoryKb;

    public CueScheduler(LocalCueOptions options, IJobStore store, IFrameRunner runner, ILogger logger, TimeProvider? clock = null)
    {
        _options = options;
        _store = new StoreWriter(store);
        _runner = runner;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _telemetry = SchedulerTelemetry.For(options.MeterFactory);
        CapacityCorePoints = (int)Math.Round(options.Cores * 100);
        CapacityMemoryKb = options.MemoryMb * 1024;
    }

    public int CapacityCorePoints { get; }

    public long CapacityMemoryKb { get; }

    /// <summary>Reads the store back, puts frames that were running back to waiting, starts dispatching.</summary>
    public void Start()
    {
        lock (_gate)
        {
            Restore(_store.Load());
        }

        _loop = Task.Run(() => LoopAsync(_stopping.Token));
    }

    /// <summary>
    /// Parses and launches a spec (Cuebot's <c>LaunchSpecAndWait</c>): parent jobs are returned PENDING,
    /// post jobs wait POSTED. A refused spec creates nothing.
    /// </summary>
    /// <param name="spec">The spec XML.</param>
    /// <param name="callerUid">The caller's uid, checked against the spec's by <see cref="Access.LaunchUidRule"/>; null: not checked.</param>
    /// <param name="cancellationToken">Stops parsing when the caller gives up.</param>
    /// <returns>The ids of the parent jobs.</returns>
    /// <exception cref="SpecRejectedException">The spec breaks one of Cuebot's rules.</exception>
    /// <exception cref="Access.AccessDeniedException">A caller other than root launches for another uid.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while parsing.</exception>
    public IReadOnlyList<string> Launch(string spec, int? callerUid = null, CancellationToken cancellationToken = default)
    {
        using var activity = SchedulerTelemetry.StartLaunch();
        // Parsing and DTD validation run outside the lock: however large or slow a spec is, queries and
        // dispatch go on meanwhile. The parse only reads the scheduler through IsJobPending.
        var parsed = SpecIntake.Parse(spec, new IntakeOptions
        {
            IsJobPending = IsJobPending,
            Clock = () => _clock.GetUtcNow(),
            CancellationToken = cancellationToken,
        });
        Access.LaunchUidRule.Apply(parsed, callerUid);

        // A job whose frames could never run (root, or a uid outside RQD's range while frames switch users) is refused whole.
        int ownUid = NativeMethods.GetEffectiveUserId();
        if (parsed.Jobs.Select(j => FrameUserPolicy.Refusal(j.Uid, _options.FrameUsers, ownUid)).FirstOrDefault(r => r != null) is { } refusal)
        {
            throw new SpecRejectedException(refusal);
        }

        lock (_gate)
        {
            // Another launch may have created one of these jobs since the parse checked: check again under the
            // lock, before anything is created, so that "The job X is already pending" stays exact.
            SpecIntake.CheckNotPending(parsed, IsJobPending);

            var created = new List<CueJob>();
            var byName = new Dictionary<string, CueJob>(StringComparer.Ordinal);
            foreach (var definition in parsed.Jobs)
            {
                var job = CreateJob(definition);
                if (definition.IsPostJob)
                {
                    var parent = byName[definition.ParentName!];
                    job.ParentJobId = parent.Id;
                    job.State = PbJob.JobState.Posted;
                    parent.PostJobId = job.Id;
                }

                created.Add(job);
                byName[job.Name] = job;
            }

            var plans = PlanDepends(parsed.Depends, byName);

            // Nothing above changed the scheduler; from here on the jobs exist. The depends set the frames'
            // launch states first (so only frames left waiting join the dispatch queue), then every row goes
            // in once, in one transaction.
            var depends = ApplyDepends(plans);
            foreach (var job in created)
            {
                Register(job);
            }

            _store.Insert(created, depends);
            _telemetry.JobsLaunched(created.Count);
            activity?.SetTag("opencue.job.count", created.Count);
            foreach (var job in created)
            {
                SchedulerLog.JobLaunched(_logger, job.Name, job.Counts.Total, job.Layers.Count,
                    job.ParentJobId is null ? string.Empty : ", waiting for its parent");
            }

            Wake();
            return created.Where(j => j.ParentJobId is null).Select(j => j.Id).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop != null)
        {
            await _loop.ConfigureAwait(false);
        }

        List<CueFrame> running;
        lock (_gate)
        {
            running = _running.ToList();
        }

        // Frames still running are stopped and go back to waiting (Completed sees the stop and applies
        // no end-of-frame rule); they run again when the scheduler next starts.
        foreach (var frame in running)
        {
            frame.Running?.Kill("local scheduler stopping");
        }

        try
        {
            await Task.WhenAll(_completions.Values).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            SchedulerLog.FramesNotStopped(_logger, _completions.Count);
        }

        _stopping.Dispose();
        _wake.Dispose();
    }

    private CueJob CreateJob(JobDefinition definition)
    {
        var job = new CueJob(NewId(), _sequence++, definition)
        {
            StartTime = Now(),
        };
        job.LogDirectory = StatePaths.Under(_options.StateDirectory, "the log directory of job " + job.Name,
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

    private void Register(CueJob job)
    {
        _jobs[job.Id] = job;
        foreach (var layer in job.Layers)
        {
            _layers[layer.Id] = layer;
            foreach (var frame in layer.Frames)
            {
                _frames[frame.Id] = frame;
                if (frame.State == PbJob.FrameState.Waiting)
                {
                    job.Waiting.Add(frame);
                }
            }
        }

        if (job.State is PbJob.JobState.Pending or PbJob.JobState.Posted)
        {
            _active.Add(job);
            SortActive();
        }
    }

    private void Restore(StoredState state)
    {
        var restored = StoreMapping.Restore(state);
        _sequence = restored.NextSequence;
        foreach (var job in restored.Jobs)
        {
            Register(job);
        }

        RestoreDepends(restored.Depends);

        using var batch = _store.Batch();

        // A frame that was running when the scheduler stopped runs again; 299 ("cleared") does not count as a retry.
        foreach (var frame in _frames.Values.Where(f => f.State == PbJob.FrameState.Running).ToList())
        {
            frame.ExitStatus = 299;
            SetFrameState(frame, PbJob.FrameState.Waiting);
            SchedulerLog.FrameRequeued(_logger, frame.Name, frame.Layer.Job.Name);
        }

        Repair();
    }

    private void RestoreDepends(IReadOnlyList<CueDepend> restored)
    {
        foreach (var depend in restored)
        {
            _depends[depend.Id] = depend;
        }

        // Depend counts are read back as stored (Cuebot keeps them on the frame), not recomputed.
        foreach (var depend in _depends.Values)
        {
            if (depend.IsComposite)
            {
                depend.ActiveChildren = depend.Children.Count(c => c.Active);
                (depend.ErLayer!.ThisDependsOn ??= new List<CueDepend>()).Add(depend);
                continue;
            }

            Index(depend);
        }
    }

    /// <summary>
    /// After a crash, what completed may not have released everything (each completion is one
    /// transaction, but a crash can fall between a launch and its first write): like Cuebot's
    /// maintenance sweep, satisfy active depends whose target is done, finish complete jobs, and
    /// start post jobs whose parent finished.
    /// </summary>
    private void Repair()
    {
        foreach (var depend in _depends.Values.Where(d => d.Active && !d.IsComposite).ToList())
        {
            var done = depend.OnFrame != null ? depend.OnFrame.State == PbJob.FrameState.Succeeded
                : depend.OnLayer != null ? depend.OnLayer.IsComplete && (!_options.SatisfyOnlyOnFrameSuccess || depend.OnLayer.Counts[PbJob.FrameState.Eaten] == 0)
                : depend.OnJob.State == PbJob.JobState.Finished;
            if (done)
            {
                Satisfy(depend);
            }
        }

        foreach (var job in _jobs.Values.ToList())
        {
            CheckJobComplete(job);
            if (job.State == PbJob.JobState.Posted && job.ParentJobId != null && _jobs[job.ParentJobId].State == PbJob.JobState.Finished)
            {
                job.State = PbJob.JobState.Pending;
                _store.Update(job);
                CheckJobComplete(job);
            }
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(500), stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                DispatchOnce();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SchedulerLog.DispatchFailed(_logger, e);
            }
        }
    }

    private void Wake()
    {
        _dispatchNeeded = true;
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Cuebot's order across jobs: higher priority first, then launch order.</summary>
    private void SortActive() =>
        _active.Sort((a, b) => b.Priority != a.Priority ? b.Priority.CompareTo(a.Priority) : a.Sequence.CompareTo(b.Sequence));

    private long Now() => _clock.GetUtcNow().ToUnixTimeSeconds();

    private static string NewId() => Guid.NewGuid().ToString();
}
