using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue;

namespace OpenCue.Samples.Tests;

/// <summary>
/// The README's "Testing a submitter": OpenCue.LocalCue is the test kit. A class fixture starts one real LocalCue
/// for the test class, the submitter under test launches to it as it would to a farm, and the test reads what it
/// launched and how the frames ended. The code is the README's, plus the uid CI needs as root.
/// </summary>
public sealed class SubmitterTestKitTests : IClassFixture<SubmitterTestKitTests.LocalCueFixture>
{
    private readonly LocalCueFixture _fixture;

    public SubmitterTestKitTests(LocalCueFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_submitted_job_runs_to_the_end_on_the_fixture()
    {
        var outline = StudioSubmitter.BuildJob("shot010", frames: "1-3");

        var jobs = await Cuerun.LaunchAsync(outline, new LaunchOptions
        {
            Server = _fixture.Cue.Address,
            Wait = true,
            FailOnDead = true,
            Uid = RootRunsAs(1000),
        });

        var job = await jobs.Single().RefreshAsync();
        job.State.Should().Be(JobState.Finished);
        job.Stats.SucceededFrames.Should().Be(6);
        (await job.GetLayersAsync()).Select(l => l.Name).Should().Equal("render", "comp");
    }

    [Fact]
    public async Task A_failing_frame_ends_the_wait_with_the_frame_named()
    {
        var outline = StudioSubmitter.BuildJob("shot020", frames: "1-2", renderCommand: "exit 3");

        var launch = () => Cuerun.LaunchAsync(outline, new LaunchOptions
        {
            Server = _fixture.Cue.Address,
            Wait = true,
            FailOnDead = true,
            Uid = RootRunsAs(1000),
        });

        var died = (await launch.Should().ThrowAsync<FrameDiedException>()).Which;
        died.FrameName.Should().EndWith("-render");
        died.LogPath.Should().EndWith(".rqlog");
        died.ExitStatus.Should().Be(3);
    }

    /// <summary>CI runs as root, and LocalCue never runs a frame as root: a root caller names the user.</summary>
    private static int? RootRunsAs(int uid) => Environment.UserName == "root" ? uid : null;

    /// <summary>One LocalCue for the test class, in a state directory of its own.</summary>
    public sealed class LocalCueFixture : IAsyncLifetime
    {
        private readonly string _state = Directory.CreateTempSubdirectory("cue-").FullName;

        public LocalCuebot Cue { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = _state, Cores = 2 });

        public async Task DisposeAsync()
        {
            await Cue.DisposeAsync();
            Directory.Delete(_state, recursive: true);
        }
    }

    /// <summary>Stands for the studio's submitter under test: it builds the outline a tool would launch.</summary>
    private static class StudioSubmitter
    {
        public static Outline BuildJob(string shot, string frames, string renderCommand = "true")
        {
            var job = new Outline("lighting", shot: shot, show: "testkit", user: "artist01");
            var render = job.AddLayer(new Shell("render", renderCommand).SetFrameRange(frames));
            job.AddLayer(new Shell("comp", "true").SetFrameRange(frames)).DependOn(render);
            return job;
        }
    }
}
