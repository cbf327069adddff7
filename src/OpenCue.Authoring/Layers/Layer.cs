using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring.Internal;

namespace OpenCue.Authoring;

/// <summary>
/// A layer of an <see cref="Outline"/>: a command run over a frame range, with resources,
/// environment and dependencies. The base of every layer type, as PyOutline's
/// <c>outline.layer.Layer</c>. Configure it with properties (object initializers) or with the
/// chainable setters in <see cref="LayerSetters"/> (<c>SetMinCores</c>, <c>SetChunk</c>, ...).
/// </summary>
public class Layer
{
    private static readonly List<LayerPreProcess> NoPreprocessLayers = new List<LayerPreProcess>();

    private readonly List<Depend> _depends = new List<Depend>();
    private readonly OrderedMap _env = new OrderedMap();

    // Made on first use: most layers have no pre-process layers, requires, outputs, tags or limits.
    private List<LayerPreProcess>? _preprocessLayers;
    private List<string>? _requires;
    private OrderedMap? _outputs;
    private List<string>? _tags;
    private List<string>? _limits;

    private string _name;

    /// <summary>Creates a layer.</summary>
    /// <param name="name">The layer name (Cuebot conforms it: <c>-</c> becomes <c>_</c>, lower case; at least 3 characters).</param>
    public Layer(string name)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>The layer name, as written to the spec.</summary>
    public string Name
    {
        get => _name;
        set
        {
            var old = _name;
            _name = value ?? throw new ArgumentNullException(nameof(value));
            Outline?.Renamed(this, old);
        }
    }

    /// <summary>The layer type (default <see cref="LayerType.Render"/>).</summary>
    public LayerType Type { get; set; } = LayerType.Render;

    /// <summary>The outline this layer was added to, if any.</summary>
    public Outline? Outline { get; internal set; }

    /// <summary>The command, as an argument list or a command line.</summary>
    public LayerCommand? Command { get; set; }

    /// <summary>
    /// The layer's own frame range (pycue FileSequence syntax), or <see langword="null"/> to use the
    /// outline's. What is written to the spec is <see cref="GetFrameRange"/>.
    /// </summary>
    public virtual string? Range { get; set; }

    /// <summary>Frames per task (PyOutline <c>chunk</c>, default 1). Validation reports values below 1.</summary>
    public int Chunk { get; set; } = 1;

    /// <summary>Minimum cores per frame, written as <c>&lt;cores&gt;</c> (PyOutline <c>cores</c>); <see langword="null"/> uses the service's.</summary>
    public double? MinCores { get; set; }

    /// <summary>
    /// Maximum cores per frame. The spec has no element for it: it is kept on the model, applied
    /// after launch with <c>LayerInterface.SetMaxCores</c> by the launcher, and honoured by the local scheduler.
    /// </summary>
    public double? MaxCores { get; set; }

    /// <summary>Whether frames may use more cores than the minimum (<c>&lt;threadable&gt;</c>); <see langword="null"/> uses the service's.</summary>
    public bool? Threadable { get; set; }

    /// <summary>
    /// Minimum memory as Cuebot reads it (<c>&lt;memory&gt;</c>, PyOutline <c>memory</c>): <c>8192m</c>, <c>8g</c>.
    /// A bare number means <b>gigabytes</b> to Cuebot. <see cref="LayerSetters.SetMinMemory{T}(T, long)"/> writes megabytes.
    /// </summary>
    public string? Memory { get; set; }

    /// <summary>Minimum memory in megabytes, for object initializers; reads <see cref="Memory"/> with Cuebot's rules (null when unset or unreadable).</summary>
    public long? MinMemoryMegabytes
    {
        get => Memory != null && CueUnits.TryParseMemory(Memory, out var kb, out _) ? kb / 1024 : null;
#if NET
        set => Memory = value.HasValue ? string.Create(CultureInfo.InvariantCulture, $"{value.Value}m") : null;
#else
        set => Memory = value.HasValue ? value.Value.ToString(CultureInfo.InvariantCulture) + "m" : null;
#endif
    }

    /// <summary>Minimum GPUs per frame (<c>&lt;gpus&gt;</c>, cjsl 1.12+).</summary>
    public int? MinGpus { get; set; }

    /// <summary>Minimum GPU memory as Cuebot reads it (<c>&lt;gpu_memory&gt;</c>, cjsl 1.12+): <c>4096m</c>, <c>4g</c>.</summary>
    public string? GpuMemory { get; set; }

    /// <summary>Frame timeout in minutes (<c>&lt;timeout&gt;</c>, cjsl 1.10+); a frame running longer is killed and marked dead.</summary>
    public int? Timeout { get; set; }

    /// <summary>Minutes without log output after which a frame is killed (<c>&lt;timeout_llu&gt;</c>, cjsl 1.10+).</summary>
    public int? TimeoutLlu { get; set; }

    /// <summary>
    /// How many times a failed frame is retried. OpenCue has no per-layer retries: the launcher
    /// applies the largest count of the job's layers job-wide with <c>JobInterface.SetMaxRetries</c>
    /// (0-16) after launch, and the local scheduler honours it. Not written to the spec.
    /// </summary>
    public int? RetryCount { get; set; }

    /// <summary>The service (PyOutline <c>service</c>, default <c>shell</c>); only the first comma-separated name is written.</summary>
    public string? Service { get; set; } = "shell";

    /// <summary>Host tags (<c>&lt;tags&gt;</c>, joined with <c> | </c>); replaces the service's tags when set.</summary>
    public IList<string> Tags => _tags ??= new List<string>();

    /// <summary>Limit names (<c>&lt;limits&gt;</c>); each must exist on the Cuebot.</summary>
    public IList<string> Limits => _limits ??= new List<string>();

    /// <summary>The layer's environment, in the order set (<c>&lt;env&gt;</c>).</summary>
    public IReadOnlyDictionary<string, string> Env => _env;

    /// <summary>Registered outputs by name, in the order added (<c>&lt;outputs&gt;</c>, cjsl 1.15).</summary>
    public IReadOnlyDictionary<string, string> Outputs => _outputs ??= new OrderedMap();

    /// <summary><see cref="Env"/> as its map, for walking it without allocating.</summary>
    internal OrderedMap EnvironmentMap => _env;

    /// <summary><see cref="Outputs"/> as its map.</summary>
    internal OrderedMap OutputMap => _outputs ?? OrderedMap.Empty;

    /// <summary><see cref="Tags"/>, without making the list when there is none.</summary>
    internal IReadOnlyList<string> TagList => (IReadOnlyList<string>?)_tags ?? Array.Empty<string>();

    /// <summary><see cref="Limits"/>, without making the list when there is none.</summary>
    internal IReadOnlyList<string> LimitList => (IReadOnlyList<string>?)_limits ?? Array.Empty<string>();

    /// <summary>How many <see cref="Requires"/> there are, without making the list.</summary>
    internal int RequireCount => _requires?.Count ?? 0;

    /// <summary>The depends themselves (<see cref="GetDepends"/> wraps them), for walking without allocating.</summary>
    internal List<Depend> DependList => _depends;

    /// <summary>PyOutline <c>require</c> strings not yet turned into depends (see <see cref="Require(string)"/>).</summary>
    public IReadOnlyList<string> Requires => _requires ??= new List<string>();

    /// <summary>Pre-process layers created for this layer (<see cref="LayerPreProcess"/>).</summary>
    public IReadOnlyList<LayerPreProcess> PreprocessLayers => _preprocessLayers ??= new List<LayerPreProcess>();

    /// <summary>Whether the layer always runs as a single frame, whatever the range (PyOutline's <c>Frame</c> layers).</summary>
    public virtual bool IsSingleFrame => false;

    /// <summary>The service written to the spec: the first comma-separated name of <see cref="Service"/>, or <c>default</c>.</summary>
    public string SpecService
    {
        get
        {
            if (Service is null)
            {
                return "default";
            }

            var comma = Service.IndexOf(',');
            return (comma >= 0 ? Service.Substring(0, comma) : Service).Trim();
        }
    }

    internal ILogger Logger => Outline?.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>
    /// The command line written to the spec's <c>&lt;cmd&gt;</c>, or <see langword="null"/> when the
    /// layer has none (validation reports it).
    /// </summary>
    /// <returns>The command line.</returns>
    public virtual string? GetCommandLine() => Command?.ToCommandLine();

    /// <summary>
    /// The frame range written to the spec, as PyOutline's <c>get_frame_range</c>: the layer range
    /// intersected with the outline range (outline order, repeats dropped), the layer range alone,
    /// the outline range alone, or <c>1000-1000</c>. <see langword="null"/> when the two ranges share
    /// no frame: the layer is then left out of the spec. An intersection is written compactly (the
    /// same frames in the same order) unless <paramref name="explicitList"/> asks for PyOutline's comma list.
    /// </summary>
    /// <param name="explicitList">Write an intersected range as PyOutline does, every frame listed.</param>
    /// <returns>The effective range, or <see langword="null"/>.</returns>
    /// <exception cref="FormatException">A range is not valid frame-set syntax.</exception>
    public virtual string? GetFrameRange(bool explicitList = false)
    {
        var range = Range;
        var outlineRange = Outline?.FrameRange;
        if (Outline is null)
        {
            return string.IsNullOrEmpty(range) ? Defaults.FrameRange : range;
        }

        if (!string.IsNullOrEmpty(range) && !string.IsNullOrEmpty(outlineRange))
        {
            var intersection = FrameSet.Parse(outlineRange!).Intersect(FrameSet.Parse(range!));
            if (intersection.IsEmpty)
            {
                return null;
            }

            return explicitList ? FrameRanges.ToExplicitList(intersection) : intersection.ToCompactString();
        }

        if (!string.IsNullOrEmpty(range))
        {
            return range;
        }

        return string.IsNullOrEmpty(outlineRange) ? Defaults.FrameRange : outlineRange;
    }

    /// <summary>Sets an environment variable for this layer's frames (replaces an earlier value, keeping its position).</summary>
    /// <param name="key">The variable name.</param>
    /// <param name="value">The value.</param>
    public void SetEnvironment(string key, string value)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var previous = _env.Set(key, value ?? throw new ArgumentNullException(nameof(value)));
        if (previous != null && previous != value)
        {
            LayerLog.EnvOverwritten(Logger, key, Name, previous, value);
        }
    }

    /// <summary>Removes an environment variable.</summary>
    /// <param name="key">The variable name.</param>
    /// <returns><see langword="true"/> when it was set.</returns>
    public bool RemoveEnvironment(string key) => _env.Remove(key);

    /// <summary>Registers an output path under a name (PyOutline <c>add_output</c>).</summary>
    /// <param name="name">The output name; <see langword="null"/> or empty gives <c>output0</c>, <c>output1</c>, ...</param>
    /// <param name="path">The path, usually with a frame pattern such as <c>####</c>.</param>
    /// <exception cref="OutlineException">An output with that name exists.</exception>
    public void RegisterOutput(string? name, string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        _outputs ??= new OrderedMap();
        var key = string.IsNullOrEmpty(name) ? "output" + _outputs.Count.ToString(CultureInfo.InvariantCulture) : name!;
        if (_outputs.ContainsKey(key))
        {
            throw new OutlineException("Layer '" + Name + "' already has an output named '" + key + "'.");
        }

        _outputs.Set(key, path);
    }

    /// <summary>
    /// Adds a PyOutline require string, <c>layer</c> or <c>layer:kind</c> (<c>all</c>, <c>any</c>,
    /// <c>sim</c>, <c>prev</c> or a <see cref="DependType"/> name). It becomes a depend when the
    /// outline is set up (validated, written or launched), as PyOutline resolves it at launch.
    /// </summary>
    /// <param name="require">The require string.</param>
    /// <returns>This layer.</returns>
    /// <exception cref="FormatException">The kind is not a known depend type.</exception>
    public Layer Require(string require)
    {
        RequireString.Parse(require);
        (_requires ??= new List<string>()).Add(require);
        return this;
    }

    /// <summary>
    /// Makes this layer depend on <paramref name="onLayer"/>, exactly as PyOutline's <c>depend_on</c>:
    /// a second depend on the same layer and a depend on itself are skipped; an any-frame request
    /// becomes FrameByFrame (LayerOnLayer for a pre-process layer) and gives this layer's pre-process
    /// layers an any-frame LayerOnLayer depend; pre-process layers depend on each other; depends the
    /// target marked as propagating are propagated.
    /// </summary>
    /// <param name="onLayer">The layer to wait for.</param>
    /// <param name="type">The dependency type (default <see cref="DependType.FrameByFrame"/>, as in PyOutline).</param>
    /// <param name="propagate">Whether layers that later depend on this one also depend on <paramref name="onLayer"/>.</param>
    /// <param name="anyFrame">Whether one succeeded frame of <paramref name="onLayer"/> is enough.</param>
    /// <returns>This layer.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = ApiDesign.OptionalArgumentsOfPyOutline)]
    public Layer DependOn(Layer onLayer, DependType type = DependType.FrameByFrame, bool propagate = false, bool anyFrame = false)
    {
        if (onLayer is null)
        {
            throw new ArgumentNullException(nameof(onLayer));
        }

        foreach (var existing in _depends)
        {
            if (ReferenceEquals(existing.DependOnLayer, onLayer))
            {
                LayerLog.DuplicateDependSkipped(Logger, Name, onLayer.Name);

                return this;
            }
        }

        if (string.Equals(Name, onLayer.Name, StringComparison.Ordinal))
        {
            LayerLog.SelfDependSkipped(Logger, Name);

            return this;
        }

        LayerLog.AddingDepend(Logger, Name, onLayer.Name);

        if (anyFrame || type == DependType.LayerOnAny)
        {
            if (this is LayerPreProcess)
            {
                type = DependType.LayerOnLayer;
            }
            else
            {
                type = DependType.FrameByFrame;
                anyFrame = false;
                foreach (var pre in _preprocessLayers ?? NoPreprocessLayers)
                {
                    pre.DependOn(onLayer, DependType.LayerOnLayer, anyFrame: true);
                }
            }
        }

        _depends.Add(new Depend(this, onLayer, type, propagate, anyFrame));

        foreach (var myPre in _preprocessLayers ?? NoPreprocessLayers)
        {
            foreach (var onPre in onLayer._preprocessLayers ?? NoPreprocessLayers)
            {
                myPre.DependOn(onPre, DependType.LayerOnLayer);
            }
        }

        if (!onLayer._depends.Exists(d => d.IsPropagated))
        {
            return this;
        }

        foreach (var theirs in onLayer._depends.ToArray())
        {
            if (!theirs.IsPropagated)
            {
                continue;
            }

            foreach (var mine in _depends.ToArray())
            {
                LayerLog.PropagatingDepend(Logger, mine.DependOnLayer.Name, theirs.DependOnLayer.Name);

                mine.DependOnLayer.DependAll(theirs.DependOnLayer);
            }
        }

        return this;
    }

    /// <summary>Depends on the layer named <paramref name="onLayerName"/> of this layer's outline.</summary>
    /// <param name="onLayerName">The layer name.</param>
    /// <param name="type">The dependency type (default <see cref="DependType.FrameByFrame"/>).</param>
    /// <param name="propagate">Whether the depend propagates.</param>
    /// <param name="anyFrame">Whether one succeeded frame is enough.</param>
    /// <returns>This layer.</returns>
    /// <exception cref="OutlineException">This layer is not in an outline yet.</exception>
    /// <exception cref="LayerNotFoundException">The outline has no such layer.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = ApiDesign.OptionalArgumentsOfPyOutline)]
    public Layer DependOn(string onLayerName, DependType type = DependType.FrameByFrame, bool propagate = false, bool anyFrame = false) =>
        DependOn(ResolveLayer(onLayerName), type, propagate, anyFrame);

    /// <summary>A LayerOnLayer depend: every frame waits for the whole of <paramref name="onLayer"/> (PyOutline <c>depend_all</c>).</summary>
    /// <param name="onLayer">The layer to wait for.</param>
    /// <param name="propagate">Whether the depend propagates.</param>
    /// <param name="anyFrame">Whether one succeeded frame is enough (converted as in <see cref="DependOn(Layer, DependType, bool, bool)"/>).</param>
    /// <returns>This layer.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = ApiDesign.OptionalArgumentsOfPyOutline)]
    public Layer DependAll(Layer onLayer, bool propagate = false, bool anyFrame = false) =>
        DependOn(onLayer, DependType.LayerOnLayer, propagate, anyFrame);

    /// <summary>A LayerOnLayer depend on the named layer of this layer's outline.</summary>
    /// <param name="onLayerName">The layer name.</param>
    /// <param name="propagate">Whether the depend propagates.</param>
    /// <param name="anyFrame">Whether one succeeded frame is enough.</param>
    /// <returns>This layer.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = ApiDesign.OptionalArgumentsOfPyOutline)]
    public Layer DependAll(string onLayerName, bool propagate = false, bool anyFrame = false) =>
        DependOn(ResolveLayer(onLayerName), DependType.LayerOnLayer, propagate, anyFrame);

    /// <summary>A PreviousFrame depend: frame i waits for frame i-1 of <paramref name="onLayer"/> (PyOutline <c>depend_previous</c>).</summary>
    /// <param name="onLayer">The layer to wait for.</param>
    /// <returns>This layer.</returns>
    public Layer DependPrevious(Layer onLayer) => DependOn(onLayer, DependType.PreviousFrame);

    /// <summary>Removes a depend; nothing happens when the layer does not have it.</summary>
    /// <param name="depend">The depend.</param>
    /// <returns><see langword="true"/> when it was removed.</returns>
    public bool Undepend(Depend depend)
    {
        var removed = _depends.Remove(depend);
        if (!removed)
        {
            LayerLog.NoSuchDepend(Logger, Name, depend);
        }

        return removed;
    }

    /// <summary>What this layer depends on, in the order the depends were made.</summary>
    /// <returns>The depends.</returns>
    public IReadOnlyList<Depend> GetDepends() => _depends.AsReadOnly();

    /// <summary>The depends of the outline's layers on this layer.</summary>
    /// <returns>The depends, in layer order; empty when the layer is not in an outline.</returns>
    public IReadOnlyList<Depend> GetDependents()
    {
        var result = new List<Depend>();
        if (Outline is null)
        {
            return result;
        }

        foreach (var layer in Outline.GetLayers())
        {
            foreach (var depend in layer._depends)
            {
                if (ReferenceEquals(depend.DependOnLayer, this))
                {
                    result.Add(depend);
                }
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    internal void AddPreprocessLayer(LayerPreProcess preprocess) => (_preprocessLayers ??= new List<LayerPreProcess>()).Add(preprocess);

    /// <summary>Adds a depend as read from a spec, without PyOutline's conversions.</summary>
    internal void AddDependAsIs(Depend depend) => _depends.Add(depend);

    internal void RemoveRequire(string require) => _requires?.Remove(require);

    internal Layer ResolveLayer(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (Outline is null)
        {
            throw new OutlineException("Layer '" + Name + "' cannot depend on '" + name +
                "' by name before it is added to an outline; add it first or pass the Layer object.");
        }

        return Outline.GetLayer(name);
    }
}
