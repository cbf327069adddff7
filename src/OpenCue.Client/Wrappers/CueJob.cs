using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.Client.Internal;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client;

/// <summary>A job on the Cuebot (pycue's <c>opencue.wrappers.job.Job</c>). Values are as of the last fetch; <see cref="RefreshAsync"/> updates them.</summary>
public sealed class CueJob
{
    private readonly CueApi _api;

    internal CueJob(CueApi api, PbJob.Job data)
    {
        _api = api;
        Data = data;
    }

    /// <summary>The job as Cuebot sent it (the wire contract stays inside the library).</summary>
    internal PbJob.Job Data { get; private set; }

    /// <summary>The job id.</summary>
    public string Id => Data.Id;

    /// <summary>The conformed job name, <c>show-shot-user_name</c>.</summary>
    public string Name => Data.Name;

    /// <summary>The show.</summary>
    public string Show => Data.Show;

    /// <summary>The shot.</summary>
    public string Shot => Data.Shot;

    /// <summary>The user.</summary>
    public string User => Data.User;

    /// <summary>The state: PENDING until every frame succeeded or was eaten, or the job was killed.</summary>
    public JobState State => ProtoMapping.ToJobState(Data.State);

    /// <summary>Whether the job is paused.</summary>
    public bool IsPaused => Data.IsPaused;

    /// <summary>The priority.</summary>
    public int Priority => Data.Priority;

    /// <summary>The uid frames run as, or null when the submitter sent none.</summary>
    public int? Uid => Data.HasUid ? Data.Uid : null;

    /// <summary>The facility.</summary>
    public string Facility => Data.Facility;

    /// <summary>The operating system frames ask for.</summary>
    public string Os => Data.Os;

    /// <summary>Whether failed frames are eaten instead of retried.</summary>
    public bool IsAutoEat => Data.AutoEat;

    /// <summary>The job's minimum cores.</summary>
    public double MinCores => Data.MinCores;

    /// <summary>The job's maximum cores.</summary>
    public double MaxCores => Data.MaxCores;

    /// <summary>Frame counts and times.</summary>
    public JobStats Stats => ProtoMapping.ToJobStats(Data.JobStats);

    /// <summary>Where frame logs are written.</summary>
    public string LogDirectory => Data.LogDir;

    /// <summary>
    /// Where a frame's latest log is, as RQD (and LocalCue) name it:
    /// <c>&lt;log directory&gt;/&lt;job&gt;.&lt;frame&gt;.rqlog</c>. Earlier attempts are beside it as
    /// <c>.rqlog.1</c>, <c>.rqlog.2</c>... On a farm the directory is on shared storage.
    /// </summary>
    /// <param name="frameName">The frame name, such as <c>0001-render</c> (<see cref="CueFrame.Name"/>).</param>
    /// <returns>The path.</returns>
    public string GetFrameLogPath(string frameName)
    {
        ArgumentNullException.ThrowIfNull(frameName);
        return Path.Combine(LogDirectory, FrameLogNames.FileName(Name, frameName));
    }

    /// <summary>When the job started, if it has.</summary>
    public DateTimeOffset? StartTime => Requester.Time(Data.StartTime);

    /// <summary>When the job finished, if it has.</summary>
    public DateTimeOffset? StopTime => Requester.Time(Data.StopTime);

    /// <summary>Fetches the job again.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>This job, updated.</returns>
    public async Task<CueJob> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Data = (await _api.GetJobAsync(Id, cancellationToken).ConfigureAwait(false)).Data;
        return this;
    }

    /// <summary>The job's layers.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The layers in dispatch order.</returns>
    public Task<IReadOnlyList<CueLayer>> GetLayersAsync(CancellationToken cancellationToken = default) =>
        _api.CallAsync<IReadOnlyList<CueLayer>>("job.JobInterface/GetLayers", true, async (i, o) =>
            (await CueApi.Jobs(i).GetLayersAsync(new PbJob.JobGetLayersRequest { Job = Ref() }, o).ConfigureAwait(false)).Layers.Layers.Select(l => new CueLayer(_api, l)).ToList(),
            cancellationToken);

    /// <summary>The job's frames, fetched page by page (so 100,000-frame jobs work).</summary>
    /// <param name="search">Which frames; null for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The frames in dispatch order.</returns>
    public IAsyncEnumerable<CueFrame> GetFramesAsync(FrameSearch? search = null, CancellationToken cancellationToken = default) =>
        _api.PageFramesAsync("job.JobInterface/GetFrames", search, async (criteria, i, o) =>
            (await CueApi.Jobs(i).GetFramesAsync(new PbJob.JobGetFramesRequest { Job = Ref(), Req = criteria }, o).ConfigureAwait(false)).Frames, cancellationToken);

    /// <summary>Kills the job. A reason is always sent: Cuebot silently ignores a kill without one.</summary>
    /// <param name="reason">Why; null gives "Killed by USER on HOST via OpenCue.Client".</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task KillAsync(string? reason = null, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.JobInterface/Kill", true, (i, o) => CueApi.Jobs(i).KillAsync(
            new PbJob.JobKillRequest { Job = Ref(), Username = Requester.User, Pid = Requester.Pid, HostKill = Requester.Host, Reason = Requester.Reason(reason) }, o).ResponseAsync,
            cancellationToken);

    /// <summary>Pauses the job: no new frame starts.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task PauseAsync(CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.JobInterface/Pause", true, (i, o) => CueApi.Jobs(i).PauseAsync(new PbJob.JobPauseRequest { Job = Ref() }, o).ResponseAsync, cancellationToken);

    /// <summary>Resumes a paused job.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task ResumeAsync(CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.JobInterface/Resume", true, (i, o) => CueApi.Jobs(i).ResumeAsync(new PbJob.JobResumeRequest { Job = Ref() }, o).ResponseAsync, cancellationToken);

    /// <summary>Retries frames: they go back to waiting (running ones are killed first), and what they satisfied waits again.</summary>
    /// <param name="search">Which frames; <see cref="FrameSearch.All"/> for every frame.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task RetryFramesAsync(FrameSearch search, CancellationToken cancellationToken = default)
    {
        var criteria = (search ?? throw new ArgumentNullException(nameof(search))).ToActionProto("retry");
        return _api.CallAsync("job.JobInterface/RetryFrames", true, (i, o) => CueApi.Jobs(i).RetryFramesAsync(new PbJob.JobRetryFramesRequest { Job = Ref(), Req = criteria }, o).ResponseAsync, cancellationToken);
    }

    /// <summary>Eats frames: marks them EATEN (running ones are killed). Eating does not release dependents.</summary>
    /// <param name="search">Which frames; <see cref="FrameSearch.All"/> for every frame.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task EatFramesAsync(FrameSearch search, CancellationToken cancellationToken = default)
    {
        var criteria = (search ?? throw new ArgumentNullException(nameof(search))).ToActionProto("eat");
        return _api.CallAsync("job.JobInterface/EatFrames", true, (i, o) => CueApi.Jobs(i).EatFramesAsync(new PbJob.JobEatFramesRequest { Job = Ref(), Req = criteria }, o).ResponseAsync, cancellationToken);
    }

    /// <summary>Kills running frames; each then retries or dies by the usual rules.</summary>
    /// <param name="search">Which frames; <see cref="FrameSearch.All"/> for every frame.</param>
    /// <param name="reason">Why; a default is sent when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task KillFramesAsync(FrameSearch search, string? reason = null, CancellationToken cancellationToken = default)
    {
        var criteria = (search ?? throw new ArgumentNullException(nameof(search))).ToActionProto("kill");
        return _api.CallAsync("job.JobInterface/KillFrames", true, (i, o) => CueApi.Jobs(i).KillFramesAsync(new PbJob.JobKillFramesRequest
        {
            Job = Ref(), Req = criteria, Username = Requester.User, Pid = Requester.Pid, HostKill = Requester.Host, Reason = Requester.Reason(reason),
        }, o).ResponseAsync, cancellationToken);
    }

    /// <summary>Sets the priority.</summary>
    /// <param name="priority">The priority.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetPriorityAsync(int priority, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.JobInterface/SetPriority", true, (i, o) => CueApi.Jobs(i).SetPriorityAsync(new PbJob.JobSetPriorityRequest { Job = Ref(), Val = priority }, o).ResponseAsync, cancellationToken);

    /// <summary>Sets the job's maximum cores (Cuebot rounds down to whole cores).</summary>
    /// <param name="cores">Cores.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetMaxCoresAsync(double cores, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.JobInterface/SetMaxCores", true, (i, o) => CueApi.Jobs(i).SetMaxCoresAsync(new PbJob.JobSetMaxCoresRequest { Job = Ref(), Val = (float)cores }, o).ResponseAsync, cancellationToken);

    /// <summary>Sets the job's minimum cores.</summary>
    /// <param name="cores">Cores.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetMinCoresAsync(double cores, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.JobInterface/SetMinCores", true, (i, o) => CueApi.Jobs(i).SetMinCoresAsync(new PbJob.JobSetMinCoresRequest { Job = Ref(), Val = (float)cores }, o).ResponseAsync, cancellationToken);

    /// <summary>Sets how many times a failed frame is retried (0 to 16).</summary>
    /// <param name="retries">Retries.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetMaxRetriesAsync(int retries, CancellationToken cancellationToken = default)
    {
        if (retries < 0 || retries > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(retries), retries, "Cuebot accepts 0 to 16 retries.");
        }

        return _api.CallAsync("job.JobInterface/SetMaxRetries", true, (i, o) => CueApi.Jobs(i).SetMaxRetriesAsync(new PbJob.JobSetMaxRetriesRequest { Job = Ref(), MaxRetries = retries }, o).ResponseAsync, cancellationToken);
    }

    /// <summary>Turns autoeat on (failed frames are eaten, no retries) or off.</summary>
    /// <param name="value">Autoeat.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetAutoEatAsync(bool value, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.JobInterface/SetAutoEat", true, (i, o) => CueApi.Jobs(i).SetAutoEatAsync(new PbJob.JobSetAutoEatRequest { Job = Ref(), Value = value }, o).ResponseAsync, cancellationToken);

    /// <summary>The job's depends.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The depends.</returns>
    public Task<IReadOnlyList<CueDepend>> GetDependsAsync(CancellationToken cancellationToken = default) =>
        _api.CallAsync<IReadOnlyList<CueDepend>>("job.JobInterface/GetDepends", true, async (i, o) =>
            (await CueApi.Jobs(i).GetDependsAsync(new PbJob.JobGetDependsRequest { Job = Ref() }, o).ConfigureAwait(false)).Depends.Depends.Select(d => new CueDepend(_api, d)).ToList(),
            cancellationToken);

    /// <summary>
    /// Follows the job as events: frames started, succeeded, died, retried and eaten, layers finished,
    /// and last the job finished or killed, after which the stream ends. The first look reports frames
    /// already dead; after it, what changed between looks (a look may miss steps: a run that ended
    /// between two looks is reported as started then as its outcome). Built on Cuebot's
    /// <c>GetUpdatedFrames</c> where the server has it, else on listing the frames at each look.
    /// Errors are logged and the next look tried, until the server has been unreachable for
    /// <see cref="WaitOptions.ServerLostTimeout"/>.
    /// </summary>
    /// <param name="options">Poll interval, server-lost limit and progress; <see cref="WaitOptions.FailOnDead"/> and <see cref="WaitOptions.Timeout"/> are for <see cref="WaitAsync(WaitOptions, CancellationToken)"/>. Null for the defaults.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The events, in the order they were seen.</returns>
    /// <exception cref="CueServerLostException">The server was unreachable for the limit.</exception>
    public IAsyncEnumerable<JobEvent> WatchAsync(WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WaitOptions();
        options.Validate();
        return JobEventStream.RunAsync(_api, this, options, _api.Logger, cancellationToken);
    }

    /// <summary>
    /// Waits until the job finishes or is killed (<see cref="WatchAsync"/>'s events), failing at the
    /// first dead frame when <see cref="WaitOptions.FailOnDead"/> is set and after
    /// <see cref="WaitOptions.Timeout"/> when one is set. Neither stops the job.
    /// </summary>
    /// <param name="options">Fail-on-dead, timeout, poll interval, progress; null for the defaults (wait for ever).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The last event: <see cref="JobEventKind.JobFinished"/> or <see cref="JobEventKind.JobKilled"/>.</returns>
    /// <exception cref="FrameDiedException">A frame died and the options fail on dead frames.</exception>
    /// <exception cref="JobWaitTimeoutException">The timeout passed first.</exception>
    /// <exception cref="CueServerLostException">The server was unreachable for the limit.</exception>
    public Task<JobEvent> WaitAsync(WaitOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitCoreAsync(options ?? new WaitOptions(), _api.Logger, cancellationToken);

    internal async Task<JobEvent> WaitCoreAsync(WaitOptions options, Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken)
    {
        options.Validate();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Timeout is TimeSpan timeout)
        {
            limit.CancelAfter(timeout);
        }

        try
        {
            JobEvent? last = null;
            await foreach (var e in JobEventStream.RunAsync(_api, this, options, logger, limit.Token).ConfigureAwait(false))
            {
                if (options.FailOnDead && e.Kind == JobEventKind.FrameDied)
                {
                    throw new FrameDiedException(Name, e.Frame!.Name, e.Frame.ExitStatus, e.LogPath!);
                }

                last = e;
            }

            return last!;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new JobWaitTimeoutException(Name, options.Timeout!.Value);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name + " (" + State + ")";

    private PbJob.Job Ref() => new() { Id = Id };
}
