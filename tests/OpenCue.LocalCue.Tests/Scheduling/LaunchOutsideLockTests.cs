using Microsoft.Extensions.Logging.Abstractions;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Scheduling;
using OpenCue.LocalCue.Storage;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.Scheduling;

/// <summary>
/// A spec is parsed outside the scheduler's lock: with a launch parked in the middle of its parse
/// (in the clock that names its post job), queries and other launches go on.
/// </summary>
public sealed class LaunchOutsideLockTests : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localcue-lock-").FullName;
    private readonly ParkingClock _clock = new();
    private readonly SqliteJobStore _store = SqliteJobStore.OpenInMemory();
    private readonly CueScheduler _cue;
    private readonly SpecLauncher _launcher;

    public LaunchOutsideLockTests()
    {
        var options = new LocalCueOptions { StateDirectory = Path.Combine(_root, "state"), Cores = 2, MemoryMb = 4096 };
        _cue = new CueScheduler(LocalCuebot.SchedulerOptionsOf(options), _store, new ProcessFrameRunner(), NullLogger.Instance, _clock);
        _launcher = new SpecLauncher(_cue, options.FrameUsers, _clock);
    }

    private static string WithPost(string name) => Spec(Job(Layer() + Layer("cleanup", "Post"), name: name, settings: "<paused>true</paused>"));

    [Fact]
    public async Task Queries_and_other_launches_run_while_a_spec_is_being_parsed()
    {
        var parked = Task.Factory.StartNew(() =>
        {
            _clock.ParkNextCallOn(Environment.CurrentManagedThreadId);
            return _launcher.Launch(WithPost("slow"));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _clock.Parked.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue("the launch reached the post job's name, inside SpecIntake.Parse");

        // Hang guards only: were the parse under the lock, these would wait for ever.
        var others = Task.Run(() =>
        {
            _cue.GetJobs(new PbJob.JobSearchCriteria()).Should().BeEmpty();
            _launcher.Launch(Spec(Job(Layer(), name: "quick", settings: "<paused>true</paused>"))).Should().ContainSingle();
            return _cue.GetJobs(new PbJob.JobSearchCriteria()).Select(j => j.Name).ToList();
        });
        (await Task.WhenAny(others, Task.Delay(TimeSpan.FromSeconds(60)))).Should().BeSameAs(others, "the scheduler answers while a parse is in progress");
        (await others).Should().Equal("testing-sh010-jdoe_quick");
        parked.IsCompleted.Should().BeFalse();

        _clock.Release.Set();
        (await parked).Should().ContainSingle();
        _cue.GetJobs(new PbJob.JobSearchCriteria()).Select(j => j.Name).Should().BeEquivalentTo("testing-sh010-jdoe_quick", "testing-sh010-jdoe_slow");
    }

    [Fact]
    public async Task A_job_launched_while_the_same_spec_is_parsed_makes_that_launch_already_pending()
    {
        var parked = Task.Factory.StartNew(() =>
        {
            _clock.ParkNextCallOn(Environment.CurrentManagedThreadId);
            return _launcher.Launch(WithPost("same"));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _clock.Parked.Wait(TimeSpan.FromSeconds(60)).Should().BeTrue();

        (await Task.Run(() => _launcher.Launch(WithPost("same")))).Should().ContainSingle();
        _clock.Release.Set();

        var act = async () => await parked;
        (await act.Should().ThrowAsync<SpecRejectedException>()).Which.Message.Should().Be("The job testing-sh010-jdoe_same is already pending");
        _cue.GetJobs(new PbJob.JobSearchCriteria()).Should().ContainSingle(j => j.Name == "testing-sh010-jdoe_same");
    }

    [Fact]
    public void A_parsed_spec_whose_job_is_already_pending_is_refused_by_the_scheduler_and_creates_nothing()
    {
        _cue.Launch(Parse(WithPost("twice"))).Should().ContainSingle();

        // Parsed without a pending check, as a launch parsed just before another one committed.
        var act = () => _cue.Launch(Parse(WithPost("twice")));
        act.Should().Throw<LaunchRefusedException>().WithMessage("The job testing-sh010-jdoe_twice is already pending");
        _cue.GetJobs(new PbJob.JobSearchCriteria()).Should().ContainSingle();
    }

    public async ValueTask DisposeAsync()
    {
        _clock.Release.Set();
        await _cue.DisposeAsync();
        _store.Dispose();
        Directory.Delete(_root, true);
    }

    /// <summary>A clock that parks the next call made on one thread until released.</summary>
    private sealed class ParkingClock : TimeProvider
    {
        private int _parkThread = -1;

        public ManualResetEventSlim Parked { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public void ParkNextCallOn(int threadId) => Volatile.Write(ref _parkThread, threadId);

        public override DateTimeOffset GetUtcNow()
        {
            var current = Environment.CurrentManagedThreadId;
            if (Interlocked.CompareExchange(ref _parkThread, -1, current) == current)
            {
                Parked.Set();
                Release.Wait(TimeSpan.FromSeconds(120));
            }

            return base.GetUtcNow();
        }
    }
}
