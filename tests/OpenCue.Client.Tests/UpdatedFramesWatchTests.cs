using OpenCue.Client.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests;

/// <summary>The watch's GetUpdatedFrames path against the fake Cuebot, and its fall-back to listing on UNIMPLEMENTED.</summary>
public class UpdatedFramesWatchTests
{
    private const string Name = TestOutlines.JobName;

    [Fact]
    public async Task Where_GetUpdatedFrames_is_served_the_watch_lists_the_frames_once_then_follows_the_updates()
    {
        await using var fake = await FakeCuebot.StartAsync();
        fake.ServesUpdatedFrames = true;
        using var api = TestNet.Client(fake.Address);
        var job = (await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard())).Single();
        var start = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // Call 1 learns the server time before the listing; 2 is the first update; the frame dies at 3, the job finishes at 4.
        fake.OnCall(Rpc.GetUpdatedFrames, n =>
        {
            if (n == 3)
            {
                fake.SetFrames(Name, f => f.Name == "0001-comp", PbJob.FrameState.Dead, 1);
                lock (fake.Model.Sync)
                {
                    fake.Model.JobByName(Name).Frames.Single(f => f.Name == "0001-comp").StartTime = start;
                }
            }
            else if (n == 4)
            {
                fake.FinishJob(Name);
            }
        });

        var events = new List<JobEvent>();
        await foreach (var e in job.WatchAsync(new WaitOptions { PollInterval = TimeSpan.FromMilliseconds(20) }, TestNet.HangGuard()))
        {
            events.Add(e);
        }

        events.Where(e => e.Frame?.Name == "0001-comp").Select(e => e.Kind).Should().Equal(JobEventKind.FrameStarted, JobEventKind.FrameDied, JobEventKind.FrameSucceeded);
        events.Where(e => e.Kind == JobEventKind.LayerFinished).Select(e => e.LayerName).Should().BeEquivalentTo("render_beauty", "comp");
        events[^1].Kind.Should().Be(JobEventKind.JobFinished);
        fake.CallNames.Count(c => c == Rpc.JobGetFrames).Should().Be(1, "after the first listing only the updates are asked for");
        fake.CallNames.Count(c => c == Rpc.GetUpdatedFrames).Should().Be(4);
    }

    [Fact]
    public async Task Where_GetUpdatedFrames_is_unimplemented_the_watch_asks_once_then_lists_the_frames_at_each_look()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var job = (await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard())).Single();
        fake.OnCall(Rpc.JobGetFrames, n =>
        {
            if (n == 3)
            {
                fake.FinishJob(Name);
            }
        });

        var last = await job.WaitAsync(new WaitOptions { PollInterval = TimeSpan.FromMilliseconds(20) }, TestNet.HangGuard());

        last.Kind.Should().Be(JobEventKind.JobFinished);
        fake.CallNames.Count(c => c == Rpc.GetUpdatedFrames).Should().Be(1, "UNIMPLEMENTED is remembered");
        fake.CallNames.Count(c => c == Rpc.JobGetFrames).Should().Be(4, "each look reads the job, then lists its frames: the job finished during the third listing, so the fourth look sees it");
    }
}
