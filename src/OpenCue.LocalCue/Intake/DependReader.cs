using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using OpenCue.Authoring;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// The spec's depends: read and conformed as Cuebot's <c>handleDependTag</c> does, then resolved
/// as <c>DependManagerService.createDepend</c> would, against the jobs of this spec only.
/// </summary>
internal static class DependReader
{
    private enum Part
    {
        Job,
        Layer,
        Frame,
    }

    // What each type uses on the depend-er and the depend-on side (Cuebot reads nothing else).
    private static readonly Dictionary<string, (Part Er, Part On)> Parts = new Dictionary<string, (Part, Part)>(StringComparer.Ordinal)
    {
        ["JOB_ON_JOB"] = (Part.Job, Part.Job),
        ["JOB_ON_LAYER"] = (Part.Job, Part.Layer),
        ["JOB_ON_FRAME"] = (Part.Job, Part.Frame),
        ["LAYER_ON_JOB"] = (Part.Layer, Part.Job),
        ["LAYER_ON_LAYER"] = (Part.Layer, Part.Layer),
        ["LAYER_ON_FRAME"] = (Part.Layer, Part.Frame),
        ["FRAME_ON_JOB"] = (Part.Frame, Part.Job),
        ["FRAME_ON_LAYER"] = (Part.Frame, Part.Layer),
        ["FRAME_ON_FRAME"] = (Part.Frame, Part.Frame),
        ["FRAME_BY_FRAME"] = (Part.Layer, Part.Layer),
        ["PREVIOUS_FRAME"] = (Part.Layer, Part.Layer),
        ["LAYER_ON_SIM_FRAME"] = (Part.Layer, Part.Frame),
    };

    /// <summary>Reads the depends of the first <c>&lt;depends&gt;</c>, conforming every name present.</summary>
    public static List<DependDefinition> Read(XElement spec, SpecHeader header)
    {
        var depends = new List<DependDefinition>();
        foreach (var element in spec.Element("depends")?.Elements("depend") ?? Array.Empty<XElement>())
        {
            var type = (SpecXml.Attribute(element, "type") ?? string.Empty).ToUpperInvariant();
            if (!Parts.TryGetValue(type, out var parts))
            {
                // Only reachable when an internal DTD subset redeclares depend@type.
                throw new SpecRejectedException("error, invalid depend type: " + SpecXml.Attribute(element, "type") +
                    " (one of " + string.Join(", ", CjslSchema.DependTypes) + ")");
            }

            var anyFrame = string.Equals(type, "LAYER_ON_LAYER", StringComparison.Ordinal) &&
                CueUnits.StringToBool(SpecXml.Attribute(element, "anyframe"));
            var erJob = header.ConformJobName(SpecXml.Text(element, "depjob"), type + " depend, <depjob>");
            var onJob = header.ConformJobName(SpecXml.Text(element, "onjob"), type + " depend, <onjob>");
            var erLayer = Layer(SpecXml.Text(element, "deplayer"), type, "deplayer");
            var onLayer = Layer(SpecXml.Text(element, "onlayer"), type, "onlayer");
            var erFrame = Frame(SpecXml.Text(element, "depframe"), type, "depframe");
            var onFrame = Frame(SpecXml.Text(element, "onframe"), type, "onframe");
            if (onFrame != null && string.Equals(onFrame, erFrame, StringComparison.Ordinal))
            {
                throw new SpecRejectedException("The frame name: " + erFrame + " cannot depend on itself.");
            }

            var (er, on) = parts;
            depends.Add(new DependDefinition
            {
                Type = type,
                AnyFrame = anyFrame,
                DependErJob = erJob,
                DependErLayer = er == Part.Layer ? erLayer : null,
                DependErFrame = er == Part.Frame ? erFrame : null,
                OnJob = onJob,
                OnLayer = on == Part.Layer ? onLayer : null,
                OnFrame = on == Part.Frame ? onFrame : null,
            });
        }

        return depends;
    }

    /// <summary>
    /// Checks every depend against the spec's jobs as Cuebot does when it creates them: the jobs,
    /// layers and frames must exist, and nothing may depend on itself.
    /// </summary>
    public static void Resolve(IReadOnlyList<DependDefinition> depends, IReadOnlyList<JobDefinition> jobs)
    {
        var byName = new Dictionary<string, JobDefinition>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            byName[job.Name] = job;
        }

        var frameSets = new Dictionary<LayerDefinition, HashSet<int>>();
        var layers = new Dictionary<JobDefinition, Dictionary<string, LayerDefinition>>();
        LayerDefinition FindLayer(JobDefinition job, string? name, string element, string what) => DependReader.FindLayer(layers, job, name, element, what);
        foreach (var depend in depends)
        {
            var what = depend.Type + " depend of " + depend.DependErJob;
            if (string.Equals(depend.Type, "LAYER_ON_FRAME", StringComparison.Ordinal))
            {
                throw new SpecRejectedException("error, the " + what + " cannot be launched: Cuebot reads the <onlayer> text as the frame name " +
                    "of a LAYER_ON_FRAME depend (and ignores <onframe>), so no frame can match. Use LAYER_ON_SIM_FRAME or FRAME_ON_FRAME instead.");
            }

            var erJob = FindJob(byName, depend.DependErJob, what);
            var onJob = FindJob(byName, depend.OnJob, what);
            var (er, on) = Parts[depend.Type];
            var erLayer = er == Part.Layer ? FindLayer(erJob, depend.DependErLayer, "deplayer", what) : null;
            var onLayer = on == Part.Layer ? FindLayer(onJob, depend.OnLayer, "onlayer", what) : null;
            var erFrameLayer = er == Part.Frame ? FindFrame(layers, erJob, depend.DependErFrame, "depframe", what, frameSets) : null;
            var onFrameLayer = on == Part.Frame ? FindFrame(layers, onJob, depend.OnFrame, "onframe", what, frameSets) : null;
            CheckNotSelf(depend, erJob, onJob, erLayer ?? erFrameLayer, onLayer ?? onFrameLayer);
        }
    }

    private static string? Layer(string? text, string type, string element)
    {
        if (text is null)
        {
            return null;
        }

        return CueNames.TryConformName("Layer", text, out var name, out var error)
            ? name
            : throw new SpecRejectedException(error + " (" + type + " depend, <" + element + ">)");
    }

    private static string? Frame(string? text, string type, string element)
    {
        if (text is null)
        {
            return null;
        }

        return CueNames.TryConformFrameName(text, out var name, out var error)
            ? name
            : throw new SpecRejectedException(error + " (" + type + " depend, <" + element + ">)");
    }

    private static JobDefinition FindJob(Dictionary<string, JobDefinition> jobs, string name, string what) =>
        jobs.TryGetValue(name, out var job)
            ? job
            : throw new SpecRejectedException("failed to setup new dependency: " + what + ", the job " + name +
                " is not defined in this spec (LocalCue resolves depends among the jobs of the same spec; " +
                "known: " + string.Join(", ", jobs.Keys) + ").");

    private static LayerDefinition FindLayer(Dictionary<JobDefinition, Dictionary<string, LayerDefinition>> index, JobDefinition job, string? name, string element, string what)
    {
        if (name is null)
        {
            throw new SpecRejectedException("failed to setup new dependency: " + what + " needs a <" + element + ">.");
        }

        if (!index.TryGetValue(job, out var byName))
        {
            byName = new Dictionary<string, LayerDefinition>(StringComparer.Ordinal);
            foreach (var layer in job.Layers)
            {
                byName.TryAdd(layer.Name, layer);
            }

            index[job] = byName;
        }

        return byName.TryGetValue(name, out var found) ? found
            : throw new SpecRejectedException("failed to setup new dependency: " + what + ", the layer " + name +
                " does not exist in job " + job.Name + " (layers: " + string.Join(", ", job.Layers.Select(l => l.Name)) + ").");
    }

    // A frame name is %04d-layer; the frame must be one of the layer's chunk-start frames.
    private static LayerDefinition FindFrame(
        Dictionary<JobDefinition, Dictionary<string, LayerDefinition>> layers, JobDefinition job, string? name, string element, string what, Dictionary<LayerDefinition, HashSet<int>> frameSets)
    {
        if (name is null)
        {
            throw new SpecRejectedException("failed to setup new dependency: " + what + " needs a <" + element + ">.");
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var number = int.Parse(name.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture);
        var layer = FindLayer(layers, job, name.Substring(dash + 1), element, what);
        if (!frameSets.TryGetValue(layer, out var frames))
        {
            frames = new HashSet<int>(layer.Frames);
            frameSets[layer] = frames;
        }

        return frames.Contains(number)
            ? layer
            : throw new SpecRejectedException("failed to setup new dependency: " + what + ", the frame " + name + " does not exist in job " +
                job.Name + " (layer " + layer.Name + " has range " + layer.Range + ", chunk " + layer.Chunk.ToString(CultureInfo.InvariantCulture) +
                "; only chunk-start frames exist).");
    }

    // The checks of Cuebot's depend constructors.
    private static void CheckNotSelf(DependDefinition depend, JobDefinition erJob, JobDefinition onJob, LayerDefinition? erLayer, LayerDefinition? onLayer)
    {
        var sameJob = ReferenceEquals(erJob, onJob);
        var sameLayer = erLayer != null && ReferenceEquals(erLayer, onLayer);
        string? error = depend.Type switch
        {
            "JOB_ON_JOB" when sameJob => "A job cannot depend on itself.",
            "JOB_ON_LAYER" when sameJob => "A job cannot depend on one of its own layers.",
            "JOB_ON_FRAME" when sameJob => "A job cannot depend on one of its own frames.",
            "LAYER_ON_JOB" when sameJob => "A layer cannot depend on its own job.",
            "FRAME_ON_JOB" when sameJob => "A frame cannot depend on its own job.",
            "FRAME_ON_LAYER" when sameJob && sameLayer => "The frame " + depend.DependErFrame + " cannot depend on its own layer.",
            "FRAME_ON_FRAME" when sameJob && string.Equals(depend.DependErFrame, depend.OnFrame, StringComparison.Ordinal) =>
                "The frame " + depend.DependErFrame + " cannot depend on itself.",
            "LAYER_ON_LAYER" or "FRAME_BY_FRAME" or "LAYER_ON_SIM_FRAME" when sameJob && sameLayer =>
                "Cannot make the layer " + erLayer!.Name + " depend on itself.",
            _ => null,
        };
        if (error != null)
        {
            throw new SpecRejectedException("failed to setup new dependency: " + depend.Type + " depend of " + depend.DependErJob + ": " + error);
        }
    }
}
