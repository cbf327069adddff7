using OpenCue.Authoring;
using OpenCue.LocalCue;

namespace OpenCue.Client.Tests;

/// <summary>
/// <see cref="CueJob.WatchAsync"/> and <see cref="CueJob.WaitAsync"/> against a real LocalCue on
/// 127.0.0.1, which does not serve GetUpdatedFrames: the listing path, after one UNIMPLEMENTED.
/// </summary>
public sealed class WatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(100);
    private readonly string _state = Directory.CreateTempSubdirectory("client-watch-").FullName;
    private LocalCuebot? _cue;
    private int _jobs;

    public async Task InitializeAsync() => _cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = _state, Cores = 4, MemoryMb = 65536 });

    public async Task DisposeAsync()
    {
        if (_cue != null)
        {
            await _cue.DisposeAsync();
        }

        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task Watch_reports_a_dead_frame_its_retry_and_its_eating_in_order_then_the_job_finished()
    {
        var job = await LaunchAsync(new LaunchOptions { Pause = true, MaxRetries = 0 }, ("good", "echo ok"), ("bad", "sleep 1; exit 3"));
        var events = new List<JobEvent>();
        var deaths = 0;

        // The job starts only after the watch's first look, so every step is a change it sees.
        var resumed = false;
        var options = new WaitOptions { PollInterval = Quick, Progress = new Hook(() => resumed = resumed || Resume(job)) };
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var e in job.WatchAsync(options, guard.Token))
        {
            events.Add(e);
            if (e.Kind == JobEventKind.FrameDied && ++deaths == 1)
            {
                await e.Frame!.RetryAsync(guard.Token);
            }
            else if (e.Kind == JobEventKind.FrameDied)
            {
                await e.Frame!.EatAsync(guard.Token);
            }
        }

        KindsOf(events, "0001-bad").Should().Equal(
            JobEventKind.FrameStarted, JobEventKind.FrameDied, JobEventKind.FrameRetried, JobEventKind.FrameStarted, JobEventKind.FrameDied, JobEventKind.FrameEaten);
        KindsOf(events, "0001-good").Should().Equal(JobEventKind.FrameStarted, JobEventKind.FrameSucceeded);
        events.FindIndex(e => e.Kind == JobEventKind.LayerFinished && e.LayerName == "good")
            .Should().BeGreaterThan(events.FindIndex(e => e.Kind == JobEventKind.FrameSucceeded));
        events.FindIndex(e => e.Kind == JobEventKind.LayerFinished && e.LayerName == "bad")
            .Should().BeGreaterThan(events.FindIndex(e => e.Kind == JobEventKind.FrameEaten));
        events[^1].Kind.Should().Be(JobEventKind.JobFinished);
        events.Count(e => e.Kind is JobEventKind.JobFinished or JobEventKind.JobKilled).Should().Be(1);
        events.First(e => e.Kind == JobEventKind.FrameDied).LogPath.Should().Be(job.GetFrameLogPath("0001-bad"));
        events.First(e => e.Kind == JobEventKind.FrameDied).Frame!.ExitStatus.Should().Be(3);
    }

    [Fact]
    public async Task A_waiting_launch_that_fails_on_dead_ends_at_the_dead_frame_naming_it()
    {
        var name = "dies" + Interlocked.Increment(ref _jobs);
        var launch = LaunchAsync(new LaunchOptions { MaxRetries = 0, Wait = true, FailOnDead = true, PollInterval = Quick }, name, ("fine", "echo ok"), ("bad", "exit 7"));

        var died = (await launch.Invoking(l => l).Should().ThrowAsync<FrameDiedException>()).Which;

        died.FrameName.Should().Be("0001-bad");
        died.ExitStatus.Should().Be(7);
        died.JobName.Should().EndWith(name);
        died.LogPath.Should().EndWith(died.JobName + ".0001-bad.rqlog");
        died.Message.Should().Contain("0001-bad").And.Contain(died.JobName!).And.Contain(died.LogPath!);
        var job = await Api().FindJobAsync(died.JobName!);
        job.State.Should().Be(JobState.Pending, "failing the wait does not stop the job");
        await job.KillAsync("test over");
    }

    [Fact]
    public async Task Wait_gives_up_after_its_timeout_naming_the_job_which_goes_on()
    {
        var job = await LaunchAsync(new LaunchOptions { Pause = true }, ("held", "echo ok"));

        var thrown = (await job.Invoking(j => j.WaitAsync(new WaitOptions { Timeout = TimeSpan.FromMilliseconds(300), PollInterval = Quick }))
            .Should().ThrowAsync<JobWaitTimeoutException>()).Which;

        thrown.JobName.Should().Be(job.Name);
        thrown.Message.Should().Contain(job.Name);
        (await job.RefreshAsync()).State.Should().Be(JobState.Pending);
        await job.KillAsync("test over");
    }

    [Fact]
    public async Task Watching_stops_when_cancelled()
    {
        var job = await LaunchAsync(new LaunchOptions { Pause = true }, ("held", "echo ok"));
        using var cancel = new CancellationTokenSource();
        var looks = 0;
        var options = new WaitOptions { PollInterval = Quick, Progress = new Hook(() => { if (++looks == 2) cancel.Cancel(); }) };

        var watch = async () =>
        {
            await foreach (var e in job.WatchAsync(options, cancel.Token))
            {
                throw new InvalidOperationException("a paused job has no events: " + e);
            }
        };

        await watch.Should().ThrowAsync<OperationCanceledException>();
        looks.Should().Be(2);
        await job.KillAsync("test over");
    }

    [Fact]
    public async Task Watching_a_killed_job_ends_with_job_killed()
    {
        var job = await LaunchAsync(new LaunchOptions { Pause = true }, ("held", "echo ok"));
        var killed = false;
        var options = new WaitOptions { PollInterval = Quick, Progress = new Hook(() => killed = killed || Kill(job)) };

        var last = await job.WaitAsync(options);

        last.Kind.Should().Be(JobEventKind.JobKilled);
    }

    private static IEnumerable<JobEventKind> KindsOf(IEnumerable<JobEvent> events, string frame) =>
        events.Where(e => e.Frame?.Name == frame).Select(e => e.Kind);

    private static bool Resume(CueJob job)
    {
        job.ResumeAsync().GetAwaiter().GetResult();
        return true;
    }

    private static bool Kill(CueJob job)
    {
        job.KillAsync("killed by the test").GetAwaiter().GetResult();
        return true;
    }

    private CueApi Api() => CueApi.ForHosts(_cue!.Address);

    private Task<CueJob> LaunchAsync(LaunchOptions options, params (string Layer, string Command)[] layers) =>
        LaunchAsync(options, "watch" + Interlocked.Increment(ref _jobs), layers);

    private async Task<CueJob> LaunchAsync(LaunchOptions options, string name, params (string Layer, string Command)[] layers)
    {
        var outline = new Outline(name, shot: "sh010", show: "testing", user: "jdoe");
        foreach (var (layer, command) in layers)
        {
            outline.AddLayer(new Shell(layer, new[] { "/bin/sh", "-c", command }).SetFrameRange("1"));
        }

        options.Server = _cue!.Address;
        options.Uid = 1000;
        return (await Cuerun.LaunchAsync(outline, options)).Single();
    }

    /// <summary>Runs an action at each look of a watch (progress is reported after every look).</summary>
    private sealed class Hook : IProgress<JobProgress>
    {
        private readonly Action _action;

        public Hook(Action action) => _action = action;

        public void Report(JobProgress value) => _action();
    }
}
