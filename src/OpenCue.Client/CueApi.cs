using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCue.Client.Internal;
using PbCue = OpenCue.Proto.Cue;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client;

/// <summary>
/// Cuebot's API, as pycue's <c>opencue.api</c>: launch specs, find jobs, list frames. Handles it
/// returns (<see cref="CueJob"/>, <see cref="CueLayer"/>, <see cref="CueFrame"/>, <see cref="CueDepend"/>)
/// act through it. Failures are typed <see cref="CueException"/>s; no raw <see cref="RpcException"/> escapes.
/// One instance serves a whole application (it is thread-safe and keeps one channel per host); dispose it
/// when done, or let the dependency-injection container do so.
/// </summary>
public sealed class CueApi : IDisposable, IAsyncDisposable
{
    private readonly object _connecting = new();
    private readonly Func<IEnumerable<string>>? _hostsWhenFirstUsed;
    private readonly ClientTelemetry _telemetry;
    private CueConnection? _connection;
    private bool _disposed;

    /// <summary>Connects (lazily) to the Cuebot hosts the options name.</summary>
    /// <param name="options">Hosts, deadlines, TLS; defaults when null.</param>
    public CueApi(CueClientOptions? options = null)
        : this(options, null)
    {
    }

    /// <summary>
    /// A client whose hosts are known only once it is first used (<paramref name="hostsWhenFirstUsed"/>: e.g. a
    /// LocalCue hosted in the same application, whose port is chosen when it starts); they are added to
    /// <paramref name="options"/>, which must be this client's own instance. Without it, hosts are resolved now.
    /// </summary>
    internal CueApi(CueClientOptions? options, Func<IEnumerable<string>>? hostsWhenFirstUsed)
    {
        Options = options ?? new CueClientOptions();
        Options.Validate();
        Logger = Options.LoggerFactory?.CreateLogger("OpenCue.Client") ?? NullLogger.Instance;
        _telemetry = ClientTelemetry.For(Options.MeterFactory);
        _hostsWhenFirstUsed = hostsWhenFirstUsed;
        if (hostsWhenFirstUsed is null)
        {
            _connection = new CueConnection(Options, Logger);
        }
    }

    /// <summary>Connects to the given hosts (<c>host:port</c>).</summary>
    /// <param name="hosts">The Cuebot hosts.</param>
    /// <returns>The API.</returns>
    public static CueApi ForHosts(params string[] hosts)
    {
        var options = new CueClientOptions();
        foreach (var host in hosts)
        {
            options.Hosts.Add(host);
        }

        return new CueApi(options);
    }

    /// <summary>The options in use.</summary>
    public CueClientOptions Options { get; }

    /// <summary>
    /// The Cuebot hosts, in the order they are tried. For a client whose hosts are given at first use
    /// (<c>AddOpenCueClient().UseHosts(...)</c>), reading them is that first use.
    /// </summary>
    public IReadOnlyList<string> Hosts => Connection.Hosts;

    internal ILogger Logger { get; }

    internal ClientTelemetry Telemetry => _telemetry;

    /// <summary>The connection; with deferred hosts, made at first use (a failure is not kept: the next use tries again).</summary>
    private CueConnection Connection
    {
        get
        {
            if (Volatile.Read(ref _connection) is CueConnection made)
            {
                return made;
            }

            lock (_connecting)
            {
                if (_disposed)
                {
                    throw new ObjectDisposedException(nameof(CueApi));
                }

                if (_connection is null)
                {
                    var configured = Options.Hosts.Count;
                    try
                    {
                        foreach (var host in _hostsWhenFirstUsed!())
                        {
                            Options.Hosts.Add(host);
                        }

                        Options.Validate();
                        Volatile.Write(ref _connection, new CueConnection(Options, Logger));
                    }
                    catch
                    {
                        // Not connected: the options are as they were, for the next try.
                        while (Options.Hosts.Count > configured)
                        {
                            Options.Hosts.RemoveAt(Options.Hosts.Count - 1);
                        }

                        throw;
                    }
                }

                return _connection!;
            }
        }
    }
    /// <summary>Whether the server answers <c>GetUpdatedFrames</c>: null until asked, false once it answered UNIMPLEMENTED.</summary>
    internal bool? UpdatedFramesServed { get; set; }

    /// <summary>Launches a spec; Cuebot parses it, answers the job names and creates the jobs in the background.</summary>
    /// <param name="spec">The spec XML.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conformed job names.</returns>
    /// <exception cref="JobLaunchException">Cuebot refused the spec.</exception>
    public Task<IReadOnlyList<string>> LaunchSpecAsync(string spec, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<string>>("job.JobInterface/LaunchSpec", false, async (i, o) =>
            (await Jobs(i).LaunchSpecAsync(new PbJob.JobLaunchSpecRequest { Spec = spec }, o).ConfigureAwait(false)).Names.ToList(), cancellationToken, launch: true);

    /// <summary>Launches a spec and waits until its jobs exist (<c>LaunchSpecAndWait</c>).</summary>
    /// <param name="spec">The spec XML.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The launched jobs (post jobs not included).</returns>
    /// <exception cref="JobLaunchException">Cuebot refused the spec; the message is Cuebot's.</exception>
    public Task<IReadOnlyList<CueJob>> LaunchSpecAndWaitAsync(string spec, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<CueJob>>("job.JobInterface/LaunchSpecAndWait", false, async (i, o) =>
            (await Jobs(i).LaunchSpecAndWaitAsync(new PbJob.JobLaunchSpecAndWaitRequest { Spec = spec }, o).ConfigureAwait(false)).Jobs.Jobs.Select(j => new CueJob(this, j)).ToList(),
            cancellationToken, launch: true);

    /// <summary>Finds a pending job by name (Cuebot lower-cases it).</summary>
    /// <param name="name">The conformed job name, e.g. <c>testing-sh010-jdoe_my_job</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    /// <exception cref="EntityNotFoundException">No pending job has that name.</exception>
    public Task<CueJob> FindJobAsync(string name, CancellationToken cancellationToken = default) =>
        FindJobAsync(name, Options.CallDeadline, cancellationToken);

    /// <summary>
    /// Finds a job by name whether or not it has finished: the pending job (Cuebot's <c>FindJob</c>), else
    /// the most recently started finished job of that name (pycue: <c>findJob</c>, then
    /// <c>getJobs(job=[name], include_finished=True)</c>).
    /// </summary>
    /// <param name="name">The conformed job name, e.g. <c>testing-sh010-jdoe_my_job</c>.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The job.</returns>
    /// <exception cref="EntityNotFoundException">No job, pending or finished, has that name.</exception>
    public async Task<CueJob> FindLatestJobAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await FindJobAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (EntityNotFoundException)
        {
            // Not pending: look among finished jobs too.
        }

        var search = new JobSearch { IncludeFinished = true };
        search.Jobs.Add(name.ToLowerInvariant());
        return (await GetJobsAsync(search, cancellationToken).ConfigureAwait(false)).OrderByDescending(j => j.Data.StartTime).FirstOrDefault()
            ?? throw new EntityNotFoundException("No job named '" + name + "', pending or finished.");
    }

    /// <summary>Gets a job by id.</summary>
    /// <param name="id">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    public Task<CueJob> GetJobAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync("job.JobInterface/GetJob", true, async (i, o) =>
            new CueJob(this, (await Jobs(i).GetJobAsync(new PbJob.JobGetJobRequest { Id = Required(id, nameof(id)) }, o).ConfigureAwait(false)).Job), cancellationToken);

    /// <summary>Jobs matching a search (pending ones unless <see cref="JobSearch.IncludeFinished"/>).</summary>
    /// <param name="search">The search; null for every pending job.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jobs, ordered by name.</returns>
    public Task<IReadOnlyList<CueJob>> GetJobsAsync(JobSearch? search = null, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<CueJob>>("job.JobInterface/GetJobs", true, async (i, o) =>
            (await Jobs(i).GetJobsAsync(new PbJob.JobGetJobsRequest { R = (search ?? new JobSearch()).ToProto() }, o).ConfigureAwait(false)).Jobs.Jobs.Select(j => new CueJob(this, j)).ToList(),
            cancellationToken);

    /// <summary>Whether a job with exactly this (conformed, lower-case) name is pending.</summary>
    /// <param name="name">The conformed job name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it is pending.</returns>
    public Task<bool> IsJobPendingAsync(string name, CancellationToken cancellationToken = default) =>
        CallAsync("job.JobInterface/IsJobPending", true, async (i, o) =>
            (await Jobs(i).IsJobPendingAsync(new PbJob.JobIsJobPendingRequest { Name = Required(name, nameof(name)).ToLowerInvariant() }, o).ConfigureAwait(false)).Value, cancellationToken);

    /// <summary>The frames of a job by job name (<c>FrameInterface.GetFrames</c>), fetched page by page.</summary>
    /// <param name="jobName">The conformed job name.</param>
    /// <param name="search">Which frames; null for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The frames in dispatch order.</returns>
    public IAsyncEnumerable<CueFrame> GetFramesAsync(string jobName, FrameSearch? search = null, CancellationToken cancellationToken = default) =>
        PageFramesAsync("job.FrameInterface/GetFrames", search, async (criteria, i, o) =>
            (await new PbJob.FrameInterface.FrameInterfaceClient(i).GetFramesAsync(new PbJob.FrameGetFramesRequest { Job = Required(jobName, nameof(jobName)), R = criteria }, o).ConfigureAwait(false)).Frames,
            cancellationToken);

    /// <summary>Gets a layer by id.</summary>
    /// <param name="id">The layer id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The layer.</returns>
    public Task<CueLayer> GetLayerAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync("job.LayerInterface/GetLayer", true, async (i, o) =>
            new CueLayer(this, (await Layers(i).GetLayerAsync(new PbJob.LayerGetLayerRequest { Id = Required(id, nameof(id)) }, o).ConfigureAwait(false)).Layer), cancellationToken);

    /// <summary>Gets a frame by id.</summary>
    /// <param name="id">The frame id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frame.</returns>
    public Task<CueFrame> GetFrameAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync("job.FrameInterface/GetFrame", true, async (i, o) =>
            new CueFrame(this, (await Frames(i).GetFrameAsync(new PbJob.FrameGetFrameRequest { Id = Required(id, nameof(id)) }, o).ConfigureAwait(false)).Frame), cancellationToken);

    /// <summary>Gets a depend by id.</summary>
    /// <param name="id">The depend id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The depend.</returns>
    public Task<CueDepend> GetDependAsync(string id, CancellationToken cancellationToken = default) =>
        CallAsync("depend.DependInterface/GetDepend", true, async (i, o) =>
            new CueDepend(this, (await new PbDepend.DependInterface.DependInterfaceClient(i).GetDependAsync(new PbDepend.DependGetDependRequest { Id = Required(id, nameof(id)) }, o).ConfigureAwait(false)).Depend),
            cancellationToken);

    /// <summary>Cuebot's system statistics (the call pycue makes to open a connection).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The statistics.</returns>
    public Task<SystemStats> GetSystemStatsAsync(CancellationToken cancellationToken = default) =>
        CallAsync("cue.CueInterface/GetSystemStats", true, async (i, o) =>
            ProtoMapping.ToSystemStats((await new PbCue.CueInterface.CueInterfaceClient(i).GetSystemStatsAsync(new PbCue.CueGetSystemStatsRequest(), o).ConfigureAwait(false)).Stats), cancellationToken);

    /// <summary>Closes the channels.</summary>
    public void Dispose()
    {
        lock (_connecting)
        {
            _disposed = true;
        }

        _connection?.Dispose();
    }

    /// <summary>Closes the channels (nothing to wait for: calls in flight end with an error).</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    internal static PbJob.JobInterface.JobInterfaceClient Jobs(CallInvoker invoker) => new(invoker);

    internal static PbJob.LayerInterface.LayerInterfaceClient Layers(CallInvoker invoker) => new(invoker);

    internal static PbJob.FrameInterface.FrameInterfaceClient Frames(CallInvoker invoker) => new(invoker);

    /// <summary>Finds a pending job by name with a deadline of its own (the lookup after a launch whose answer was lost).</summary>
    internal Task<CueJob> FindJobAsync(string name, TimeSpan deadline, CancellationToken cancellationToken) =>
        InvokeAsync("job.JobInterface/FindJob", true, deadline, async (i, o) =>
            new CueJob(this, (await Jobs(i).FindJobAsync(new PbJob.JobFindJobRequest { Name = Required(name, nameof(name)).ToLowerInvariant() }, o).ConfigureAwait(false)).Job), cancellationToken);

    internal Task<T> CallAsync<T>(string method, bool idempotent, Func<CallInvoker, CallOptions, Task<T>> call, CancellationToken cancellationToken, bool launch = false) =>
        InvokeAsync(method, idempotent, launch ? Options.LaunchDeadline : Options.CallDeadline, call, cancellationToken, launch);

    internal Task CallAsync(string method, bool idempotent, Func<CallInvoker, CallOptions, Task> call, CancellationToken cancellationToken) =>
        InvokeAsync<bool>(method, idempotent, Options.CallDeadline, async (i, o) =>
        {
            await call(i, o).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    internal async IAsyncEnumerable<CueFrame> PageFramesAsync(
        string method,
        FrameSearch? search,
        Func<PbJob.FrameSearchCriteria, CallInvoker, CallOptions, Task<PbJob.FrameSeq>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        search ??= new FrameSearch();
        if (search.MaxResults is int none && none <= 0)
        {
            yield break;
        }

        var limit = Options.FramePageSize;
        var returned = 0;
        for (var page = 1; ; page++)
        {
            var criteria = search.ToProto(page, limit);
            var seq = await CallAsync(method, true, (i, o) => fetch(criteria, i, o), cancellationToken).ConfigureAwait(false);
            foreach (var frame in seq.Frames)
            {
                yield return new CueFrame(this, frame);
                if (search.MaxResults is int max && ++returned >= max)
                {
                    yield break;
                }
            }

            if (seq.Frames.Count < limit)
            {
                yield break;
            }
        }
    }

    /// <summary>Every call goes through here: the connection's failover, in one activity, counted and timed.</summary>
    private async Task<T> InvokeAsync<T>(string method, bool idempotent, TimeSpan deadline, Func<CallInvoker, CallOptions, Task<T>> call, CancellationToken cancellationToken, bool launch = false)
    {
        using var activity = ClientTelemetry.StartCall(method);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await Connection.CallAsync(method, idempotent, deadline, call, cancellationToken, launch).ConfigureAwait(false);
            _telemetry.CallEnded(activity, method, started, null);
            return result;
        }
        catch (Exception e)
        {
            _telemetry.CallEnded(activity, method, started, e);
            throw;
        }
    }

    internal static string Required(string value, string name) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException("A value is required.", name) : value;
}
