using Grpc.Core;
using OpenCue.Client.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests;

public class WaitAndTestModeTests
{
    private const string Name = TestOutlines.JobName;

    [Fact]
    public async Task Wait_mode_polls_is_job_pending_until_the_job_finishes_and_reports_progress()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        fake.OnCall(Rpc.IsJobPending, n =>
        {
            if (n == 3)
            {
                fake.FinishJob(Name);
            }
        });
        var progress = new SyncProgress<JobProgress>();
        var options = TestOutlines.Options(api);
        options.Wait = true;
        options.Progress = progress;

        var jobs = await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        jobs.Single().Name.Should().Be(Name);
        fake.Requests<PbJob.JobIsJobPendingRequest>(Rpc.IsJobPending).Select(r => r.Name).Should().Equal(Name, Name, Name);
        progress.Reports.Select(p => p.State).Should().Equal(JobState.Pending, JobState.Pending, JobState.Finished);
        var last = progress.Reports[^1];
        last.JobName.Should().Be(Name);
        last.Done.Should().Be(12);
        last.Stats.TotalFrames.Should().Be(12);
        last.Layers.Select(l => (l.Name, l.Stats.SucceededFrames)).Should().Equal(("render_beauty", 10), ("comp", 2));
        progress.Reports[0].Done.Should().Be(0);
        fake.CallNames.Should().NotContain(Rpc.Kill).And.NotContain(Rpc.Resume);
    }

    [Fact]
    public async Task Wait_mode_logs_errors_and_keeps_polling()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var logger = new ListLogger();
        fake.Fail(Rpc.IsJobPending, StatusCode.Internal, "database is busy", times: 1);
        fake.OnCall(Rpc.IsJobPending, n =>
        {
            if (n == 2)
            {
                fake.FinishJob(Name);
            }
        });
        var options = TestOutlines.Options(api, logger);
        options.Wait = true;

        await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        fake.CallNames.Count(c => c == Rpc.IsJobPending).Should().Be(2);
        logger.Warnings.Should().Contain(w => w.Contains("database is busy") && w.Contains("still waiting"));
    }

    [Fact]
    public async Task Wait_mode_does_not_return_while_a_frame_is_dead_but_can_be_cancelled()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        using var cancel = new CancellationTokenSource();
        fake.OnCall(Rpc.IsJobPending, n =>
        {
            if (n == 1)
            {
                fake.SetFrames(Name, f => f.Number == 1, PbJob.FrameState.Dead, 1);
                fake.SetFrames(Name, f => f.Number != 1, PbJob.FrameState.Succeeded, 0);
            }

            if (n == 4)
            {
                cancel.Cancel();
            }
        });
        var options = TestOutlines.Options(api);
        options.Wait = true;

        var act = () => Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        fake.CallNames.Count(c => c == Rpc.IsJobPending).Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Test_mode_resumes_polls_until_finished_and_kills_the_job_with_a_reason()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        fake.OnCall(Rpc.GetJob, n =>
        {
            if (n == 2)
            {
                fake.FinishJob(Name);
            }
        });
        var progress = new SyncProgress<JobProgress>();
        var options = TestOutlines.Options(api);
        options.Test = true;
        options.Pause = true;
        options.Progress = progress;

        await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        var calls = fake.CallNames;
        calls.Take(2).Should().Equal(Rpc.LaunchSpecAndWait, Rpc.Resume);
        calls[^1].Should().Be(Rpc.Kill);
        calls.Count(c => c == Rpc.GetJob).Should().Be(2);
        var job = fake.Job(Name);
        fake.Requests<PbJob.JobResumeRequest>(Rpc.Resume).Single().Job.Id.Should().Be(job.Id);
        var kill = fake.Requests<PbJob.JobKillRequest>(Rpc.Kill).Single();
        kill.Job.Id.Should().Be(job.Id);
        kill.Reason.Should().NotBeNullOrWhiteSpace();
        job.KillReason.Should().Be(kill.Reason);
        job.IsPaused.Should().BeFalse();
        progress.Reports[^1].State.Should().Be(JobState.Finished);
    }

    [Fact]
    public async Task Test_mode_with_dead_frames_fails_listing_them_and_still_kills_the_job()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        fake.OnCall(Rpc.Resume, _ =>
        {
            fake.SetFrames(Name, f => f.Layer.Name == "render_beauty" && f.Number is 3 or 7, PbJob.FrameState.Dead, 1);
            fake.SetFrames(Name, f => f.Layer.Name == "comp" && f.Number == 6, PbJob.FrameState.Eaten, 137);
        });
        var options = TestOutlines.Options(api);
        options.Test = true;

        var act = () => Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        var error = (await act.Should().ThrowAsync<JobTestFailedException>()).Which;
        error.JobName.Should().Be(Name);
        error.FailedFrames.Should().BeEquivalentTo("0003-render_beauty (DEAD, exit 1)", "0007-render_beauty (DEAD, exit 1)", "0006-comp (EATEN, exit 137)");
        error.Message.Should().Contain("0003-render_beauty").And.Contain("DEAD").And.Contain("0006-comp");
        var listing = fake.Requests<PbJob.JobGetFramesRequest>(Rpc.JobGetFrames).Should().ContainSingle().Subject;
        listing.Req.States.FrameStates.Should().BeEquivalentTo(new[] { PbJob.FrameState.Dead, PbJob.FrameState.Eaten });
        fake.CallNames[^1].Should().Be(Rpc.Kill);
        fake.Job(Name).State.Should().Be(PbJob.JobState.Finished);
        fake.Job(Name).KillReason.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Test_mode_kills_the_job_even_when_cancelled()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        using var cancel = new CancellationTokenSource();
        fake.OnCall(Rpc.GetJob, n =>
        {
            if (n == 2)
            {
                cancel.Cancel();
            }
        });
        var options = TestOutlines.Options(api);
        options.Test = true;

        var act = () => Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        fake.CallNames[^1].Should().Be(Rpc.Kill);
        fake.Job(Name).State.Should().Be(PbJob.JobState.Finished);
    }
}
