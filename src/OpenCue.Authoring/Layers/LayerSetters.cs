using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenCue.Authoring;

/// <summary>
/// The tutorial's chainable setters: each sets a <see cref="Layer"/> property and returns the same
/// layer, typed as it was, so calls can be chained (<c>new Shell(...).SetMinCores(4).SetChunk(5)</c>).
/// Values are checked by <see cref="Outline.Validate(Specs.SpecWriterOptions?)"/>, not here, so every
/// problem is reported at once.
/// </summary>
public static class LayerSetters
{
    /// <summary>Minimum cores per frame (<see cref="Layer.MinCores"/>; PyOutline's <c>cores</c> argument).</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="cores">Cores; fractions are written with one decimal.</param>
    /// <returns>The layer.</returns>
    public static T SetMinCores<T>(this T layer, double cores)
        where T : Layer
        => Apply(layer, cores, static (l, v) => l.MinCores = v);

    /// <summary>Maximum cores per frame (<see cref="Layer.MaxCores"/>; applied after launch, not in the spec).</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="cores">Cores.</param>
    /// <returns>The layer.</returns>
    public static T SetMaxCores<T>(this T layer, double cores)
        where T : Layer
        => Apply(layer, cores, static (l, v) => l.MaxCores = v);

    /// <summary>Minimum memory in megabytes; written as <c>&lt;memory&gt;NNNNm&lt;/memory&gt;</c>.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="megabytes">Megabytes.</param>
    /// <returns>The layer.</returns>
    public static T SetMinMemory<T>(this T layer, long megabytes)
        where T : Layer
        => Apply(layer, megabytes, static (l, v) => l.MinMemoryMegabytes = v);

    /// <summary>Minimum memory as Cuebot text (<c>8g</c>, <c>512m</c>; a bare number is gigabytes).</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="memory">The memory text.</param>
    /// <returns>The layer.</returns>
    public static T SetMemory<T>(this T layer, string memory)
        where T : Layer
        => Apply(layer, memory, static (l, v) => l.Memory = v);

    /// <summary>Minimum GPUs per frame.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="gpus">GPUs.</param>
    /// <returns>The layer.</returns>
    public static T SetMinGpus<T>(this T layer, int gpus)
        where T : Layer
        => Apply(layer, gpus, static (l, v) => l.MinGpus = v);

    /// <summary>Minimum GPU memory in megabytes.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="megabytes">Megabytes.</param>
    /// <returns>The layer.</returns>
    public static T SetMinGpuMemory<T>(this T layer, long megabytes)
        where T : Layer
        => Apply(layer, megabytes, static (l, v) => l.GpuMemory = v.ToString(CultureInfo.InvariantCulture) + "m");

    /// <summary>The service (first of a comma-separated list is written).</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="service">The service name.</param>
    /// <returns>The layer.</returns>
    public static T SetService<T>(this T layer, string service)
        where T : Layer
        => Apply(layer, service, static (l, v) => l.Service = v);

    /// <summary>Frames per task (PyOutline <c>set_chunk_size</c>).</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="chunk">Frames per task, at least 1.</param>
    /// <returns>The layer.</returns>
    public static T SetChunk<T>(this T layer, int chunk)
        where T : Layer
        => Apply(layer, chunk, static (l, v) => l.Chunk = v);

    /// <summary>Retries of a failed frame (<see cref="Layer.RetryCount"/>: applied job-wide after launch, not in the spec).</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="retries">Retries, 0 to 16.</param>
    /// <returns>The layer.</returns>
    public static T SetRetryCount<T>(this T layer, int retries)
        where T : Layer
        => Apply(layer, retries, static (l, v) => l.RetryCount = v);

    /// <summary>Frame timeout in minutes.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="minutes">Minutes; 0 means none.</param>
    /// <returns>The layer.</returns>
    public static T SetTimeout<T>(this T layer, int minutes)
        where T : Layer
        => Apply(layer, minutes, static (l, v) => l.Timeout = v);

    /// <summary>Minutes without log output before a frame is killed.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="minutes">Minutes; 0 means none.</param>
    /// <returns>The layer.</returns>
    public static T SetTimeoutLlu<T>(this T layer, int minutes)
        where T : Layer
        => Apply(layer, minutes, static (l, v) => l.TimeoutLlu = v);

    /// <summary>Replaces the host tags.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="tags">Tag names (each at least 3 characters of letters, digits, <c>_ . -</c>).</param>
    /// <returns>The layer.</returns>
    public static T SetTags<T>(this T layer, params string[] tags)
        where T : Layer
        => Apply(layer, tags, static (l, v) => Replace(l.Tags, v));

    /// <summary>Replaces the host tags from a <c>|</c>-separated string (<c>general | desktop</c>).</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="tags">The tags text.</param>
    /// <returns>The layer.</returns>
    public static T SetTags<T>(this T layer, string tags)
        where T : Layer
        => Apply(layer, tags, static (l, v) => Replace(l.Tags, (v ?? string.Empty).Split('|').Select(t => t.Trim())));

    /// <summary>Replaces the limits.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="limits">Limit names.</param>
    /// <returns>The layer.</returns>
    public static T SetLimits<T>(this T layer, params string[] limits)
        where T : Layer
        => Apply(layer, limits, static (l, v) => Replace(l.Limits, v));

    /// <summary>Whether frames may use more cores than the minimum.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="threadable">Threadable.</param>
    /// <returns>The layer.</returns>
    public static T SetThreadable<T>(this T layer, bool threadable = true)
        where T : Layer
        => Apply(layer, threadable, static (l, v) => l.Threadable = v);

    /// <summary>Sets an environment variable of the layer's frames.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="key">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The layer.</returns>
    public static T SetEnv<T>(this T layer, string key, string value)
        where T : Layer
        => Apply(layer, (key, value), static (l, v) => l.SetEnvironment(v.key, v.value));

    /// <summary>The layer type.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="type">Render, Util or Post.</param>
    /// <returns>The layer.</returns>
    public static T SetType<T>(this T layer, LayerType type)
        where T : Layer
        => Apply(layer, type, static (l, v) => l.Type = v);

    /// <summary>The layer's own frame range (ignored by single-frame layers).</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="range">A frame set, e.g. <c>1-100</c>, <c>1-100x2</c>.</param>
    /// <returns>The layer.</returns>
    public static T SetFrameRange<T>(this T layer, string range)
        where T : Layer
        => Apply(layer, range, static (l, v) => l.Range = v);

    /// <summary>The layer's own frame range from a frame set.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="range">The frames.</param>
    /// <returns>The layer.</returns>
    public static T SetFrameRange<T>(this T layer, FrameSet range)
        where T : Layer
        => Apply(layer, range, static (l, v) => l.Range = (v ?? throw new ArgumentNullException(nameof(range))).ToCompactString());

    /// <summary>Registers an output path (PyOutline <c>add_output</c>).</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="name">The output name.</param>
    /// <param name="path">The path.</param>
    /// <returns>The layer.</returns>
    public static T AddOutput<T>(this T layer, string name, string path)
        where T : Layer
        => Apply(layer, (name, path), static (l, v) => l.RegisterOutput(v.name, v.path));

    /// <summary>Sets the command as an argument list.</summary>
    /// <typeparam name="T">The layer type.</typeparam>
    /// <param name="layer">The layer.</param>
    /// <param name="arguments">Program and arguments.</param>
    /// <returns>The layer.</returns>
    public static T SetCommand<T>(this T layer, params string[] arguments)
        where T : Layer
        => Apply(layer, arguments, static (l, v) => l.Command = LayerCommand.FromArguments(v));

    // The value travels as state, so the static lambdas allocate nothing per call.
    private static T Apply<T, TValue>(T layer, TValue value, Action<T, TValue> set)
        where T : Layer
    {
        if (layer is null)
        {
            throw new ArgumentNullException(nameof(layer));
        }

        set(layer, value);
        return layer;
    }

    private static void Replace(IList<string> target, IEnumerable<string>? values)
    {
        var copy = (values ?? Enumerable.Empty<string>()).ToList();
        target.Clear();
        foreach (var value in copy)
        {
            target.Add(value);
        }
    }
}
