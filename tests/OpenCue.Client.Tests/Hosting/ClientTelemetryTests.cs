using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using OpenCue.Client.Tests.Support;

namespace OpenCue.Client.Tests.Hosting;

/// <summary>The client's activities and metrics, seen by real listeners, for calls to a real HTTP/2 server.</summary>
public class ClientTelemetryTests
{
    [Fact]
    public async Task Each_call_is_an_activity_and_is_counted_and_timed_by_method_and_status()
    {
        await using var cuebot = await FakeCuebot.StartAsync();
        cuebot.Fail("job.JobInterface/FindJob", StatusCode.NotFound, "no such job");
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddOpenCueClient(o => o.Hosts.Add(cuebot.Address));
        await using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<CueApi>();
        using var recorder = new Recorder(provider.GetRequiredService<IMeterFactory>());
        using var root = new Activity("test-root").Start();

        await api.GetJobsAsync();
        var missing = () => api.FindJobAsync("nothing-here");
        await missing.Should().ThrowAsync<EntityNotFoundException>();
        root.Stop();

        var calls = recorder.Activities.Where(a => a.ParentId == root.Id).ToList();
        calls.Select(a => a.DisplayName).Should().Equal("job.JobInterface/GetJobs", "job.JobInterface/FindJob");
        calls[0].GetTagItem("rpc.system").Should().Be("grpc");
        calls[0].GetTagItem("rpc.service").Should().Be("job.JobInterface");
        calls[0].GetTagItem("rpc.method").Should().Be("GetJobs");
        calls[0].Status.Should().Be(ActivityStatusCode.Unset);
        calls[1].Status.Should().Be(ActivityStatusCode.Error);
        calls[1].GetTagItem("rpc.grpc.status_code").Should().Be((int)StatusCode.NotFound);

        recorder.Measurements(CueClientTelemetry.CallsInstrument).Select(m => (m.Tag("rpc.method"), m.Tag("rpc.grpc.status_code"), m.Value))
            .Should().Equal(("job.JobInterface/GetJobs", (object?)(int)StatusCode.OK, 1.0), ("job.JobInterface/FindJob", (int)StatusCode.NotFound, 1.0));
        recorder.Measurements(CueClientTelemetry.CallDurationInstrument).Should().HaveCount(2).And.OnlyContain(m => m.Value >= 0);
    }

    /// <summary>Activities of the client's source, and measurements of the meters of one container (other tests use other meters).</summary>
    internal sealed class Recorder : IDisposable
    {
        private readonly ActivityListener _activities;
        private readonly MeterListener _meters;
        private readonly List<Activity> _stopped = new();
        private readonly List<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public Recorder(IMeterFactory scope, string source = CueClientTelemetry.Name)
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = s => s.Name == source,
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

        public IReadOnlyList<Measured> Measurements(string instrument)
        {
            lock (_measurements)
            {
                return _measurements.Where(m => m.Instrument == instrument).Select(m => new Measured(m.Value, m.Tags)).ToList();
            }
        }

        public void Dispose()
        {
            _meters.Dispose();
            _activities.Dispose();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, value, tags.ToArray()));
            }
        }
    }

    internal sealed record Measured(double Value, KeyValuePair<string, object?>[] Tags)
    {
        public object? Tag(string name) => Tags.FirstOrDefault(t => t.Key == name).Value;
    }
}
