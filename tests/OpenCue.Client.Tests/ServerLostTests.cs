using Grpc.Core;
using OpenCue.Client.Tests.Support;

namespace OpenCue.Client.Tests;

/// <summary>Wait and test modes give up on a server that stays unreachable, and ride out shorter outages.</summary>
public class ServerLostTests
{
    private const string Name = TestOutlines.JobName;

    /// <summary>Completes at the <paramref name="poll"/>-th call of <paramref name="method"/>.</summary>
    private static Task Reached(FakeCuebot fake, string method, int poll)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.OnCall(method, n =>
        {
            if (n >= poll)
            {
                reached.TrySetResult();
            }
        });
        return reached.Task;
    }

    [Fact]
    public async Task Wait_mode_stops_with_a_typed_error_naming_server_and_job_once_the_server_is_gone_for_the_limit()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var logger = new ListLogger();
        var options = TestOutlines.Options(api, logger);
        options.Wait = true;
        options.ServerLostTimeout = TimeSpan.FromSeconds(2);
        var polled = Reached(fake, Rpc.IsJobPending, 2);

        var launch = Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());
        await polled.WaitAsync(TestNet.HangGuard());
        await fake.StopAsync();

        var error = (await launch.Awaiting(l => l).Should().ThrowAsync<CueServerLostException>()).Which;
        error.Should().BeAssignableTo<CueConnectionException>();
        error.Server.Should().Be(fake.Address);
        error.JobName.Should().Be(Name);
        error.UnreachableFor.Should().BeGreaterThanOrEqualTo(options.ServerLostTimeout);
        error.Message.Should().StartWith("lost the server " + fake.Address + ": unreachable for ")
            .And.EndWith(" s while waiting for job " + Name + "; the job may still be running there");
        error.InnerException.Should().BeAssignableTo<CueConnectionException>();
        logger.Warnings.Should().Contain(w => w.StartsWith("Cannot reach " + fake.Address + " while following " + Name) && w.Contains("giving up after 2 s"));
    }

    [Fact]
    public async Task Test_mode_stops_with_the_typed_error_too()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var logger = new ListLogger();
        var options = TestOutlines.Options(api, logger);
        options.Test = true;
        options.ServerLostTimeout = TimeSpan.FromSeconds(1);
        var polled = Reached(fake, Rpc.GetJob, 2);

        var launch = Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());
        await polled.WaitAsync(TestNet.HangGuard());
        await fake.StopAsync();

        var error = (await launch.Awaiting(l => l).Should().ThrowAsync<CueServerLostException>()).Which;
        error.Message.Should().Contain(" s while testing job " + Name + "; the job may still be running there");
        logger.Warnings.Should().Contain(w => w.StartsWith("Could not kill " + Name + " after its test"), "the kill at the end of a test is still tried");
    }

    [Fact]
    public async Task A_blip_of_refused_polls_shorter_than_the_limit_is_survived()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var logger = new ListLogger();
        fake.Fail(Rpc.IsJobPending, StatusCode.Unavailable, "Cuebot is restarting", times: 3);
        fake.OnCall(Rpc.IsJobPending, n =>
        {
            if (n == 5)
            {
                fake.FinishJob(Name);
            }
        });
        var options = TestOutlines.Options(api, logger);
        options.Wait = true;
        options.ServerLostTimeout = TimeSpan.FromMinutes(10);

        await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        fake.CallNames.Count(c => c == Rpc.IsJobPending).Should().Be(5);
        logger.Warnings.Where(w => w.StartsWith("Cannot reach " + fake.Address)).Should().ContainSingle("an outage is logged once, then every 10 s")
            .Which.Should().Contain("Cuebot is restarting");
    }

    [Fact]
    public async Task A_server_that_goes_down_and_comes_back_on_its_port_within_the_limit_is_waited_for()
    {
        var first = await FakeCuebot.StartAsync();
        var address = first.Address;
        using var api = TestNet.Client(address);
        var logger = new ListLogger();
        var options = TestOutlines.Options(api, logger);
        options.Wait = true;
        options.ServerLostTimeout = TimeSpan.FromMinutes(10);
        var polled = Reached(first, Rpc.IsJobPending, 1);

        var launch = Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());
        await polled.WaitAsync(TestNet.HangGuard());
        await first.DisposeAsync();
        using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!logger.Warnings.Any(w => w.StartsWith("Cannot reach " + address)))
            {
                await Task.Delay(20, guard.Token);
            }
        }

        // The restarted server no longer has the job pending: the wait ends normally.
        await using var second = await FakeCuebot.StartAsync(int.Parse(address.Split(':')[1]));
        var jobs = await launch.WaitAsync(TestNet.HangGuard());

        jobs.Single().Name.Should().Be(Name);
        second.CallNames.Should().Contain(Rpc.IsJobPending);
    }

    [Fact]
    public async Task Errors_the_server_answers_with_do_not_count_as_losing_it()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var logger = new ListLogger();
        fake.Fail(Rpc.IsJobPending, StatusCode.Internal, "database is busy", times: 4);
        fake.OnCall(Rpc.IsJobPending, n =>
        {
            if (n == 5)
            {
                fake.FinishJob(Name);
            }
        });
        var options = TestOutlines.Options(api, logger);
        options.Wait = true;
        options.ServerLostTimeout = TimeSpan.FromTicks(1);

        await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        logger.Warnings.Count(w => w.Contains("database is busy") && w.Contains("still waiting")).Should().Be(4);
    }

    [Fact]
    public void The_limit_defaults_to_a_minute_and_must_be_positive_or_infinite()
    {
        new LaunchOptions().ServerLostTimeout.Should().Be(TimeSpan.FromSeconds(60));
        new LaunchOptions { ServerLostTimeout = Timeout.InfiniteTimeSpan }.Validate();

        foreach (var bad in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1) })
        {
            var act = new LaunchOptions { ServerLostTimeout = bad }.Validate;
            act.Should().Throw<ArgumentException>().WithMessage("LaunchOptions.ServerLostTimeout must be positive*");
        }
    }
}
