using System;
using System.Threading.Tasks;
using Grpc.Core;
using OpenCue.LocalCue.Scheduling;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>Cuebot's <c>job.FrameInterface</c> over the local scheduler.</summary>
internal sealed class FrameService : PbJob.FrameInterface.FrameInterfaceBase
{
    private readonly CueScheduler _cue;

    public FrameService(CueScheduler cue) => _cue = cue;

    public override Task<PbJob.FrameGetFrameResponse> GetFrame(PbJob.FrameGetFrameRequest request, ServerCallContext context) =>
        Task.FromResult(new PbJob.FrameGetFrameResponse { Frame = ProtoMapper.ToProto(_cue.GetFrame(request.Id)) });

    public override Task<PbJob.FrameFindFrameResponse> FindFrame(PbJob.FrameFindFrameRequest request, ServerCallContext context) =>
        Task.FromResult(new PbJob.FrameFindFrameResponse { Frame = ProtoMapper.ToProto(_cue.FindFrame(request.Job, request.Layer, request.Frame)) });

    public override Task<PbJob.FrameGetWhatDependsOnThisResponse> GetWhatDependsOnThis(PbJob.FrameGetWhatDependsOnThisRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Depends(_cue.GetDependents(null, null, Id(request.Frame)));
        return Task.FromResult(new PbJob.FrameGetWhatDependsOnThisResponse { Depends = seq });
    }

    /// <summary>Takes a job <b>name</b>, as Cuebot's does.</summary>
    public override Task<PbJob.FrameGetFramesResponse> GetFrames(PbJob.FrameGetFramesRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Frames(_cue.GetFrames(null, request.Job, null, request.R));
        return Task.FromResult(new PbJob.FrameGetFramesResponse { Frames = seq });
    }

    public override Task<PbJob.FrameRetryResponse> Retry(PbJob.FrameRetryRequest request, ServerCallContext context)
    {
        _cue.RetryFrames(new[] { _cue.Frame(Id(request.Frame)) });
        return Task.FromResult(new PbJob.FrameRetryResponse());
    }

    public override Task<PbJob.FrameEatResponse> Eat(PbJob.FrameEatRequest request, ServerCallContext context)
    {
        _cue.EatFrames(new[] { _cue.Frame(Id(request.Frame)) });
        return Task.FromResult(new PbJob.FrameEatResponse());
    }

    public override Task<PbJob.FrameKillResponse> Kill(PbJob.FrameKillRequest request, ServerCallContext context)
    {
        _cue.KillFrames(new[] { _cue.Frame(Id(request.Frame)) }, request.Reason);
        return Task.FromResult(new PbJob.FrameKillResponse());
    }

    public override Task<PbJob.FrameMarkAsWaitingResponse> MarkAsWaiting(PbJob.FrameMarkAsWaitingRequest request, ServerCallContext context)
    {
        _cue.MarkAsWaiting(new[] { _cue.Frame(Id(request.Frame)) });
        return Task.FromResult(new PbJob.FrameMarkAsWaitingResponse());
    }

    public override Task<PbJob.FrameGetWhatThisDependsOnResponse> GetWhatThisDependsOn(PbJob.FrameGetWhatThisDependsOnRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Depends(_cue.GetDepends(null, null, Id(request.Frame)));
        return Task.FromResult(new PbJob.FrameGetWhatThisDependsOnResponse { Depends = seq });
    }

    public override Task<PbJob.FrameDropDependsResponse> DropDepends(PbJob.FrameDropDependsRequest request, ServerCallContext context)
    {
        _cue.DropDepends(null, null, _cue.Frame(Id(request.Frame)));
        return Task.FromResult(new PbJob.FrameDropDependsResponse());
    }

    private static string Id(PbJob.Frame? frame) => frame?.Id ?? throw new ArgumentException("The request names no frame.");
}
