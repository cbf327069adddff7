using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OpenCue.Authoring;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// Reads one <c>&lt;job&gt;</c> as Cuebot's <c>handleJobTag</c> does, with its layers; Post layers go
/// to a post job created at the first of them (<c>initPostJob</c>).
/// </summary>
internal sealed class JobReader
{
    private readonly SpecHeader _header;
    private readonly IntakeOptions _options;
    private int _totalFrames;

    public JobReader(SpecHeader header, IntakeOptions options)
    {
        _header = header;
        _options = options;
    }

    /// <summary>Reads a job; adds it (and its post job, if any) to <paramref name="jobs"/>.</summary>
    public void Read(XElement element, List<JobDefinition> jobs)
    {
        var name = _header.ConformJobName(SpecXml.Attribute(element, "name"), "job name");
        SpecNames.CheckJobName(name);
        var where = "job " + name;
        ReadLocalBook(element.Element("localbook"), where);

        var os = SpecXml.Text(element, "os");
        var maxRetries = 1; // FRAME_RETRIES_DEFAULT
        var maxRetriesText = SpecXml.Text(element, "maxretries");
        if (maxRetriesText != null)
        {
            maxRetries = Math.Min(1, Math.Max(0, SpecXml.Integer(maxRetriesText, "maxretries", where)));
        }

        var maxCorePoints = 20000;
        var maxCoresText = SpecXml.Text(element, "maxcores");
        if (maxCoresText != null)
        {
            if (!SpecXml.TryParseInt(maxCoresText, out var maxCores))
            {
                throw new SpecRejectedException("error, <maxcores> of " + where + " is '" + maxCoresText +
                    "', which is not a whole number of cores (Cuebot reads it with Integer.valueOf; write e.g. 4, not 4.0).");
            }

            maxCorePoints = CueUnits.WholeCoresToCorePoints(maxCores);
        }

        int? maxGpus = null;
        var maxGpusText = SpecXml.Text(element, "maxgpus");
        if (maxGpusText != null)
        {
            maxGpus = SpecXml.Integer(maxGpusText, "maxgpus", where);
        }

        var priority = 1;
        var priorityText = SpecXml.Text(element, "priority");
        if (priorityText != null)
        {
            priority = SpecXml.Integer(priorityText, "priority", where);
        }

        var env = SpecXml.Environment(element.Element("env"));

        var layers = new List<LayerDefinition>();
        var postLayers = new List<LayerDefinition>();
        string? postName = null;
        var layerNames = new HashSet<string>(StringComparer.Ordinal);
        var dispatchOrder = 0;
        foreach (var layerElement in element.Element("layers")?.Elements("layer") ?? Array.Empty<XElement>())
        {
            var isPost = LayerReader.TypeOf(layerElement) == "POST";
            if (isPost && postName is null)
            {
                postName = PostJobName(name);
            }

            var layer = LayerReader.Read(layerElement, name, ++dispatchOrder, layerNames, _options);
            (isPost ? postLayers : layers).Add(layer);

            _totalFrames += layer.Frames.Count;
            if (layers.Count > _options.MaxLayers)
            {
                throw new SpecRejectedException("error, your job has " + Count(layers.Count) + " layers, the maximum number of allowed layers is " +
                    Count(_options.MaxLayers) + " (" + where + ")");
            }

            if (_totalFrames > _options.MaxFrames)
            {
                throw new SpecRejectedException("error, your job has " + Count(_totalFrames) + " frames, the maximum number of allowed frames is " +
                    Count(_options.MaxFrames) + " (the frames of every layer of the spec count, after chunking)");
            }
        }

        if (layers.Count < 1)
        {
            throw new SpecRejectedException("The job " + name + " has no layers" +
                (postLayers.Count > 0 ? " (only Post layers, which run in its post job)" : string.Empty));
        }

        var job = new JobDefinition
        {
            Name = name,
            Show = _header.Show,
            Shot = _header.Shot,
            User = _header.User,
            Facility = _header.Facility,
            Os = os,
            Uid = _header.Uid,
            Email = _header.Email,
            Paused = CueUnits.StringToBool(SpecXml.Text(element, "paused")),
            Priority = priority,
            MaxRetries = maxRetries,
            AutoEat = CueUnits.StringToBool(SpecXml.Text(element, "autoeat")),
            MaxCorePoints = maxCorePoints,
            MinCorePoints = 100,
            MaxGpus = maxGpus,
            Env = env,
            Layers = layers,
        };
        jobs.Add(job);
        if (postName != null)
        {
            jobs.Add(PostJob(job, postName, postLayers));
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Parent name + "_post_job_" + epoch ms, the first match of the user (a regular expression, as
    // Java's replaceFirst reads it) replaced by "monitor".
    private string PostJobName(string parentName)
    {
        var name = parentName + "_post_job_" + _options.Clock().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        try
        {
            var user = new Regex(_header.User, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return user.Replace(name, "monitor", 1);
        }
        catch (Exception e) when (e is ArgumentException || e is RegexMatchTimeoutException)
        {
            throw new SpecRejectedException("error, the user name '" + _header.User +
                "' cannot name the post job: Cuebot uses it as a regular expression (" + e.Message + ")", e);
        }
    }

    // initPostJob: user monitor, never paused, 500 core points, 2 retries, no e-mail, the parent's env
    // plus CUE_PARENT_JOB_ID (filled in by the scheduler once the parent has an id) and CUE_PARENT_JOB.
    private JobDefinition PostJob(JobDefinition parent, string name, List<LayerDefinition> layers)
    {
        var env = new OrderedEnvironment(parent.Env);
        env.Put("CUE_PARENT_JOB_ID", string.Empty);
        env.Put("CUE_PARENT_JOB", parent.Name);
        return new JobDefinition
        {
            Name = name,
            Show = _header.Show,
            Shot = _header.Shot,
            User = "monitor",
            Facility = _header.Facility,
            Os = parent.Os,
            Uid = _header.Uid,
            Email = null,
            Paused = false,
            MaxCorePoints = 500,
            MaxRetries = 2,
            Env = env.ToList(),
            Layers = layers,
            IsPostJob = true,
            ParentName = parent.Name,
        };
    }

    // Cuebot parses the localbook numbers (a bad one fails the launch); LocalCue has no local booking.
    private void ReadLocalBook(XElement? localbook, string where)
    {
        if (localbook is null)
        {
            return;
        }

        foreach (var attribute in new[] { "cores", "threads", "gpus", "memory", "gpu", "gpu_memory" })
        {
            var value = SpecXml.Attribute(localbook, attribute);
            var isLong = attribute == "memory" || attribute.StartsWith("gpu", StringComparison.Ordinal) && attribute != "gpus";
            if (value != null && !(isLong ? SpecXml.TryParseLong(value, out _) : SpecXml.TryParseInt(value, out _)))
            {
                throw new SpecRejectedException("error, <localbook " + attribute + "=\"" + value + "\"> of " + where + " is not an integer.");
            }
        }

        _options.Warn(where + " asks for local booking on " + SpecXml.Attribute(localbook, "host") + "; LocalCue ignores <localbook>.");
    }
}
