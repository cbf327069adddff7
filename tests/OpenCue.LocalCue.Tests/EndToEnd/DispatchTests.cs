using OpenCue.Authoring;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>The dispatcher books cores within layer and job limits, by priority, and runs an oversize frame alone.</summary>
public class DispatchTests
{
    /// <summary>The most frames of a layer that were running at once, from the recorded events.</summary>
    private static int MostAtOnce(LocalCueHarness h, string? layer = null)
    {
        var running = 0;
        var most = 0;
        foreach (var e in h.Events().Where(e => layer is null || e.Layer == layer))
        {
            running += e.What == "start" ? 1 : -1;
            most = Math.Max(most, running);
        }

        return most;
    }

    [Fact]
    public async Task Layer_max_cores_limits_how_many_frames_run_at_once()
    {
        await using var h = await LocalCueHarness.StartAsync(o => o.Cores = 4);
        var job = h.NewOutline("layermax");
        job.AddLayer(new Shell("render", h.Recorder("sleep 0.2")).SetFrameRange("1-6").SetMinCores(1).SetMaxCores(1));

        // Cuerun launches it paused, sets the layer's max cores, then resumes it: the limit holds from the first frame.
        var launched = await h.LaunchAsync(job);
        launched.IsPaused.Should().BeFalse();
        await LocalCueHarness.WaitFinishedAsync(launched);

        MostAtOnce(h).Should().Be(1);
    }

    [Fact]
    public async Task Job_max_cores_limits_the_whole_job_and_unlimited_jobs_use_every_core()
    {
        await using var h = await LocalCueHarness.StartAsync(o => o.Cores = 4);
        var limited = h.NewOutline("jobmax", maxCores: 2);
        limited.AddLayer(new Shell("render", h.Recorder("sleep 0.3")).SetFrameRange("1-6").SetMinCores(1));
        await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(limited));
        MostAtOnce(h).Should().Be(2);

        File.Delete(h.EventsFile);
        var free = h.NewOutline("jobfree");
        free.AddLayer(new Shell("render", h.Recorder("sleep 0.5")).SetFrameRange("1-4").SetMinCores(1));
        await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(free));
        MostAtOnce(h).Should().Be(4, "four one-core frames fit four cores at once");
    }

    [Fact]
    public async Task Higher_priority_jobs_are_dispatched_first()
    {
        await using var h = await LocalCueHarness.StartAsync(o => o.Cores = 1);
        var low = h.NewOutline("lowprio");
        low.AddLayer(new Shell("low", h.Recorder("sleep 0.1")).SetFrameRange("1-3").SetMinCores(1));
        var high = h.NewOutline("highprio");
        high.AddLayer(new Shell("high", h.Recorder("sleep 0.1")).SetFrameRange("1-3").SetMinCores(1));
        var lowJob = await h.LaunchAsync(low, o => o.Pause = true);
        var highJob = await h.LaunchAsync(high, o =>
        {
            o.Pause = true;
            o.Priority = 100;
        });

        await highJob.ResumeAsync();
        await lowJob.ResumeAsync();
        await LocalCueHarness.WaitFinishedAsync(lowJob);
        await LocalCueHarness.WaitFinishedAsync(highJob);

        var lastHighStart = Enumerable.Range(1, 3).Max(n => h.IndexOf("high", n, "start"));
        var firstLowStart = Enumerable.Range(1, 3).Min(n => h.IndexOf("low", n, "start"));
        lastHighStart.Should().BeLessThan(firstLowStart);
    }

    [Fact]
    public async Task A_frame_asking_for_more_than_the_machine_runs_alone_instead_of_waiting_forever()
    {
        await using var h = await LocalCueHarness.StartAsync(o =>
        {
            o.Cores = 2;
            o.MemoryMb = 1024;
        });
        var job = h.NewOutline("oversize");
        job.AddLayer(new Shell("huge", h.Recorder()).SetFrameRange("1-2").SetMinCores(8).SetMinMemory(4096));

        var done = await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        done.Stats.SucceededFrames.Should().Be(2);
        MostAtOnce(h).Should().Be(1);
    }
}
