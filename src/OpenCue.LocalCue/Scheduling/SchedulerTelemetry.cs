using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// The scheduler's instruments (names in <see cref="LocalCueTelemetry"/>): one instance per meter, the
/// process-wide default or one per <see cref="IMeterFactory"/> (each dependency-injection container has its own).
/// </summary>
internal sealed class SchedulerTelemetry
{
    /// <summary>The activities of LocalCue.</summary>
    public static readonly ActivitySource Source = new(LocalCueTelemetry.Name, Version);

    private static readonly SchedulerTelemetry Shared = new(new Meter(LocalCueTelemetry.Name, Version));

    private readonly Counter<long> _jobsLaunched;
    private readonly Counter<long> _framesStarted;
    private readonly Counter<long> _framesEnded;
    private readonly UpDownCounter<long> _framesRunning;
    private readonly Histogram<double> _frameDuration;

    private SchedulerTelemetry(Meter meter)
    {
        _jobsLaunched = meter.CreateCounter<long>(LocalCueTelemetry.JobsLaunchedInstrument, "{job}", "Jobs launched, post jobs included.");
        _framesStarted = meter.CreateCounter<long>(LocalCueTelemetry.FramesStartedInstrument, "{frame}", "Frames started.");
        _framesEnded = meter.CreateCounter<long>(LocalCueTelemetry.FramesEndedInstrument, "{frame}", "Frames whose process ended, by the state they went to.");
        _framesRunning = meter.CreateUpDownCounter<long>(LocalCueTelemetry.FramesRunningInstrument, "{frame}", "Frames running now.");
        _frameDuration = meter.CreateHistogram<double>(LocalCueTelemetry.FrameDurationInstrument, "s", "Frame run times, by the state the frame went to.");
    }

    private static string Version => typeof(SchedulerTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static SchedulerTelemetry For(IMeterFactory? factory) =>
        factory is null ? Shared : new SchedulerTelemetry(factory.Create(new MeterOptions(LocalCueTelemetry.Name) { Version = Version }));

    public static Activity? StartLaunch() => Source.StartActivity(LocalCueTelemetry.LaunchActivity, ActivityKind.Internal);

    public void JobsLaunched(int count) => _jobsLaunched.Add(count);

    public void FrameStarted()
    {
        _framesStarted.Add(1);
        _framesRunning.Add(1);
    }

    /// <summary>A frame's process ended; <paramref name="state"/> is null when the scheduler stopped it (it runs again at the next start).</summary>
    public void FrameEnded(PbJob.FrameState? state, long runSeconds)
    {
        _framesRunning.Add(-1);
        if (state is PbJob.FrameState ended)
        {
            var tag = new KeyValuePair<string, object?>(LocalCueTelemetry.FrameStateTag, StateName(ended));
            _framesEnded.Add(1, tag);
            _frameDuration.Record(runSeconds, tag);
        }
    }

    private static string StateName(PbJob.FrameState state) => state switch
    {
        PbJob.FrameState.Succeeded => "SUCCEEDED",
        PbJob.FrameState.Dead => "DEAD",
        PbJob.FrameState.Waiting => "WAITING",
        PbJob.FrameState.Eaten => "EATEN",
        PbJob.FrameState.Depend => "DEPEND",
        PbJob.FrameState.Running => "RUNNING",
        PbJob.FrameState.Checkpoint => "CHECKPOINT",
        _ => "UNKNOWN",
    };
}
