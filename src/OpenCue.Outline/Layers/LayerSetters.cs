using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenCue.Outline
{
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
        {
            CheckNotNull(layer);
            layer.MinCores = cores;
            return layer;
        }

        /// <summary>Maximum cores per frame (<see cref="Layer.MaxCores"/>; applied after launch, not in the spec).</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="cores">Cores.</param>
        /// <returns>The layer.</returns>
        public static T SetMaxCores<T>(this T layer, double cores)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.MaxCores = cores;
            return layer;
        }

        /// <summary>Minimum memory in megabytes; written as <c>&lt;memory&gt;NNNNm&lt;/memory&gt;</c>.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="megabytes">Megabytes.</param>
        /// <returns>The layer.</returns>
        public static T SetMinMemory<T>(this T layer, long megabytes)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.MinMemoryMegabytes = megabytes;
            return layer;
        }

        /// <summary>Minimum memory as Cuebot text (<c>8g</c>, <c>512m</c>; a bare number is gigabytes).</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="memory">The memory text.</param>
        /// <returns>The layer.</returns>
        public static T SetMemory<T>(this T layer, string memory)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.Memory = memory;
            return layer;
        }

        /// <summary>Minimum GPUs per frame.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="gpus">GPUs.</param>
        /// <returns>The layer.</returns>
        public static T SetMinGpus<T>(this T layer, int gpus)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.MinGpus = gpus;
            return layer;
        }

        /// <summary>Minimum GPU memory in megabytes.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="megabytes">Megabytes.</param>
        /// <returns>The layer.</returns>
        public static T SetMinGpuMemory<T>(this T layer, long megabytes)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.GpuMemory = megabytes.ToString(CultureInfo.InvariantCulture) + "m";
            return layer;
        }

        /// <summary>The service (first of a comma-separated list is written).</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="service">The service name.</param>
        /// <returns>The layer.</returns>
        public static T SetService<T>(this T layer, string service)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.Service = service;
            return layer;
        }

        /// <summary>Frames per task (PyOutline <c>set_chunk_size</c>).</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="chunk">Frames per task, at least 1.</param>
        /// <returns>The layer.</returns>
        public static T SetChunk<T>(this T layer, int chunk)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.Chunk = chunk;
            return layer;
        }

        /// <summary>Retries of a failed frame (<see cref="Layer.RetryCount"/>: applied job-wide after launch, not in the spec).</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="retries">Retries, 0 to 16.</param>
        /// <returns>The layer.</returns>
        public static T SetRetryCount<T>(this T layer, int retries)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.RetryCount = retries;
            return layer;
        }

        /// <summary>Frame timeout in minutes.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="minutes">Minutes; 0 means none.</param>
        /// <returns>The layer.</returns>
        public static T SetTimeout<T>(this T layer, int minutes)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.Timeout = minutes;
            return layer;
        }

        /// <summary>Minutes without log output before a frame is killed.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="minutes">Minutes; 0 means none.</param>
        /// <returns>The layer.</returns>
        public static T SetTimeoutLlu<T>(this T layer, int minutes)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.TimeoutLlu = minutes;
            return layer;
        }

        /// <summary>Replaces the host tags.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="tags">Tag names (each at least 3 characters of letters, digits, <c>_ . -</c>).</param>
        /// <returns>The layer.</returns>
        public static T SetTags<T>(this T layer, params string[] tags)
            where T : Layer
        {
            CheckNotNull(layer);
            Replace(layer.Tags, tags);
            return layer;
        }

        /// <summary>Replaces the host tags from a <c>|</c>-separated string (<c>general | desktop</c>).</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="tags">The tags text.</param>
        /// <returns>The layer.</returns>
        public static T SetTags<T>(this T layer, string tags)
            where T : Layer
        {
            CheckNotNull(layer);
            Replace(layer.Tags, (tags ?? string.Empty).Split('|').Select(t => t.Trim()));
            return layer;
        }

        /// <summary>Replaces the limits.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="limits">Limit names.</param>
        /// <returns>The layer.</returns>
        public static T SetLimits<T>(this T layer, params string[] limits)
            where T : Layer
        {
            CheckNotNull(layer);
            Replace(layer.Limits, limits);
            return layer;
        }

        /// <summary>Whether frames may use more cores than the minimum.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="threadable">Threadable.</param>
        /// <returns>The layer.</returns>
        public static T SetThreadable<T>(this T layer, bool threadable = true)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.Threadable = threadable;
            return layer;
        }

        /// <summary>Sets an environment variable of the layer's frames.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="key">The name.</param>
        /// <param name="value">The value.</param>
        /// <returns>The layer.</returns>
        public static T SetEnv<T>(this T layer, string key, string value)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.SetEnvironment(key, value);
            return layer;
        }

        /// <summary>The layer type.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="type">Render, Util or Post.</param>
        /// <returns>The layer.</returns>
        public static T SetType<T>(this T layer, LayerType type)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.Type = type;
            return layer;
        }

        /// <summary>The layer's own frame range (ignored by single-frame layers).</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="range">A frame set, e.g. <c>1-100</c>, <c>1-100x2</c>.</param>
        /// <returns>The layer.</returns>
        public static T SetFrameRange<T>(this T layer, string range)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.Range = range;
            return layer;
        }

        /// <summary>The layer's own frame range from a frame set.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="range">The frames.</param>
        /// <returns>The layer.</returns>
        public static T SetFrameRange<T>(this T layer, FrameSet range)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.Range = (range ?? throw new ArgumentNullException(nameof(range))).ToCompactString();
            return layer;
        }

        /// <summary>Registers an output path (PyOutline <c>add_output</c>).</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="name">The output name.</param>
        /// <param name="path">The path.</param>
        /// <returns>The layer.</returns>
        public static T AddOutput<T>(this T layer, string name, string path)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.RegisterOutput(name, path);
            return layer;
        }

        /// <summary>Sets the command as an argument list.</summary>
        /// <typeparam name="T">The layer type.</typeparam>
        /// <param name="layer">The layer.</param>
        /// <param name="arguments">Program and arguments.</param>
        /// <returns>The layer.</returns>
        public static T SetCommand<T>(this T layer, params string[] arguments)
            where T : Layer
        {
            CheckNotNull(layer);
            layer.Command = LayerCommand.FromArguments(arguments);
            return layer;
        }

        private static void CheckNotNull(Layer layer)
        {
            if (layer is null)
            {
                throw new ArgumentNullException(nameof(layer));
            }
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
}
