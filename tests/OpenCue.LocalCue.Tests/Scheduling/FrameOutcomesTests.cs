using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Scheduling;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.Scheduling;

/// <summary>
/// Cuebot's end-of-frame rules (FrameCompleteHandler's determineFrameState, facts 6.2) applied directly, with no
/// process started: first match wins.
/// </summary>
public class FrameOutcomesTests
{
    private static readonly SchedulerOptions Caps = new() { MaxFailedLaunches = 3, MaxMemoryRetries = 3 };

    private static FrameOutcome Decide(
        int exit, int signal = 0, PbJob.FrameState? pending = null, int retries = 0, int maxRetries = 1, bool autoEat = false, long runSeconds = 5,
        int failedLaunches = 0, int memoryRetries = 0, bool failedToLaunch = false, bool timedOut = false, bool lluTimedOut = false) =>
        FrameOutcomes.Decide(
            new FrameFacts(pending, retries, failedLaunches, memoryRetries), maxRetries, autoEat,
            new FrameRunResult { ExitStatus = exit, ExitSignal = signal, FailedToLaunch = failedToLaunch, TimedOut = timedOut, LluTimedOut = lluTimedOut, KillMessage = "no such file" },
            runSeconds, Caps);

    [Fact]
    public void Exit_0_succeeds() => Decide(0).State.Should().Be(PbJob.FrameState.Succeeded);

    [Fact]
    public void A_state_asked_for_while_the_frame_ran_wins_over_its_exit()
    {
        Decide(1, pending: PbJob.FrameState.Eaten).State.Should().Be(PbJob.FrameState.Eaten);
        Decide(0, pending: PbJob.FrameState.Waiting).State.Should().Be(PbJob.FrameState.Waiting, "a retried frame runs again even when its process ended well");
    }

    [Fact]
    public void A_failure_is_retried_until_the_job_max_retries_then_the_frame_is_dead()
    {
        Decide(1, retries: 0, maxRetries: 1).State.Should().Be(PbJob.FrameState.Waiting);
        Decide(1, retries: 1, maxRetries: 1).State.Should().Be(PbJob.FrameState.Dead);
        Decide(1, retries: 0, maxRetries: 0).State.Should().Be(PbJob.FrameState.Dead);
    }

    [Fact]
    public void Exit_286_and_signal_119_are_retried_whatever_the_count()
    {
        Decide(286, retries: 9, maxRetries: 1).State.Should().Be(PbJob.FrameState.Waiting);
        Decide(1, signal: 119, retries: 9, maxRetries: 1).State.Should().Be(PbJob.FrameState.Waiting);
        Decide(1, signal: 119, retries: 0, maxRetries: 0).State.Should().Be(PbJob.FrameState.Dead, "signal 119 is retried only when the job allows retries");
    }

    [Fact]
    public void Autoeat_eats_a_failure_but_not_a_success()
    {
        Decide(1, autoEat: true).State.Should().Be(PbJob.FrameState.Eaten);
        Decide(0, autoEat: true).State.Should().Be(PbJob.FrameState.Succeeded);
    }

    [Fact]
    public void Timeouts_and_frames_over_12_hours_are_not_retried()
    {
        Decide(1, timedOut: true).State.Should().Be(PbJob.FrameState.Dead);
        Decide(1, lluTimedOut: true).State.Should().Be(PbJob.FrameState.Dead);
        Decide(1, runSeconds: FrameOutcomes.FrameTimeNoRetrySeconds + 1).State.Should().Be(PbJob.FrameState.Dead);
        Decide(1, runSeconds: FrameOutcomes.FrameTimeNoRetrySeconds).State.Should().Be(PbJob.FrameState.Waiting);
    }

    [Fact]
    public void A_failed_launch_waits_and_is_tried_again_until_the_cap_then_dies_with_a_note()
    {
        var first = Decide(256, retries: 5, maxRetries: 1);
        first.Should().Be(new FrameOutcome(PbJob.FrameState.Waiting, 1, 0, WaitBeforeRetry: true), "a failed launch does not use a retry");

        Decide(1, failedToLaunch: true, failedLaunches: 2).State.Should().Be(PbJob.FrameState.Waiting, "a runner that could not start the process reports a failed launch");
        var last = Decide(256, failedLaunches: 3);
        last.State.Should().Be(PbJob.FrameState.Dead);
        last.FailedLaunches.Should().Be(4);
        last.Note.Should().Contain("could not be launched 4 times in a row (no such file)");
    }

    [Fact]
    public void A_frame_that_ran_clears_its_failed_launches_but_a_success_keeps_them()
    {
        Decide(1, failedLaunches: 2).FailedLaunches.Should().Be(0);
        Decide(0, failedLaunches: 2).FailedLaunches.Should().Be(2);
    }

    [Fact]
    public void Memory_failures_are_retried_up_to_the_local_cap_whatever_the_retry_count()
    {
        var retried = Decide(33, retries: 1, maxRetries: 1, memoryRetries: 2);
        retried.State.Should().Be(PbJob.FrameState.Waiting);
        retried.MemoryRetries.Should().Be(3);
        retried.Note.Should().Contain("retrying (3 of at most 3");

        Decide(137, memoryRetries: 0).State.Should().Be(PbJob.FrameState.Waiting);
        Decide(1, signal: 33).State.Should().Be(PbJob.FrameState.Waiting);

        var dead = Decide(137, memoryRetries: 3);
        dead.State.Should().Be(PbJob.FrameState.Dead);
        dead.Note.Should().Contain("marked dead after 3 memory retries");
    }

    [Fact]
    public void Autoeat_comes_before_memory_retries()
    {
        Decide(137, autoEat: true).State.Should().Be(PbJob.FrameState.Eaten);
    }
}
