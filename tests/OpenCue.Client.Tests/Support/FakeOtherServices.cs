using Grpc.Core;
using OpenCue.Proto.Cue;
using OpenCue.Proto.Depends;
using OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests.Support;

/// <summary>The fake's <c>job.LayerInterface</c>. As on Cuebot, an unknown layer id is a generic (UNKNOWN) error.</summary>
public sealed class FakeLayerService : LayerInterface.LayerInterfaceBase
{
    private readonly FakeCuebot _fake;

    public FakeLayerService(FakeCuebot fake) => _fake = fake;

    private FakeModel Model => _fake.Model;

    public override async Task<LayerGetLayerResponse> GetLayer(LayerGetLayerRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            return new LayerGetLayerResponse { Layer = Model.ToProto(Model.LayerById(request.Id)) };
        }
    }

    public override async Task<LayerGetFramesResponse> GetFrames(LayerGetFramesRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            var seq = new FrameSeq();
            seq.Frames.AddRange(FakeModel.Page(FakeModel.Filter(Model.LayerById(request.Layer.Id).Frames, request.S), request.S).Select(FakeModel.ToProto));
            return new LayerGetFramesResponse { Frames = seq };
        }
    }

    public override async Task<LayerSetMaxCoresResponse> SetMaxCores(LayerSetMaxCoresRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            // Cuebot keeps whole cores only: floor(cores + 0.005).
            Model.LayerById(request.Layer.Id).MaxCores = MathF.Floor(request.Cores + 0.005f);
        }

        return new LayerSetMaxCoresResponse();
    }

    public override async Task<LayerSetMinCoresResponse> SetMinCores(LayerSetMinCoresRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            Model.LayerById(request.Layer.Id).MinCores = request.Cores < 0.1f ? 1f : request.Cores;
        }

        return new LayerSetMinCoresResponse();
    }
}

/// <summary>The fake's <c>job.FrameInterface</c>.</summary>
public sealed class FakeFrameService : FrameInterface.FrameInterfaceBase
{
    private readonly FakeCuebot _fake;

    public FakeFrameService(FakeCuebot fake) => _fake = fake;

    private FakeModel Model => _fake.Model;

    public override async Task<FrameGetFrameResponse> GetFrame(FrameGetFrameRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            return new FrameGetFrameResponse { Frame = FakeModel.ToProto(Model.FrameById(request.Id)) };
        }
    }

    /// <summary>Frames of the job <em>named</em> in the request (the latest job of that name).</summary>
    public override async Task<FrameGetFramesResponse> GetFrames(FrameGetFramesRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            var job = Model.Jobs.LastOrDefault(j => j.Name == request.Job) ?? throw FakeModel.NotFound("Job not found");
            var seq = new FrameSeq();
            seq.Frames.AddRange(FakeModel.Page(FakeModel.Filter(job.Frames, request.R), request.R).Select(FakeModel.ToProto));
            return new FrameGetFramesResponse { Frames = seq };
        }
    }

    public override async Task<FrameRetryResponse> Retry(FrameRetryRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            var frame = Model.FrameById(request.Frame.Id);
            frame.State = OpenCue.Proto.Jobs.FrameState.Waiting;
            frame.Layer.Job.State = OpenCue.Proto.Jobs.JobState.Pending;
        }

        return new FrameRetryResponse();
    }

    public override async Task<FrameEatResponse> Eat(FrameEatRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            Model.FrameById(request.Frame.Id).State = OpenCue.Proto.Jobs.FrameState.Eaten;
        }

        return new FrameEatResponse();
    }

    public override async Task<FrameKillResponse> Kill(FrameKillRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            var frame = Model.FrameById(request.Frame.Id);
            if (frame.State == OpenCue.Proto.Jobs.FrameState.Running)
            {
                frame.State = OpenCue.Proto.Jobs.FrameState.Waiting;
            }
        }

        return new FrameKillResponse();
    }
}

/// <summary>The fake's <c>depend.DependInterface</c>: the model holds no depends, so every id is unknown.</summary>
public sealed class FakeDependService : DependInterface.DependInterfaceBase
{
    private readonly FakeCuebot _fake;

    public FakeDependService(FakeCuebot fake) => _fake = fake;

    public override async Task<DependGetDependResponse> GetDepend(DependGetDependRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        throw FakeModel.NotFound("Depend not found");
    }

    public override async Task<DependSatisfyResponse> Satisfy(DependSatisfyRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        throw FakeModel.NotFound("Depend not found");
    }
}

/// <summary>The fake's <c>cue.CueInterface</c> (the call pycue makes to probe a host).</summary>
public sealed class FakeCueService : CueInterface.CueInterfaceBase
{
    private readonly FakeCuebot _fake;

    public FakeCueService(FakeCuebot fake) => _fake = fake;

    public override async Task<CueGetSystemStatsResponse> GetSystemStats(CueGetSystemStatsRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        return new CueGetSystemStatsResponse { Stats = new OpenCue.Proto.Cue.SystemStats() };
    }
}
