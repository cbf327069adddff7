using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring.Specs;

namespace OpenCue.Client;

/// <summary>
/// PyOutline's launcher flags (pycuerun's options) for <see cref="Cuerun.LaunchAsync"/>: where to
/// launch, what the spec carries, and whether to wait for or test the job.
/// </summary>
public sealed class LaunchOptions
{
    /// <summary>Cuebot hosts, <c>host[:port]</c>, comma-separated (pycuerun <c>--server</c>); ignored when <see cref="Api"/> is set.</summary>
    public string? Server { get; set; }

    /// <summary>The API to launch through; its lifetime is the caller's. When null one is created from <see cref="Server"/> or the environment.</summary>
    public CueApi? Api { get; set; }

    /// <summary>Launch paused (<c>--pause</c>).</summary>
    public bool Pause { get; set; }

    /// <summary>Job priority (<c>--priority</c>, default 1).</summary>
    public int Priority { get; set; } = 1;

    /// <summary>
    /// Retries per failed frame, job-wide (<c>--max-retries</c>). Written to the spec (where Cuebot
    /// clamps it to 0..1) and applied after launch with <c>SetMaxRetries</c> (0..16). Null: PyOutline's 2 in the spec.
    /// </summary>
    public int? MaxRetries { get; set; }

    /// <summary>Eat failed frames instead of retrying (<c>--autoeat</c>).</summary>
    public bool AutoEat { get; set; }

    /// <summary>Replace the outline's frame range (<c>--range</c>).</summary>
    public string? Range { get; set; }

    /// <summary>With <see cref="Range"/>: only apply it when some multi-frame layer has no range of its own (PyOutline <c>range_default</c>).</summary>
    public bool RangeDefault { get; set; }

    /// <summary>Replace the outline's name (<c>--base-name</c>).</summary>
    public string? BaseName { get; set; }

    /// <summary>The job's os (<c>--os</c>).</summary>
    public string? Os { get; set; }

    /// <summary>Extra job environment, <c>KEY=VALUE</c> (<c>--env</c>); sent in the job's env.</summary>
    public IList<string> Env { get; } = new List<string>();

    /// <summary>Replace the shot (<c>--shot</c>).</summary>
    public string? Shot { get; set; }

    /// <summary>The facility (<c>--facility</c>).</summary>
    public string? Facility { get; set; }

    /// <summary>Leave out the e-mail (<c>--no-mail</c>).</summary>
    public bool NoMail { get; set; }

    /// <summary>The uid written to the spec (Cuebot refuses 0); null for this process's.</summary>
    public int? Uid { get; set; }

    /// <summary>The cjsl version (default 1.15).</summary>
    public SpecVersion SpecVersion { get; set; } = SpecVersion.Latest;

    /// <summary>
    /// Wait until the job is no longer pending (<c>--wait</c>). A dead frame keeps a job pending, as on
    /// Cuebot, so this waits for ever on one unless <see cref="FailOnDead"/> or <see cref="WaitTimeout"/> is set.
    /// </summary>
    public bool Wait { get; set; }

    /// <summary>With <see cref="Wait"/>: end the wait with a <see cref="FrameDiedException"/> at the first dead frame (<c>--fail-on-dead</c>). The job is not killed.</summary>
    public bool FailOnDead { get; set; }

    /// <summary>With <see cref="Wait"/>: end the wait with a <see cref="JobWaitTimeoutException"/> after this long, per job; null waits for ever. The job is not killed.</summary>
    public TimeSpan? WaitTimeout { get; set; }

    /// <summary>Test mode (<c>--test</c>): resume, wait for the end, fail if any frame died or was eaten, kill the job at the end.</summary>
    public bool Test { get; set; }

    /// <summary>How often wait and test poll (PyOutline: 5 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The default of <see cref="ServerLostTimeout"/>: 60 seconds, long enough for a Cuebot restart
    /// or a network blip, short enough that a script notices a server that is gone.
    /// </summary>
    public static readonly TimeSpan DefaultServerLostTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long wait and test modes keep polling while the server is unreachable (every poll
    /// unavailable, refused or past its call deadline) before they stop with
    /// <see cref="CueServerLostException"/> (default <see cref="DefaultServerLostTimeout"/>, 60 s).
    /// It is counted from the start of the first failed poll; any answer (even an error) resets
    /// it, so a shorter blip is survived. Waiting stops at the first failed poll past the limit, so
    /// up to one <see cref="PollInterval"/> plus one poll's calls (each bounded by
    /// <see cref="CueClientOptions.CallDeadline"/>, with <see cref="CueClientOptions.UnavailableRetries"/>
    /// failover rounds when refused) after it.
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> polls for ever, as PyOutline does.
    /// </summary>
    public TimeSpan ServerLostTimeout { get; set; } = DefaultServerLostTimeout;

    /// <summary>Receives the job's progress at each poll of wait and test modes.</summary>
    public IProgress<JobProgress>? Progress { get; set; }

    /// <summary>Where launching logs (default: the API's logger).</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The spec options these flags give.</summary>
    /// <returns>The writer options.</returns>
    public SpecWriterOptions ToSpecWriterOptions()
    {
        var options = new SpecWriterOptions
        {
            Version = SpecVersion,
            Paused = Pause,
            Priority = Priority,
            AutoEat = AutoEat,
            Os = Os ?? NonEmpty(Environment.GetEnvironmentVariable("OL_OS")),
            NoMail = NoMail,
            Facility = Facility,
            Uid = Uid,
            TagOverride = NonEmpty(Environment.GetEnvironmentVariable("OL_TAG_OVERRIDE")),
        };
        if (MaxRetries.HasValue)
        {
            options.MaxRetries = MaxRetries.Value;
        }

        return options;
    }

    internal void Validate()
    {
        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("LaunchOptions.PollInterval must be positive (was " + PollInterval + ").");
        }

        if (WaitTimeout is TimeSpan limit && limit <= TimeSpan.Zero)
        {
            throw new ArgumentException("LaunchOptions.WaitTimeout must be positive when set (was " + limit + ").");
        }

        if (ServerLostTimeout <= TimeSpan.Zero && ServerLostTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("LaunchOptions.ServerLostTimeout must be positive, or Timeout.InfiniteTimeSpan to wait for ever (was " + ServerLostTimeout + ").");
        }

        if (MaxRetries is int retries && (retries < 0 || retries > 16))
        {
            throw new ArgumentException("LaunchOptions.MaxRetries must be 0 to 16 (was " + retries + ").");
        }

        foreach (var pair in Env)
        {
            if (pair is null || pair.IndexOf('=') <= 0)
            {
                throw new ArgumentException("LaunchOptions.Env entries are KEY=VALUE (was '" + pair + "').");
            }
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
