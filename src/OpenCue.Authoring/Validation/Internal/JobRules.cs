using System.Globalization;

namespace OpenCue.Authoring.Validation.Internal;

/// <summary>Job-level rules: names, user, uid, limits on layers and frames, job values.</summary>
internal static class JobRules
{
    /// <summary>Cuebot's <c>MAX_LAYERS</c>.</summary>
    public const int MaxLayers = 2000;

    /// <summary>Cuebot's <c>MAX_FRAMES</c> (dispatchable frames of the whole spec).</summary>
    public const int MaxFrames = 100000;

    public static void Check(ValidationContext context)
    {
        var outline = context.Outline;
        var options = context.Options;

        CheckShow(context, outline.Show);

        var shotOk = CueNames.TryConformName("Shot", outline.Shot, out var shot, out var shotError);
        if (!shotOk)
        {
            context.Error(ValidationCodes.ShotName, null, outline.Shot, shotError);
        }

        var user = outline.User;
        if (string.IsNullOrEmpty(user))
        {
            context.Error(ValidationCodes.User, null, user, "The user is empty; set Outline.User.");
        }
        else if (user == "root")
        {
            context.Error(ValidationCodes.User, null, user, "Cuebot refuses jobs launched as root; set Outline.User to a real user.");
        }

        if (options.EffectiveUid() == 0)
        {
            context.Warning(ValidationCodes.Uid, null, "0",
                "The spec would carry uid 0 (this process runs as root) and Cuebot refuses it with \"Cannot launch jobs as root\"; set SpecWriterOptions.Uid.");
        }

        if (!CueNames.IsNmToken(outline.Name))
        {
            context.Error(ValidationCodes.JobName, null, outline.Name,
                "The job name must be an XML name token (letters, digits, '.', '-', '_', ':'; no spaces).");
        }
        else if (shotOk && !string.IsNullOrEmpty(user) &&
            !CueNames.TryConformJobName(outline.Show, shot, user, outline.Name, out _, out var jobError))
        {
            context.Error(ValidationCodes.JobName, null, outline.Name, jobError);
        }

        TextRules.CheckXml(context, null, "The show", outline.Show);
        TextRules.CheckXml(context, null, "The shot", outline.Shot);
        TextRules.CheckXml(context, null, "The user", user);
        TextRules.CheckXml(context, null, "The facility", options.EffectiveFacility(outline));
        TextRules.CheckXml(context, null, "The os", options.Os);

        foreach (var pair in outline.EnvironmentMap)
        {
            EnvRules.CheckKey(context, null, pair.Key);
            TextRules.CheckXml(context, null, "Env var", pair.Key, pair.Value);
        }

        CheckJobValues(context);
        CheckCounts(context);
    }

    private static void CheckShow(ValidationContext context, string show)
    {
        if (!CueNames.TryConformName("Show", show, out var conformed, out var error))
        {
            context.Error(ValidationCodes.ShowName, null, show, error + " Cuebot creates shows with such names only, so this show cannot exist.");
        }
        else if (conformed != show)
        {
            context.Warning(ValidationCodes.ShowName, null, show,
                "Cuebot creates shows under conformed names ('" + conformed + "') but looks the spec's show up exactly as written; a show named '" + show + "' must exist on the Cuebot.");
        }
    }

    private static void CheckJobValues(ValidationContext context)
    {
        var outline = context.Outline;
        var options = context.Options;
        if (outline.MaxCores.HasValue && outline.MaxCores.Value < 0)
        {
            context.Error(ValidationCodes.JobValue, null, outline.MaxCores.Value.ToString(CultureInfo.InvariantCulture), "The job's max cores cannot be negative.");
        }

        if (outline.MaxGpus.HasValue && outline.MaxGpus.Value < 0)
        {
            context.Error(ValidationCodes.JobValue, null, outline.MaxGpus.Value.ToString(CultureInfo.InvariantCulture), "The job's max GPUs cannot be negative.");
        }

        if (options.MaxRetries < 0)
        {
            context.Error(ValidationCodes.JobValue, null, options.MaxRetries.ToString(CultureInfo.InvariantCulture), "Max retries cannot be negative.");
        }

        if (!options.Version.SupportsJobMaxCores && (outline.MaxCores.GetValueOrDefault() != 0 || outline.MaxGpus.GetValueOrDefault() != 0))
        {
            context.Warning(ValidationCodes.SpecVersion, null, options.Version.ToString(), "The job's max cores/GPUs need cjsl 1.13 or later and are left out.");
        }

        if (!options.Version.SupportsPriority && options.Priority != 1)
        {
            context.Warning(ValidationCodes.SpecVersion, null, options.Version.ToString(), "Priority needs cjsl 1.11 or later and is left out.");
        }
    }

    private static void CheckCounts(ValidationContext context)
    {
        var layers = context.Layers;
        var counted = 0;
        var writtenCount = 0;
        var onlyPost = true;
        long frames = 0;
        var invalidRanges = false;
        foreach (var layer in layers)
        {
            var layerFrames = context.FramesOf(layer);
            invalidRanges |= layerFrames.Error != null;
            if (!layerFrames.IsWritten)
            {
                continue;
            }

            writtenCount++;
            frames += layerFrames.ChunkStarts?.Count ?? 0;
            if (layer.Type != LayerType.Post)
            {
                counted++;
                onlyPost = false;
            }
        }

        if (counted > MaxLayers)
        {
            context.Error(ValidationCodes.LayerCount, null, counted.ToString(CultureInfo.InvariantCulture),
                "Cuebot accepts at most " + MaxLayers.ToString(CultureInfo.InvariantCulture) + " layers in a job; split the job.");
        }

        if (frames > MaxFrames)
        {
            context.Error(ValidationCodes.FrameCount, null, frames.ToString(CultureInfo.InvariantCulture),
                "Cuebot accepts at most " + MaxFrames.ToString(CultureInfo.InvariantCulture) + " frames (tasks) in a job; use a larger chunk or split the job.");
        }

        if (layers.Count == 0)
        {
            context.Error(ValidationCodes.NoLayers, null, null, "The outline has no layers.");
        }
        else if (writtenCount == 0 && !invalidRanges)
        {
            context.Error(ValidationCodes.NoLayers, null, context.Outline.FrameRange,
                "No layer's range intersects the job's frame range, so no layer would be written.");
        }
        else if (writtenCount > 0 && onlyPost)
        {
            context.Error(ValidationCodes.NoLayers, null, null, "The job has only Post layers; Cuebot needs at least one Render or Util layer.");
        }
    }
}
