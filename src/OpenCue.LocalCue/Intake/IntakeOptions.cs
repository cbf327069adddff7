using System;
using System.Threading;
using OpenCue.Authoring;

namespace OpenCue.LocalCue.Intake;

/// <summary>What <see cref="SpecIntake.Parse"/> needs from the scheduler around it.</summary>
internal sealed class IntakeOptions
{
    /// <summary>The services layers take their defaults from (default: Cuebot's seed services).</summary>
    public ServiceTable Services { get; set; } = ServiceTable.Default;

    /// <summary>
    /// Whether a job of this exact conformed name is PENDING (Cuebot's <c>isJobPending</c>); such a
    /// spec is refused. <see langword="null"/>: no job is pending.
    /// </summary>
    public Func<string, bool>? IsJobPending { get; set; }

    /// <summary>The facility of specs without <c>&lt;facility&gt;</c> (default <c>local</c>).</summary>
    public string DefaultFacility { get; set; } = "local";

    /// <summary>The clock whose epoch milliseconds name post jobs (<c>_post_job_&lt;ms&gt;</c>).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Most layers a job may have (Cuebot's <c>MAX_LAYERS</c>, 2000; post layers not counted).</summary>
    public int MaxLayers { get; set; } = 2000;

    /// <summary>Most frames (chunks) the whole spec may create (Cuebot's <c>MAX_FRAMES</c>, 100000).</summary>
    public int MaxFrames { get; set; } = 100000;

    /// <summary>Least memory a layer gets, in KB (<c>mem_reserved_min</c>, 256 MB); smaller requests are raised.</summary>
    public long MemoryReservedMinKb { get; set; } = CueUnits.MemoryReservedMinKb;

    /// <summary>Memory above which Cuebot warns, in KB (<c>mem_reserved_max</c>, 50 GB); the value is kept, as in Cuebot.</summary>
    public long MemoryReservedMaxKb { get; set; } = CueUnits.MemoryReservedMaxKb;

    /// <summary>
    /// Receives Cuebot's warnings (unknown service, memory above the maximum, unreadable GPU memory,
    /// deprecated <c>gpu</c>, ignored <c>localbook</c>); <see langword="null"/> drops them.
    /// </summary>
    public Action<string>? Warning { get; set; }

    /// <summary>
    /// How long parsing and validating a spec may take (default 30 s); a spec that takes longer is refused.
    /// Real specs take milliseconds; this only bounds pathological input.
    /// </summary>
    public TimeSpan ParseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Stops parsing when cancelled (the caller gave up); the parse then throws <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken CancellationToken { get; set; }

    internal void Warn(string message) => Warning?.Invoke(message);
}
