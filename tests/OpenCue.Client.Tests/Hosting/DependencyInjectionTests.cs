using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenCue.Client.Tests.Support;

namespace OpenCue.Client.Tests.Hosting;

/// <summary>AddOpenCueClient in a real generic host: options from configuration, checked at start, one shared client.</summary>
public class DependencyInjectionTests
{
    [Fact]
    public async Task The_client_is_configured_from_a_configuration_section()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenCue:Hosts:0"] = "cue1.example:8443",
            ["OpenCue:Hosts:1"] = "cue2.example",
            ["OpenCue:Port"] = "9443",
            ["OpenCue:CallDeadline"] = "00:00:05",
            ["OpenCue:LaunchDeadline"] = "00:03:00",
            ["OpenCue:ShuffleHosts"] = "false",
            ["OpenCue:FramePageSize"] = "100",
        });
        builder.Services.AddOpenCueClient(builder.Configuration.GetSection("OpenCue"));
        using var host = builder.Build();
        await host.StartAsync();

        var api = host.Services.GetRequiredService<CueApi>();

        api.Should().BeSameAs(host.Services.GetRequiredService<CueApi>(), "one client (and one channel per host) serves the application");
        api.Hosts.Should().Equal("cue1.example:8443", "cue2.example:9443");
        api.Options.CallDeadline.Should().Be(TimeSpan.FromSeconds(5));
        api.Options.LaunchDeadline.Should().Be(TimeSpan.FromMinutes(3));
        api.Options.FramePageSize.Should().Be(100);
        api.Options.LoggerFactory.Should().NotBeNull("the container's logger factory is used when none is set");
        api.Options.MeterFactory.Should().NotBeNull("the container's meter factory is used when none is set");
        await host.StopAsync();
    }

    [Fact]
    public async Task Invalid_options_stop_the_start_naming_each_problem_and_the_section()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenCue:Hosts:0"] = "https://cue1.example:8443",
            ["OpenCue:Hosts:1"] = "unix:relative/socket",
            ["OpenCue:CallDeadline"] = "-00:00:01",
            ["OpenCue:Port"] = "70000",
        });
        builder.Services.AddOpenCueClient(builder.Configuration.GetSection("OpenCue"));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        var message = (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message;
        message.Should().Contain("CallDeadline must be positive (was -00:00:01)")
            .And.Contain("Port must be 1-65535 (was 70000)")
            .And.Contain("'https://cue1.example:8443'")
            .And.Contain("'unix:relative/socket' is not unix:/absolute/path/to/socket")
            .And.Contain("configuration section 'OpenCue'");
    }

    [Fact]
    public async Task A_value_that_is_not_a_duration_stops_the_start_naming_its_key()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OpenCue:CallDeadline"] = "soon" });
        builder.Services.AddOpenCueClient(builder.Configuration.GetSection("OpenCue"));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("OpenCue:CallDeadline");
    }

    [Fact]
    public async Task Invalid_options_from_code_stop_the_start_too()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddOpenCueClient(o =>
        {
            o.Hosts.Add("127.0.0.1:1");
            o.LaunchDeadline = TimeSpan.Zero;
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("LaunchDeadline must be positive");
    }

    [Fact]
    public async Task Calls_go_through_the_http_client_factory_pipeline_to_the_server()
    {
        await using var cuebot = await FakeCuebot.StartAsync();
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddOpenCueClient(o => o.Hosts.Add(cuebot.Address)).HttpClient.AddHttpMessageHandler(() => counter);
        CueApi api;
        await using (var provider = services.BuildServiceProvider())
        {
            api = provider.GetRequiredService<CueApi>();

            await api.GetJobsAsync();
            await api.GetJobsAsync();

            counter.Requests.Should().Be(2, "every call went through the handlers added to the named HTTP client");
            cuebot.CallNames.Count(n => n.EndsWith("GetJobs", StringComparison.Ordinal)).Should().Be(2);
        }

        // The container disposed the client with itself.
        var after = () => api.GetJobsAsync();
        await after.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task Hosts_given_by_UseHosts_are_read_at_the_first_call_not_at_start()
    {
        await using var cuebot = await FakeCuebot.StartAsync();
        string? address = null;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddOpenCueClient(o => o.CallDeadline = TimeSpan.FromSeconds(10))
            .UseHosts(_ => new[] { address ?? throw new InvalidOperationException("not started yet") });
        using var host = builder.Build();
        await host.StartAsync();
        var api = host.Services.GetRequiredService<CueApi>();

        var early = () => api.GetJobsAsync();
        await early.Should().ThrowAsync<InvalidOperationException>().WithMessage("not started yet");

        address = cuebot.Address;
        await api.GetJobsAsync();

        api.Hosts.Should().Equal(cuebot.Address);
        await host.StopAsync();
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
