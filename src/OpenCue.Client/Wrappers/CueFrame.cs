using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Client.Internal;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client;

/// <summary>A frame (one task of a layer) on the Cuebot (pycue's <c>opencue.wrappers.frame.Frame</c>).</summary>
public sealed class CueFrame
{
    private readonly CueApi _api;

    internal CueFrame(CueApi api, PbJob.Frame data)
    {
        _api = api;
        Data = data;
    }

    /// <summary>The frame as Cuebot sent it (the wire contract stays inside the library).</summary>
    internal PbJob.Frame Data { get; private set; }

    /// <summary>The frame id.</summary>
    public string Id => Data.Id;

    /// <summary>The frame name, <c>0001-layer</c>.</summary>
    public string Name => Data.Name;

    /// <summary>The layer name.</summary>
    public string LayerName => Data.LayerName;

    /// <summary>The frame number (the chunk's first frame).</summary>
    public int Number => Data.Number;

    /// <summary>The state.</summary>
    public FrameState State => ProtoMapping.ToFrameState(Data.State);

    /// <summary>How many times the frame was retried.</summary>
    public int RetryCount => Data.RetryCount;

    /// <summary>The exit status of the last run (-1 before any).</summary>
    public int ExitStatus => Data.ExitStatus;

    /// <summary>Position in the layer's dispatch order.</summary>
    public int DispatchOrder => Data.DispatchOrder;

    /// <summary>When the last run started.</summary>
    public DateTimeOffset? StartTime => Requester.Time(Data.StartTime);

    /// <summary>When the last run stopped.</summary>
    public DateTimeOffset? StopTime => Requester.Time(Data.StopTime);

    /// <summary>When the frame's job was submitted (Cuebot 1.30's <c>submission_time</c>); null from an older Cuebot.</summary>
    public DateTimeOffset? SubmissionTime => Requester.Time(Data.SubmissionTime);

    /// <summary>
    /// When the frame last became eligible to run, its depends satisfied (Cuebot 1.30's <c>eligible_time</c>; the
    /// submission time while it still waits on a depend); null from an older Cuebot.
    /// </summary>
    public DateTimeOffset? EligibleTime => Requester.Time(Data.EligibleTime);

    /// <summary>Run time as pycue computes it: zero before start, until now while running, stop minus start after.</summary>
    public TimeSpan RunTime => Requester.RunTime(Data.StartTime, Data.StopTime, DateTimeOffset.UtcNow);

    /// <summary>Memory in use now, KB.</summary>
    public long UsedMemory => Data.UsedMemory;

    /// <summary>Peak resident memory of the last run, KB.</summary>
    public long MaxRss => Data.MaxRss;

    /// <summary>Memory reserved for the frame, KB.</summary>
    public long ReservedMemory => Data.ReservedMemory;

    /// <summary>Where the frame last ran, <c>host/cores/gpus</c>.</summary>
    public string LastResource => Data.LastResource;

    /// <summary>Fetches the frame again.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>This frame, updated.</returns>
    public async Task<CueFrame> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Data = (await _api.GetFrameAsync(Id, cancellationToken).ConfigureAwait(false)).Data;
        return this;
    }

    /// <summary>Retries the frame (nothing to do when it is already waiting, as pycue).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task RetryAsync(CancellationToken cancellationToken = default) =>
        State == FrameState.Waiting ? Task.CompletedTask :
        _api.CallAsync("job.FrameInterface/Retry", true, (i, o) => CueApi.Frames(i).RetryAsync(new PbJob.FrameRetryRequest { Frame = Ref() }, o).ResponseAsync, cancellationToken);

    /// <summary>Eats the frame (nothing to do when it is already eaten).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task EatAsync(CancellationToken cancellationToken = default) =>
        State == FrameState.Eaten ? Task.CompletedTask :
        _api.CallAsync("job.FrameInterface/Eat", true, (i, o) => CueApi.Frames(i).EatAsync(new PbJob.FrameEatRequest { Frame = Ref() }, o).ResponseAsync, cancellationToken);

    /// <summary>Kills the frame's process (only when running, as pycue); it then retries or dies by the usual rules.</summary>
    /// <param name="reason">Why; a default is sent when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task KillAsync(string? reason = null, CancellationToken cancellationToken = default) =>
        State != FrameState.Running ? Task.CompletedTask :
        _api.CallAsync("job.FrameInterface/Kill", true, (i, o) => CueApi.Frames(i).KillAsync(new PbJob.FrameKillRequest
        {
            Frame = Ref(), Username = Requester.User, Pid = Requester.Pid, HostKill = Requester.Host, Reason = Requester.Reason(reason),
        }, o).ResponseAsync, cancellationToken);

    /// <summary>What this frame depends on.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The depends.</returns>
    public Task<IReadOnlyList<CueDepend>> GetWhatThisDependsOnAsync(CancellationToken cancellationToken = default) =>
        _api.CallAsync<IReadOnlyList<CueDepend>>("job.FrameInterface/GetWhatThisDependsOn", true, async (i, o) =>
            (await CueApi.Frames(i).GetWhatThisDependsOnAsync(new PbJob.FrameGetWhatThisDependsOnRequest { Frame = Ref() }, o).ConfigureAwait(false)).Depends.Depends.Select(d => new CueDepend(_api, d)).ToList(),
            cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Name + " (" + State + ")";

    private PbJob.Frame Ref() => new() { Id = Id };
}
