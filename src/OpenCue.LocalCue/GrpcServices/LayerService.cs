using System;
using System.Linq;
using System.Threading.Tasks;
using Grpc.Core;
using OpenCue.Authoring;
using OpenCue.LocalCue.Scheduling;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>Cuebot's <c>job.LayerInterface</c> over the local scheduler.</summary>
internal sealed class LayerService : PbJob.LayerInterface.LayerInterfaceBase
{
    private readonly CueScheduler _cue;

    public LayerService(CueScheduler cue) => _cue = cue;

    public override Task<PbJob.LayerGetLayerResponse> GetLayer(PbJob.LayerGetLayerRequest request, ServerCallContext context) =>
        Task.FromResult(new PbJob.LayerGetLayerResponse { Layer = ProtoMapper.ToProto(_cue.GetLayer(request.Id)) });

    public override Task<PbJob.LayerFindLayerResponse> FindLayer(PbJob.LayerFindLayerRequest request, ServerCallContext context) =>
        Task.FromResult(new PbJob.LayerFindLayerResponse { Layer = ProtoMapper.ToProto(_cue.FindLayer(request.Job, request.Layer)) });

    public override Task<PbJob.LayerGetOutputPathsResponse> GetOutputPaths(PbJob.LayerGetOutputPathsRequest request, ServerCallContext context)
    {
        var response = new PbJob.LayerGetOutputPathsResponse();
        response.OutputPaths.AddRange(_cue.GetOutputPaths(Id(request.Layer)));
        return Task.FromResult(response);
    }

    public override Task<PbJob.LayerGetWhatDependsOnThisResponse> GetWhatDependsOnThis(PbJob.LayerGetWhatDependsOnThisRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Depends(_cue.GetDependents(null, Id(request.Layer), null));
        return Task.FromResult(new PbJob.LayerGetWhatDependsOnThisResponse { Depends = seq });
    }

    public override Task<PbJob.LayerGetFramesResponse> GetFrames(PbJob.LayerGetFramesRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Frames(_cue.GetFrames(null, null, Id(request.Layer), request.S));
        return Task.FromResult(new PbJob.LayerGetFramesResponse { Frames = seq });
    }

    public override Task<PbJob.LayerSetMaxCoresResponse> SetMaxCores(PbJob.LayerSetMaxCoresRequest request, ServerCallContext context)
    {
        _cue.UpdateLayer(Id(request.Layer), l => l.MaxCorePoints = JobService.WholeCorePoints(request.Cores));
        return Task.FromResult(new PbJob.LayerSetMaxCoresResponse());
    }

    public override Task<PbJob.LayerSetMinCoresResponse> SetMinCores(PbJob.LayerSetMinCoresRequest request, ServerCallContext context)
    {
        // Cuebot keeps fractions, and replaces anything under 10 points (0 and negatives too) by one core.
        var points = (int)Math.Round(request.Cores * 100, 2);
        _cue.UpdateLayer(Id(request.Layer), l => l.MinCorePoints = points < CueUnits.CorePointsReservedMin ? CueUnits.CorePointsReservedDefault : points);
        return Task.FromResult(new PbJob.LayerSetMinCoresResponse());
    }

    public override Task<PbJob.LayerSetMinMemoryResponse> SetMinMemory(PbJob.LayerSetMinMemoryRequest request, ServerCallContext context)
    {
        _cue.UpdateLayer(Id(request.Layer), l => l.MinMemoryKb = Math.Max(request.Memory, CueUnits.MemoryReservedMinKb));
        return Task.FromResult(new PbJob.LayerSetMinMemoryResponse());
    }

    public override Task<PbJob.LayerSetTagsResponse> SetTags(PbJob.LayerSetTagsRequest request, ServerCallContext context)
    {
        if (request.Tags.Count == 0)
        {
            throw new ArgumentException("A layer needs at least one tag.");
        }

        _cue.UpdateLayer(Id(request.Layer), l => l.Tags = request.Tags.ToList());
        return Task.FromResult(new PbJob.LayerSetTagsResponse());
    }

    public override Task<PbJob.LayerSetTimeoutResponse> SetTimeout(PbJob.LayerSetTimeoutRequest request, ServerCallContext context)
    {
        _cue.UpdateLayer(Id(request.Layer), l => l.TimeoutMinutes = request.Timeout);
        return Task.FromResult(new PbJob.LayerSetTimeoutResponse());
    }

    public override Task<PbJob.LayerSetTimeoutLLUResponse> SetTimeoutLLU(PbJob.LayerSetTimeoutLLURequest request, ServerCallContext context)
    {
        _cue.UpdateLayer(Id(request.Layer), l => l.TimeoutLluMinutes = request.TimeoutLlu);
        return Task.FromResult(new PbJob.LayerSetTimeoutLLUResponse());
    }

    public override Task<PbJob.LayerSetThreadableResponse> SetThreadable(PbJob.LayerSetThreadableRequest request, ServerCallContext context)
    {
        _cue.UpdateLayer(Id(request.Layer), l => l.Threadable = request.Threadable);
        return Task.FromResult(new PbJob.LayerSetThreadableResponse());
    }

    public override Task<PbJob.LayerGetWhatThisDependsOnResponse> GetWhatThisDependsOn(PbJob.LayerGetWhatThisDependsOnRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Depends(_cue.GetDepends(null, Id(request.Layer), null));
        return Task.FromResult(new PbJob.LayerGetWhatThisDependsOnResponse { Depends = seq });
    }

    public override Task<PbJob.LayerRetryFramesResponse> RetryFrames(PbJob.LayerRetryFramesRequest request, ServerCallContext context)
    {
        _cue.RetryFrames(_cue.Select(null, null, Id(request.Layer), null));
        return Task.FromResult(new PbJob.LayerRetryFramesResponse());
    }

    public override Task<PbJob.LayerEatFramesResponse> EatFrames(PbJob.LayerEatFramesRequest request, ServerCallContext context)
    {
        _cue.EatFrames(_cue.Select(null, null, Id(request.Layer), null));
        return Task.FromResult(new PbJob.LayerEatFramesResponse());
    }

    public override Task<PbJob.LayerKillFramesResponse> KillFrames(PbJob.LayerKillFramesRequest request, ServerCallContext context)
    {
        _cue.KillFrames(_cue.Select(null, null, Id(request.Layer), null), request.Reason);
        return Task.FromResult(new PbJob.LayerKillFramesResponse());
    }

    public override Task<PbJob.LayerMarkdoneFramesResponse> MarkdoneFrames(PbJob.LayerMarkdoneFramesRequest request, ServerCallContext context)
    {
        _cue.MarkDone(_cue.Select(null, null, Id(request.Layer), null), _cue.Layer(Id(request.Layer)));
        return Task.FromResult(new PbJob.LayerMarkdoneFramesResponse());
    }

    public override Task<PbJob.LayerDropDependsResponse> DropDepends(PbJob.LayerDropDependsRequest request, ServerCallContext context)
    {
        _cue.DropDepends(null, _cue.Layer(Id(request.Layer)), null);
        return Task.FromResult(new PbJob.LayerDropDependsResponse());
    }

    private static string Id(PbJob.Layer? layer) => layer?.Id ?? throw new ArgumentException("The request names no layer.");
}
