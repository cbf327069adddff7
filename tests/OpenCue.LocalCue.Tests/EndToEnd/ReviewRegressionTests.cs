using Grpc.Net.Client;
using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>Cuebot semantics that a review of the scheduler found wrong once, kept right.</summary>
public class ReviewRegressionTests
{
    private static PbJob.FrameInterface.FrameInterfaceClient Frames(LocalCueHarness h) => new(GrpcChannel.ForAddress("http://" + h.Cue.Address));

    private static PbJob.LayerInterface.LayerInterfaceClient Layers(LocalCueHarness h) => new(GrpcChannel.ForAddress("http://" + h.Cue.Address));

    [Fact]
    public async Task A_frame_that_cannot_be_launched_waits_between_tries_and_then_dies()
    {
        await using var h = await LocalCueHarness.StartAsync(o =>
        {
            o.FailedLaunchDelay = TimeSpan.FromMilliseconds(100);
            o.MaxFailedLaunches = 2;
        });

        // The frame log cannot be created: the logs folder is a file.
        Directory.CreateDirectory(h.Cue.Options.StateDirectory);
        File.WriteAllText(Path.Combine(h.Cue.Options.StateDirectory, "logs"), "not a folder");
        var job = h.NewOutline("nolaunch");
        job.AddLayer(new Shell("render", "true").SetFrameRange("1"));

        var launched = await h.LaunchAsync(job);
        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.DeadFrames == 1);

        var frame = (await h.FramesAsync(launched)).Single();
        frame.ExitStatus.Should().Be(256);
        frame.RetryCount.Should().Be(0, "failed launches are not retries");
    }

    [Fact]
    public async Task Stopping_the_scheduler_sends_running_frames_back_to_waiting_not_through_the_end_of_frame_rules()
    {
        var root = Directory.CreateTempSubdirectory("localcue-stop-").FullName;
        string jobName;
        await using (var first = await LocalCueHarness.StartAsync(root: root))
        {
            var job = first.NewOutline("stopped");
            job.AddLayer(new Shell("render", first.Recorder("sleep 600")).SetFrameRange("1"));
            var launched = await first.LaunchAsync(job, o => o.AutoEat = true);
            jobName = launched.Name;
            await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.RunningFrames == 1);
            first.Api.Dispose();
            await first.Cue.DisposeAsync();
        }

        await using var second = await LocalCueHarness.StartAsync(root: root, configure: o => o.Cores = 4);
        using var cleanup = new DeleteOnDispose(root);
        using var stateCleanup = new DeleteOnDispose(LocalCueHarness.StateFor(root));
        var again = await second.Api.FindJobAsync(jobName);
        await again.PauseAsync();
        var frame = (await second.FramesAsync(again)).Single();
        frame.State.Should().BeOneOf(FrameState.Waiting, FrameState.Running);
        frame.State.Should().NotBe(FrameState.Eaten, "a frame stopped with the scheduler is not a failure, even with autoeat");
        (await again.RefreshAsync()).State.Should().Be(JobState.Pending);
    }

    [Fact]
    public async Task Eating_and_retrying_a_held_frame_keeps_it_waiting_for_its_depends()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("eatretry");
        var a = job.AddLayer(new Shell("aaa", "sleep 600").SetFrameRange("1"));
        job.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1")).DependOn(a);
        var launched = await h.LaunchAsync(job);
        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.RunningFrames == 1);

        var b = (await h.FramesAsync(launched, FrameSearch.OfLayers("bbb"))).Single();
        await b.EatAsync();
        await (await b.RefreshAsync()).RetryAsync();

        (await b.RefreshAsync()).State.Should().Be(FrameState.Depend);
        h.Events().Should().BeEmpty();
        await launched.KillAsync("done");
    }

    [Fact]
    public async Task Dropping_a_frames_depends_releases_that_frame_only()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("dropone");
        var a = job.AddLayer(new Shell("aaa", "sleep 600").SetFrameRange("1-3").SetMinCores(1));
        job.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1-3").SetMinCores(1)).DependOn(a);
        var launched = await h.LaunchAsync(job);
        var b1 = (await h.FramesAsync(launched, FrameSearch.OfLayers("bbb"))).Single(f => f.Number == 1);

        await Frames(h).DropDependsAsync(new PbJob.FrameDropDependsRequest { Frame = new PbJob.Frame { Id = b1.Id } });

        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.SucceededFrames == 1);
        var b = await h.FramesAsync(launched, FrameSearch.OfLayers("bbb"));
        b.Single(f => f.Number == 1).State.Should().Be(FrameState.Succeeded);
        b.Where(f => f.Number != 1).Should().OnlyContain(f => f.State == FrameState.Depend);
        await launched.KillAsync("done");
    }

    [Fact]
    public async Task Marking_a_layer_done_releases_what_waits_for_the_whole_layer()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("markdone");
        var a = job.AddLayer(new Shell("aaa", "sleep 600").SetFrameRange("1-2").SetMinCores(1));
        job.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1")).DependAll(a);
        var launched = await h.LaunchAsync(job);
        var layer = (await launched.GetLayersAsync()).Single(l => l.Name == "aaa");

        await Layers(h).MarkdoneFramesAsync(new PbJob.LayerMarkdoneFramesRequest { Layer = new PbJob.Layer { Id = layer.Id } });

        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.SucceededFrames == 1);
        h.Events().Should().Contain(("bbb", 1, "end"));
        await launched.KillAsync("done");
    }

    [Fact]
    public async Task A_frame_needing_the_whole_machine_is_not_starved_by_smaller_work()
    {
        await using var h = await LocalCueHarness.StartAsync(o => o.Cores = 2);
        var small = h.NewOutline("smallwork");
        small.AddLayer(new Shell("small", h.Recorder("sleep 0.2")).SetFrameRange("1-8").SetMinCores(1));
        var big = h.NewOutline("bigwork");
        big.AddLayer(new Shell("big", h.Recorder()).SetFrameRange("1").SetMinCores(4));
        var smallJob = await h.LaunchAsync(small);
        var bigJob = await h.LaunchAsync(big, o => o.Priority = 100);

        await LocalCueHarness.WaitFinishedAsync(bigJob);
        await LocalCueHarness.WaitFinishedAsync(smallJob);

        h.IndexOf("big", 1, "start").Should().BeLessThan(h.IndexOf("small", 8, "start"), "the big frame drains the machine instead of waiting for all small work");
    }

    private sealed class DeleteOnDispose(string path) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                Directory.Delete(path, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
