using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>
/// Frames start off the scheduler's lock and dispatch thread: a frame is RUNNING with its cores booked
/// before its process is started, and whatever happens to it while the start is in flight (eat, kill,
/// the scheduler stopping, a runner that throws) is applied once the start returns.
/// </summary>
public class StartInFlightTests
{
    [Fact]
    public async Task A_frame_eaten_while_its_start_is_in_flight_is_running_then_killed_as_soon_as_it_starts()
    {
        var runner = new GatedRunner();
        await using var h = await LocalCueHarness.StartAsync(o => o.Cores = 1, runner: runner);
        var job = h.NewOutline("eatinflight");
        job.AddLayer(new Shell("render", h.Recorder("sleep 600")).SetFrameRange("1"));
        var launched = await h.LaunchAsync(job);
        await runner.WaitEnteredAsync();

        // Booked before the process exists.
        var frame = (await h.FramesAsync(launched)).Single();
        frame.State.Should().Be(FrameState.Running);
        (await launched.RefreshAsync()).Stats.RunningFrames.Should().Be(1);

        await launched.EatFramesAsync(FrameSearch.All);
        runner.Open();

        var done = await LocalCueHarness.WaitFinishedAsync(launched, timeoutSeconds: 60);
        (await h.FramesAsync(done)).Single().State.Should().Be(FrameState.Eaten);
        var result = await runner.Started.Single().Completion.WaitAsync(TimeSpan.FromSeconds(30));
        result.ExitSignal.Should().Be(9);
        result.KillMessage.Should().Be("frame eaten");
    }

    [Fact]
    public async Task A_frame_killed_while_its_start_is_in_flight_is_killed_when_it_starts_and_retried()
    {
        var runner = new GatedRunner();
        await using var h = await LocalCueHarness.StartAsync(o => o.Cores = 1, runner: runner);
        var marker = Path.Combine(h.Root, "second-run");
        var job = h.NewOutline("killinflight");
        job.AddLayer(new Shell("render", "if [ -f " + marker + " ]; then exit 0; fi; sleep 600").SetFrameRange("1"));
        var launched = await h.LaunchAsync(job);
        await runner.WaitEnteredAsync();

        await launched.KillFramesAsync(FrameSearch.All, "make room");
        runner.Allow();

        // The first run is killed as soon as it starts; the retry (held at the gate) then finds the marker.
        await runner.WaitEnteredAsync();
        await runner.Started.Single().Completion.WaitAsync(TimeSpan.FromSeconds(30));
        File.WriteAllText(marker, "retry");
        runner.Open();

        var done = await LocalCueHarness.WaitFinishedAsync(launched, timeoutSeconds: 60);
        var frame = (await h.FramesAsync(done)).Single();
        frame.State.Should().Be(FrameState.Succeeded);
        frame.RetryCount.Should().Be(1);
        runner.Started.Should().HaveCount(2);
        var first = await runner.Started[0].Completion.WaitAsync(TimeSpan.FromSeconds(30));
        first.ExitSignal.Should().Be(9);
        first.KillMessage.Should().Be("make room");
    }

    [Fact]
    public async Task Stopping_while_a_start_is_in_flight_kills_the_frame_it_starts()
    {
        var runner = new GatedRunner();
        var h = await LocalCueHarness.StartAsync(o => o.Cores = 1, runner: runner);
        try
        {
            var job = h.NewOutline("stopinflight");
            job.AddLayer(new Shell("render", "sleep 600").SetFrameRange("1"));
            await h.LaunchAsync(job);
            await runner.WaitEnteredAsync();

            h.Api.Dispose();
            var stopping = h.Cue.DisposeAsync().AsTask();
            await Task.Delay(200);
            stopping.IsCompleted.Should().BeFalse("the stop waits for the start in flight");
            runner.Open();
            await stopping.WaitAsync(TimeSpan.FromSeconds(20));

            var result = await runner.Started.Single().Completion.WaitAsync(TimeSpan.FromSeconds(5));
            result.ExitSignal.Should().Be(9, "the frame started after the stop began is killed, not left running");
        }
        finally
        {
            runner.Open();
            await h.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_runner_that_throws_is_a_failed_launch()
    {
        var runner = new ThrowingRunner();
        await using var h = await LocalCueHarness.StartAsync(
            o =>
            {
                o.FailedLaunchDelay = TimeSpan.FromMilliseconds(50);
                o.MaxFailedLaunches = 2;
            },
            runner: runner);
        var job = h.NewOutline("throwing");
        job.AddLayer(new Shell("render", "true").SetFrameRange("1"));
        var launched = await h.LaunchAsync(job);

        await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.DeadFrames == 1, timeoutSeconds: 60);
        var frame = (await h.FramesAsync(launched)).Single();
        frame.ExitStatus.Should().Be(256);
        runner.Calls.Should().Be(3, "the first launch and two retries");
        (await launched.RefreshAsync()).Stats.RunningFrames.Should().Be(0);
    }

    /// <summary>Holds each start until the test lets one through (<see cref="Allow"/>) or all (<see cref="Open"/>), then starts the frame for real.</summary>
    private sealed class GatedRunner : IFrameRunner
    {
        private readonly ProcessFrameRunner _inner = new(new FrameRunnerOptions { TempDirectory = Path.GetTempPath(), InstanceKey = Path.Combine(Path.GetTempPath(), "gated-runner-" + Guid.NewGuid().ToString("N")) });
        private readonly SemaphoreSlim _permits = new(0);
        private readonly SemaphoreSlim _entered = new(0);
        private readonly List<IRunningFrame> _started = new();
        private volatile bool _open;

        public IReadOnlyList<IRunningFrame> Started
        {
            get
            {
                lock (_started)
                {
                    return _started.ToList();
                }
            }
        }

        public IRunningFrame Start(FrameRunRequest request)
        {
            _entered.Release();
            if (!_open)
            {
                _permits.Wait(TimeSpan.FromMinutes(2));
            }

            var frame = _inner.Start(request);
            lock (_started)
            {
                _started.Add(frame);
            }

            return frame;
        }

        public async Task WaitEnteredAsync() => (await _entered.WaitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue("a frame start was issued");

        public void Allow() => _permits.Release();

        public void Open()
        {
            _open = true;
            _permits.Release(100);
        }
    }

    private sealed class ThrowingRunner : IFrameRunner
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public IRunningFrame Start(FrameRunRequest request)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("no processes today");
        }
    }
}
