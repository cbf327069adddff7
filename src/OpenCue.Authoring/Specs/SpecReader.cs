using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace OpenCue.Authoring.Specs;

/// <summary>
/// Reads a cjsl job spec back into an <see cref="Outline"/> and the <see cref="SpecWriterOptions"/>
/// it carried, so that <c>SpecWriter.Write(r.Outline, r.Options)</c> gives the same spec for specs
/// this library wrote. Values are read with Cuebot's rules (cores without a dot are core points,
/// booleans as Cuebot reads them). One job per spec; depends between layers of that job.
/// </summary>
public static class SpecReader
{
    private static readonly Regex VersionInDoctype = new Regex(@"<!DOCTYPE[^>]*cjsl-(1\.[0-9]+)\.dtd", RegexOptions.CultureInvariant);
    private static readonly Regex FrameName = new Regex("^-?[0-9]+-(.+)$", RegexOptions.CultureInvariant);

    /// <summary>Reads a spec.</summary>
    /// <param name="xml">The spec XML.</param>
    /// <returns>The outline and options.</returns>
    /// <exception cref="FormatException">The text is not a spec this library can represent; the message says what.</exception>
    public static ParsedSpec Read(string xml)
    {
        if (xml is null)
        {
            throw new ArgumentNullException(nameof(xml));
        }

        var options = new SpecWriterOptions { Validate = true, NoMail = true };
        var version = VersionInDoctype.Match(xml);
        if (version.Success)
        {
            options.Version = SpecVersion.Parse(version.Groups[1].Value);
        }

        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException("The spec is not well-formed XML: " + e.Message, e);
        }

        var spec = document.Root;
        if (spec is null || spec.Name.LocalName != "spec")
        {
            throw new FormatException("The root element of a job spec is <spec>, not <" + spec?.Name.LocalName + ">.");
        }

        var jobs = spec.Elements("job").ToList();
        if (jobs.Count != 1)
        {
            throw new FormatException("The spec has " + jobs.Count.ToString(CultureInfo.InvariantCulture) + " <job> elements; an outline holds exactly one.");
        }

        var outline = new Outline(
            name: Attribute(jobs[0], "name"),
            shot: Text(spec, "shot"),
            show: Text(spec, "show"),
            user: Text(spec, "user"),
            facility: Text(spec, "facility"));
        var email = Text(spec, "email");
        if (email != null)
        {
            options.NoMail = false;
            var at = email.LastIndexOf('@');
            options.EmailDomain = at >= 0 ? email.Substring(at + 1) : email;
        }

        var uid = Text(spec, "uid");
        if (uid != null)
        {
            options.Uid = Integer(uid, "uid");
        }

        ReadJob(jobs[0], outline, options);
        ReadDepends(spec.Element("depends"), outline);
        return new ParsedSpec(outline, options);
    }

    private static void ReadJob(XElement job, Outline outline, SpecWriterOptions options)
    {
        options.Paused = CueUnits.StringToBool(Text(job, "paused"));
        options.AutoEat = CueUnits.StringToBool(Text(job, "autoeat"));
        options.Os = Text(job, "os");
        var priority = Text(job, "priority");
        if (priority != null)
        {
            options.Priority = Integer(priority, "priority");
        }

        var maxRetries = Text(job, "maxretries");
        if (maxRetries != null)
        {
            options.MaxRetries = Integer(maxRetries, "maxretries");
        }

        var maxCores = Text(job, "maxcores");
        outline.MaxCores = maxCores is null ? null : Integer(maxCores, "maxcores");
        var maxGpus = Text(job, "maxgpus");
        outline.MaxGpus = maxGpus is null ? null : Integer(maxGpus, "maxgpus");
        if (job.Element("localbook") != null)
        {
            throw new FormatException("<localbook> is not supported by OpenCue.Authoring.");
        }

        foreach (var key in job.Element("env")?.Elements("key") ?? Enumerable.Empty<XElement>())
        {
            outline.SetEnv(Attribute(key, "name"), key.Value);
        }

        foreach (var element in job.Element("layers")?.Elements("layer") ?? Enumerable.Empty<XElement>())
        {
            outline.AddLayer(ReadLayer(element));
        }
    }

    private static Shell ReadLayer(XElement element)
    {
        var layer = new Shell(Attribute(element, "name"), element.Element("cmd")?.Value ?? string.Empty)
        {
            Range = element.Element("range")?.Value,
            Chunk = Integer(Text(element, "chunk") ?? "1", "chunk"),
            Memory = Text(element, "memory"),
            GpuMemory = Text(element, "gpu_memory"),
            Service = null,
        };
        var type = Attribute(element, "type");
        layer.Type = type switch
        {
            "Render" => LayerType.Render,
            "Util" => LayerType.Util,
            "Post" => LayerType.Post,
            _ => throw new FormatException("Layer '" + layer.Name + "' has type '" + type + "'; the spec allows Render, Util or Post."),
        };
        var cores = Text(element, "cores");
        if (cores != null)
        {
            // With a dot the text is cores (read as written, unclamped, so the spec round-trips);
            // without one it is Cuebot's core points.
            layer.MinCores = cores.IndexOf('.') >= 0 && double.TryParse(cores, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
                : CueUnits.TryParseCores(cores, out var points) ? points / 100.0
                : throw new FormatException("Layer '" + layer.Name + "' has cores '" + cores + "', which is not a number.");
        }

        var threadable = Text(element, "threadable");
        layer.Threadable = threadable is null ? null : CueUnits.StringToBool(threadable);
        var gpus = Text(element, "gpus");
        layer.MinGpus = gpus is null ? null : Integer(gpus, "gpus");
        var timeout = Text(element, "timeout");
        layer.Timeout = timeout is null ? null : Integer(timeout, "timeout");
        var timeoutLlu = Text(element, "timeout_llu");
        layer.TimeoutLlu = timeoutLlu is null ? null : Integer(timeoutLlu, "timeout_llu");
        var tags = Text(element, "tags");
        if (!string.IsNullOrEmpty(tags))
        {
            layer.SetTags(tags!);
        }

        foreach (var limit in element.Element("limits")?.Elements("limit") ?? Enumerable.Empty<XElement>())
        {
            layer.Limits.Add(limit.Value);
        }

        foreach (var key in element.Element("env")?.Elements("key") ?? Enumerable.Empty<XElement>())
        {
            layer.SetEnvironment(Attribute(key, "name"), key.Value);
        }

        var services = element.Element("services")?.Elements("service").Select(s => s.Value).ToList();
        layer.Service = services is null || services.Count == 0 ? null : string.Join(",", services);
        foreach (var output in element.Element("outputs")?.Elements("output") ?? Enumerable.Empty<XElement>())
        {
            layer.RegisterOutput(Attribute(output, "name"), output.Value);
        }

        return layer;
    }

    private static void ReadDepends(XElement? depends, Outline outline)
    {
        foreach (var element in depends?.Elements("depend") ?? Enumerable.Empty<XElement>())
        {
            var typeText = Attribute(element, "type");
            if (!DependTypeNames.TryParse(typeText, out var type) || type == DependType.LayerOnAny)
            {
                throw new FormatException("Depend type '" + typeText + "' is between jobs or frames; an outline holds FRAME_BY_FRAME, LAYER_ON_LAYER, PREVIOUS_FRAME and LAYER_ON_SIM_FRAME depends.");
            }

            foreach (var jobElement in new[] { "depjob", "onjob" })
            {
                var job = Text(element, jobElement);
                if (job != null && !string.Equals(job, outline.Name, StringComparison.Ordinal))
                {
                    throw new FormatException("A depend refers to job '" + job + "'; an outline holds depends within job '" + outline.Name + "' only.");
                }
            }

            var er = FindLayer(outline, Text(element, "deplayer"), "deplayer");
            string? onName;
            if (type == DependType.LayerOnSimFrame)
            {
                var frame = Text(element, "onframe") ?? string.Empty;
                var match = FrameName.Match(frame);
                onName = match.Success ? match.Groups[1].Value : frame;
            }
            else
            {
                onName = Text(element, "onlayer");
            }

            var on = FindLayer(outline, onName, type == DependType.LayerOnSimFrame ? "onframe" : "onlayer");
            er.AddDependAsIs(new Depend(er, on, type, false, CueUnits.StringToBool(element.Attribute("anyframe")?.Value)));
        }
    }

    private static Layer FindLayer(Outline outline, string? name, string element)
    {
        if (name != null && outline.TryGetLayer(name, out var layer))
        {
            return layer!;
        }

        throw new FormatException("A depend's <" + element + "> names layer '" + name + "', which the spec does not define.");
    }

    /// <summary>An element's text as written (not trimmed, so the spec round-trips).</summary>
    private static string? Text(XElement parent, string name) => parent.Element(name)?.Value;

    private static string Attribute(XElement element, string name) =>
        element.Attribute(name)?.Value ?? throw new FormatException("<" + element.Name.LocalName + "> has no '" + name + "' attribute.");

    private static int Integer(string text, string what) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException("<" + what + "> is '" + text + "', which is not an integer.");
}
