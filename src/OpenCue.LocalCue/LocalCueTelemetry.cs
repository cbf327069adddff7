namespace OpenCue.LocalCue;

/// <summary>
/// The names LocalCue's telemetry is published under, for OpenTelemetry and other listeners
/// (<c>AddSource(LocalCueTelemetry.Name)</c>, <c>AddMeter(LocalCueTelemetry.Name)</c>). Each gRPC call is
/// also an ASP.NET Core request activity (<c>Microsoft.AspNetCore</c>).
/// </summary>
public static class LocalCueTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>OpenCue.LocalCue</c>.</summary>
    public const string Name = "OpenCue.LocalCue";

    /// <summary>The activity of a launch (the spec parsed, checked and its jobs created): <c>OpenCue.LocalCue.Launch</c>.</summary>
    public const string LaunchActivity = "OpenCue.LocalCue.Launch";

    /// <summary>Counter of jobs launched (post jobs included): <c>opencue.localcue.jobs.launched</c>.</summary>
    public const string JobsLaunchedInstrument = "opencue.localcue.jobs.launched";

    /// <summary>Counter of frames started: <c>opencue.localcue.frames.started</c>.</summary>
    public const string FramesStartedInstrument = "opencue.localcue.frames.started";

    /// <summary>
    /// Counter of frames whose process ended, tagged <see cref="FrameStateTag"/> with the state the frame
    /// went to (<c>SUCCEEDED</c>, <c>DEAD</c>, <c>WAITING</c> for a retry, <c>EATEN</c>): <c>opencue.localcue.frames.ended</c>.
    /// </summary>
    public const string FramesEndedInstrument = "opencue.localcue.frames.ended";

    /// <summary>Up-down counter of frames running now: <c>opencue.localcue.frames.running</c>.</summary>
    public const string FramesRunningInstrument = "opencue.localcue.frames.running";

    /// <summary>Histogram of frame run times in seconds, tagged <see cref="FrameStateTag"/>: <c>opencue.localcue.frame.duration</c>.</summary>
    public const string FrameDurationInstrument = "opencue.localcue.frame.duration";

    /// <summary>The tag naming the state a frame ended in: <c>opencue.frame.state</c>.</summary>
    public const string FrameStateTag = "opencue.frame.state";
}
