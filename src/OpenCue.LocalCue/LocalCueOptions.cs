using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring.Internal;

namespace OpenCue.LocalCue;

/// <summary>How the local scheduler runs: where it listens, keeps state and logs, and what it may book.</summary>
public sealed class LocalCueOptions
{
    /// <summary>The default <see cref="MaxMessageBytes"/>: 100 MiB, as Cuebot and pycue configure gRPC.</summary>
    public const int DefaultMaxMessageBytes = CueGrpc.MaxMessageBytes;

    /// <summary>The port; 0 picks a free one (the default in process). The stand-alone server defaults to Cuebot's 8443.</summary>
    public int Port { get; set; }

    /// <summary>The address to bind (default 127.0.0.1). Anything else is logged as a warning: the scheduler runs any command it is sent.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Where the SQLite database and frame logs live (default <c>~/.local/share/opencue-localcue</c>).</summary>
    public string StateDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "opencue-localcue");

    /// <summary>Keep state in memory only (for tests); nothing survives a restart. Logs still go under <see cref="StateDirectory"/>.</summary>
    public bool InMemory { get; set; }

    /// <summary>Cores to book (default: this machine's).</summary>
    public double Cores { get; set; } = Environment.ProcessorCount;

    /// <summary>Memory to book in MB (default: this machine's physical memory).</summary>
    public long MemoryMb { get; set; } = DefaultMemoryMb();

    /// <summary>
    /// Cuebot's <c>depend.satisfy_only_on_frame_success</c> (default true): only SUCCEEDED frames satisfy
    /// depends. False: EATEN frames satisfy them too.
    /// </summary>
    public bool SatisfyOnlyOnFrameSuccess { get; set; } = true;

    /// <summary>
    /// Retries of memory failures (exit 33 or 137). Cuebot retries them without limit with more memory;
    /// one machine cannot give more, so they stop here (default 3) and the frame dies, as its log says.
    /// </summary>
    public int MaxMemoryRetries { get; set; } = 3;

    /// <summary>How long a frame that could not be launched waits before it is tried again (RQD waits 10 s before reporting it).</summary>
    public TimeSpan FailedLaunchDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed launches in a row after which a frame dies (default 3).</summary>
    public int MaxFailedLaunches { get; set; } = 3;

    /// <summary>The host name frames report (default this machine's).</summary>
    public string HostName { get; set; } = Environment.MachineName;

    // ---- Who may launch and control (see README "Who can do what on LocalCue") ----

    /// <summary>
    /// Users who may launch and control jobs besides root and LocalCue's own user: user names (resolved
    /// through the passwd database at start; an unknown name fails the start) or numeric uids.
    /// Read-only calls are open to every caller either way.
    /// </summary>
    public IList<string> AllowedUsers { get; } = new List<string>();

    /// <summary>Every local user the kernel identifies may launch and control jobs (default false).</summary>
    public bool AllowAnyLocalUser { get; set; }

    /// <summary>
    /// Callers from other machines (a non-loopback <see cref="BindAddress"/>) may launch and control jobs,
    /// unauthenticated, as on Cuebot (default false: they may only query).
    /// </summary>
    public bool AllowRemoteControl { get; set; }

    /// <summary>
    /// Also serve the gRPC API on a Unix domain socket at this absolute path (mode 0600: LocalCue's own
    /// user and root only); clients connect with the host <c>unix:PATH</c>. TCP is served as well.
    /// </summary>
    public string? UnixSocketPath { get; set; }

    // ---- end of access options ----

    /// <summary>
    /// The largest gRPC message the server receives or sends, in bytes (default 100 MiB,
    /// <see cref="DefaultMaxMessageBytes"/>). The HTTP request body limit follows it, so a larger spec is
    /// answered <c>RESOURCE_EXHAUSTED</c> naming this limit.
    /// </summary>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>Where the scheduler logs.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Where the scheduler's metrics are created (<see cref="LocalCueTelemetry"/>); <see langword="null"/> for a
    /// process-wide meter. <c>AddLocalCue</c> sets it to the container's factory.
    /// </summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    // ---- Frame users (RQD_BECOME_JOB_USER, RQD_MIN_UID, RQD_MAX_UID, LAUNCH_FRAME_USER_GID) ----

    /// <summary>
    /// Which user frames run as, RQD's rules without its root fall-back: as root LocalCue always runs a
    /// frame as its job's uid (within <see cref="FrameUserOptions.MinUid"/>..<see cref="FrameUserOptions.MaxUid"/>,
    /// else the launch is refused) and never as root; otherwise as LocalCue's own user unless
    /// <see cref="FrameUserOptions.BecomeJobUser"/> is set. See <see cref="FrameUserOptions"/> for the defaults.
    /// </summary>
    public FrameUserOptions FrameUsers { get; set; } = new FrameUserOptions();

    // ---- end of frame users ----

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range; all are listed.</exception>
    public void Validate()
    {
        var problems = new System.Collections.Generic.List<string>();
        if (Port < 0 || Port > 65535)
        {
            problems.Add("Port must be 0-65535 (was " + Port + ")");
        }

        if (Cores <= 0)
        {
            problems.Add("Cores must be positive (was " + Cores + ")");
        }

        if (MemoryMb <= 0)
        {
            problems.Add("MemoryMb must be positive (was " + MemoryMb + ")");
        }

        if (MaxMemoryRetries < 0)
        {
            problems.Add("MaxMemoryRetries cannot be negative (was " + MaxMemoryRetries + ")");
        }

        if (MaxMessageBytes <= 0 || MaxMessageBytes > int.MaxValue - 5)
        {
            problems.Add("MaxMessageBytes must be 1 to " + (int.MaxValue - 5) + " (was " + MaxMessageBytes + ")");
        }

        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            problems.Add("StateDirectory is required");
        }

        if (AllowedUsers.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("AllowedUsers contains a blank entry");
        }

        if (UnixSocketPath != null && !Path.IsPathFullyQualified(UnixSocketPath))
        {
            problems.Add("UnixSocketPath must be an absolute path (was '" + UnixSocketPath + "')");
        }

        if (FrameUsers is null)
        {
            problems.Add("FrameUsers is required");
        }
        else
        {
            FrameUsers.Validate(problems);
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid LocalCueOptions: " + string.Join("; ", problems) + ".");
        }
    }

    private static long DefaultMemoryMb()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return bytes > 0 ? bytes / (1024 * 1024) : 4096;
    }
}
