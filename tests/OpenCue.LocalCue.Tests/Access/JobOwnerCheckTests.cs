using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCue.Authoring;
using OpenCue.LocalCue.Access;
using OpenCue.LocalCue.GrpcServices;
using OpenCue.LocalCue.Tests.Support;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.Access;

/// <summary>
/// A caller other than root and LocalCue's own user controls only the jobs launched with its uid: every control
/// method of the Job, Layer, Frame and Depend interfaces, on a connection identified as another uid.
/// </summary>
public sealed class JobOwnerCheckTests
{
    private const uint Stranger = 4242;

    private static readonly ServiceDescriptor[] Services =
    {
        PbJob.JobReflection.Descriptor.FindTypeByName<ServiceDescriptor>("JobInterface"),
        PbJob.JobReflection.Descriptor.FindTypeByName<ServiceDescriptor>("LayerInterface"),
        PbJob.JobReflection.Descriptor.FindTypeByName<ServiceDescriptor>("FrameInterface"),
        PbDepend.DependReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DependInterface"),
    };

    private sealed record Ids(string JobName, string Job, string Layer, string Frame, string Depend);

    private static async Task<Ids> LaunchRootJobAsync(LocalCueHarness h, string name, int uid)
    {
        var outline = h.NewOutline(name);
        var a = outline.AddLayer(new Shell("aaa", "true").SetFrameRange("1-2"));
        outline.AddLayer(new Shell("bbb", "true").SetFrameRange("1-2")).DependOn(a);
        var job = await h.LaunchAsync(outline, o =>
        {
            o.Uid = uid;
            o.Pause = true;
        });
        var cue = h.Cue.Scheduler;
        var frame = cue.GetFrames(job.Id, null, null, new PbJob.FrameSearchCriteria { Limit = 10 }).First();
        var depend = cue.GetDepends(job.Id, null, null).First();
        return new Ids(job.Name, job.Id, frame.LayerName is { } layerName ? cue.GetLayers(job.Id).Single(l => l.Name == layerName).Id : throw new InvalidOperationException(), frame.Id, depend.Id);
    }

    private static AccessInterceptor Interceptor(LocalCueHarness h) =>
        new(new AccessPolicy(0, Array.Empty<uint>(), anyLocalUser: true, remoteControl: false), h.Cue.Scheduler, NullLogger<AccessInterceptor>.Instance);

    private static PeerIdentity Caller(uint uid) => PeerIdentity.Identified(PeerTransport.LoopbackTcp, uid, "127.0.0.1:40000");

    /// <summary>Every control method (not read-only, not a launch) of the four interfaces, with its request naming the given entities.</summary>
    private static IEnumerable<(string Method, IMessage Request, bool HasTarget)> ControlCalls(Ids ids)
    {
        foreach (var service in Services)
        {
            foreach (var method in service.Methods)
            {
                var full = "/" + service.FullName + "/" + method.Name;
                if (ReadOnlyMethods.Contains(full) || LaunchMethods.Contains(full))
                {
                    continue;
                }

                var request = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
                var hasTarget = false;
                foreach (var field in method.InputType.Fields.InFieldNumberOrder().Where(f => f.FieldType == FieldType.Message))
                {
                    IMessage? entity = field.MessageType.FullName switch
                    {
                        "job.Job" => new PbJob.Job { Id = ids.Job },
                        "job.Layer" => new PbJob.Layer { Id = ids.Layer },
                        "job.Frame" => new PbJob.Frame { Id = ids.Frame },
                        "depend.Depend" => new PbDepend.Depend { Id = ids.Depend },
                        _ => null,
                    };
                    if (entity is null)
                    {
                        continue;
                    }

                    hasTarget = true;
                    if (field.IsRepeated)
                    {
                        ((System.Collections.IList)field.Accessor.GetValue(request)).Add(entity);
                    }
                    else
                    {
                        field.Accessor.SetValue(request, entity);
                    }
                }

                yield return (full, request, hasTarget);
            }
        }
    }

    private static async Task<(bool Reached, RpcException? Refused)> CallAsync(AccessInterceptor interceptor, string method, IMessage request, uint uid)
    {
        var reached = false;
        try
        {
            await interceptor.UnaryServerHandler<IMessage, IMessage>(request, new FakeCallContext(method, Caller(uid)), (r, _) =>
            {
                reached = true;
                return Task.FromResult(r);
            });
            return (reached, null);
        }
        catch (RpcException e)
        {
            return (reached, e);
        }
    }

    [Fact]
    public async Task Another_uid_may_call_no_control_method_on_a_job_launched_for_another_uid()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var ids = await LaunchRootJobAsync(h, "rootjob", TestUsers.FrameUid);
        var interceptor = Interceptor(h);

        var calls = ControlCalls(ids).ToList();
        calls.Count(c => c.HasTarget).Should().BeGreaterThan(40, "every Job, Layer, Frame and Depend control method names its target");
        var wrong = new List<string>();
        foreach (var (method, request, hasTarget) in calls)
        {
            var (reached, refused) = await CallAsync(interceptor, method, request, Stranger);
            if (reached || refused?.StatusCode != StatusCode.PermissionDenied)
            {
                wrong.Add(method + (reached ? " reached the service" : " answered " + refused?.StatusCode));
                continue;
            }

            var detail = refused.Status.Detail;
            var expected = hasTarget
                ? "uid 4242 may not control job " + ids.JobName + " (" + method + " on "
                : "uid 4242 (127.0.0.1:40000) may not call " + method + ": the request names no job, layer, frame or depend";
            if (!detail.StartsWith(expected, StringComparison.Ordinal) ||
                (hasTarget && !detail.Contains("the job's launch uid is uid 1000; a user other than root and LocalCue's own user may control only jobs launched with its own uid.", StringComparison.Ordinal)))
            {
                wrong.Add(method + ": " + detail);
            }
        }

        wrong.Should().BeEmpty();
        (await h.Api.GetJobAsync(ids.Job)).IsPaused.Should().BeTrue();
    }

    [Fact]
    public async Task The_jobs_own_uid_and_root_reach_every_control_method_and_an_unknown_id_is_left_to_the_service()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var ids = await LaunchRootJobAsync(h, "own", (int)Stranger);
        var interceptor = Interceptor(h);
        var unknown = new Ids("none", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());

        var wrong = new List<string>();
        foreach (var (caller, set) in new[] { (Stranger, ids), (0u, ids), (Stranger, unknown) })
        {
            foreach (var (method, request, hasTarget) in ControlCalls(set).Where(c => c.HasTarget))
            {
                var (reached, refused) = await CallAsync(interceptor, method, request, caller);
                if (!reached)
                {
                    wrong.Add("uid " + caller + " " + method + ": " + refused?.Status.Detail);
                }
            }
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public async Task A_call_naming_several_jobs_is_refused_when_one_is_anothers()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var mine = await LaunchRootJobAsync(h, "mine", (int)Stranger);
        var theirs = await LaunchRootJobAsync(h, "theirs", TestUsers.FrameUid);
        var interceptor = Interceptor(h);

        var request = new PbJob.JobCreateDependencyOnJobRequest { Job = new PbJob.Job { Id = mine.Job }, OnJob = new PbJob.Job { Id = theirs.Job } };
        var (reached, refused) = await CallAsync(interceptor, "/job.JobInterface/CreateDependencyOnJob", request, Stranger);

        reached.Should().BeFalse();
        refused!.StatusCode.Should().Be(StatusCode.PermissionDenied);
        refused.Status.Detail.Should().Be("uid 4242 may not control job " + theirs.JobName + " (/job.JobInterface/CreateDependencyOnJob on job " + theirs.Job +
            "): the job's launch uid is uid 1000; a user other than root and LocalCue's own user may control only jobs launched with its own uid.");
    }

    [Fact]
    public void A_job_without_a_uid_is_only_root_and_the_own_users()
    {
        var policy = new AccessPolicy(1000, Array.Empty<uint>(), anyLocalUser: true, remoteControl: false);
        var target = new JobTarget(JobTargetKind.Frame, "f1");

        policy.ChecksOwners(Caller(0), "/job.FrameInterface/Eat").Should().BeFalse();
        policy.ChecksOwners(Caller(1000), "/job.FrameInterface/Eat").Should().BeFalse();
        policy.ChecksOwners(Caller(Stranger), "/job.FrameInterface/GetFrame").Should().BeFalse();
        policy.ChecksOwners(Caller(Stranger), "/job.JobInterface/LaunchSpec").Should().BeFalse();
        policy.ChecksOwners(PeerIdentity.Unidentified(PeerTransport.RemoteTcp, "10.0.0.1:1", "remote"), "/job.FrameInterface/Eat").Should().BeFalse();
        policy.ChecksOwners(Caller(Stranger), "/job.FrameInterface/Eat").Should().BeTrue();
        policy.OwnerRefusal(Caller(Stranger), "/job.FrameInterface/Eat", target, new JobOwner("j", null)).Should().Be(
            "uid 4242 may not control job j (/job.FrameInterface/Eat on frame f1): the job's launch uid is no launch uid (it runs as LocalCue's own user, uid 1000); " +
            "a user other than root and LocalCue's own user may control only jobs launched with its own uid.");
        policy.OwnerRefusal(Caller(Stranger), "/job.FrameInterface/Eat", target, new JobOwner("j", 4242)).Should().BeNull();
        policy.OwnerRefusal(Caller(Stranger), "/job.FrameInterface/Eat", target, null).Should().BeNull("an unknown id is the service's NOT_FOUND");
    }
}
