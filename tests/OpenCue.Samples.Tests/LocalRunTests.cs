using OpenCue.Client;
using OpenCue.Samples.Tests.Support;

namespace OpenCue.Samples.Tests;

/// <summary>
/// <c>--local --stand-in</c> runs of the tutorial's pipelines: every frame runs (as a stand-in) on the
/// embedded scheduler, and the order the stand-ins recorded shows each dependency was honoured.
/// </summary>
public class LocalRunTests
{
    [Fact]
    public async Task Basic_pipeline_runs_all_300_frames_each_waiting_for_the_same_frame_upstream()
    {
        var run = await SampleRun.LocalAsync("basic");

        run.ShouldHaveSucceededEveryFrame(300);
        run.Result.JobName.Should().Be("demo-project-shot010-artist01_sequential_pipeline_v001");
        for (var n = 1; n <= 100; n++)
        {
            run.IndexOf("beauty-render", n, "start").Should().BeGreaterThan(run.IndexOf("asset-prep", n, "end"));
            run.IndexOf("composite", n, "start").Should().BeGreaterThan(run.IndexOf("beauty-render", n, "end"));
        }

        run.Result.Analysis!.Layers.Select(l => (l.Layer, l.TotalFrames, l.FailedFrames))
            .Should().Equal(("asset_prep", 100, 0), ("beauty_render", 100, 0), ("composite", 100, 0));
        run.Output.Should().Contain("Pipeline Analysis for: demo-project-shot010-artist01_sequential_pipeline_v001");
    }

    [Fact]
    public async Task Optimized_basic_pipeline_runs_renders_and_composites_in_chunks_of_5_waiting_for_the_covering_frames()
    {
        var run = await SampleRun.LocalAsync("basic", "--optimize");

        run.ShouldHaveSucceededEveryFrame(100 + 20 + 20);
        run.FramesOf("beauty_render").Select(f => f.Number).Should().Equal(Enumerable.Range(0, 20).Select(i => 1 + 5 * i));
        foreach (var chunk in Enumerable.Range(0, 20).Select(i => 1 + 5 * i))
        {
            // A chunk of 5 on frames of chunk 1: Cuebot makes the chunk wait for each frame it covers.
            var renderStart = run.IndexOf("beauty-render", chunk, "start");
            Enumerable.Range(chunk, 5).Should().OnlyContain(n => renderStart > run.IndexOf("asset-prep", n, "end"));
            run.IndexOf("composite", chunk, "start").Should().BeGreaterThan(run.IndexOf("beauty-render", chunk, "end"));
        }
    }

    [Fact]
    public async Task Parallel_pipeline_fans_out_after_scene_prep_and_converges_frame_by_frame()
    {
        var run = await SampleRun.LocalAsync("parallel");

        run.ShouldHaveSucceededEveryFrame(1 + 4 * 100);
        var prepEnd = run.IndexOf("scene-prep", 1, "end");
        foreach (var pass in new[] { "beauty-pass", "shadow-pass", "reflection-pass" })
        {
            run.IndexesOf(pass, "start").Should().HaveCount(100).And.OnlyContain(i => i > prepEnd, "every frame of a pass waits for the whole scene-prep layer");
        }

        for (var n = 1; n <= 100; n++)
        {
            var compStart = run.IndexOf("final-composite", n, "start");
            compStart.Should().BeGreaterThan(run.IndexOf("beauty-pass", n, "end"));
            compStart.Should().BeGreaterThan(run.IndexOf("shadow-pass", n, "end"));
            compStart.Should().BeGreaterThan(run.IndexOf("reflection-pass", n, "end"));
        }
    }

    [Fact]
    public async Task Frame_dependent_pipeline_runs_all_720_frames_frame_by_frame()
    {
        var run = await SampleRun.LocalAsync("frame-dependent");

        run.ShouldHaveSucceededEveryFrame(720);
        for (var n = 1; n <= 240; n++)
        {
            run.IndexOf("sim-cache", n, "start").Should().BeGreaterThan(run.IndexOf("fluid-simulation", n, "end"));
            run.IndexOf("render-with-sim", n, "start").Should().BeGreaterThan(run.IndexOf("sim-cache", n, "end"));
        }
    }

    [Fact]
    public async Task Fault_tolerant_pipeline_succeeds_and_its_cleanup_post_job_runs_after_the_job_finished()
    {
        var run = await SampleRun.LocalAsync("fault-tolerant");

        run.ShouldHaveSucceededEveryFrame(1 + 100 + 100);
        var validateEnd = run.IndexOf("validate-inputs", 1, "end");
        run.IndexesOf("main-render", "start").Should().HaveCount(100).And.OnlyContain(i => i > validateEnd);
        for (var n = 1; n <= 100; n++)
        {
            run.IndexOf("verify-outputs", n, "start").Should().BeGreaterThan(run.IndexOf("main-render", n, "end"));
        }

        // The post job: one frame (the job has no range of its own, so PyOutline's default frame 1000),
        // run once everything else ended.
        run.Result.Outcome.PostJobs.Should().ContainSingle().Which.Should().StartWith("demo-project-shot010-monitor_fault_tolerant_v001_post_job_");
        run.Result.Outcome.PostFrames.Should().ContainSingle().Which.Should().Match<OpenCue.Samples.Tutorial.Running.FrameOutcome>(
            f => f.Layer == "cleanup_temp" && f.Number == 1000 && f.State == FrameState.Succeeded);
        var cleanupStart = run.IndexOf("cleanup-temp", 1000, "start");
        run.Events.Select((e, i) => (e, i)).Where(x => x.e.Layer != "cleanup-temp").Should().OnlyContain(x => x.i < cleanupStart);
    }

    [Fact]
    public async Task A_frame_failing_every_retry_dies_and_the_run_kills_the_job_so_the_cleanup_still_runs_and_exits_1()
    {
        var run = await SampleRun.LocalAsync("fault-tolerant", "--range", "1-4", "--stand-in-fail", "main-render:3");

        run.Result.ExitCode.Should().Be(1);
        run.Result.Outcome.Killed.Should().BeTrue();
        var dead = run.FramesOf("main_render").Should().ContainSingle(f => f.State == FrameState.Dead).Subject;
        dead.Number.Should().Be(3);
        dead.ExitStatus.Should().Be(1);
        dead.RetryCount.Should().Be(3, "SetRetryCount(3) is applied job-wide: four attempts");
        run.Events.Count(e => e == ("main-render", 3, "fail")).Should().Be(4);

        // verify-outputs frame 3 never ran: its FrameByFrame depend on the dead frame is never satisfied.
        run.FramesOf("verify_outputs").Single(f => f.Number == 3).State.Should().NotBe(FrameState.Succeeded);
        run.Events.Should().NotContain(("verify-outputs", 3, "start"));

        // The cleanup the tutorial wants "regardless of success or failure" ran after the last attempt.
        run.Result.Outcome.PostFrames.Should().ContainSingle().Which.State.Should().Be(FrameState.Succeeded);
        run.IndexOf("cleanup-temp", 1, "start").Should().BeGreaterThan(run.IndexesOf("main-render", "fail").Max());
        run.Output.Should().Contain("dead: 0003-main_render exit 1 after 4 attempt(s)");
        run.Result.Analysis!.Layers.Single(l => l.Layer == "main_render").FailedFrames.Should().Be(1);
    }
}
