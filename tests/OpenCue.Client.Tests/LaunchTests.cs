using Microsoft.Extensions.Logging;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Validation;
using OpenCue.Client.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests;

public class LaunchTests
{
    [Fact]
    public async Task Launch_sends_exactly_the_spec_the_writer_produces_after_the_launcher_flags()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        LaunchOptions Flags() => new() { Api = api, Uid = 1000, Range = "3-7", Shot = "SH020", Priority = 42, Pause = true, Env = { "FOO=bar=baz" } };

        // Cuerun.Prepare mutates the outline: the expected spec comes from an identical outline prepared the same way.
        var expected = TestOutlines.TwoLayers("Client-Test_2024_01_02_03_04");
        Cuerun.Prepare(expected, Flags());
        var expectedSpec = SpecWriter.Write(expected, Flags().ToSpecWriterOptions());

        var jobs = await Cuerun.LaunchAsync(TestOutlines.TwoLayers("Client-Test_2024_01_02_03_04"), Flags(), TestNet.HangGuard());

        var sent = fake.Requests<PbJob.JobLaunchSpecAndWaitRequest>(Rpc.LaunchSpecAndWait).Should().ContainSingle().Subject;
        sent.Spec.Should().Be(expectedSpec);
        sent.Spec.Should().Contain("<range>3-7</range>").And.Contain("<shot>SH020</shot>").And.Contain("<job name=\"Client-Test\">")
            .And.Contain("<key name=\"FOO\">bar=baz</key>");
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait);

        var job = jobs.Should().ContainSingle().Subject;
        job.Name.Should().Be("testing-sh020-jdoe_client_test");
        job.Id.Should().Be(fake.Jobs.Single().Id);
        job.State.Should().Be(JobState.Pending);
        fake.Jobs.Single().IsPaused.Should().BeTrue();
        fake.Jobs.Single().Layers.Select(l => (l.Name, l.Frames.Count)).Should().Equal(("render_beauty", 5), ("comp", 1));
    }

    [Fact]
    public async Task After_launch_layer_max_cores_are_set_in_layer_order_then_the_largest_retry_count_with_a_warning()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var logger = new ListLogger();
        var outline = new Outline("retries", shot: "sh010", show: "testing", user: "jdoe");
        outline.AddLayer(new Shell("first", new[] { "echo", "1" }).SetFrameRange("1-2").SetMaxCores(4).SetRetryCount(3));
        outline.AddLayer(new Shell("middle", new[] { "echo", "2" }).SetFrameRange("1-2").SetRetryCount(5));
        outline.AddLayer(new Shell("Last-One", new[] { "echo", "3" }).SetFrameRange("1-2").SetMaxCores(2.5));

        var job = (await Cuerun.LaunchAsync(outline, TestOutlines.Options(api, logger), TestNet.HangGuard())).Single();

        // Layer max cores only land after launch, so the job is launched paused and resumed once they are set.
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait, Rpc.GetLayers, Rpc.LayerSetMaxCores, Rpc.LayerSetMaxCores, Rpc.SetMaxRetries, Rpc.Resume, Rpc.GetJob);
        fake.Requests<PbJob.JobLaunchSpecAndWaitRequest>(Rpc.LaunchSpecAndWait).Single().Spec.Should().Contain("<paused>True</paused>");
        var remote = fake.Job("testing-sh010-jdoe_retries");
        var maxCores = fake.Requests<PbJob.LayerSetMaxCoresRequest>(Rpc.LayerSetMaxCores);
        maxCores.Select(r => (r.Layer.Id, r.Cores)).Should().Equal((remote.Layers[0].Id, 4f), (remote.Layers[2].Id, 2.5f));
        var retries = fake.Requests<PbJob.JobSetMaxRetriesRequest>(Rpc.SetMaxRetries).Single();
        retries.Job.Id.Should().Be(job.Id);
        retries.MaxRetries.Should().Be(5);
        remote.MaxRetries.Should().Be(5);
        remote.Layers.Select(l => l.MaxCores).Should().Equal(4f, 0f, 2f);
        logger.Warnings.Should().ContainSingle(w => w.Contains("3, 5") && w.Contains("testing-sh010-jdoe_retries"));
    }

    [Fact]
    public async Task Agreeing_retry_counts_and_the_launcher_flag_apply_without_a_warning()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var logger = new ListLogger();
        var outline = new Outline("agree", shot: "sh010", show: "testing", user: "jdoe");
        outline.AddLayer(new Shell("one", new[] { "true" }).SetFrameRange("1").SetRetryCount(4));
        outline.AddLayer(new Shell("two", new[] { "true" }).SetFrameRange("1").SetRetryCount(4));
        var options = TestOutlines.Options(api, logger);
        options.MaxRetries = 4;

        await Cuerun.LaunchAsync(outline, options, TestNet.HangGuard());

        // Retry counts reach Cuebot after launch, so the job is held paused until they are set.
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait, Rpc.SetMaxRetries, Rpc.Resume, Rpc.GetJob);
        fake.Requests<PbJob.JobSetMaxRetriesRequest>(Rpc.SetMaxRetries).Single().MaxRetries.Should().Be(4);
        logger.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task An_invalid_outline_is_refused_before_any_network_call()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var outline = new Outline("ok_name", shot: "sh010", show: "testing", user: "jdoe");
        outline.AddLayer(new Shell("no_command").SetFrameRange("1-5"));
        outline.AddLayer(new Shell("zero_chunk", new[] { "true" }).SetFrameRange("1-5").SetChunk(0));

        var act = () => Cuerun.LaunchAsync(outline, TestOutlines.Options(api), TestNet.HangGuard());

        var error = (await act.Should().ThrowAsync<OutlineValidationException>()).Which;
        error.Errors.Select(e => e.Code).Should().Contain(new[] { ValidationCodes.Command, ValidationCodes.Chunk });
        fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Invalid_launch_options_are_refused_before_any_network_call()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var options = TestOutlines.Options(api);
        options.MaxRetries = 17;

        var act = () => Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*MaxRetries*");
        fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_max_cores_layer_left_out_of_the_spec_is_reported_not_fatal()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var logger = new ListLogger();
        var outline = new Outline("skipped", shot: "sh010", show: "testing", user: "jdoe", frameRange: "1-5");
        outline.AddLayer(new Shell("inside", new[] { "true" }).SetFrameRange("1-5").SetMaxCores(3));
        outline.AddLayer(new Shell("outside", new[] { "true" }).SetFrameRange("10-20").SetMaxCores(2));

        await Cuerun.LaunchAsync(outline, TestOutlines.Options(api, logger), TestNet.HangGuard());

        fake.Job("testing-sh010-jdoe_skipped").Layers.Select(l => l.Name).Should().Equal("inside");
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait, Rpc.GetLayers, Rpc.LayerSetMaxCores, Rpc.Resume, Rpc.GetJob);
        logger.Warnings.Should().Contain(w => w.Contains("outside") && w.Contains("max cores"));
    }

    [Fact]
    public async Task Without_an_api_the_launcher_connects_to_the_server_flag()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var options = new LaunchOptions { Server = TestNet.DeadHost() + "," + fake.Address, Uid = 1000 };

        var jobs = await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), options, TestNet.HangGuard());

        jobs.Single().Name.Should().Be(TestOutlines.JobName);
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait);
    }

    [Fact]
    public async Task The_blocking_launch_returns_the_jobs()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);

        var jobs = Cuerun.Launch(TestOutlines.TwoLayers(), TestOutlines.Options(api));

        jobs.Single().Id.Should().Be(fake.Jobs.Single().Id);
    }

    [Fact]
    public async Task LaunchSpec_answers_the_conformed_names()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var api = TestNet.Client(fake.Address);
        var spec = TestOutlines.TwoLayers().ToSpec(new SpecWriterOptions { Uid = 1000 });

        var names = await api.LaunchSpecAsync(spec, TestNet.HangGuard());

        names.Should().Equal(TestOutlines.JobName);
        fake.CallNames.Should().Equal(Rpc.LaunchSpec);
    }

    [Fact]
    public async Task A_slow_launch_gets_the_launch_deadline_not_the_call_deadline()
    {
        await using var fake = await FakeCuebot.StartAsync();
        fake.Delay(Rpc.LaunchSpecAndWait, TimeSpan.FromMilliseconds(600));
        using var api = TestNet.Client(o => o.CallDeadline = TimeSpan.FromMilliseconds(200), fake.Address);

        var jobs = await Cuerun.LaunchAsync(TestOutlines.TwoLayers(), TestOutlines.Options(api), TestNet.HangGuard());

        jobs.Should().ContainSingle();
        fake.CallNames.Should().Equal(Rpc.LaunchSpecAndWait);
    }
}
