using OpenCue.Authoring;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;
using OpenCue.Client;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>Layer timeouts kill the frame's whole process group and the frame dies without a retry (Cuebot's rule).</summary>
public class TimeoutTests
{
    [Fact]
    public async Task A_frame_over_its_timeout_is_killed_and_marked_dead_without_retry()
    {
        // Timeouts are whole minutes; the runner's test hook makes "a minute" one second here.
        var runner = new ProcessFrameRunner(new FrameRunnerOptions { TimeoutOverride = TimeSpan.FromSeconds(1), LluSampleInterval = TimeSpan.FromMilliseconds(200) });
        await using var h = await LocalCueHarness.StartAsync(runner: runner);
        var job = h.NewOutline("timeout");
        job.AddLayer(new Shell("stuck", h.Recorder("sleep 600")).SetFrameRange("1").SetTimeout(1));

        var launched = await h.LaunchAsync(job);
        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.DeadFrames == 1);

        var frame = (await h.FramesAsync(launched)).Single();
        frame.State.Should().Be(FrameState.Dead);
        frame.RetryCount.Should().Be(0, "a timed-out frame is not retried");
        frame.ExitStatus.Should().Be(1, "RQD reports a killed process group as exit 1, signal 9");
        h.Events().Should().NotContain(e => e.What == "end");
        var log = Directory.GetFiles(launched.LogDirectory, "*.rqlog").Single();
        File.ReadAllText(log).Should().Contain("timed out");
    }
}
