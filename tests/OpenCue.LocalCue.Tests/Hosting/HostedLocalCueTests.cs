using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.Hosting;

/// <summary>
/// LocalCue inside an application's generic host (AddLocalCue), a client from the same container
/// (AddOpenCueClient) pointed at it, a job launched and waited on, and the telemetry of both sides.
/// </summary>
public sealed class HostedLocalCueTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localcue-hosted-").FullName;

    [Fact]
    public async Task A_job_launched_through_the_injected_client_runs_on_the_hosted_LocalCue_and_is_measured()
    {
        TestUsers.GiveTo(_root);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LocalCue:Port"] = "0",
            ["LocalCue:BindAddress"] = "127.0.0.1",
            ["LocalCue:StateDirectory"] = LocalCueHarness.StateFor(_root),
            ["LocalCue:Cores"] = "4",
            ["LocalCue:MemoryMb"] = "65536",
            ["OpenCue:CallDeadline"] = "00:00:30",
        });
        builder.Services.AddMetrics();
        builder.Services.AddLocalCue(builder.Configuration.GetSection("LocalCue"));
        builder.Services.AddOpenCueClient(builder.Configuration.GetSection("OpenCue"))
            .UseHosts(sp => new[] { sp.GetRequiredService<LocalCueEndpoint>().Address });
        using var host = builder.Build();
        var endpoint = host.Services.GetRequiredService<LocalCueEndpoint>();
        var api = host.Services.GetRequiredService<CueApi>();
        var notYet = () => endpoint.Address;
        notYet.Should().Throw<InvalidOperationException>().WithMessage("*not started yet*");
        using var recorder = new TelemetryRecorder(host.Services.GetRequiredService<IMeterFactory>());

        await host.StartAsync();
        endpoint.IsStarted.Should().BeTrue();
        endpoint.Address.Should().StartWith("127.0.0.1:").And.NotBe("127.0.0.1:0");
        (await endpoint.WaitForStartAsync()).Should().BeSameAs(endpoint.Cuebot);

        var outline = new Outline("hosted", shot: "sh010", show: "testing", user: "tester");
        outline.AddLayer(new Shell("good", "true").SetFrameRange("1-3"));
        outline.AddLayer(new Shell("bad", "exit 3").SetFrameRange("1"));
        var jobs = await Cuerun.LaunchAsync(outline, new LaunchOptions
        {
            Api = api,
            Uid = TestUsers.FrameUid,
            // A dead frame would keep the job (and the wait) open: the spec eats it.
            AutoEat = true,
            Wait = true,
            PollInterval = TimeSpan.FromMilliseconds(100),
        });

        var job = await jobs.Single().RefreshAsync();
        api.Hosts.Should().Equal(endpoint.Address);
        job.State.Should().Be(JobState.Finished);
        job.Stats.SucceededFrames.Should().Be(3);
        var bad = (await job.GetFramesAsync(FrameSearch.OfLayers("bad")).ToListAsync()).Single();

        // LocalCue's meters: the frames started, how they ended, none left running.
        recorder.Sum(LocalCueTelemetry.JobsLaunchedInstrument).Should().Be(1);
        recorder.Sum(LocalCueTelemetry.FramesStartedInstrument).Should().Be(4);
        recorder.Sum(LocalCueTelemetry.FramesEndedInstrument, "SUCCEEDED").Should().Be(3);
        recorder.Sum(LocalCueTelemetry.FramesEndedInstrument).Should().Be(4);
        recorder.Sum(LocalCueTelemetry.FramesEndedInstrument, bad.State.ToString().ToUpperInvariant()).Should().Be(1, "the failed frame ended {0}", bad.State);
        recorder.Sum(LocalCueTelemetry.FramesRunningInstrument).Should().Be(0);
        recorder.Count(LocalCueTelemetry.FrameDurationInstrument).Should().Be(4);

        // The client's: one launch, and its calls.
        recorder.Sum(CueClientTelemetry.LaunchesInstrument, "launched").Should().Be(1);
        recorder.Count(CueClientTelemetry.LaunchDurationInstrument).Should().Be(1);
        recorder.Sum(CueClientTelemetry.CallsInstrument).Should().BeGreaterThan(1);

        // Activities: the client's launch, and LocalCue's launch of the spec it was sent.
        var launch = recorder.Activities.Single(a => a.OperationName == CueClientTelemetry.LaunchActivity && (string?)a.GetTagItem(CueClientTelemetry.JobNameTag) == job.Name);
        launch.GetTagItem(CueClientTelemetry.OutcomeTag).Should().Be("launched");
        recorder.Activities.Should().Contain(a => a.OperationName == "job.JobInterface/LaunchSpecAndWait" && a.ParentId == launch.Id);
        recorder.Activities.Should().Contain(a => a.OperationName == LocalCueTelemetry.LaunchActivity && a.TraceId == launch.TraceId,
            "the trace context crosses the gRPC call into LocalCue, when HTTP and ASP.NET Core are listened to");

        await host.StopAsync();
        endpoint.IsStarted.Should().BeFalse();
    }

    [Fact]
    public async Task Invalid_LocalCue_options_stop_the_host_start_naming_them()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLocalCue(o =>
        {
            o.StateDirectory = LocalCueHarness.StateFor(_root);
            o.Port = 70000;
            o.Cores = 0;
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("Port must be 0-65535 (was 70000)").And.Contain("Cores must be positive (was 0)");
        host.Services.GetRequiredService<LocalCueEndpoint>().IsStarted.Should().BeFalse();
    }

    public void Dispose()
    {
        foreach (var directory in new[] { _root, LocalCueHarness.StateFor(_root) })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, true);
            }
        }
    }

    /// <summary>Activities of both libraries, and measurements of the meters of one container only (other tests run beside this one).</summary>
    private sealed class TelemetryRecorder : IDisposable
    {
        private readonly ActivityListener _activities;
        private readonly MeterListener _meters;
        private readonly List<Activity> _stopped = new();
        private readonly List<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public TelemetryRecorder(IMeterFactory scope)
        {
            _activities = new ActivityListener
            {
                // As OpenTelemetry's HttpClient and ASP.NET Core instrumentation do: with them, the trace context
                // goes out with each call and LocalCue's request activity continues it.
                ShouldListenTo = s => s.Name is CueClientTelemetry.Name or LocalCueTelemetry.Name or "System.Net.Http" or "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    lock (_stopped)
                    {
                        _stopped.Add(a);
                    }
                },
            };
            ActivitySource.AddActivityListener(_activities);
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (ReferenceEquals(instrument.Meter.Scope, scope))
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meters.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
            _meters.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
            _meters.Start();
        }

        public IReadOnlyList<Activity> Activities
        {
            get
            {
                lock (_stopped)
                {
                    return _stopped.ToList();
                }
            }
        }

        public double Sum(string instrument, string? tagValue = null) => Of(instrument, tagValue).Sum(m => m.Value);

        public int Count(string instrument) => Of(instrument, null).Count;

        public void Dispose()
        {
            _meters.Dispose();
            _activities.Dispose();
        }

        private List<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Of(string instrument, string? tagValue)
        {
            lock (_measurements)
            {
                return _measurements.Where(m => m.Instrument == instrument && (tagValue is null || m.Tags.Any(t => Equals(t.Value, tagValue)))).ToList();
            }
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, value, tags.ToArray()));
            }
        }
    }
}
