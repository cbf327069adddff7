using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>Retries, dead frames, autoeat, kill, retry, eat, pause, resume and post jobs, with Cuebot's rules.</summary>
public class FrameLifecycleTests
{
    [Fact]
    public async Task A_command_failing_once_is_retried_and_succeeds()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var marker = Path.Combine(h.Root, "failed-once");
        var job = h.NewOutline("retry_once");
        job.AddLayer(new Shell("flaky", "if [ -f " + marker + " ]; then exit 0; else touch " + marker + "; exit 3; fi").SetFrameRange("1"));

        var done = await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        var frame = (await h.FramesAsync(done)).Single();
        frame.State.Should().Be(FrameState.Succeeded);
        frame.RetryCount.Should().Be(1);
        frame.ExitStatus.Should().Be(0);
    }

    [Fact]
    public async Task A_dead_frame_blocks_its_dependents_and_keeps_the_job_pending()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("dead_blocks");
        var bad = job.AddLayer(new Shell("broken", "exit 7").SetFrameRange("1"));
        job.AddLayer(new Shell("after", h.Recorder()).SetFrameRange("1")).DependAll(bad);

        var launched = await h.LaunchAsync(job);
        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.DeadFrames == 1);

        var frames = await h.FramesAsync(launched);
        frames.Single(f => f.LayerName == "broken").Should().Match<OpenCue.Client.CueFrame>(f => f.ExitStatus == 7 && f.RetryCount == 1,
            "Cuebot clamps the spec's max retries to 1: two attempts");
        frames.Single(f => f.LayerName == "after").State.Should().Be(FrameState.Depend);
        (await h.Api.IsJobPendingAsync(launched.Name)).Should().BeTrue();
        h.Events().Should().BeEmpty();
    }

    [Fact]
    public async Task Retrying_an_upstream_frame_sends_its_succeeded_dependents_back_and_they_run_again()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("rerun");
        var a = job.AddLayer(new Shell("aaa", h.Recorder()).SetFrameRange("1-2").SetMinCores(1));
        job.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1-2").SetMinCores(1)).DependOn(a);
        var launched = await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        var a1 = (await h.FramesAsync(launched, FrameSearch.OfLayers("aaa"))).Single(f => f.Number == 1);
        await a1.RetryAsync();

        await LocalCueHarness.WaitUntilAsync(launched, j => j.State == JobState.Finished && j.Stats.SucceededFrames == 4);
        h.Events().Count(e => e == ("bbb", 1, "start")).Should().Be(2, "bbb frame 1 depended on aaa frame 1 and runs again");
        h.Events().Count(e => e == ("bbb", 2, "start")).Should().Be(1);
        var lastA1End = h.Events().Select((e, i) => (e, i)).Last(x => x.e == ("aaa", 1, "end")).i;
        h.Events().Select((e, i) => (e, i)).Last(x => x.e == ("bbb", 1, "start")).i.Should().BeGreaterThan(lastA1End);
    }

    [Fact]
    public async Task Autoeat_eats_a_failed_frame_without_retrying()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("autoeat");
        job.AddLayer(new Shell("broken", "exit 1").SetFrameRange("1-2"));

        var done = await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job, o => o.AutoEat = true));

        (await h.FramesAsync(done)).Should().OnlyContain(f => f.State == FrameState.Eaten && f.RetryCount == 0);
    }

    [Fact]
    public async Task Kill_needs_a_reason_and_then_stops_running_frames()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("kill_me");
        job.AddLayer(new Shell("sleeper", h.Recorder("sleep 600")).SetFrameRange("1"));
        var launched = await h.LaunchAsync(job);
        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.RunningFrames == 1);

        // Cuebot ignores a kill without a reason; the client always sends one, so call the RPC bare here.
        var raw = new OpenCue.Proto.Jobs.JobInterface.JobInterfaceClient(Grpc.Net.Client.GrpcChannel.ForAddress("http://" + h.Cue.Address));
        await raw.KillAsync(new OpenCue.Proto.Jobs.JobKillRequest { Job = new OpenCue.Proto.Jobs.Job { Id = launched.Id } });
        (await launched.RefreshAsync()).State.Should().Be(JobState.Pending);

        await launched.KillAsync("test over");
        await LocalCueHarness.WaitUntilAsync(launched, j => j.State == JobState.Finished && j.Stats.RunningFrames == 0);
        h.Events().Should().NotContain(e => e.What == "end", "the process group was killed");
    }

    [Fact]
    public async Task Pause_holds_frames_back_and_resume_lets_them_run()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("paused");
        job.AddLayer(new Shell("render", h.Recorder()).SetFrameRange("1-2"));
        var launched = await h.LaunchAsync(job, o => o.Pause = true);

        launched.IsPaused.Should().BeTrue();
        await Task.Delay(700);
        h.Events().Should().BeEmpty();

        await launched.ResumeAsync();
        await LocalCueHarness.WaitFinishedAsync(launched);
        h.Events().Where(e => e.What == "end").Should().HaveCount(2);
    }

    [Fact]
    public async Task Eating_a_frame_does_not_release_its_dependents()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("eat");
        var bad = job.AddLayer(new Shell("broken", "exit 1").SetFrameRange("1"));
        job.AddLayer(new Shell("after", h.Recorder()).SetFrameRange("1")).DependOn(bad);
        var launched = await h.LaunchAsync(job);
        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.DeadFrames == 1);

        await launched.EatFramesAsync(FrameSearch.OfLayers("broken"));

        var after = await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.EatenFrames == 1);
        after.State.Should().Be(JobState.Pending);
        (await h.FramesAsync(launched, FrameSearch.OfLayers("after"))).Single().State.Should().Be(FrameState.Depend);
    }

    [Fact]
    public async Task Killing_a_running_frame_consumes_a_retry_then_it_runs_again()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var marker = Path.Combine(h.Root, "second-run");
        var job = h.NewOutline("killframe");
        job.AddLayer(new Shell("render", "if [ -f " + marker + " ]; then exit 0; fi; touch " + marker + "; sleep 600").SetFrameRange("1"));
        var launched = await h.LaunchAsync(job);
        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.RunningFrames == 1);

        // RUNNING comes at booking, before the process (a frame switched to its user starts through setpriv): a kill
        // before the first run left its marker would make the second run the first.
        using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            while (!File.Exists(marker))
            {
                await Task.Delay(20, guard.Token);
            }
        }

        await launched.KillFramesAsync(FrameSearch.All, "make room");

        var done = await LocalCueHarness.WaitFinishedAsync(launched);
        var frame = (await h.FramesAsync(done)).Single();
        frame.State.Should().Be(FrameState.Succeeded);
        frame.RetryCount.Should().Be(1);
    }

    [Fact]
    public async Task A_post_layer_becomes_a_post_job_that_runs_after_the_job_finishes()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("withpost");
        job.AddLayer(new Shell("render", h.Recorder("sleep 0.2")).SetFrameRange("1-2"));
        job.AddLayer(new OutlinePostCommand("cleanup", h.Recorder().Replace("#IFRAME#", "0", StringComparison.Ordinal)));

        var launched = await h.LaunchAsync(job);
        await LocalCueHarness.WaitFinishedAsync(launched);
        var post = (await h.Api.GetJobsAsync(new JobSearch { IncludeFinished = true })).Single(j => j.Name.Contains("_post_job_", StringComparison.Ordinal));
        await LocalCueHarness.WaitFinishedAsync(post);

        post.User.Should().Be("monitor");
        h.IndexOf("cleanup", 0, "start").Should().BeGreaterThan(Math.Max(h.IndexOf("render", 1, "end"), h.IndexOf("render", 2, "end")));
    }

    [Fact]
    public async Task Twenty_jobs_launched_at_once_all_finish()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var launches = Enumerable.Range(0, 20).Select(i =>
        {
            var job = h.NewOutline("many_" + i);
            job.AddLayer(new Shell("render", "true").SetFrameRange("1-3").SetMinCores(1));
            return h.LaunchAsync(job);
        });

        var jobs = await Task.WhenAll(launches);
        foreach (var job in jobs)
        {
            (await LocalCueHarness.WaitFinishedAsync(job)).Stats.SucceededFrames.Should().Be(3);
        }
    }

    [Fact]
    public async Task A_spec_Cuebot_would_refuse_is_rejected_with_nothing_created()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("refused");
        job.AddLayer(new Shell("render", "true").SetFrameRange("1-3"));
        var spec = job.ToSpec(new OpenCue.Authoring.Specs.SpecWriterOptions { Uid = 1000 }).Replace("<user>tester</user>", "<user>root</user>", StringComparison.Ordinal);

        var act = () => h.Api.LaunchSpecAndWaitAsync(spec);

        (await act.Should().ThrowAsync<JobLaunchException>()).Which.Message.Should().Contain("root");
        (await h.Api.GetJobsAsync(new JobSearch { IncludeFinished = true })).Should().BeEmpty();
    }

    [Fact]
    public async Task A_FrameByFrame_depend_whose_frame_comes_before_every_chunk_is_refused_as_Cuebot_refuses_it()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("nochunk");
        var on = job.AddLayer(new Shell("sim", "true").SetFrameRange("5-10").SetChunk(2));
        job.AddLayer(new Shell("render", "true").SetFrameRange("1-10")).DependOn(on);

        // Our validator stops this before launch; the raw spec goes to the scheduler's own rule.
        var spec = job.ToSpec(new OpenCue.Authoring.Specs.SpecWriterOptions { Uid = 1000, Validate = false });
        var act = () => h.Api.LaunchSpecAndWaitAsync(spec);

        (await act.Should().ThrowAsync<JobLaunchException>()).Which.Message.Should().Contain("0001-render comes before the first frame of layer sim");
        (await h.Api.GetJobsAsync(new JobSearch { IncludeFinished = true })).Should().BeEmpty();
    }
}
