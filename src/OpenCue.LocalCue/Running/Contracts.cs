using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OpenCue.Authoring;

namespace OpenCue.LocalCue.Running;

/// <summary>Everything needed to run one frame (one chunk) the way RQD runs it.</summary>
internal sealed class FrameRunRequest
{
    /// <summary>Job id.</summary>
    public string JobId { get; init; } = string.Empty;

    /// <summary>Conformed job name.</summary>
    public string JobName { get; init; } = string.Empty;

    /// <summary>Layer id.</summary>
    public string LayerId { get; init; } = string.Empty;

    /// <summary>Conformed layer name.</summary>
    public string LayerName { get; init; } = string.Empty;

    /// <summary>Frame id.</summary>
    public string FrameId { get; init; } = string.Empty;

    /// <summary>Frame name, <c>0001-layer</c>.</summary>
    public string FrameName { get; init; } = string.Empty;

    /// <summary>The chunk-start frame number.</summary>
    public int FrameNumber { get; init; }

    /// <summary>The layer command, tokens not yet substituted.</summary>
    public string Command { get; init; } = string.Empty;

    /// <summary>The layer range as launched (for the chunk, <c>CUE_RANGE</c>).</summary>
    public string LayerRange { get; init; } = string.Empty;

    /// <summary><see cref="LayerRange"/> parsed, when the caller has it (the scheduler parses each layer's range once); the runner parses <see cref="LayerRange"/> when null.</summary>
    public FrameSet? ParsedLayerRange { get; init; }

    /// <summary>The layer chunk size.</summary>
    public int Chunk { get; init; } = 1;

    /// <summary>Show.</summary>
    public string Show { get; init; } = string.Empty;

    /// <summary>Shot.</summary>
    public string Shot { get; init; } = string.Empty;

    /// <summary>Job user.</summary>
    public string User { get; init; } = string.Empty;

    /// <summary>
    /// The job's uid from the spec, if it has one: the uid the frame runs as when the runner switches
    /// users (always when it runs as root; see <see cref="FrameUserOptions"/>).
    /// </summary>
    public int? Uid { get; init; }

    /// <summary>Job env then layer env, in order (later entries override).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = new List<KeyValuePair<string, string>>();

    /// <summary>Reserved core points.</summary>
    public int ReservedCorePoints { get; init; } = 100;

    /// <summary>Reserved memory, KB.</summary>
    public long ReservedMemoryKb { get; init; }

    /// <summary>Reserved GPUs.</summary>
    public int Gpus { get; init; }

    /// <summary>Reserved GPU memory, KB.</summary>
    public long GpuMemoryKb { get; init; }

    /// <summary>Whether the layer is threadable.</summary>
    public bool Threadable { get; init; }

    /// <summary>The job's log directory (created if missing).</summary>
    public string LogDirectory { get; init; } = string.Empty;

    /// <summary>Timeout in minutes (0 = none).</summary>
    public int TimeoutMinutes { get; init; }

    /// <summary>Timeout since last log update in minutes (0 = none).</summary>
    public int TimeoutLluMinutes { get; init; }

    /// <summary>For post jobs: the parent job's id.</summary>
    public string? ParentJobId { get; init; }

    /// <summary>For post jobs: the parent job's name.</summary>
    public string? ParentJobName { get; init; }
}

/// <summary>How a frame's run ended.</summary>
internal sealed class FrameRunResult
{
    /// <summary>Exit status: the command's, or 1 when the process group was killed by a signal (as RQD reports).</summary>
    public int ExitStatus { get; init; }

    /// <summary>The signal that killed the process group (0 if none).</summary>
    public int ExitSignal { get; init; }

    /// <summary>Peak resident memory of the frame's processes, KB (0 if unknown).</summary>
    public long MaxRssKb { get; init; }

    /// <summary>User CPU time of the frame's leader (its shell) and every process it waited for, seconds, as the kernel counted them when it was reaped (<c>wait4</c>); null when it was not reaped.</summary>
    public double? UserSeconds { get; init; }

    /// <summary>System CPU time of the same, seconds; null when it was not reaped.</summary>
    public double? SystemSeconds { get; init; }

    /// <summary>When the process started.</summary>
    public DateTimeOffset StartTime { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset StopTime { get; init; }

    /// <summary>The frame's log file.</summary>
    public string LogPath { get; init; } = string.Empty;

    /// <summary>Why the frame was killed, if it was.</summary>
    public string? KillMessage { get; init; }

    /// <summary>Killed because it ran longer than the layer timeout.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Killed because its log did not change for the layer's timeout_llu.</summary>
    public bool LluTimedOut { get; init; }

    /// <summary>The process could not be started (RQD's exit status 256).</summary>
    public bool FailedToLaunch { get; init; }
}

/// <summary>A frame being run.</summary>
internal interface IRunningFrame
{
    /// <summary>The process id (the process group leader), or 0 before start.</summary>
    int ProcessId { get; }

    /// <summary>Completes when the frame's processes have ended and the log is closed.</summary>
    Task<FrameRunResult> Completion { get; }

    /// <summary>The resident memory of the frame's processes at the last sample, KB (0 when not known or ended).</summary>
    long CurrentRssKb => 0;

    /// <summary>The highest resident memory of the frame's processes so far, KB (0 when not known).</summary>
    long MaxRssKb => 0;

    /// <summary>Kills the frame's whole process group (SIGKILL), recording the reason in the log footer.</summary>
    /// <param name="reason">Why.</param>
    void Kill(string reason);
}

/// <summary>Runs frames.</summary>
internal interface IFrameRunner
{
    /// <summary>Starts a frame; never throws for a command that fails, only reports it.</summary>
    /// <param name="request">The frame.</param>
    /// <returns>The running frame.</returns>
    IRunningFrame Start(FrameRunRequest request);
}
