using Grpc.Core;
using OpenCue.Client;
using OpenCue.Client.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests;

public class ErrorMappingTests
{
    private const string ShowMissing = "Failed to launch and add job: The show demo-project does not exist";
    private static readonly (string, string, int)[] OneLayer = { ("render", "1-3", 1) };

    [Fact]
    public async Task A_call_slower_than_the_call_deadline_fails_with_deadline_exceeded_and_is_not_retried()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var job = fake.Model.CreateJob("testing", "sh010", "jdoe", "slow", OneLayer);
        fake.Delay(Rpc.GetJob, TimeSpan.FromSeconds(30));
        using var api = TestNet.Client(o => { o.CallDeadline = TimeSpan.FromMilliseconds(200); o.UnavailableRetries = 3; }, fake.Address);

        var act = () => api.GetJobAsync(job.Id, TestNet.HangGuard());

        var error = (await act.Should().ThrowAsync<CueDeadlineExceededException>()).Which;
        error.StatusCode.Should().Be(StatusCode.DeadlineExceeded);
        error.Method.Should().Be(Rpc.GetJob);
        error.Host.Should().Be(fake.Address);
        error.OutcomeUnknown.Should().BeTrue();
        fake.CallNames.Should().Equal(Rpc.GetJob);
    }

    [Fact]
    public async Task Cuebots_launch_error_reaches_the_user_as_a_job_launch_exception_without_a_lookup()
    {
        await using var fake = await FakeCuebot.StartAsync();
        fake.Fail(Rpc.LaunchSpecAndWait, StatusCode.Internal, ShowMissing);
        using var api = TestNet.Client(fake.Address);

        var act = () => Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard());

        var error = (await act.Should().ThrowAsync<JobLaunchException>()).Which;
        error.Message.Should().Contain(ShowMissing);
        error.StatusCode.Should().Be(StatusCode.Internal);
        error.OutcomeUnknown.Should().BeFalse();
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait);
    }

    [Fact]
    public async Task A_spec_the_server_refuses_on_its_own_reports_the_servers_reason()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        fake.Model.CreateJob("testing", "sh010", "jdoe", "client_test", OneLayer);

        // The same job name is already pending: the fake refuses as Cuebot does.
        var act = () => Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard());

        (await act.Should().ThrowAsync<JobLaunchException>()).Which.Message.Should().Contain("already in use");
        fake.Jobs.Should().HaveCount(1);
    }

    [Fact]
    public async Task Not_found_becomes_entity_not_found_with_cuebots_message()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);

        var byId = () => api.GetJobAsync("no-such-id", TestNet.HangGuard());
        var byName = () => api.FindJobAsync("testing-sh010-jdoe_nope", TestNet.HangGuard());
        var depend = () => api.GetDependAsync("no-such-depend", TestNet.HangGuard());

        (await byId.Should().ThrowAsync<EntityNotFoundException>()).Which.Message.Should().Contain("Job not found");
        (await byName.Should().ThrowAsync<EntityNotFoundException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
        await depend.Should().ThrowAsync<EntityNotFoundException>();
    }

    public static TheoryData<StatusCode> Codes => new()
    {
        StatusCode.InvalidArgument, StatusCode.PermissionDenied, StatusCode.FailedPrecondition, StatusCode.ResourceExhausted,
        StatusCode.AlreadyExists, StatusCode.Aborted, StatusCode.Unauthenticated, StatusCode.Internal, StatusCode.Unknown,
        StatusCode.Unavailable, StatusCode.DataLoss, StatusCode.OutOfRange, StatusCode.Unimplemented, StatusCode.Cancelled, StatusCode.DeadlineExceeded,
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task No_rpc_exception_escapes_the_public_api(StatusCode code)
    {
        await using var fake = await FakeCuebot.StartAsync();
        var seeded = fake.Model.CreateJob("testing", "sh010", "jdoe", "errors", OneLayer);
        using var api = TestNet.Client(fake.Address);
        var job = await api.GetJobAsync(seeded.Id, TestNet.HangGuard());
        var layer = (await job.GetLayersAsync(TestNet.HangGuard())).Single();
        var frame = (await FirstAsync(job.GetFramesAsync(null, TestNet.HangGuard())))!;
        foreach (var method in new[] { Rpc.GetJob, Rpc.FindJob, Rpc.JobGetFrames, Rpc.LayerGetFrames, Rpc.FrameGetFrames, Rpc.Kill, Rpc.SetMaxRetries, Rpc.LayerSetMaxCores, Rpc.FrameEat, Rpc.GetSystemStats, Rpc.LaunchSpecAndWait })
        {
            fake.Fail(method, code, "injected " + code);
        }

        var calls = new Dictionary<string, Func<Task>>
        {
            ["GetJob"] = () => api.GetJobAsync(seeded.Id, TestNet.HangGuard()),
            ["FindJob"] = () => api.FindJobAsync(seeded.Name, TestNet.HangGuard()),
            ["Job.GetFrames"] = () => FirstAsync(job.GetFramesAsync(null, TestNet.HangGuard())),
            ["Layer.GetFrames"] = () => FirstAsync(layer.GetFramesAsync(null, TestNet.HangGuard())),
            ["CueApi.GetFrames"] = () => FirstAsync(api.GetFramesAsync(seeded.Name, null, TestNet.HangGuard())),
            ["Kill"] = () => job.KillAsync(null, TestNet.HangGuard()),
            ["SetMaxRetries"] = () => job.SetMaxRetriesAsync(2, TestNet.HangGuard()),
            ["Layer.SetMaxCores"] = () => layer.SetMaxCoresAsync(2, TestNet.HangGuard()),
            ["Frame.Eat"] = () => frame.EatAsync(TestNet.HangGuard()),
            ["GetSystemStats"] = () => api.GetSystemStatsAsync(TestNet.HangGuard()),
            ["LaunchSpecAndWait"] = () => api.LaunchSpecAndWaitAsync("<spec/>", TestNet.HangGuard()),
            ["not served: GetDepends"] = () => job.GetDependsAsync(TestNet.HangGuard()),
            ["not served: Frame.GetWhatThisDependsOn"] = () => frame.GetWhatThisDependsOnAsync(TestNet.HangGuard()),
        };

        foreach (var (name, call) in calls)
        {
            var thrown = await Record(call);
            thrown.Should().NotBeNull(name);
            thrown.Should().BeAssignableTo<CueException>(name + " must map " + code + " to a typed error, not " + thrown!.GetType().Name);
            thrown.Should().NotBeOfType<JobTestFailedException>();
            var expected = name.StartsWith("not served", StringComparison.Ordinal) ? StatusCode.Unimplemented : code;
            ((CueException)thrown).StatusCode.Should().Be(expected, name);
        }
    }

    [Fact]
    public async Task Status_codes_map_to_pycues_exception_types()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var expected = new (StatusCode Code, Type Type)[]
        {
            (StatusCode.NotFound, typeof(EntityNotFoundException)),
            (StatusCode.AlreadyExists, typeof(EntityAlreadyExistsException)),
            (StatusCode.DeadlineExceeded, typeof(CueDeadlineExceededException)),
            (StatusCode.Internal, typeof(CueInternalErrorException)),
            (StatusCode.Unavailable, typeof(CueConnectionException)),
            (StatusCode.PermissionDenied, typeof(CueException)),
        };

        foreach (var (code, type) in expected)
        {
            fake.Fail(Rpc.GetSystemStats, code, "injected " + code, times: 1);
            var thrown = await Record(() => api.GetSystemStatsAsync(TestNet.HangGuard()));
            thrown.Should().BeOfType(type, code.ToString());
            thrown!.Message.Should().Contain("injected " + code);
        }
    }

    [Fact]
    public async Task Idempotent_calls_are_retried_while_the_server_answers_unavailable()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var seeded = fake.Model.CreateJob("testing", "sh010", "jdoe", "flaky", OneLayer);
        fake.Fail(Rpc.GetJob, StatusCode.Unavailable, "restarting", times: 2);
        using var api = TestNet.Client(o => o.UnavailableRetries = 3, fake.Address);

        (await api.GetJobAsync(seeded.Id, TestNet.HangGuard())).Id.Should().Be(seeded.Id);

        fake.CallNames.Should().Equal(Rpc.GetJob, Rpc.GetJob, Rpc.GetJob);
    }

    [Fact]
    public async Task A_launch_answered_unavailable_is_not_blindly_resent_but_looked_up_first()
    {
        await using var fake = await FakeCuebot.StartAsync();
        fake.Fail(Rpc.LaunchSpecAndWait, StatusCode.Unavailable, "going away", times: 1);
        using var api = TestNet.Client(o => o.UnavailableRetries = 3, fake.Address);

        await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard());

        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait, Rpc.FindJob, Rpc.LaunchSpecAndWait);
        fake.Jobs.Should().ContainSingle();
    }

    [Fact]
    public async Task Cancellation_surfaces_as_operation_cancelled_not_as_an_rpc_error()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var seeded = fake.Model.CreateJob("testing", "sh010", "jdoe", "cancel", OneLayer);
        fake.Delay(Rpc.GetJob, TimeSpan.FromSeconds(30));
        using var api = TestNet.Client(fake.Address);
        using var cancel = new CancellationTokenSource();
        fake.OnCall(Rpc.GetJob, _ => cancel.CancelAfter(50));

        var during = () => api.GetJobAsync(seeded.Id, cancel.Token);
        var before = () => api.FindJobAsync(seeded.Name, new CancellationToken(canceled: true));

        await during.Should().ThrowAsync<OperationCanceledException>();
        await before.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Job_search_fields_reach_the_server_criteria()
    {
        await using var fake = await FakeCuebot.StartAsync();
        fake.Model.CreateJob("testing", "sh010", "jdoe", "alpha", OneLayer);
        var finished = fake.Model.CreateJob("testing", "sh010", "jdoe", "beta", OneLayer);
        fake.Model.CreateJob("other", "sh010", "jdoe", "gamma", OneLayer);
        fake.FinishJob(finished.Name);
        using var api = TestNet.Client(fake.Address);
        var search = new JobSearch { Shows = { "testing" }, Users = { "jdoe" }, Substrings = { "_" }, IncludeFinished = true };

        var jobs = await api.GetJobsAsync(search, TestNet.HangGuard());
        var pending = await api.GetJobsAsync(new JobSearch { Shows = { "testing" } }, TestNet.HangGuard());

        jobs.Select(j => j.Name).Should().Equal("testing-sh010-jdoe_alpha", "testing-sh010-jdoe_beta");
        pending.Select(j => j.Name).Should().Equal("testing-sh010-jdoe_alpha");
        var criteria = fake.Requests<PbJob.JobGetJobsRequest>(Rpc.GetJobs)[0].R;
        criteria.Shows.Should().Equal("testing");
        criteria.Users.Should().Equal("jdoe");
        criteria.Substr.Should().Equal("_");
        criteria.IncludeFinished.Should().BeTrue();
    }

    private static async Task<Exception?> Record(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static async Task<CueFrame?> FirstAsync(IAsyncEnumerable<CueFrame> frames)
    {
        await foreach (var frame in frames)
        {
            return frame;
        }

        return null;
    }
}
