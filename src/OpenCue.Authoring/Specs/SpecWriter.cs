using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using OpenCue.Authoring.Internal;
using OpenCue.Authoring.Specs.Internal;
using OpenCue.Authoring.Validation;

namespace OpenCue.Authoring.Specs;

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
                SpecLog.ValidationWarning(outline.Logger, warning.ToString());
            }

            result.ThrowIfInvalid();
        }
        else
        {
            outline.SetupDepends();
        }

        // Written twice: once counting, once into the string itself (see EtreeWriter).
        var job = new SpecJob(outline, options);
        var counter = EtreeWriter.Counter();
        WriteSpec(ref counter, job);
#if NET
        return string.Create(counter.Length, job, static (span, job) =>
        {
            var xml = new EtreeWriter(span);
            WriteSpec(ref xml, job);
            xml.CheckFilled();
        });
#else
        var chars = new char[counter.Length];
        var xml = new EtreeWriter(chars);
        WriteSpec(ref xml, job);
        xml.CheckFilled();
        return new string(chars);
#endif
    }

    private static void WriteSpec(ref EtreeWriter xml, SpecJob job)
    {
        xml.Raw(job.Header);
        xml.Start("spec");
        xml.Element("facility", job.Facility);
        xml.Element("show", job.Show);
        xml.Element("shot", job.Shot);
        xml.Element("user", job.User);
        if (job.Email != null)
        {
            xml.Element("email", job.Email);
        }

        xml.Element("uid", job.Uid);
        WriteJob(ref xml, job);
        WriteDepends(ref xml, job);
        xml.End("spec");
    }

    private static void WriteJob(ref EtreeWriter xml, SpecJob job)
    {
        var outline = job.Outline;
        var options = job.Options;
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

        WriteEnv(ref xml, outline.EnvironmentMap);
        xml.Start("layers");
        if (job.Written is null)
        {
            // The first pass decides which layers are written, with their ranges and commands, in
            // the order (and so with the exceptions, for an outline not validated) of writing.
            var layers = outline.LayerList.ToArray();
            var written = new List<Layer>(layers.Length);
            var ranges = new List<string>(layers.Length);
            var commands = new List<string>(layers.Length);
            foreach (var layer in layers)
            {
                var range = layer.GetFrameRange(options.ExplicitIntersectedRanges);
                if (range is null)
                {
                    SpecLog.LayerOutsideRange(outline.Logger, layer.Name, layer.Range, outline.FrameRange);
                    continue;
                }

                var command = layer.GetCommandLine() ?? throw new OutlineException("Layer '" + layer.Name + "' has no command.");
                written.Add(layer);
                ranges.Add(range);
                commands.Add(command);
                WriteLayer(ref xml, layer, command, range, options);
            }

            if (written.Count == 0)
            {
                throw new OutlineException("Failed to launch job. There are no layers with frame ranges that intersect the job's frame range: " + outline.FrameRange);
            }

            job.Written = written;
            job.Ranges = ranges;
            job.Commands = commands;
        }
        else
        {
            for (var i = 0; i < job.Written.Count; i++)
            {
                WriteLayer(ref xml, job.Written[i], job.Commands![i], job.Ranges![i], options);
            }
        }

        xml.End("layers");
        xml.End("job");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteLayer(ref EtreeWriter xml, Layer layer, string command, string range, SpecWriterOptions options)
    {
        var version = options.Version;
        xml.Start("layer", "name", layer.Name, "type", TypeName(layer.Type));
        xml.Element("cmd", command);
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

        var limits = layer.LimitList;
        if (limits.Count > 0)
        {
            xml.Start("limits");
            for (var i = 0; i < limits.Count; i++)
            {
                xml.Element("limit", limits[i]);
            }

            xml.End("limits");
        }

        WriteEnv(ref xml, layer.EnvironmentMap);
        xml.Start("services");
        xml.Element("service", layer.SpecService);
        xml.End("services");
        if (version.SupportsOutputs)
        {
            xml.Start("outputs");
            foreach (var output in layer.OutputMap)
            {
                xml.Element("output", output.Value, "name", output.Key);
            }

            xml.End("outputs");
        }

        xml.End("layer");
    }

    private static void WriteDepends(ref EtreeWriter xml, SpecJob job)
    {
        xml.Start("depends");
        foreach (var layer in job.Written!)
        {
            WriteDepends(ref xml, job, layer);
        }

        xml.End("depends");
    }

    // A method of its own, called once per layer: the loops stay small, so the runtime never has
    // to recompile a large method in the middle of its loop (which costs megabytes).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteDepends(ref EtreeWriter xml, SpecJob job, Layer layer)
    {
        var outline = job.Outline;
        foreach (var depend in layer.DependList)
        {
            xml.Start("depend", "type", depend.Type.ToCuebotName(), "anyframe", Bool(depend.IsAnyFrame));
            xml.Element("depjob", outline.Name);
            xml.Element("deplayer", layer.Name);
            xml.Element("onjob", outline.Name);
            if (depend.Type == DependType.LayerOnSimFrame)
            {
                var onRange = depend.DependOnLayer.GetFrameRange(job.Options.ExplicitIntersectedRanges);
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

    private static void WriteEnv(ref EtreeWriter xml, OrderedMap env)
    {
        xml.Start("env");
        foreach (var pair in env)
        {
            xml.Element("key", pair.Value, "name", pair.Key);
        }

        xml.End("env");
    }

    private static string Bool(bool value) => value ? "True" : "False";

    // The enum's names, without formatting the enum each time.
    private static string TypeName(LayerType type) => type switch
    {
        LayerType.Render => nameof(LayerType.Render),
        LayerType.Util => nameof(LayerType.Util),
        LayerType.Post => nameof(LayerType.Post),
        _ => type.ToString(),
    };

    /// <summary>What both passes write: the outline, the options, and values read once.</summary>
    private sealed class SpecJob
    {
        public SpecJob(Outline outline, SpecWriterOptions options)
        {
            Outline = outline;
            Options = options;
            Header = "<?xml version=\"1.0\"?><!DOCTYPE spec PUBLIC \"" + PublicId + "\" \"" + SystemId(options.Version) + "\">";
            Facility = options.EffectiveFacility(outline);
            Show = outline.Show;
            Shot = outline.Shot;
            User = outline.User;
            Email = options.NoMail ? null : User + "@" + options.EmailDomain;
            Uid = options.EffectiveUid().ToString(CultureInfo.InvariantCulture);
        }

        public Outline Outline { get; }

        public SpecWriterOptions Options { get; }

        public string Header { get; }

        public string Facility { get; }

        public string Show { get; }

        public string Shot { get; }

        public string User { get; }

        public string? Email { get; }

        public string Uid { get; }

        /// <summary>The layers written, set by the first pass, with their ranges and commands.</summary>
        public List<Layer>? Written { get; set; }

        public List<string>? Ranges { get; set; }

        public List<string>? Commands { get; set; }
    }
}
