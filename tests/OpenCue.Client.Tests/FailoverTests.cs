using OpenCue.Client.Tests.Support;

namespace OpenCue.Client.Tests;

public class FailoverTests
{
    private static readonly (string, string, int)[] OneLayer = { ("render", "1-3", 1) };

    [Fact]
    public async Task Idempotent_calls_move_on_from_a_host_that_refuses_connections()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var seeded = fake.Model.CreateJob("testing", "sh010", "jdoe", "failover", OneLayer);
        var dead = TestNet.DeadHost();
        using var api = TestNet.Client(dead, fake.Address);
        api.Hosts.Should().Equal(dead, fake.Address);

        var found = await api.FindJobAsync(seeded.Name, TestNet.HangGuard());
        var listed = await api.GetJobsAsync(new JobSearch { Shows = { "testing" } }, TestNet.HangGuard());

        found.Id.Should().Be(seeded.Id);
        listed.Select(j => j.Id).Should().Equal(seeded.Id);
        fake.CallNames.Should().Equal(Rpc.FindJob, Rpc.GetJobs);
    }

    [Fact]
    public async Task A_launch_moves_on_from_a_stopped_host_because_the_spec_was_never_sent()
    {
        var stopped = await FakeCuebot.StartAsync();
        var stoppedAddress = stopped.Address;
        await stopped.StopAsync();
        await using var live = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(stoppedAddress, live.Address);

        var jobs = await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard());

        jobs.Single().Name.Should().Be(TestOutlines.JobName);
        live.CallNames.Should().Equal(Rpc.LaunchSpecAndWait);
        live.Jobs.Should().ContainSingle();
        stopped.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_host_that_stops_during_a_session_is_left_for_the_next_one()
    {
        var first = await FakeCuebot.StartAsync();
        await using var second = await FakeCuebot.StartAsync();
        var onFirst = first.Model.CreateJob("testing", "sh010", "jdoe", "moving", OneLayer);
        var onSecond = second.Model.CreateJob("testing", "sh010", "jdoe", "moving", OneLayer);
        using var api = TestNet.Client(first.Address, second.Address);

        (await api.FindJobAsync(onFirst.Name, TestNet.HangGuard())).Id.Should().Be(onFirst.Id);
        await first.StopAsync();
        (await api.FindJobAsync(onSecond.Name, TestNet.HangGuard())).Id.Should().Be(onSecond.Id);
        (await api.IsJobPendingAsync(onSecond.Name, TestNet.HangGuard())).Should().BeTrue();

        second.CallNames.Should().Equal(Rpc.FindJob, Rpc.IsJobPending);
    }

    [Fact]
    public async Task An_idempotent_call_whose_connection_breaks_moves_on_to_the_next_host()
    {
        await using var first = await FakeCuebot.StartAsync();
        await using var second = await FakeCuebot.StartAsync();
        var onSecond = second.Model.CreateJob("testing", "sh010", "jdoe", "moving", OneLayer);
        using var api = TestNet.Client(first.Address, second.Address);
        first.Abort(Rpc.FindJob);

        (await api.FindJobAsync(onSecond.Name, TestNet.HangGuard())).Id.Should().Be(onSecond.Id);

        first.CallNames.Should().Equal(Rpc.FindJob);
        second.CallNames.Should().Equal(Rpc.FindJob);
    }

    [Fact]
    public async Task A_launch_whose_connection_breaks_is_not_sent_to_the_next_host()
    {
        await using var first = await FakeCuebot.StartAsync();
        await using var second = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(first.Address, second.Address);
        first.Abort(Rpc.LaunchSpecAndWait);

        var act = () => api.LaunchSpecAndWaitAsync("<spec/>", TestNet.HangGuard());

        (await act.Should().ThrowAsync<CueException>()).Which.OutcomeUnknown.Should().BeTrue();
        second.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task When_no_host_answers_the_error_is_a_connection_error_naming_the_hosts()
    {
        var dead1 = TestNet.DeadHost();
        var dead2 = TestNet.DeadHost();
        using var api = TestNet.Client(o => o.UnavailableRetries = 1, dead1, dead2);

        var act = () => api.FindJobAsync("testing-sh010-jdoe_nothing", TestNet.HangGuard());

        var error = (await act.Should().ThrowAsync<CueConnectionException>()).Which;
        error.Message.Should().Contain(dead1).And.Contain(dead2);
        error.StatusCode.Should().Be(Grpc.Core.StatusCode.Unavailable);
        error.Method.Should().Be(Rpc.FindJob);
    }

    [Fact]
    public async Task A_launch_with_no_reachable_host_fails_without_a_lookup_and_is_not_outcome_unknown()
    {
        using var api = TestNet.Client(TestNet.DeadHost());

        var act = () => Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard());

        var error = (await act.Should().ThrowAsync<CueConnectionException>()).Which;
        error.OutcomeUnknown.Should().BeFalse();
        error.Method.Should().Be(Rpc.LaunchSpecAndWait);
    }
}
