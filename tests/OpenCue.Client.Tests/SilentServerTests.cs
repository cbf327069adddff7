using OpenCue.Client.Tests.Support;

namespace OpenCue.Client.Tests;

/// <summary>A server that accepts connections but never answers: every call ends by its deadline, launches included.</summary>
public class SilentServerTests
{
    [Fact]
    public async Task A_query_fails_with_a_deadline_error_naming_the_server_and_the_deadline()
    {
        await using var silent = new SilentServer();
        using var api = TestNet.Client(o => o.CallDeadline = TimeSpan.FromSeconds(1), silent.Address);

        var act = () => api.GetJobsAsync(cancellationToken: TestNet.HangGuard());

        var error = (await act.Should().ThrowAsync<CueDeadlineExceededException>()).Which;
        error.Host.Should().Be(silent.Address);
        error.Method.Should().Be(Rpc.GetJobs);
        error.Message.Should().StartWith(Rpc.GetJobs + " on " + silent.Address + ": ").And.EndWith("(no answer within the 1 s deadline)");
        silent.Connections.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_launch_fails_after_its_deadline_and_a_lookup_bounded_by_it_not_by_the_longer_call_deadline()
    {
        await using var silent = new SilentServer();

        // A lookup that waited for the call deadline would outlast the hang guard.
        using var api = TestNet.Client(o =>
        {
            o.LaunchDeadline = TimeSpan.FromSeconds(1);
            o.CallDeadline = TimeSpan.FromMinutes(10);
        }, silent.Address);

        var act = () => Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard());

        var error = (await act.Should().ThrowAsync<CueDeadlineExceededException>()).Which;
        error.OutcomeUnknown.Should().BeTrue();
        error.Method.Should().Be(Rpc.FindJob);
        error.Host.Should().Be(silent.Address);
        error.Message.Should().StartWith("the launch of job " + TestOutlines.JobName + " got no answer (" + Rpc.LaunchSpecAndWait + " on " + silent.Address)
            .And.Contain("looking the job up got none either (" + Rpc.FindJob + " on " + silent.Address)
            .And.EndWith("whether the job was created there is unknown");
    }

    [Fact]
    public async Task A_lost_launch_answer_whose_lookup_hangs_is_not_relaunched()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(o =>
        {
            o.LaunchDeadline = TimeSpan.FromMilliseconds(1500);
            o.CallDeadline = TimeSpan.FromMinutes(10);
        }, fake.Address);
        await api.GetSystemStatsAsync(TestNet.HangGuard());
        fake.ClearCalls();
        fake.SwallowLaunchReply(SwallowMode.Hang);
        fake.Delay(Rpc.FindJob, TimeSpan.FromMinutes(10));

        var act = () => Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard());

        (await act.Should().ThrowAsync<CueDeadlineExceededException>()).Which.Message.Should().Contain("whether the job was created there is unknown");
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait, Rpc.FindJob);
    }
}
