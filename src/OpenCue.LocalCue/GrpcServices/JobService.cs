using System;
using System.Linq;
using System.Threading.Tasks;
using Grpc.Core;
using OpenCue.LocalCue.Scheduling;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>
/// Cuebot's <c>job.JobInterface</c> over the local scheduler. Bound through <see cref="BindService"/>,
/// so that an unreadable spec request is answered <c>INVALID_ARGUMENT</c> (<see cref="SpecRequestBinder"/>).
/// </summary>
[BindServiceMethod(typeof(JobService), nameof(BindService))]
internal sealed class JobService : PbJob.JobInterface.JobInterfaceBase
{
    private readonly CueScheduler _cue;
    private readonly SpecLauncher _launcher;

    public JobService(CueScheduler cue, SpecLauncher launcher)
    {
        _cue = cue;
        _launcher = launcher;
    }

    /// <summary>
    /// The generated binding, with the spec-reading marshaller for the launch methods. Grpc.AspNetCore
    /// finds it through the attribute; the parameter is the generated base type because that is where
    /// it looks the handlers up.
    /// </summary>
    /// <param name="binder">The binder.</param>
    /// <param name="service">The service (null while Grpc.AspNetCore discovers methods).</param>
    public static void BindService(ServiceBinderBase binder, PbJob.JobInterface.JobInterfaceBase? service) =>
        PbJob.JobInterface.BindService(new SpecRequestBinder(binder), service!);

    public override Task<PbJob.JobLaunchSpecResponse> LaunchSpec(PbJob.JobLaunchSpecRequest request, ServerCallContext context)
    {
        var response = new PbJob.JobLaunchSpecResponse();
        response.Names.AddRange(_launcher.Launch(request.Spec, Caller.LaunchUid(context), context.CancellationToken).Select(id => _cue.GetJob(id).Name));
        return Task.FromResult(response);
    }

    public override Task<PbJob.JobLaunchSpecAndWaitResponse> LaunchSpecAndWait(PbJob.JobLaunchSpecAndWaitRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Jobs(_launcher.Launch(request.Spec, Caller.LaunchUid(context), context.CancellationToken).Select(_cue.GetJob));
        return Task.FromResult(new PbJob.JobLaunchSpecAndWaitResponse { Jobs = seq });
    }

    public override Task<PbJob.JobFindJobResponse> FindJob(PbJob.JobFindJobRequest request, ServerCallContext context) =>
        Task.FromResult(new PbJob.JobFindJobResponse { Job = ProtoMapper.ToProto(_cue.FindJob(request.Name)) });

    public override Task<PbJob.JobGetJobResponse> GetJob(PbJob.JobGetJobRequest request, ServerCallContext context) =>
        Task.FromResult(new PbJob.JobGetJobResponse { Job = ProtoMapper.ToProto(_cue.GetJob(request.Id)) });

    public override Task<PbJob.JobGetJobsResponse> GetJobs(PbJob.JobGetJobsRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Jobs(_cue.GetJobs(request.R ?? new PbJob.JobSearchCriteria()));
        return Task.FromResult(new PbJob.JobGetJobsResponse { Jobs = seq });
    }

    public override Task<PbJob.JobGetJobNamesResponse> GetJobNames(PbJob.JobGetJobNamesRequest request, ServerCallContext context)
    {
        var response = new PbJob.JobGetJobNamesResponse();
        response.Names.AddRange(_cue.GetJobNames(request.R ?? new PbJob.JobSearchCriteria()));
        return Task.FromResult(response);
    }

    public override Task<PbJob.JobGetWhatDependsOnThisResponse> GetWhatDependsOnThis(PbJob.JobGetWhatDependsOnThisRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Depends(_cue.GetDependents(Id(request.Job), null, null));
        return Task.FromResult(new PbJob.JobGetWhatDependsOnThisResponse { Depends = seq });
    }

    /// <summary>LocalCue keeps no comments: always none.</summary>
    public override Task<PbJob.JobGetCommentsResponse> GetComments(PbJob.JobGetCommentsRequest request, ServerCallContext context)
    {
        _cue.Job(Id(request.Job));
        return Task.FromResult(new PbJob.JobGetCommentsResponse { Comments = new OpenCue.Proto.Comments.CommentSeq() });
    }

    public override Task<PbJob.JobIsJobPendingResponse> IsJobPending(PbJob.JobIsJobPendingRequest request, ServerCallContext context) =>
        Task.FromResult(new PbJob.JobIsJobPendingResponse { Value = _cue.IsJobPending(request.Name) });

    public override Task<PbJob.JobGetCurrentResponse> GetCurrent(PbJob.JobGetCurrentRequest request, ServerCallContext context) =>
        Task.FromResult(new PbJob.JobGetCurrentResponse { Job = ProtoMapper.ToProto(_cue.GetJob(Id(request.Job))) });

    public override Task<PbJob.JobGetLayersResponse> GetLayers(PbJob.JobGetLayersRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Layers(_cue.GetLayers(Id(request.Job)));
        return Task.FromResult(new PbJob.JobGetLayersResponse { Layers = seq });
    }

    public override Task<PbJob.JobGetFramesResponse> GetFrames(PbJob.JobGetFramesRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Frames(_cue.GetFrames(Id(request.Job), null, null, request.Req));
        return Task.FromResult(new PbJob.JobGetFramesResponse { Frames = seq });
    }

    public override Task<PbJob.JobKillResponse> Kill(PbJob.JobKillRequest request, ServerCallContext context)
    {
        _cue.KillJob(Id(request.Job), request.Reason);
        return Task.FromResult(new PbJob.JobKillResponse());
    }

    public override Task<PbJob.JobPauseResponse> Pause(PbJob.JobPauseRequest request, ServerCallContext context)
    {
        _cue.SetPaused(Id(request.Job), true);
        return Task.FromResult(new PbJob.JobPauseResponse());
    }

    public override Task<PbJob.JobResumeResponse> Resume(PbJob.JobResumeRequest request, ServerCallContext context)
    {
        _cue.SetPaused(Id(request.Job), false);
        return Task.FromResult(new PbJob.JobResumeResponse());
    }

    public override Task<PbJob.JobRetryFramesResponse> RetryFrames(PbJob.JobRetryFramesRequest request, ServerCallContext context)
    {
        _cue.RetryFrames(_cue.Select(Id(request.Job), null, null, request.Req));
        return Task.FromResult(new PbJob.JobRetryFramesResponse());
    }

    public override Task<PbJob.JobEatFramesResponse> EatFrames(PbJob.JobEatFramesRequest request, ServerCallContext context)
    {
        _cue.EatFrames(_cue.Select(Id(request.Job), null, null, request.Req));
        return Task.FromResult(new PbJob.JobEatFramesResponse());
    }

    public override Task<PbJob.JobKillFramesResponse> KillFrames(PbJob.JobKillFramesRequest request, ServerCallContext context)
    {
        _cue.KillFrames(_cue.Select(Id(request.Job), null, null, request.Req), request.Reason);
        return Task.FromResult(new PbJob.JobKillFramesResponse());
    }

    public override Task<PbJob.JobMarkDoneFramesResponse> MarkDoneFrames(PbJob.JobMarkDoneFramesRequest request, ServerCallContext context)
    {
        _cue.MarkDone(_cue.Select(Id(request.Job), null, null, request.Req));
        return Task.FromResult(new PbJob.JobMarkDoneFramesResponse());
    }

    public override Task<PbJob.JobMarkAsWaitingResponse> MarkAsWaiting(PbJob.JobMarkAsWaitingRequest request, ServerCallContext context)
    {
        _cue.MarkAsWaiting(_cue.Select(Id(request.Job), null, null, request.Req));
        return Task.FromResult(new PbJob.JobMarkAsWaitingResponse());
    }

    public override Task<PbJob.JobSetMaxRetriesResponse> SetMaxRetries(PbJob.JobSetMaxRetriesRequest request, ServerCallContext context)
    {
        if (request.MaxRetries < 0 || request.MaxRetries > 16)
        {
            throw new ArgumentException("Max retries must be 0 to 16 (was " + request.MaxRetries + ").");
        }

        _cue.UpdateJob(Id(request.Job), j => j.MaxRetries = request.MaxRetries);
        return Task.FromResult(new PbJob.JobSetMaxRetriesResponse());
    }

    public override Task<PbJob.JobSetMaxCoresResponse> SetMaxCores(PbJob.JobSetMaxCoresRequest request, ServerCallContext context)
    {
        _cue.UpdateJob(Id(request.Job), j => j.MaxCorePoints = WholeCorePoints(request.Val));
        return Task.FromResult(new PbJob.JobSetMaxCoresResponse());
    }

    public override Task<PbJob.JobSetMinCoresResponse> SetMinCores(PbJob.JobSetMinCoresRequest request, ServerCallContext context)
    {
        _cue.UpdateJob(Id(request.Job), j => j.MinCorePoints = WholeCorePoints(request.Val));
        return Task.FromResult(new PbJob.JobSetMinCoresResponse());
    }

    public override Task<PbJob.JobSetPriorityResponse> SetPriority(PbJob.JobSetPriorityRequest request, ServerCallContext context)
    {
        _cue.UpdateJob(Id(request.Job), j => j.Priority = request.Val);
        return Task.FromResult(new PbJob.JobSetPriorityResponse());
    }

    public override Task<PbJob.JobSetAutoEatResponse> SetAutoEat(PbJob.JobSetAutoEatRequest request, ServerCallContext context)
    {
        // Cuebot: autoeat on also sets max retries 0; off sets 1.
        _cue.UpdateJob(Id(request.Job), j =>
        {
            j.AutoEat = request.Value;
            j.MaxRetries = request.Value ? 0 : 1;
        });
        return Task.FromResult(new PbJob.JobSetAutoEatResponse());
    }

    public override Task<PbJob.JobGetDependsResponse> GetDepends(PbJob.JobGetDependsRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Depends(_cue.GetDepends(Id(request.Job), null, null));
        return Task.FromResult(new PbJob.JobGetDependsResponse { Depends = seq });
    }

    public override Task<PbJob.JobGetWhatThisDependsOnResponse> GetWhatThisDependsOn(PbJob.JobGetWhatThisDependsOnRequest request, ServerCallContext context)
    {
        var seq = ProtoMapper.Depends(_cue.GetDepends(Id(request.Job), null, null));
        return Task.FromResult(new PbJob.JobGetWhatThisDependsOnResponse { Depends = seq });
    }

    public override Task<PbJob.JobDropDependsResponse> DropDepends(PbJob.JobDropDependsRequest request, ServerCallContext context)
    {
        _cue.DropDepends(_cue.Job(Id(request.Job)), null, null);
        return Task.FromResult(new PbJob.JobDropDependsResponse());
    }

    /// <summary>Cuebot rounds job/layer max cores down to whole cores; -1 stays -1.</summary>
    internal static int WholeCorePoints(float cores) => cores < 0 ? -1 : (int)Math.Floor(cores + 0.005) * 100;

    internal static string Id(PbJob.Job? job) => job?.Id ?? throw new ArgumentException("The request names no job.");
}
