namespace OpenCue.Client;

/// <summary>
/// The names OpenCue.Client's telemetry is published under, for OpenTelemetry and other listeners
/// (<c>AddSource(CueClientTelemetry.Name)</c>, <c>AddMeter(CueClientTelemetry.Name)</c>). Activities and
/// metrics cost nothing while nobody listens.
/// </summary>
public static class CueClientTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>OpenCue.Client</c>.</summary>
    public const string Name = "OpenCue.Client";

    /// <summary>
    /// The activity of a <see cref="Cuerun"/> launch (validation, the launch call, settings applied after it,
    /// and the wait or test when asked for): <c>OpenCue.Client.Launch</c>. Each Cuebot call is an activity of its
    /// own, named by its gRPC method (e.g. <c>job.JobInterface/LaunchSpecAndWait</c>), with the <c>rpc.*</c> tags.
    /// </summary>
    public const string LaunchActivity = "OpenCue.Client.Launch";

    /// <summary>Counter of Cuebot calls, tagged <c>rpc.method</c> and <c>rpc.grpc.status_code</c>: <c>opencue.client.calls</c>.</summary>
    public const string CallsInstrument = "opencue.client.calls";

    /// <summary>Histogram of call durations in seconds, failover and backoff included, same tags: <c>opencue.client.call.duration</c>.</summary>
    public const string CallDurationInstrument = "opencue.client.call.duration";

    /// <summary>Counter of <see cref="Cuerun"/> launches, tagged <see cref="OutcomeTag"/>: <c>opencue.client.launches</c>.</summary>
    public const string LaunchesInstrument = "opencue.client.launches";

    /// <summary>Histogram of launch durations in seconds (waiting and testing included), tagged <see cref="OutcomeTag"/>: <c>opencue.client.launch.duration</c>.</summary>
    public const string LaunchDurationInstrument = "opencue.client.launch.duration";

    /// <summary>The launch outcome tag: <c>launched</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    public const string OutcomeTag = "opencue.launch.outcome";

    /// <summary>The job name tag of a launch activity (never a metric tag: names are unbounded).</summary>
    public const string JobNameTag = "opencue.job.name";

    /// <summary>The tag of a launch activity that counts the jobs launched (post jobs not included).</summary>
    public const string JobCountTag = "opencue.job.count";
}
