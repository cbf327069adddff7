using System;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>What the scheduler is told by its host (built from <c>LocalCueOptions</c> where LocalCue is hosted).</summary>
internal sealed class SchedulerOptions
{
    /// <summary>This machine's cores, in core points (100 a core).</summary>
    public int CapacityCorePoints { get; init; } = 100;

    /// <summary>This machine's memory, in KB.</summary>
    public long CapacityMemoryKb { get; init; } = 1024 * 1024;

    /// <summary>Where job log directories are made (<c>logs/...</c> under it).</summary>
    public string StateDirectory { get; init; } = string.Empty;

    /// <summary>The host name written in frames' last resource.</summary>
    public string HostName { get; init; } = Environment.MachineName;

    /// <summary>Cuebot's <c>depend.satisfy_only_on_frame_success</c>: an eaten frame does not release its dependents.</summary>
    public bool SatisfyOnlyOnFrameSuccess { get; init; } = true;

    /// <summary>Memory-failure retries before a frame is marked dead (one machine cannot give a frame more memory).</summary>
    public int MaxMemoryRetries { get; init; } = 3;

    /// <summary>How long a frame that failed to launch waits before it is tried again.</summary>
    public TimeSpan FailedLaunchDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed launches in a row after which a frame is marked dead.</summary>
    public int MaxFailedLaunches { get; init; } = 3;

    /// <summary>Where frame and launch counts are recorded (the process-wide meter unless the host gave a factory).</summary>
    public SchedulerTelemetry Telemetry { get; init; } = SchedulerTelemetry.For(null);
}
