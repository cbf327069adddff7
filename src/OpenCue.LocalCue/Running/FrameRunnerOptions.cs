using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue.Running;

/// <summary>Settings of <see cref="ProcessFrameRunner"/>, the local equivalent of RQD's configuration.</summary>
internal sealed class FrameRunnerOptions
{
    /// <summary>
    /// The frames' working directory, as RQD's temp path, and where this instance's base directory
    /// of private frame directories is made (<c>localcue-&lt;euid&gt;-XXXXXX</c>, an unpredictable name),
    /// which hold the command files (<c>rqd-cmd-&lt;frame id&gt;-&lt;ticks&gt;</c>). Defaults to <see cref="Path.GetTempPath"/>.
    /// </summary>
    public string TempDirectory { get; set; } = Path.GetTempPath();

    /// <summary>
    /// The directory of this runner's instance (LocalCue passes its state directory, which must exist
    /// and be LocalCue's own): the path of the base directory of private frame directories is recorded
    /// there (<c>frame-base</c>, 0600), and a runner removes what is left in the recorded base, and only
    /// there, when it is created. <see langword="null"/> records nothing: every runner makes a new base.
    /// </summary>
    public string? InstanceKey { get; set; }

    /// <summary>Which user frames run as (RQD's <c>RQD_BECOME_JOB_USER</c> and friends); a frame never runs as root.</summary>
    public FrameUserOptions Users { get; set; } = new FrameUserOptions();

    /// <summary>The render host name: <c>jobhost</c> in the frame environment, <c>renderHost</c> in the log header.</summary>
    public string HostName { get; set; } = Environment.MachineName;

    /// <summary>
    /// RQD's <c>RQD_USE_PATH_ENV_VAR</c>: when <see langword="true"/> the frame's base <c>PATH</c> is
    /// this process's <c>PATH</c> instead of RQD's fixed
    /// <c>/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin</c>.
    /// </summary>
    public bool UseHostPath { get; set; }

    /// <summary>
    /// The frame's <c>TZ</c>. <see langword="null"/> (the default) takes this process's <c>TZ</c>, else
    /// the first line of <c>/etc/timezone</c>, else leaves <c>TZ</c> unset.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// How often a running frame's log modification time (LLU) and timeouts are checked. RQD
    /// samples every 10 seconds (<c>RSS_UPDATE_INTERVAL</c>).
    /// </summary>
    public TimeSpan LluSampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the memory of the running frames is sampled, all of them in one pass over
    /// <c>/proc</c> (<see cref="FrameSampler"/>): often, so a frame of a few seconds has a peak. RQD
    /// samples every 10 seconds, and reports 0 for shorter frames.
    /// </summary>
    public TimeSpan RssSampleInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Kill whatever is left in the frame's process group (SIGKILL) once the frame's shell has
    /// exited. Off by default, as RQD: background processes a frame leaves behind keep running.
    /// </summary>
    public bool KillProcessGroupOnExit { get; set; }

    /// <summary>
    /// How long to keep copying output after the frame's shell exited, for processes it left
    /// behind that still hold its stdout or stderr; after that the pipes are abandoned.
    /// </summary>
    public TimeSpan OutputDrainTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// util-linux <c>setpriv</c>, which switches a frame to its job's user. <see langword="null"/> (the
    /// default): LocalCue starts the frame as its user itself where it can (root, x86-64 or arm64, no ambient
    /// capabilities; one exec less a frame), else through <c>/usr/bin/setpriv</c> or <c>/bin/setpriv</c>; a path
    /// here: always through that <c>setpriv</c>. When a frame must switch through <c>setpriv</c> and it is
    /// missing, the frame fails to launch.
    /// </summary>
    public string? SetprivPath { get; set; }

    /// <summary>The shell that runs the command file (RQD's <c>execvp</c> falls back to <c>/bin/sh</c>).</summary>
    public string ShellPath { get; set; } = "/bin/sh";

    /// <summary>Logging; none when <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for start/end times, timeouts and sampling.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Test hook: when set, a frame whose request has a timeout is killed once it has run this long,
    /// instead of Cuebot's whole-minutes rule.
    /// </summary>
    internal TimeSpan? TimeoutOverride { get; set; }

    /// <summary>
    /// Test hook: when set, a frame whose request has an LLU timeout is killed once its log has
    /// not changed for this long, instead of Cuebot's whole-minutes rule.
    /// </summary>
    internal TimeSpan? LluTimeoutOverride { get; set; }
}
