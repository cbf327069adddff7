using System;
using System.Collections.Generic;
using System.Globalization;
using System.Xml.Linq;
using OpenCue.Authoring;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// Reads one <c>&lt;layer&gt;</c> as Cuebot's <c>handleLayerTags</c> does, in its order: type, name
/// (conformed, unique in the job), command and range, service defaults, chunk, cores, gpus,
/// threadable, tags, memory, GPU memory, outputs, timeouts, env, then the frames.
/// </summary>
internal static class LayerReader
{
    /// <summary>Reads the layer.</summary>
    /// <param name="element">The layer element.</param>
    /// <param name="jobName">The conformed name of the job it is declared in (for messages).</param>
    /// <param name="dispatchOrder">Its dispatch order (1, 2, ... across the job, post layers included).</param>
    /// <param name="layerNames">The conformed names of the job's earlier layers; this one is added.</param>
    /// <param name="options">The intake options.</param>
    /// <returns>The layer.</returns>
    public static LayerDefinition Read(XElement element, string jobName, int dispatchOrder, ISet<string> layerNames, IntakeOptions options)
    {
        var type = TypeOf(element);
        if (type != "RENDER" && type != "UTIL" && type != "POST")
        {
            // Only reachable when an internal DTD subset redeclares layer@type.
            throw new SpecRejectedException("error, the layer " + SpecXml.Attribute(element, "name") + " in job " + jobName +
                " was defined with an invalid type: " + SpecXml.Attribute(element, "type") + " (use Render, Util or Post)");
        }

        if (!CueNames.TryConformName("Layer", SpecXml.Attribute(element, "name"), out var name, out var nameError))
        {
            throw new SpecRejectedException(nameError + " (job " + jobName + ")");
        }

        SpecNames.CheckLayerName(name, jobName);
        if (!layerNames.Add(name))
        {
            throw new SpecRejectedException("error, the layer " + name + " was already defined in job " + jobName);
        }

        var where = "layer " + name + " in job " + jobName;
        var command = SpecXml.Text(element, "cmd") ?? string.Empty;
        var range = SpecXml.Text(element, "range") ?? string.Empty;

        // Service defaults: the first service that exists supplies them; none -> "default", appended.
        var services = SpecXml.DistinctChildTexts(element.Element("services"));
        ServiceDefinition? primary = null;
        foreach (var serviceName in services)
        {
            if (options.Services.TryGet(serviceName, out primary))
            {
                break;
            }

            options.Warn("warning, service not found for layer " + name + " " + serviceName);
        }

        if (primary is null)
        {
            options.Services.TryGet(ServiceTable.DefaultServiceName, out primary);
            services.Add(primary!.Name);
        }

        var limits = SpecXml.DistinctChildTexts(element.Element("limits"));

        var chunk = SpecXml.Integer(SpecXml.Text(element, "chunk") ?? string.Empty, "chunk", where);
        var minCores = ReadCores(element, primary.MinCorePoints, where);
        var minGpus = primary.MinGpus;
        var gpusText = SpecXml.Text(element, "gpus");
        if (gpusText != null)
        {
            minGpus = SpecXml.Integer(gpusText, "gpus", where);
        }

        var threadable = primary.Threadable;
        var threadableText = SpecXml.Text(element, "threadable");
        if (minCores > 0 && minCores < 100)
        {
            threadable = false; // must have at least one core to thread
        }
        else if (threadableText != null)
        {
            threadable = CueUnits.StringToBool(threadableText);
        }

        var tags = ReadTags(SpecXml.Text(element, "tags"), primary.Tags);
        var memory = ReadMemory(SpecXml.Text(element, "memory"), primary.MinMemoryKb, where, options);
        var gpuMemory = ReadGpuMemory(element, primary.MinGpuMemoryKb, where, options);
        var outputs = ReadOutputs(element.Element("outputs"));

        var timeout = primary.TimeoutMinutes;
        var timeoutText = SpecXml.Text(element, "timeout");
        if (timeoutText != null)
        {
            timeout = SpecXml.Integer(timeoutText, "timeout", where);
        }

        var timeoutLlu = primary.TimeoutLluMinutes;
        var timeoutLluText = SpecXml.Text(element, "timeout_llu");
        if (timeoutLluText != null)
        {
            timeoutLlu = SpecXml.Integer(timeoutLluText, "timeout_llu", where);
        }

        var env = SpecXml.Environment(element.Element("env"));

        // At job creation Cuebot raises a (service) minimum between 0 and 10 points to 10.
        if (minCores > 0 && minCores < CueUnits.CorePointsReservedMin)
        {
            minCores = CueUnits.CorePointsReservedMin;
        }

        var parsed = ParseRange(range);
        return new LayerDefinition
        {
            Name = name,
            Type = type,
            DispatchOrder = dispatchOrder,
            Command = command,
            Range = range,
            Chunk = chunk,
            MinCorePoints = minCores,
            MaxCorePoints = primary.MaxCorePoints,
            Threadable = threadable,
            MinMemoryKb = memory,
            MinGpus = minGpus,
            MaxGpus = primary.MaxGpus,
            MinGpuMemoryKb = gpuMemory,
            Tags = tags,
            Services = services,
            Limits = limits,
            Env = env,
            Outputs = outputs,
            TimeoutMinutes = timeout,
            TimeoutLluMinutes = timeoutLlu,
            ParsedRange = parsed,
            Frames = Frames(range, parsed, chunk),
        };
    }

    /// <summary>The layer type as Cuebot stores it: the <c>type</c> attribute upper-cased.</summary>
    public static string TypeOf(XElement element) => (SpecXml.Attribute(element, "type") ?? string.Empty).ToUpperInvariant();

    // CueUtil.normalizeFrameRange: any failure (bad syntax, chunk below 1) makes the range invalid. The range is
    // parsed here only; the layer keeps it (LayerDefinition.ParsedRange) for its depends and its frames' tokens.
    private static FrameSet ParseRange(string range)
    {
        try
        {
            return FrameSet.Parse(range);
        }
        catch (Exception e) when (e is FormatException || e is ArgumentException || e is OverflowException)
        {
            throw new SpecRejectedException("error, the range " + range + " is invalid (" + e.Message.TrimEnd('.') + ")", e);
        }
    }

    private static IReadOnlyList<int> Frames(string range, FrameSet parsed, int chunk)
    {
        try
        {
            return Chunking.GetChunkStarts(parsed, chunk);
        }
        catch (Exception e) when (e is FormatException || e is ArgumentException || e is OverflowException)
        {
            throw new SpecRejectedException("error, the range " + range + " is invalid (" + e.Message.TrimEnd('.') + ")", e);
        }
    }

    // determineMinimumCores: text with '.' is cores, without is core points; then clamped.
    private static int ReadCores(XElement element, int serviceMinimum, string where)
    {
        var text = SpecXml.Text(element, "cores");
        if (text is null)
        {
            return serviceMinimum;
        }

        if (!CueUnits.TryParseCores(text, out var points))
        {
            throw new SpecRejectedException("error, <cores> of " + where + " is '" + text +
                "', which is not a number (write cores with a decimal point, e.g. 4.0; without one the value is core points).");
        }

        return points;
    }

    // determineTags: spaces removed, split on '|', each a valid name; a non-empty set replaces the service tags.
    private static IReadOnlyList<string> ReadTags(string? text, IReadOnlyList<string> serviceTags)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new List<string>(serviceTags);
        }

        var tags = new List<string>();
        foreach (var tag in SpecXml.JavaSplit(text!.Replace(" ", string.Empty, StringComparison.Ordinal), '|'))
        {
            if (!CueNames.IsValidName(tag))
            {
                throw new SpecRejectedException("error, invalid tag " + tag +
                    ", tags must be alpha numeric and at least 3 characters in length (letters, digits, '_', '.', '-'; separate tags with '|').");
            }

            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return tags.Count > 0 ? tags : new List<string>(serviceTags);
    }

    // determineMinimumMemory: raised to the minimum; above the maximum only a warning (Cuebot keeps the value).
    private static long ReadMemory(string? text, long serviceMemory, string where, IntakeOptions options)
    {
        if (text is null)
        {
            return serviceMemory;
        }

        if (!CueUnits.TryParseMemory(text.ToLowerInvariant(), out var kilobytes, out var error))
        {
            throw new SpecRejectedException("error, <memory> of " + where + ": " + error + ".");
        }

        if (kilobytes > options.MemoryReservedMaxKb)
        {
            options.Warn("Setting memory for " + where + " to: " + kilobytes.ToString(CultureInfo.InvariantCulture) +
                " KB, above the maximum of " + options.MemoryReservedMaxKb.ToString(CultureInfo.InvariantCulture) +
                " KB; no host may be able to run it.");
        }
        else if (kilobytes < options.MemoryReservedMinKb)
        {
            options.Warn(where + ": specified too little memory, defaulting to: " +
                options.MemoryReservedMinKb.ToString(CultureInfo.InvariantCulture) + " KB");
            kilobytes = options.MemoryReservedMinKb;
        }

        return kilobytes;
    }

    // determineMinimumGpuMemory: gpu_memory wins over the deprecated gpu; unreadable or too large -> the minimum.
    private static long ReadGpuMemory(XElement element, long serviceGpuMemory, string where, IntakeOptions options)
    {
        var gpu = SpecXml.Text(element, "gpu");
        var gpuMemory = SpecXml.Text(element, "gpu_memory");
        if (gpu is null && gpuMemory is null)
        {
            return serviceGpuMemory;
        }

        if (gpu != null)
        {
            options.Warn(where + " has the deprecated gpu. Use gpu_memory.");
        }

        var text = (gpuMemory ?? gpu)!.ToLowerInvariant();
        if (!CueUnits.TryParseMemory(text, out var kilobytes, out var error) || kilobytes > CueUnits.GpuMemoryReservedMaxKb)
        {
            options.Warn("Error setting gpu memory for " + where + " failed, reason: " +
                (error.Length > 0 ? error : "above the maximum of " + CueUnits.GpuMemoryReservedMaxKb.ToString(CultureInfo.InvariantCulture) + " KB") +
                ". Using default.");
            return CueUnits.GpuMemoryReservedMinKb;
        }

        if (kilobytes < CueUnits.GpuMemoryReservedMinKb)
        {
            options.Warn(where + ": specified too little gpu memory, defaulting to: " +
                CueUnits.GpuMemoryReservedMinKb.ToString(CultureInfo.InvariantCulture));
            return CueUnits.GpuMemoryReservedMinKb;
        }

        return kilobytes;
    }

    // determineOutputs: paths trimmed, blanks and repeated paths skipped.
    private static IReadOnlyList<KeyValuePair<string, string>> ReadOutputs(XElement? outputs)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (outputs is null)
        {
            return list;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in outputs.Elements())
        {
            var path = SpecXml.TextOf(output);
            if (path.Length > 0 && seen.Add(path))
            {
                list.Add(new KeyValuePair<string, string>(SpecXml.Attribute(output, "name") ?? string.Empty, path));
            }
        }

        return list;
    }
}
