using OpenCue.Client;
using OpenCue.Client.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests;

/// <summary>Cuebot and pycue quirks the client must get right (facts sheet 6.4, 8.5, 8.6, 11).</summary>
public class QuirkTests
{
    private static async Task<(FakeCuebot Fake, CueApi Api, CueJob Job)> JobAsync()
    {
        var fake = await FakeCuebot.StartAsync();
        var seeded = fake.Model.CreateJob("testing", "sh010", "jdoe", "quirks", new[] { ("render", "1-4", 1) });
        var api = TestNet.Client(fake.Address);
        var job = await api.GetJobAsync(seeded.Id, TestNet.HangGuard());
        fake.ClearCalls();
        return (fake, api, job);
    }

    [Fact]
    public async Task Kill_without_a_reason_still_sends_one_so_cuebot_does_not_ignore_it()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;

        await job.KillAsync(null, TestNet.HangGuard());

        var kill = fake.Requests<PbJob.JobKillRequest>(Rpc.Kill).Single();
        kill.Reason.Should().NotBeNullOrWhiteSpace();
        kill.Username.Should().NotBeNullOrWhiteSpace();
        kill.Pid.Should().Be(Environment.ProcessId.ToString());
        fake.Job(job.Name).State.Should().Be(PbJob.JobState.Finished, "the fake, like Cuebot, ignores a kill without a reason");
        (await job.RefreshAsync(TestNet.HangGuard())).State.Should().Be(JobState.Finished);
    }

    [Fact]
    public async Task Kill_with_a_reason_sends_that_reason()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;

        await job.KillAsync("wrong scene", TestNet.HangGuard());

        fake.Requests<PbJob.JobKillRequest>(Rpc.Kill).Single().Reason.Should().Be("wrong scene");
    }

    [Fact]
    public async Task Frame_actions_with_an_empty_search_are_refused_without_calling_the_server()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;

        var retry = () => job.RetryFramesAsync(new FrameSearch(), TestNet.HangGuard());
        var eat = () => job.EatFramesAsync(new FrameSearch(), TestNet.HangGuard());
        var kill = () => job.KillFramesAsync(new FrameSearch(), null, TestNet.HangGuard());

        (await retry.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("FrameSearch.All");
        await eat.Should().ThrowAsync<ArgumentException>();
        await kill.Should().ThrowAsync<ArgumentException>();
        fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task FrameSearch_All_retries_every_frame()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;
        fake.FinishJob(job.Name);

        await job.RetryFramesAsync(FrameSearch.All, TestNet.HangGuard());

        var request = fake.Requests<PbJob.JobRetryFramesRequest>(Rpc.RetryFrames).Single();
        request.Job.Id.Should().Be(job.Id);
        request.Req.Layers.Should().BeEmpty();
        request.Req.States.Should().BeNull();
        fake.Job(job.Name).Frames.Should().OnlyContain(f => f.State == PbJob.FrameState.Waiting);
        fake.Job(job.Name).State.Should().Be(PbJob.JobState.Pending);
    }

    [Fact]
    public async Task A_filtered_eat_sends_the_filter()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;
        fake.SetFrames(job.Name, f => f.Number == 2, PbJob.FrameState.Dead, 1);

        await job.EatFramesAsync(FrameSearch.InStates(FrameState.Dead), TestNet.HangGuard());

        fake.Requests<PbJob.JobEatFramesRequest>(Rpc.EatFrames).Single().Req.States.FrameStates.Should().Equal(PbJob.FrameState.Dead);
        fake.Job(job.Name).Frames.Select(f => f.State).Should().Equal(PbJob.FrameState.Waiting, PbJob.FrameState.Eaten, PbJob.FrameState.Waiting, PbJob.FrameState.Waiting);
    }

    [Fact]
    public async Task FindJob_and_IsJobPending_send_lower_case_names()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;
        var upper = job.Name.ToUpperInvariant();

        (await api.FindJobAsync(upper, TestNet.HangGuard())).Id.Should().Be(job.Id);
        (await api.IsJobPendingAsync(upper, TestNet.HangGuard())).Should().BeTrue();

        fake.Requests<PbJob.JobFindJobRequest>(Rpc.FindJob).Single().Name.Should().Be(job.Name);
        fake.Requests<PbJob.JobIsJobPendingRequest>(Rpc.IsJobPending).Single().Name.Should().Be(job.Name);
    }

    [Fact]
    public async Task FindJob_does_not_find_a_finished_job_but_GetJob_by_id_does()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;
        fake.FinishJob(job.Name);

        var find = () => api.FindJobAsync(job.Name, TestNet.HangGuard());

        await find.Should().ThrowAsync<EntityNotFoundException>();
        (await api.IsJobPendingAsync(job.Name, TestNet.HangGuard())).Should().BeFalse();
        (await api.GetJobAsync(job.Id, TestNet.HangGuard())).State.Should().Be(JobState.Finished);
    }

    [Fact]
    public async Task Frame_actions_skip_the_call_when_the_frame_is_already_in_the_target_state()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;
        fake.SetFrames(job.Name, f => f.Number == 2, PbJob.FrameState.Dead, 1);
        fake.SetFrames(job.Name, f => f.Number == 3, PbJob.FrameState.Eaten, 1);
        fake.SetFrames(job.Name, f => f.Number == 4, PbJob.FrameState.Running, -1);
        var frames = new List<CueFrame>();
        await foreach (var f in job.GetFramesAsync(null, TestNet.HangGuard()))
        {
            frames.Add(f);
        }

        fake.ClearCalls();
        await frames[0].RetryAsync(TestNet.HangGuard());  // WAITING: nothing to do
        await frames[0].KillAsync(null, TestNet.HangGuard()); // not running: nothing to do
        await frames[2].EatAsync(TestNet.HangGuard());    // EATEN: nothing to do
        fake.Calls.Should().BeEmpty();

        await frames[1].RetryAsync(TestNet.HangGuard());  // DEAD: retried
        await frames[3].KillAsync(null, TestNet.HangGuard()); // RUNNING: killed, with a reason
        fake.CallNames.Should().Equal(Rpc.FrameRetry, Rpc.FrameKill);
        fake.Requests<PbJob.FrameRetryRequest>(Rpc.FrameRetry).Single().Frame.Id.Should().Be(frames[1].Id);
        fake.Requests<PbJob.FrameKillRequest>(Rpc.FrameKill).Single().Reason.Should().NotBeNullOrWhiteSpace();
        (await frames[1].RefreshAsync(TestNet.HangGuard())).State.Should().Be(FrameState.Waiting);
    }

    [Fact]
    public async Task Frame_run_time_is_zero_before_start_and_stop_minus_start_after()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;
        lock (fake.Model.Sync)
        {
            var frames = fake.Job(job.Name).Frames.ToList();
            frames[1].StartTime = 1_700_000_000;
            frames[1].StopTime = 1_700_000_300;
            frames[2].StartTime = (int)DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
            frames[2].State = PbJob.FrameState.Running;
        }

        var listed = new List<CueFrame>();
        await foreach (var f in job.GetFramesAsync(null, TestNet.HangGuard()))
        {
            listed.Add(f);
        }

        listed[0].RunTime.Should().Be(TimeSpan.Zero);
        listed[0].StartTime.Should().BeNull();
        listed[1].RunTime.Should().Be(TimeSpan.FromSeconds(300));
        listed[1].StopTime.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_300));
        listed[2].RunTime.Should().BeGreaterThanOrEqualTo(TimeSpan.FromHours(1), "a running frame counts until now");
    }

    [Fact]
    public async Task Retry_counts_are_validated_client_side_before_SetMaxRetries()
    {
        var (fake, api, job) = await JobAsync();
        await using var _ = fake;
        using var __ = api;

        var tooMany = () => job.SetMaxRetriesAsync(17, TestNet.HangGuard());
        var negative = () => job.SetMaxRetriesAsync(-1, TestNet.HangGuard());

        await tooMany.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await negative.Should().ThrowAsync<ArgumentOutOfRangeException>();
        fake.Calls.Should().BeEmpty();
        await job.SetMaxRetriesAsync(16, TestNet.HangGuard());
        fake.Job(job.Name).MaxRetries.Should().Be(16);
    }
}
