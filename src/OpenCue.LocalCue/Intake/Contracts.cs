using System.Collections.Generic;
using System.Text.Json.Serialization;
using OpenCue.Authoring;
using PbDepend = OpenCue.Proto.Depends;

namespace OpenCue.LocalCue.Intake;

/// <summary>A job built from a spec by <see cref="SpecIntake"/>, with Cuebot's values (core points, KB, minutes).</summary>
internal sealed class JobDefinition
{
    /// <summary>The conformed job name, <c>show-shot-user_name</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The show, as written.</summary>
    public string Show { get; init; } = string.Empty;

    /// <summary>The conformed shot.</summary>
    public string Shot { get; init; } = string.Empty;

    /// <summary>The user (<c>monitor</c> for post jobs).</summary>
    public string User { get; init; } = string.Empty;

    /// <summary>The facility, lower-cased.</summary>
    public string Facility { get; init; } = "local";

    /// <summary>The os, if any.</summary>
    public string? Os { get; init; }

    private int? _uid;

    /// <summary>The uid, if any.</summary>
    public int? Uid { get => _uid; init => _uid = value; }

    /// <summary>The e-mail, if any.</summary>
    public string? Email { get; init; }

    /// <summary>Launch paused.</summary>
    public bool Paused { get; init; }

    /// <summary>Priority (default 1).</summary>
    public int Priority { get; init; } = 1;

    /// <summary>Max retries after Cuebot's clamp (0..1; post jobs 2).</summary>
    public int MaxRetries { get; init; } = 1;

    /// <summary>Autoeat.</summary>
    public bool AutoEat { get; init; }

    /// <summary>Job max cores in core points (default 20000), from <c>maxcores</c> x 100.</summary>
    public int MaxCorePoints { get; init; } = 20000;

    /// <summary>Job min cores in core points (default 100).</summary>
    public int MinCorePoints { get; init; } = 100;

    /// <summary>Job max GPUs, if set.</summary>
    public int? MaxGpus { get; init; }

    /// <summary>The job environment, in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = new List<KeyValuePair<string, string>>();

    /// <summary>The layers, in dispatch order.</summary>
    public IReadOnlyList<LayerDefinition> Layers { get; init; } = new List<LayerDefinition>();

    /// <summary>Whether this is the post job of another job of the same spec.</summary>
    public bool IsPostJob { get; init; }

    /// <summary>For a post job, the conformed name of its parent job.</summary>
    public string? ParentName { get; init; }

    /// <summary>Gives a job launched without a uid its caller's (<see cref="Access.LaunchUidRule"/>), before it is created.</summary>
    /// <param name="uid">The caller's uid.</param>
    internal void DefaultUid(int uid) => _uid ??= uid;
}

/// <summary>A layer of a <see cref="JobDefinition"/>, after service defaults and Cuebot's conversions.</summary>
internal sealed class LayerDefinition
{
    /// <summary>The conformed layer name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>RENDER, UTIL or POST (upper case, as Cuebot stores it).</summary>
    public string Type { get; init; } = "RENDER";

    /// <summary>Dispatch order within the job (1, 2, 3 ... in document order).</summary>
    public int DispatchOrder { get; init; }

    /// <summary>The command (trimmed), tokens not substituted.</summary>
    public string Command { get; init; } = string.Empty;

    /// <summary>The range as written (trimmed).</summary>
    public string Range { get; init; } = string.Empty;

    /// <summary>Chunk size.</summary>
    public int Chunk { get; init; } = 1;

    /// <summary>Min core points (100 = one core; 0 = whole host; negative = all but N).</summary>
    public int MinCorePoints { get; init; } = 100;

    /// <summary>Max core points (0 = no limit).</summary>
    public int MaxCorePoints { get; init; }

    /// <summary>Threadable.</summary>
    public bool Threadable { get; init; }

    /// <summary>Min memory in KB.</summary>
    public long MinMemoryKb { get; init; }

    /// <summary>Min GPUs.</summary>
    public int MinGpus { get; init; }

    /// <summary>Max GPUs.</summary>
    public int MaxGpus { get; init; }

    /// <summary>Min GPU memory in KB.</summary>
    public long MinGpuMemoryKb { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = new List<string>();

    /// <summary>Services, the first resolved one having set the defaults (<c>default</c> appended when none resolved).</summary>
    public IReadOnlyList<string> Services { get; init; } = new List<string>();

    /// <summary>Limits.</summary>
    public IReadOnlyList<string> Limits { get; init; } = new List<string>();

    /// <summary>The layer environment, in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = new List<KeyValuePair<string, string>>();

    /// <summary>Registered outputs (name, path).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Outputs { get; init; } = new List<KeyValuePair<string, string>>();

    /// <summary>Timeout in minutes (0 = none).</summary>
    public int TimeoutMinutes { get; init; }

    /// <summary>Timeout since last log update in minutes (0 = none).</summary>
    public int TimeoutLluMinutes { get; init; }

    /// <summary>The frames: chunk-start frame numbers in dispatch order (Cuebot's normalizeFrameRange).</summary>
    public IReadOnlyList<int> Frames { get; init; } = new List<int>();

    /// <summary>
    /// <see cref="Range"/> as parsed by intake (the one parse of a launched layer's range); not stored, so
    /// <see langword="null"/> for a layer read back from the store.
    /// </summary>
    [JsonIgnore]
    public FrameSet? ParsedRange { get; init; }
}

/// <summary>A depend of the spec's <c>&lt;depends&gt;</c>, names conformed as Cuebot conforms them.</summary>
internal sealed class DependDefinition
{
    /// <summary>The Cuebot type name, e.g. <c>FRAME_BY_FRAME</c>.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>Any-frame (LAYER_ON_LAYER only).</summary>
    public bool AnyFrame { get; init; }

    /// <summary>Conformed depend-er job name.</summary>
    public string DependErJob { get; init; } = string.Empty;

    /// <summary>Conformed depend-er layer name, when the type uses it.</summary>
    public string? DependErLayer { get; init; }

    /// <summary>Depend-er frame name (<c>%04d-layer</c>, conformed), when the type uses it.</summary>
    public string? DependErFrame { get; init; }

    /// <summary>Conformed on-job name.</summary>
    public string OnJob { get; init; } = string.Empty;

    /// <summary>Conformed on-layer name, when the type uses it.</summary>
    public string? OnLayer { get; init; }

    /// <summary>On-frame name (<c>%04d-layer</c>, conformed), when the type uses it.</summary>
    public string? OnFrame { get; init; }

    /// <summary>
    /// The type to create, set by <see cref="DependReader.Resolve"/>: <see cref="Type"/>, except a FRAME_BY_FRAME
    /// on a single-chunk layer, which Cuebot makes a LAYER_ON_LAYER.
    /// </summary>
    public PbDepend.DependType Kind { get; internal set; }

    /// <summary>The depend-er end, resolved against the spec's jobs by <see cref="DependReader.Resolve"/>.</summary>
    public DependEnd Er { get; internal set; } = null!;

    /// <summary>The depend-on end, resolved against the spec's jobs by <see cref="DependReader.Resolve"/>.</summary>
    public DependEnd On { get; internal set; } = null!;

    /// <summary>
    /// For the composites (FRAME_BY_FRAME, PREVIOUS_FRAME, LAYER_ON_SIM_FRAME): the FRAME_ON_FRAME pairs, as positions in
    /// <c>Er.Layer.Frames</c> and <c>On.Layer.Frames</c>; <see langword="null"/> for the other types.
    /// </summary>
    public IReadOnlyList<FramePair>? Pairs { get; internal set; }
}

/// <summary>One end of a resolved depend: a job, a layer of it, or a frame of that layer.</summary>
/// <param name="Job">The job.</param>
/// <param name="Layer">The layer named, or the layer of the frame named; <see langword="null"/> for a job end.</param>
/// <param name="Frame">The frame's position in <c>Layer.Frames</c>; <see langword="null"/> unless the end is a frame.</param>
internal sealed record DependEnd(JobDefinition Job, LayerDefinition? Layer, int? Frame);

/// <summary>A FRAME_ON_FRAME child of a composite depend, as frame positions in the depend-er and depend-on layers.</summary>
/// <param name="Er">The waiting frame's position.</param>
/// <param name="On">The awaited frame's position.</param>
internal readonly record struct FramePair(int Er, int On);

/// <summary>Everything a spec creates: parent jobs, their post jobs, and the depends.</summary>
internal sealed class ParsedJobSpec
{
    /// <summary>The jobs: each parent job, followed by its post job when it has Post layers.</summary>
    public IReadOnlyList<JobDefinition> Jobs { get; init; } = new List<JobDefinition>();

    /// <summary>The depends, in document order.</summary>
    public IReadOnlyList<DependDefinition> Depends { get; init; } = new List<DependDefinition>();
}
