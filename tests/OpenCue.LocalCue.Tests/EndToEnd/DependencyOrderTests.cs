using OpenCue.Authoring;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>Each dependency type, checked by the order in which real processes recorded their start and end.</summary>
public class DependencyOrderTests
{
    [Fact]
    public async Task FrameByFrame_frame_N_starts_after_frame_N_of_the_other_layer_ended()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("fbf");
        var a = job.AddLayer(new Shell("aaa", h.Recorder("sleep 0.2")).SetFrameRange("1-4").SetMinCores(1));
        job.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1-4").SetMinCores(1)).DependOn(a);

        await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        for (var n = 1; n <= 4; n++)
        {
            h.IndexOf("bbb", n, "start").Should().BeGreaterThan(h.IndexOf("aaa", n, "end"));
        }
    }

    [Fact]
    public async Task LayerOnLayer_starts_after_every_frame_of_the_other_layer_ended()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("lol");
        var a = job.AddLayer(new Shell("aaa", h.Recorder("sleep 0.1")).SetFrameRange("1-3").SetMinCores(1));
        job.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1-3").SetMinCores(1)).DependAll(a);

        await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        var lastA = Enumerable.Range(1, 3).Max(n => h.IndexOf("aaa", n, "end"));
        Enumerable.Range(1, 3).Min(n => h.IndexOf("bbb", n, "start")).Should().BeGreaterThan(lastA);
    }

    [Fact]
    public async Task PreviousFrame_frame_N_waits_for_frame_N_minus_1()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("prev");
        var a = job.AddLayer(new Shell("aaa", h.Recorder("sleep 0.2")).SetFrameRange("1-4").SetMinCores(1));
        job.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1-4").SetMinCores(1)).DependPrevious(a);

        await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        for (var n = 2; n <= 4; n++)
        {
            h.IndexOf("bbb", n, "start").Should().BeGreaterThan(h.IndexOf("aaa", n - 1, "end"));
        }
    }

    [Fact]
    public async Task LayerOnSimFrame_every_frame_waits_for_the_first_frame_of_the_sim()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("sim");
        var sim = job.AddLayer(new Shell("fluidsim", h.Recorder("sleep 0.2")).SetFrameRange("3-6").SetMinCores(4));
        job.AddLayer(new Shell("reader", h.Recorder()).SetFrameRange("1-4").SetMinCores(1)).DependOn(sim, DependType.LayerOnSimFrame);

        await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        var firstSimEnd = h.IndexOf("fluidsim", 3, "end");
        Enumerable.Range(1, 4).Min(n => h.IndexOf("reader", n, "start")).Should().BeGreaterThan(firstSimEnd);
    }

    [Fact]
    public async Task Any_frame_LayerOnLayer_is_released_by_the_first_succeeded_frame()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("anyframe");

        // Each frame of 'aaa' takes all 4 cores, so they run one after another.
        var a = job.AddLayer(new Shell("aaa", h.Recorder("sleep 0.3")).SetFrameRange("1-3").SetMinCores(4));
        var b = job.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1").SetMinCores(1));
        var pre = job.AddLayer(new LayerPreProcess(b, h.Recorder().Replace("#LAYER#", "pre", StringComparison.Ordinal)));
        pre.DependOn(a, anyFrame: true);

        await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        var preStart = h.IndexOf("pre", 1, "start");
        preStart.Should().BeGreaterThan(h.IndexOf("aaa", 1, "end"));
        preStart.Should().BeLessThan(h.IndexOf("aaa", 3, "end"), "one succeeded frame releases an any-frame depend");
    }

    [Fact]
    public async Task FrameByFrame_across_chunk_sizes_waits_for_the_covering_chunks()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("chunks");
        var a = job.AddLayer(new Shell("aaa", h.Recorder("sleep 0.1")).SetFrameRange("1-6").SetChunk(3).SetMinCores(1));
        job.AddLayer(new Shell("bbb", h.Recorder()).SetFrameRange("1-6").SetMinCores(1)).DependOn(a);

        await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        // aaa runs chunks 1-3 (frame 1) and 4-6 (frame 4); bbb frame N waits for the chunk holding N.
        foreach (var n in new[] { 1, 2, 3 })
        {
            h.IndexOf("bbb", n, "start").Should().BeGreaterThan(h.IndexOf("aaa", 1, "end"));
        }

        foreach (var n in new[] { 4, 5, 6 })
        {
            h.IndexOf("bbb", n, "start").Should().BeGreaterThan(h.IndexOf("aaa", 4, "end"));
        }
    }

    [Fact]
    public async Task Chunk_tokens_and_CUE_environment_reach_the_command()
    {
        await using var h = await LocalCueHarness.StartAsync();
        var job = h.NewOutline("tokens");
        var outDir = Path.Combine(h.Root, "tokens");
        TestUsers.GiveTo(Directory.CreateDirectory(outDir).FullName);
        job.SetEnv("JOB_LEVEL", "job");
        job.AddLayer(new Shell("render", "echo \"#IFRAME# #ZFRAME# #FRAME_START# #FRAME_END# #FRAMESPEC# #FRAME_CHUNK# #LAYER# #JOB# #FRAME# $CUE_IFRAME $CUE_CHUNK $CUE_RANGE $CUE_LAYER $CUE_JOB $CUE_FRAME $CUE_SHOW $CUE_SHOT $JOB_LEVEL\" > " + outDir + "/#IFRAME#.txt")
            .SetFrameRange("1-10").SetChunk(3).SetMinCores(1));

        var launched = await LocalCueHarness.WaitFinishedAsync(await h.LaunchAsync(job));

        File.ReadAllText(Path.Combine(outDir, "4.txt")).Trim().Should().Be(
            "4 0004 4 6 4-6 3 render " + launched.Name + " 0004-render 4 3 1-10 render " + launched.Name + " 0004-render testing sh010 job");
        File.ReadAllText(Path.Combine(outDir, "10.txt")).Trim().Should().StartWith("10 0010 10 10 10 3 ");
        Directory.GetFiles(outDir).Select(Path.GetFileName).Should().BeEquivalentTo(new[] { "1.txt", "4.txt", "7.txt", "10.txt" });
    }
}
