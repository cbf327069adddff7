using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCue.Authoring.Internal;
using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Validation;

namespace OpenCue.Authoring;

/// <summary>
/// A job being authored: named layers with their ranges, resources and dependencies (PyOutline's
/// <c>outline.Outline</c>). Check it with <see cref="Validate(SpecWriterOptions?)"/>, turn it into
/// Cuebot's job spec with <see cref="ToSpec(SpecWriterOptions?)"/>.
/// </summary>
public sealed class Outline
{
    private readonly List<Layer> _layers = new List<Layer>();
    private readonly NameIndex<Layer> _byName = new NameIndex<Layer>();
    private bool _nameCollision;
    private readonly OrderedMap _env = new OrderedMap();
    private string? _show;
    private string? _shot;
    private string? _user;
    private ILogger _logger = NullLogger.Instance;

    /// <summary>Creates an outline.</summary>
    /// <param name="name">The job name suffix (Cuebot builds <c>show-shot-user_name</c>); default <c>outline</c>.</param>
    /// <param name="shot">The shot; default env <c>SHOT</c>, else <c>default</c>.</param>
    /// <param name="show">The show; default env <c>SHOW</c>, else <c>testing</c>. It must exist on the Cuebot.</param>
    /// <param name="user">The user; default env <c>USER</c>, else the login name.</param>
    /// <param name="facility">The facility; default env <c>RENDER_TO</c>, else <c>FACILITY</c>, else <c>local</c>.</param>
    /// <param name="frameRange">The job's frame range; layers run the part of their own range inside it.</param>
    /// <param name="maxCores">The job's maximum cores (whole cores, <c>&lt;maxcores&gt;</c>).</param>
    /// <param name="maxGpus">The job's maximum GPUs (<c>&lt;maxgpus&gt;</c>).</param>
    public Outline(
        string? name = null,
        string? shot = null,
        string? show = null,
        string? user = null,
        string? facility = null,
        string? frameRange = null,
        int? maxCores = null,
        int? maxGpus = null)
    {
        Name = name ?? "outline";
        _shot = shot;
        _show = show;
        _user = user;
        Facility = facility;
        FrameRange = frameRange;
        MaxCores = maxCores;
        MaxGpus = maxGpus;
    }

    /// <summary>The job name suffix.</summary>
    public string Name { get; set; }

    /// <summary>The show: as set, else env <c>SHOW</c>, else <c>testing</c>.</summary>
    public string Show
    {
        get => _show ?? Defaults.EnvShow();
        set => _show = value;
    }

    /// <summary>The shot: as set, else env <c>SHOT</c>, else <c>default</c>.</summary>
    public string Shot
    {
        get => _shot ?? Defaults.EnvShot();
        set => _shot = value;
    }

    /// <summary>The user: as set, else env <c>USER</c>, else the login name.</summary>
    public string User
    {
        get => _user ?? Defaults.EnvUser();
        set => _user = value;
    }

    /// <summary>The show as set explicitly, or null when it comes from the environment.</summary>
    internal string? ExplicitShow => _show;

    /// <summary>The shot as set explicitly, or null.</summary>
    internal string? ExplicitShot => _shot;

    /// <summary>The user as set explicitly, or null.</summary>
    internal string? ExplicitUser => _user;

    /// <summary>The facility as set, or <see langword="null"/> for the launcher's default (<c>RENDER_TO</c>, <c>FACILITY</c>, <c>local</c>).</summary>
    public string? Facility { get; set; }

    /// <summary>The job's frame range, or <see langword="null"/>.</summary>
    public string? FrameRange { get; set; }

    /// <summary>The job's maximum cores, whole cores.</summary>
    public int? MaxCores { get; set; }

    /// <summary>The job's maximum GPUs.</summary>
    public int? MaxGpus { get; set; }

    /// <summary>The job's environment, in the order set; written to the job's <c>&lt;env&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> Env => _env;

    /// <summary>Where the outline and its layers log (default: nowhere).</summary>
    public ILogger Logger
    {
        get => _logger;
        set => _logger = value ?? NullLogger.Instance;
    }

    /// <summary><see cref="Env"/> as its map, for walking it without allocating.</summary>
    internal OrderedMap EnvironmentMap => _env;

    /// <summary>The layers in the order added, not copied; callers in this assembly must not modify the list.</summary>
    internal List<Layer> LayerList => _layers;

    /// <summary>The outline name (PyOutline <c>get_name</c>).</summary>
    /// <returns>The name.</returns>
    public string GetName() => Name;

    /// <summary>PyOutline's full name, <c>show-shot-user_name</c>, unconformed.</summary>
    /// <returns>The full name.</returns>
    public string GetFullName() => Show + "-" + Shot + "-" + User + "_" + Name;

    /// <summary>The job name Cuebot will give this outline (<see cref="CueNames.TryConformJobName"/>).</summary>
    /// <returns>The conformed job name.</returns>
    /// <exception cref="FormatException">The shot or name breaks Cuebot's rules.</exception>
    public string GetConformedJobName()
    {
        var shot = CueNames.ConformName("Shot", Shot);
        return CueNames.TryConformJobName(Show, shot, User, Name, out var jobName, out var error) ? jobName : throw new FormatException(error);
    }

    /// <summary>Sets the frame range.</summary>
    /// <param name="frameRange">A frame set string.</param>
    /// <returns>This outline.</returns>
    public Outline SetFrameRange(string? frameRange)
    {
        FrameRange = frameRange;
        return this;
    }

    /// <summary>Sets the frame range from a frame set.</summary>
    /// <param name="frames">The frames.</param>
    /// <returns>This outline.</returns>
    public Outline SetFrameRange(FrameSet frames)
    {
        FrameRange = (frames ?? throw new ArgumentNullException(nameof(frames))).ToCompactString();
        return this;
    }

    /// <summary>Sets the frame range from a list of frames (PyOutline joins them with commas).</summary>
    /// <param name="frames">The frames.</param>
    /// <returns>This outline.</returns>
    public Outline SetFrameRange(IEnumerable<int> frames)
    {
        FrameRange = string.Join(",", (frames ?? throw new ArgumentNullException(nameof(frames))).Select(f => f.ToString(CultureInfo.InvariantCulture)));
        return this;
    }

    /// <summary>
    /// Sets a job-wide environment variable, written to the job's <c>&lt;env&gt;</c>. (PyOutline only
    /// sends variables set with <c>pre=True</c>, a leftover of its site wrapper; here every one is sent.)
    /// </summary>
    /// <param name="key">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This outline.</returns>
    public Outline SetEnv(string key, string value)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        var previous = _env.Set(key, value ?? throw new ArgumentNullException(nameof(value)));
        if (previous != null && previous != value)
        {
            OutlineLog.EnvOverwritten(Logger, key, previous, value);
        }

        return this;
    }

    /// <summary>Adds a layer (PyOutline <c>add_layer</c>). Adding the same layer twice does nothing.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <returns>The layer, for chaining.</returns>
    /// <exception cref="OutlineException">Another layer has the same name, or the layer belongs to another outline.</exception>
    public T AddLayer<T>(T layer)
        where T : Layer
    {
        if (layer is null)
        {
            throw new ArgumentNullException(nameof(layer));
        }

        if (ReferenceEquals(layer.Outline, this))
        {
            OutlineLog.LayerAlreadyAdded(_logger, layer.Name);

            return layer;
        }

        if (layer.Outline != null)
        {
            throw new OutlineException("Layer '" + layer.Name + "' already belongs to outline '" + layer.Outline.Name + "'.");
        }

        if (IsLayer(layer.Name))
        {
            throw new OutlineException("Outline '" + Name + "' already has a layer named '" + layer.Name + "'.");
        }

        _layers.Add(layer);
        _byName.Set(layer.Name, layer);
        layer.Outline = this;
        OutlineLog.AddingLayer(_logger, layer.Name);

        return layer;
    }

    /// <summary>Adds several layers in order.</summary>
    /// <param name="layers">The layers.</param>
    /// <returns>This outline.</returns>
    public Outline AddLayers(params Layer[] layers)
    {
        foreach (var layer in layers ?? throw new ArgumentNullException(nameof(layers)))
        {
            AddLayer(layer);
        }

        return this;
    }

    /// <summary>Removes a layer. Depends on it stay on other layers (validation reports them).</summary>
    /// <param name="layer">The layer.</param>
    /// <returns><see langword="true"/> when it was in the outline.</returns>
    public bool RemoveLayer(Layer layer)
    {
        if (layer is null || !_layers.Remove(layer))
        {
            return false;
        }

        if (_byName.TryGetValue(layer.Name, out var indexed) && ReferenceEquals(indexed, layer))
        {
            _byName.Remove(layer.Name);
        }

        layer.Outline = null;
        return true;
    }

    /// <summary>The layer with the given name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="LayerNotFoundException">No layer has that name.</exception>
    public Layer GetLayer(string name) =>
        TryGetLayer(name, out var layer) ? layer! : throw new LayerNotFoundException(Name, name, string.Join(", ", _layers.Select(l => l.Name)));

    /// <summary>Looks a layer up by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="layer">The layer, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetLayer(string name, out Layer? layer)
    {
        // The index is kept up to date by Layer.Name's setter (Renamed); the scan covers two layers
        // renamed to the same name, which validation reports.
        if (name != null && _byName.TryGetValue(name, out layer) && string.Equals(layer.Name, name, StringComparison.Ordinal))
        {
            return true;
        }

        layer = _nameCollision ? ScanForLayer(name) : null;
        return layer != null;
    }

    /// <summary>Whether a layer has the name.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when one does.</returns>
    public bool IsLayer(string name) => TryGetLayer(name, out _);

    /// <summary>The layers in the order added (a copy).</summary>
    /// <returns>The layers.</returns>
    public IReadOnlyList<Layer> GetLayers() => _layers.ToArray();

    /// <summary>
    /// Turns every layer's pending require strings into depends (PyOutline's <c>setup_depends</c>,
    /// run at launch). A require naming a missing layer stays pending (PyOutline drops it with a
    /// warning); <see cref="Validate(SpecWriterOptions?)"/> reports it as an error every time.
    /// Validation and writing call this; calling it again does nothing new.
    /// </summary>
    public void SetupDepends()
    {
        foreach (var layer in _layers)
        {
            if (layer.RequireCount == 0)
            {
                continue;
            }

            foreach (var text in layer.Requires.ToArray())
            {
                var require = RequireString.Parse(text);
                if (TryGetLayer(require.LayerName, out var target))
                {
                    layer.DependOn(target!, require.Type);
                    layer.RemoveRequire(text);
                }
                else
                {
                    // Kept pending: validation keeps reporting it, and it resolves if the layer is added later.
                    OutlineLog.InvalidRequire(Logger, text, layer.Name);
                }
            }
        }
    }

    /// <summary>Checks the outline against every rule Cuebot enforces at launch and more; every problem at once.</summary>
    /// <param name="options">The launch values the spec will carry (defaults when null).</param>
    /// <returns>The problems found.</returns>
    public ValidationResult Validate(SpecWriterOptions? options = null) => OutlineValidator.Validate(this, options ?? new SpecWriterOptions());

    /// <summary>Validates, then writes Cuebot's XML job spec.</summary>
    /// <param name="options">Spec version and launch values (defaults when null).</param>
    /// <returns>The spec.</returns>
    /// <exception cref="OutlineValidationException">The outline has errors; all are listed.</exception>
    public string ToSpec(SpecWriterOptions? options = null) => SpecWriter.Write(this, options);

    /// <inheritdoc />
    public override string ToString() => Name;

    // The first layer with the name, by a scan (a method of its own, so that lookups that do not
    // scan do not allocate the lambda's closure).
    private Layer? ScanForLayer(string? name) => _layers.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.Ordinal));

    /// <summary>Keeps the name index right when a layer of this outline is renamed.</summary>
    internal void Renamed(Layer layer, string oldName)
    {
        if (_byName.TryGetValue(oldName, out var indexed) && ReferenceEquals(indexed, layer))
        {
            _byName.Remove(oldName);
        }

        if (!_byName.ContainsKey(layer.Name))
        {
            _byName.Set(layer.Name, layer);
        }
        else
        {
            // Two layers now share a name (validation reports it): lookups fall back to a scan.
            _nameCollision = true;
        }
    }
}
