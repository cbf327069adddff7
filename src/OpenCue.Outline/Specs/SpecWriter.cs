using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenCue.Outline.Specs.Internal;
using OpenCue.Outline.Validation;

namespace OpenCue.Outline.Specs
{
    /// <summary>
    /// Writes an <see cref="Outline"/> as Cuebot's XML job spec, element for element as PyOutline's
    /// serializer does (one line, ElementTree formatting, the DOCTYPE Cuebot resolves), with two
    /// deliberate differences: argument-list commands are shell-quoted, and every outline env var is sent.
    /// </summary>
    public static class SpecWriter
    {
        /// <summary>The DOCTYPE public id PyOutline writes (two spaces; Cuebot ignores it).</summary>
        public const string PublicId = "SPI Cue  Specification Language";

        /// <summary>The system id prefix Cuebot maps to its bundled DTDs.</summary>
        public const string SystemIdPrefix = "http://localhost:8080/spcue/dtd/";

        /// <summary>The DTD system id for a version, e.g. <c>http://localhost:8080/spcue/dtd/cjsl-1.15.dtd</c>.</summary>
        /// <param name="version">The version.</param>
        /// <returns>The system id.</returns>
        public static string SystemId(SpecVersion version) => SystemIdPrefix + "cjsl-" + version + ".dtd";

        /// <summary>Validates (unless <see cref="SpecWriterOptions.Validate"/> is off) and writes the spec.</summary>
        /// <param name="outline">The outline.</param>
        /// <param name="options">Version and launch values; defaults when null.</param>
        /// <returns>The spec XML.</returns>
        /// <exception cref="OutlineValidationException">The outline has errors; all are listed.</exception>
        public static string Write(Outline outline, SpecWriterOptions? options = null)
        {
            if (outline is null)
            {
                throw new ArgumentNullException(nameof(outline));
            }

            options ??= new SpecWriterOptions();
            if (options.Validate)
            {
                var result = outline.Validate(options);
                foreach (var warning in result.Warnings)
                {
                    outline.Logger.LogWarning("{Problem}", warning.ToString());
                }

                result.ThrowIfInvalid();
            }
            else
            {
                outline.SetupDepends();
            }

            var text = new StringBuilder(1024);
            text.Append("<?xml version=\"1.0\"?><!DOCTYPE spec PUBLIC \"").Append(PublicId).Append("\" \"").Append(SystemId(options.Version)).Append("\">");
            var xml = new EtreeWriter(text);
            xml.Start("spec");
            var user = outline.User;
            xml.Element("facility", options.EffectiveFacility(outline));
            xml.Element("show", outline.Show);
            xml.Element("shot", outline.Shot);
            xml.Element("user", user);
            if (!options.NoMail)
            {
                xml.Element("email", user + "@" + options.EmailDomain);
            }

            xml.Element("uid", options.EffectiveUid().ToString(CultureInfo.InvariantCulture));
            var written = WriteJob(xml, outline, options);
            WriteDepends(xml, outline, written, options);
            xml.End("spec");
            return text.ToString();
        }

        private static List<Layer> WriteJob(EtreeWriter xml, Outline outline, SpecWriterOptions options)
        {
            var version = options.Version;
            xml.Start("job", "name", outline.Name);
            xml.Element("paused", Bool(options.Paused));
            if (version.SupportsPriority)
            {
                xml.Element("priority", options.Priority.ToString(CultureInfo.InvariantCulture));
            }

            xml.Element("maxretries", options.MaxRetries.ToString(CultureInfo.InvariantCulture));
            if (version.SupportsJobMaxCores)
            {
                if (outline.MaxCores.GetValueOrDefault() != 0)
                {
                    xml.Element("maxcores", outline.MaxCores!.Value.ToString(CultureInfo.InvariantCulture));
                }

                if (outline.MaxGpus.GetValueOrDefault() != 0)
                {
                    xml.Element("maxgpus", outline.MaxGpus!.Value.ToString(CultureInfo.InvariantCulture));
                }
            }

            xml.Element("autoeat", Bool(options.AutoEat));
            if (!string.IsNullOrEmpty(options.Os))
            {
                xml.Element("os", options.Os!);
            }

            WriteEnv(xml, outline.Env);
            var written = new List<Layer>();
            xml.Start("layers");
            foreach (var layer in outline.GetLayers())
            {
                var range = layer.GetFrameRange(options.ExplicitIntersectedRanges);
                if (range is null)
                {
                    outline.Logger.LogInformation("Skipping layer {Layer}: its range {Range} does not intersect the outline range {OutlineRange}", layer.Name, layer.Range, outline.FrameRange);
                    continue;
                }

                written.Add(layer);
                WriteLayer(xml, layer, range, options);
            }

            if (written.Count == 0)
            {
                throw new OutlineException("Failed to launch job. There are no layers with frame ranges that intersect the job's frame range: " + outline.FrameRange);
            }

            xml.End("layers");
            xml.End("job");
            return written;
        }

        private static void WriteLayer(EtreeWriter xml, Layer layer, string range, SpecWriterOptions options)
        {
            var version = options.Version;
            xml.Start("layer", "name", layer.Name, "type", layer.Type.ToString());
            xml.Element("cmd", layer.GetCommandLine() ?? throw new OutlineException("Layer '" + layer.Name + "' has no command."));
            xml.Element("range", range);
            xml.Element("chunk", layer.Chunk.ToString(CultureInfo.InvariantCulture));
            if (layer.MinCores.HasValue)
            {
                xml.Element("cores", CueUnits.FormatCores(layer.MinCores.Value));
            }

            if (layer.Threadable.HasValue)
            {
                xml.Element("threadable", Bool(layer.Threadable.Value));
            }

            if (!string.IsNullOrEmpty(layer.Memory))
            {
                xml.Element("memory", layer.Memory!);
            }

            if (version.SupportsGpus && (layer.MinGpus.GetValueOrDefault() != 0 || !string.IsNullOrEmpty(layer.GpuMemory)))
            {
                // Cuebot expects both when either is set.
                xml.Element("gpus", (layer.MinGpus is > 0 ? layer.MinGpus.Value : 1).ToString(CultureInfo.InvariantCulture));
                xml.Element("gpu_memory", string.IsNullOrEmpty(layer.GpuMemory) ? "1g" : layer.GpuMemory!);
            }

            if (layer.Timeout.GetValueOrDefault() != 0)
            {
                xml.Element("timeout", layer.Timeout!.Value.ToString(CultureInfo.InvariantCulture));
            }

            if (layer.TimeoutLlu.GetValueOrDefault() != 0)
            {
                xml.Element("timeout_llu", layer.TimeoutLlu!.Value.ToString(CultureInfo.InvariantCulture));
            }

            var tags = SpecWriterOptions.EffectiveTags(options, layer);
            if (tags.Count > 0)
            {
                xml.Element("tags", string.Join(" | ", tags));
            }

            if (layer.Limits.Count > 0)
            {
                xml.Start("limits");
                foreach (var limit in layer.Limits)
                {
                    xml.Element("limit", limit);
                }

                xml.End("limits");
            }

            WriteEnv(xml, layer.Env);
            xml.Start("services");
            xml.Element("service", layer.SpecService);
            xml.End("services");
            if (version.SupportsOutputs)
            {
                xml.Start("outputs");
                foreach (var output in layer.Outputs)
                {
                    xml.Element("output", output.Value, "name", output.Key);
                }

                xml.End("outputs");
            }

            xml.End("layer");
        }

        private static void WriteDepends(EtreeWriter xml, Outline outline, List<Layer> written, SpecWriterOptions options)
        {
            xml.Start("depends");
            foreach (var layer in written)
            {
                foreach (var depend in layer.GetDepends())
                {
                    xml.Start("depend", "type", depend.Type.ToCuebotName(), "anyframe", Bool(depend.IsAnyFrame));
                    xml.Element("depjob", outline.Name);
                    xml.Element("deplayer", layer.Name);
                    xml.Element("onjob", outline.Name);
                    if (depend.Type == DependType.LayerOnSimFrame)
                    {
                        var onRange = depend.DependOnLayer.GetFrameRange(options.ExplicitIntersectedRanges);
                        var first = onRange is null ? 0 : FrameSet.Parse(onRange)[0];
                        xml.Element("onframe", CueNames.FrameName(first, depend.DependOnLayer.Name));
                    }
                    else
                    {
                        xml.Element("onlayer", depend.DependOnLayer.Name);
                    }

                    xml.End("depend");
                }
            }

            xml.End("depends");
        }

        private static void WriteEnv(EtreeWriter xml, IReadOnlyDictionary<string, string> env)
        {
            xml.Start("env");
            foreach (var pair in env)
            {
                xml.Element("key", pair.Value, "name", pair.Key);
            }

            xml.End("env");
        }

        private static string Bool(bool value) => value ? "True" : "False";
    }
}
