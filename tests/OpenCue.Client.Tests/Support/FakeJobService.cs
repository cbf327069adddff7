using System.Text.RegularExpressions;
using Grpc.Core;
using OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests.Support;

/// <summary>The fake's <c>job.JobInterface</c>.</summary>
public sealed class FakeJobService : JobInterface.JobInterfaceBase
{
    private readonly FakeCuebot _fake;

    public FakeJobService(FakeCuebot fake) => _fake = fake;

    private FakeModel Model => _fake.Model;

    public override async Task<JobLaunchSpecAndWaitResponse> LaunchSpecAndWait(JobLaunchSpecAndWaitRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        var swallow = _fake.TakeSwallow();
        var jobs = swallow is { CreateJob: false } ? Array.Empty<FakeJob>() : Model.Launch(request.Spec);
        if (swallow is { Mode: SwallowMode.Abort })
        {
            context.GetHttpContext().Abort();
            throw new RpcException(new Status(StatusCode.Aborted, "The fake dropped the reply."));
        }

        if (swallow is { Mode: SwallowMode.Hang })
        {
            await _fake.WaitAsync(Timeout.InfiniteTimeSpan, context);
        }

        var seq = new JobSeq();
        seq.Jobs.AddRange(jobs.Select(Model.ToProto));
        return new JobLaunchSpecAndWaitResponse { Jobs = seq };
    }

    public override async Task<JobLaunchSpecResponse> LaunchSpec(JobLaunchSpecRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        var response = new JobLaunchSpecResponse();
        response.Names.AddRange(Model.Launch(request.Spec).Select(j => j.Name));
        return response;
    }

    public override async Task<JobFindJobResponse> FindJob(JobFindJobRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        var name = request.Name.ToLowerInvariant();
        lock (Model.Sync)
        {
            var job = Model.Jobs.FirstOrDefault(j => j.State == OpenCue.Proto.Jobs.JobState.Pending && j.Name == name) ?? throw FakeModel.NotFound("Job not found");
            return new JobFindJobResponse { Job = Model.ToProto(job) };
        }
    }

    public override async Task<JobGetJobResponse> GetJob(JobGetJobRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            return new JobGetJobResponse { Job = Model.ToProto(Model.JobById(request.Id)) };
        }
    }

    public override async Task<JobGetJobsResponse> GetJobs(JobGetJobsRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        var r = request.R ?? new JobSearchCriteria();
        lock (Model.Sync)
        {
            var jobs = Model.Jobs.Where(j => r.IncludeFinished || j.State == OpenCue.Proto.Jobs.JobState.Pending)
                .Where(j => r.Ids.Count == 0 || r.Ids.Contains(j.Id))
                .Where(j => r.Jobs.Count == 0 || r.Jobs.Contains(j.Name))
                .Where(j => r.Regex.Count == 0 || r.Regex.Any(x => Regex.IsMatch(j.Name, x)))
                .Where(j => r.Substr.Count == 0 || r.Substr.Any(s => j.Name.Contains(s, StringComparison.Ordinal)))
                .Where(j => r.Users.Count == 0 || r.Users.Contains(j.User))
                .Where(j => r.Shots.Count == 0 || r.Shots.Contains(j.Shot))
                .Where(j => r.Shows.Count == 0 || r.Shows.Contains(j.Show))
                .OrderBy(j => j.Name, StringComparer.Ordinal);
            var seq = new JobSeq();
            seq.Jobs.AddRange(jobs.Select(Model.ToProto));
            return new JobGetJobsResponse { Jobs = seq };
        }
    }

    public override async Task<JobIsJobPendingResponse> IsJobPending(JobIsJobPendingRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            return new JobIsJobPendingResponse { Value = Model.Jobs.Any(j => j.State == OpenCue.Proto.Jobs.JobState.Pending && j.Name == request.Name) };
        }
    }

    public override async Task<JobGetLayersResponse> GetLayers(JobGetLayersRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            var seq = new LayerSeq();
            seq.Layers.AddRange(Model.JobById(request.Job.Id).Layers.Select(Model.ToProto));
            return new JobGetLayersResponse { Layers = seq };
        }
    }

    public override async Task<JobGetFramesResponse> GetFrames(JobGetFramesRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            var frames = FakeModel.Page(FakeModel.Filter(Model.JobById(request.Job.Id).Frames, request.Req), request.Req);
            var seq = new FrameSeq();
            seq.Frames.AddRange(frames.Select(FakeModel.ToProto));
            return new JobGetFramesResponse { Frames = seq };
        }
    }

    /// <summary>Every frame of the job as updated (a superset of Cuebot's "changed since last_check", which a watcher must tolerate anyway).</summary>
    public override async Task<JobGetUpdatedFramesResponse> GetUpdatedFrames(JobGetUpdatedFramesRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        if (!_fake.ServesUpdatedFrames)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "GetUpdatedFrames is not served"));
        }

        lock (Model.Sync)
        {
            var job = Model.JobById(request.Job.Id);
            var seq = new UpdatedFrameSeq();
            seq.UpdatedFrames.AddRange(job.Frames.Select(f => new UpdatedFrame
            {
                Id = f.Id, State = f.State, ExitStatus = f.ExitStatus, RetryCount = f.RetryCount, StartTime = f.StartTime, StopTime = f.StopTime,
            }));
            return new JobGetUpdatedFramesResponse { State = job.State, ServerTime = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1, UpdatedFrames = seq };
        }
    }

    public override async Task<JobKillResponse> Kill(JobKillRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            var job = Model.JobById(request.Job.Id);
            if (string.IsNullOrEmpty(request.Reason))
            {
                // Cuebot logs "Invalid Job Kill Request" and does nothing, yet answers OK.
                return new JobKillResponse();
            }

            job.State = OpenCue.Proto.Jobs.JobState.Finished;
            job.KillReason = request.Reason;
            foreach (var frame in job.Frames.Where(f => f.State == OpenCue.Proto.Jobs.FrameState.Running))
            {
                frame.State = OpenCue.Proto.Jobs.FrameState.Waiting;
            }
        }

        return new JobKillResponse();
    }

    public override async Task<JobPauseResponse> Pause(JobPauseRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            Model.JobById(request.Job.Id).IsPaused = true;
        }

        return new JobPauseResponse();
    }

    public override async Task<JobResumeResponse> Resume(JobResumeRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            Model.JobById(request.Job.Id).IsPaused = false;
        }

        return new JobResumeResponse();
    }

    public override async Task<JobRetryFramesResponse> RetryFrames(JobRetryFramesRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            var job = Model.JobById(request.Job.Id);
            foreach (var frame in FakeModel.Filter(job.Frames, request.Req).ToList())
            {
                frame.State = OpenCue.Proto.Jobs.FrameState.Waiting;
            }

            job.State = OpenCue.Proto.Jobs.JobState.Pending;
        }

        return new JobRetryFramesResponse();
    }

    public override async Task<JobEatFramesResponse> EatFrames(JobEatFramesRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            foreach (var frame in FakeModel.Filter(Model.JobById(request.Job.Id).Frames, request.Req).Where(f => f.State != OpenCue.Proto.Jobs.FrameState.Succeeded).ToList())
            {
                frame.State = OpenCue.Proto.Jobs.FrameState.Eaten;
            }
        }

        return new JobEatFramesResponse();
    }

    public override async Task<JobKillFramesResponse> KillFrames(JobKillFramesRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            foreach (var frame in FakeModel.Filter(Model.JobById(request.Job.Id).Frames, request.Req).Where(f => f.State == OpenCue.Proto.Jobs.FrameState.Running).ToList())
            {
                frame.State = OpenCue.Proto.Jobs.FrameState.Waiting;
            }
        }

        return new JobKillFramesResponse();
    }

    public override async Task<JobSetMaxRetriesResponse> SetMaxRetries(JobSetMaxRetriesRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        if (request.MaxRetries < 0 || request.MaxRetries > 16)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "max retries must be 0 to 16"));
        }

        lock (Model.Sync)
        {
            Model.JobById(request.Job.Id).MaxRetries = request.MaxRetries;
        }

        return new JobSetMaxRetriesResponse();
    }

    public override async Task<JobSetMaxCoresResponse> SetMaxCores(JobSetMaxCoresRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            Model.JobById(request.Job.Id).MaxCores = MathF.Floor(request.Val + 0.005f);
        }

        return new JobSetMaxCoresResponse();
    }

    public override async Task<JobSetPriorityResponse> SetPriority(JobSetPriorityRequest request, ServerCallContext context)
    {
        await _fake.EnterAsync(context, request);
        lock (Model.Sync)
        {
            Model.JobById(request.Job.Id).Priority = request.Val;
        }

        return new JobSetPriorityResponse();
    }
}
