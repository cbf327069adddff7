using OpenCue.Client.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests;

/// <summary>Launch is not idempotent: when its answer is lost the job is looked up before any relaunch.</summary>
public class LostReplyTests
{
    private static async Task<(CueApi Api, LaunchOptions Options, ListLogger Logger)> ClientAsync(FakeCuebot fake)
    {
        // Hang mode needs a launch deadline; the connection is warmed up first so the deadline only bites on the hang.
        var api = TestNet.Client(o => o.LaunchDeadline = TimeSpan.FromMilliseconds(1500), fake.Address);
        await api.GetSystemStatsAsync(TestNet.HangGuard());
        fake.ClearCalls();
        var logger = new ListLogger();
        var options = TestOutlines.Options(api, logger);
        options.MaxRetries = 3;
        return (api, options, logger);
    }

    [Theory]
    [InlineData(SwallowMode.Abort)]
    [InlineData(SwallowMode.Hang)]
    public async Task A_lost_reply_for_a_created_job_leads_to_a_lookup_not_a_duplicate(SwallowMode mode)
    {
        await using var fake = await FakeCuebot.StartAsync();
        var (api, options, logger) = await ClientAsync(fake);
        using var _ = api;
        fake.SwallowLaunchReply(mode);

        var jobs = await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        fake.Jobs.Should().ContainSingle();
        jobs.Single().Id.Should().Be(fake.Jobs.Single().Id);
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait, Rpc.FindJob, Rpc.SetMaxRetries, Rpc.Resume, Rpc.GetJob);
        fake.Requests<PbJob.JobFindJobRequest>(Rpc.FindJob).Single().Name.Should().Be(TestOutlines.JobName);
        fake.Job(TestOutlines.JobName).MaxRetries.Should().Be(3);
        logger.Warnings.Should().Contain(w => w.Contains("not launching it again"));
    }

    [Theory]
    [InlineData(SwallowMode.Abort)]
    [InlineData(SwallowMode.Hang)]
    public async Task A_lost_reply_for_a_job_that_was_not_created_relaunches_once(SwallowMode mode)
    {
        await using var fake = await FakeCuebot.StartAsync();
        var (api, options, logger) = await ClientAsync(fake);
        using var _ = api;
        fake.SwallowLaunchReply(mode, createJob: false);

        var jobs = await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        fake.Jobs.Should().ContainSingle();
        jobs.Single().Id.Should().Be(fake.Jobs.Single().Id);
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait, Rpc.FindJob, Rpc.LaunchSpecAndWait, Rpc.SetMaxRetries, Rpc.Resume, Rpc.GetJob);
        var specs = fake.Requests<PbJob.JobLaunchSpecAndWaitRequest>(Rpc.LaunchSpecAndWait).Select(r => r.Spec).ToList();
        specs[1].Should().Be(specs[0]);
        logger.Warnings.Should().Contain(w => w.Contains("launching it again"));
    }

    [Fact]
    public async Task An_unknown_server_error_during_launch_is_treated_as_an_unknown_outcome()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var (api, options, _) = await ClientAsync(fake);
        using var __ = api;
        fake.Fail(Rpc.LaunchSpecAndWait, Grpc.Core.StatusCode.Unknown, "Exception was thrown by handler.", times: 1);

        await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait, Rpc.FindJob, Rpc.LaunchSpecAndWait, Rpc.SetMaxRetries, Rpc.Resume, Rpc.GetJob);
        fake.Jobs.Should().ContainSingle();
    }

    [Fact]
    public async Task A_lost_reply_on_the_direct_api_call_surfaces_as_a_typed_outcome_unknown_error()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var (api, options, _) = await ClientAsync(fake);
        using var __ = api;
        fake.SwallowLaunchReply(SwallowMode.Abort);
        var spec = TestOutlines.TwoLayers().ToSpec(options.ToSpecWriterOptions());

        var act = () => api.LaunchSpecAndWaitAsync(spec, TestNet.HangGuard());

        var error = (await act.Should().ThrowAsync<CueException>()).Which;
        error.OutcomeUnknown.Should().BeTrue();
        error.Should().NotBeOfType<JobLaunchException>("the spec was not refused; the answer was lost");
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait);
    }
}
