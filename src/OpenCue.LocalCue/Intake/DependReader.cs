using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using OpenCue.Authoring;
using PbDepend = OpenCue.Proto.Depends;

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

    /// <summary>The Cuebot type of a name of <see cref="DependTypeNames.CuebotTypes"/> (upper case), if it is one.</summary>
    /// <param name="name">The name, e.g. <c>FRAME_BY_FRAME</c>.</param>
    /// <param name="kind">The type.</param>
    /// <returns>Whether the name is one of Cuebot's depend types.</returns>
    internal static bool TryParseKind(string name, out PbDepend.DependType kind)
    {
        kind = default;
        return DependTypeNames.CuebotTypes.Contains(name, StringComparer.Ordinal) &&
            Enum.TryParse(name.Replace("_", string.Empty, StringComparison.Ordinal), true, out kind);
    }

    // What each type uses on the depend-er and the depend-on side (Cuebot reads nothing else).
    private static (Part Er, Part On) Parts(PbDepend.DependType kind) => kind switch
    {
        PbDepend.DependType.JobOnJob => (Part.Job, Part.Job),
        PbDepend.DependType.JobOnLayer => (Part.Job, Part.Layer),
        PbDepend.DependType.JobOnFrame => (Part.Job, Part.Frame),
        PbDepend.DependType.LayerOnJob => (Part.Layer, Part.Job),
        PbDepend.DependType.LayerOnLayer or PbDepend.DependType.FrameByFrame or PbDepend.DependType.PreviousFrame => (Part.Layer, Part.Layer),
        PbDepend.DependType.LayerOnFrame or PbDepend.DependType.LayerOnSimFrame => (Part.Layer, Part.Frame),
        PbDepend.DependType.FrameOnJob => (Part.Frame, Part.Job),
        PbDepend.DependType.FrameOnLayer => (Part.Frame, Part.Layer),
        _ => (Part.Frame, Part.Frame),
    };

    /// <summary>Reads the depends of the first <c>&lt;depends&gt;</c>, conforming every name present.</summary>
    public static List<DependDefinition> Read(XElement spec, SpecHeader header)
    {
        var depends = new List<DependDefinition>();
        foreach (var element in spec.Element("depends")?.Elements("depend") ?? Array.Empty<XElement>())
        {
            var type = (SpecXml.Attribute(element, "type") ?? string.Empty).ToUpperInvariant();
            if (!TryParseKind(type, out var kind))
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

            var (er, on) = Parts(kind);
            depends.Add(new DependDefinition
            {
                Type = type,
                Kind = kind,
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
    /// Resolves every depend against the spec's jobs as Cuebot does when it creates them: the jobs, layers and
    /// frames must exist, and nothing may depend on itself. Each depend gets its ends (<see cref="DependDefinition.Er"/>,
    /// <see cref="DependDefinition.On"/>), the type to create, and a composite its FRAME_ON_FRAME pairs: the scheduler
    /// creates what it is given and looks nothing up by name.
    /// </summary>
    public static void Resolve(IReadOnlyList<DependDefinition> depends, IReadOnlyList<JobDefinition> jobs)
    {
        var byName = new Dictionary<string, JobDefinition>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            byName[job.Name] = job;
        }

        var frameSets = new Dictionary<LayerDefinition, Dictionary<int, int>>();
        var layers = new Dictionary<JobDefinition, Dictionary<string, LayerDefinition>>();
        LayerDefinition FindLayer(JobDefinition job, string? name, string element, string what) => DependReader.FindLayer(layers, job, name, element, what);
        foreach (var depend in depends)
        {
            var what = depend.Type + " depend of " + depend.DependErJob;
            if (depend.Kind == PbDepend.DependType.LayerOnFrame)
            {
                throw new SpecRejectedException("error, the " + what + " cannot be launched: Cuebot reads the <onlayer> text as the frame name " +
                    "of a LAYER_ON_FRAME depend (and ignores <onframe>), so no frame can match. Use LAYER_ON_SIM_FRAME or FRAME_ON_FRAME instead.");
            }

            var erJob = FindJob(byName, depend.DependErJob, what);
            var onJob = FindJob(byName, depend.OnJob, what);
            var (er, on) = Parts(depend.Kind);
            depend.Er = End(er, erJob, depend.DependErLayer, depend.DependErFrame, "deplayer", "depframe", what);
            depend.On = End(on, onJob, depend.OnLayer, depend.OnFrame, "onlayer", "onframe", what);
            CheckNotSelf(depend, erJob, onJob, depend.Er.Layer, depend.On.Layer);
            Expand(depend, Positions);
        }

        DependEnd End(Part part, JobDefinition job, string? layer, string? frame, string layerElement, string frameElement, string what)
        {
            return part switch
            {
                Part.Job => new DependEnd(job, null, null),
                Part.Layer => new DependEnd(job, FindLayer(job, layer, layerElement, what), null),
                _ => FindFrame(layers, job, frame, frameElement, what, Positions),
            };
        }

        Dictionary<int, int> Positions(LayerDefinition layer)
        {
            if (!frameSets.TryGetValue(layer, out var positions))
            {
                positions = new Dictionary<int, int>(layer.Frames.Count);
                for (var i = 0; i < layer.Frames.Count; i++)
                {
                    positions[layer.Frames[i]] = i;
                }

                frameSets[layer] = positions;
            }

            return positions;
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
    private static DependEnd FindFrame(
        Dictionary<JobDefinition, Dictionary<string, LayerDefinition>> layers, JobDefinition job, string? name, string element, string what,
        Func<LayerDefinition, Dictionary<int, int>> positions)
    {
        if (name is null)
        {
            throw new SpecRejectedException("failed to setup new dependency: " + what + " needs a <" + element + ">.");
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var number = int.Parse(name.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture);
        var layer = FindLayer(layers, job, name.Substring(dash + 1), element, what);
        return positions(layer).TryGetValue(number, out var position)
            ? new DependEnd(job, layer, position)
            : throw new SpecRejectedException("failed to setup new dependency: " + what + ", the frame " + name + " does not exist in job " +
                job.Name + " (layer " + layer.Name + " has range " + layer.Range + ", chunk " + layer.Chunk.ToString(CultureInfo.InvariantCulture) +
                "; only chunk-start frames exist).");
    }

    /// <summary>A composite's FRAME_ON_FRAME pairs (and FRAME_BY_FRAME's fall-back to LAYER_ON_LAYER), as Cuebot's DependManagerService makes them.</summary>
    private static void Expand(DependDefinition depend, Func<LayerDefinition, Dictionary<int, int>> positions)
    {
        switch (depend.Kind)
        {
            case PbDepend.DependType.FrameByFrame:
                depend.Pairs = FrameByFramePairs(depend, depend.Er.Layer!, depend.On.Layer!, positions);
                if (depend.Pairs is null)
                {
                    depend.Kind = PbDepend.DependType.LayerOnLayer;
                }

                break;
            case PbDepend.DependType.PreviousFrame:
                depend.Pairs = PreviousFramePairs(depend.Er.Layer!, depend.On.Layer!, positions);
                break;
            case PbDepend.DependType.LayerOnSimFrame:
                var on = depend.On.Frame!.Value;
                depend.Pairs = Enumerable.Range(0, depend.Er.Layer!.Frames.Count).Select(i => new FramePair(i, on)).ToList();
                break;
        }
    }

    /// <summary>Cuebot's chunk-aware FRAME_BY_FRAME (facts 5.3); <see langword="null"/> when a side is one chunk (Cuebot then makes a LAYER_ON_LAYER).</summary>
    private static List<FramePair>? FrameByFramePairs(DependDefinition depend, LayerDefinition er, LayerDefinition on, Func<LayerDefinition, Dictionary<int, int>> positions)
    {
        if ((er.Frames.Count == 1 && er.Chunk > 1) || (on.Frames.Count == 1 && on.Chunk > 1))
        {
            return null;
        }

        var onPositions = positions(on);
        var pairs = new List<FramePair>(er.Frames.Count);
        for (var e = 0; e < er.Frames.Count; e++)
        {
            var number = er.Frames[e];
            if (er.Chunk == on.Chunk)
            {
                if (onPositions.TryGetValue(number, out var match))
                {
                    pairs.Add(new FramePair(e, match));
                }

                continue;
            }

            var index = Chunking.FindChunk(on.Frames, number);
            if (index < 0)
            {
                throw new SpecRejectedException("Frame " + CueNames.FrameName(number, er.Name) + " comes before the first frame of layer " + on.Name +
                    ": Cuebot cannot find its chunk for a " + depend.Type + " depend.");
            }

            // A larger on chunk holds the frame; a smaller one is waited for chunk by chunk.
            var last = on.Chunk > er.Chunk ? index : Math.Min(index + (er.Chunk - on.Chunk), on.Frames.Count - 1);
            for (var i = index; i <= last; i++)
            {
                pairs.Add(new FramePair(e, i));
            }
        }

        return pairs;
    }

    /// <summary>PREVIOUS_FRAME by position in the raw ranges: er position i waits for on position i-1 (positions that are not chunk starts are skipped).</summary>
    private static List<FramePair> PreviousFramePairs(LayerDefinition er, LayerDefinition on, Func<LayerDefinition, Dictionary<int, int>> positions)
    {
        var erRaw = er.ParsedRange ?? FrameSet.Parse(er.Range);
        var onRaw = on.ParsedRange ?? FrameSet.Parse(on.Range);
        var erPositions = positions(er);
        var onPositions = positions(on);
        var pairs = new List<FramePair>();
        for (var i = 1; i < erRaw.Count; i++)
        {
            if (i - 1 >= onRaw.Count)
            {
                throw new SpecRejectedException("Layer " + on.Name + " has fewer frames than " + er.Name + " for a PREVIOUS_FRAME depend.");
            }

            if (erPositions.TryGetValue(erRaw[i], out var erFrame) && onPositions.TryGetValue(onRaw[i - 1], out var onFrame))
            {
                pairs.Add(new FramePair(erFrame, onFrame));
            }
        }

        return pairs;
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
