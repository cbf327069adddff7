using System;
using System.Collections.Generic;
using System.Globalization;
using OpenCue.Authoring.Internal;

namespace OpenCue.Authoring.Validation.Internal;

/// <summary>Per-layer rules: name, command, range, chunk, resources, tags, limits, env, outputs.</summary>
internal static class LayerRules
{
    private const int MaxRetryCount = 16;

    public static void Check(ValidationContext context, Layer layer)
    {
        CheckName(context, layer);
        CheckRange(context, layer);
        var written = context.FramesOf(layer).IsWritten;

        var command = layer.GetCommandLine();
        if (string.IsNullOrWhiteSpace(command) && context.FramesOf(layer).Error != null)
        {
            // The range error is reported; a command built from the range cannot be.
        }
        else if (string.IsNullOrWhiteSpace(command))
        {
            context.Error(ValidationCodes.Command, layer, null, "The layer has no command; give the layer a command (an argument list or a command line).");
        }
        else
        {
            TextRules.CheckXml(context, layer, "The command", command);
        }

        if (layer.Chunk < 1)
        {
            context.Error(ValidationCodes.Chunk, layer, layer.Chunk.ToString(CultureInfo.InvariantCulture), "The chunk size must be at least 1.");
        }

        ResourceRules.Check(context, layer);

        if (layer.RetryCount.HasValue && (layer.RetryCount.Value < 0 || layer.RetryCount.Value > MaxRetryCount))
        {
            context.Error(ValidationCodes.RetryCount, layer, layer.RetryCount.Value.ToString(CultureInfo.InvariantCulture),
                "Cuebot accepts 0 to 16 retries (JobInterface.SetMaxRetries).");
        }

        var tags = Specs.SpecWriterOptions.EffectiveTags(context.Options, layer);
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (!CueNames.IsValidName(tag.Replace(" ", string.Empty)))
            {
                context.Error(ValidationCodes.Tags, layer, tag, "Each tag must be at least 3 characters of letters, digits, '_', '.' or '-'.");
            }
        }

        var limits = layer.LimitList;
        for (var i = 0; i < limits.Count; i++)
        {
            var limit = limits[i];
            if (string.IsNullOrWhiteSpace(limit))
            {
                context.Error(ValidationCodes.Limits, layer, limit, "A limit name is blank.");
            }
            else
            {
                TextRules.CheckXml(context, layer, "The limit", limit);
            }
        }

        if (string.IsNullOrWhiteSpace(layer.SpecService))
        {
            context.Warning(ValidationCodes.Service, layer, layer.Service, "The service is blank; Cuebot will use its 'default' service.");
        }
        else
        {
            TextRules.CheckXml(context, layer, "The service", layer.SpecService);
        }

        foreach (var pair in layer.EnvironmentMap)
        {
            EnvRules.CheckKey(context, layer, pair.Key);
            TextRules.CheckXml(context, layer, "Env var", pair.Key, pair.Value);
        }

        CheckOutputs(context, layer, written);
    }

    public static void CheckDuplicates(ValidationContext context)
    {
        var seen = new NameIndex<Layer>();
        foreach (var layer in context.Layers)
        {
            if (!CueNames.TryConformName("Layer", layer.Name, out var conformed, out _))
            {
                continue;
            }

            if (seen.TryGetValue(conformed, out var first))
            {
                context.Error(ValidationCodes.LayerDuplicate, layer, layer.Name,
                    "Cuebot conforms layer names ('-' to '_', lower case), and '" + layer.Name + "' and '" + first.Name + "' both become '" + conformed + "'.");
            }
            else
            {
                seen.Set(conformed, layer);
            }
        }
    }

    private static void CheckName(ValidationContext context, Layer layer)
    {
        if (!CueNames.TryConformName("Layer", layer.Name, out _, out var error))
        {
            context.Error(ValidationCodes.LayerName, layer, layer.Name, error);
        }
        else if (!CueNames.IsNmToken(layer.Name))
        {
            context.Error(ValidationCodes.LayerName, layer, layer.Name, "The layer name must be an XML name token (no spaces, '/' or ',').");
        }
    }

    private static void CheckRange(ValidationContext context, Layer layer)
    {
        var frames = context.FramesOf(layer);
        if (frames.Error != null)
        {
            context.Error(ValidationCodes.Range, layer, layer.Range ?? context.Outline.FrameRange, frames.Error);
            return;
        }

        if (frames.Range is null)
        {
            context.Warning(ValidationCodes.RangeEmpty, layer, layer.Range,
                "The layer's range does not intersect the job's range (" + context.Outline.FrameRange + "); the layer is left out of the spec.");
            return;
        }

        if (frames.Frames!.IsEmpty)
        {
            context.Error(ValidationCodes.Range, layer, frames.Range, "The range has no frames.");
            return;
        }

        if (frames.HasNegativeFrame)
        {
            context.Warning(ValidationCodes.NegativeFrame, layer, frames.Range,
                "Cuebot accepts negative frames at launch but cannot dispatch them (it reads the frame number from the frame name).");
        }
    }

    private static void CheckOutputs(ValidationContext context, Layer layer, bool written)
    {
        if (layer.Outputs.Count > 0 && written && !context.Options.Version.SupportsOutputs)
        {
            context.Warning(ValidationCodes.SpecVersion, layer, context.Options.Version.ToString(), "Outputs are written with cjsl 1.15 only and are left out.");
        }

        foreach (var pair in layer.OutputMap)
        {
            if (!CueNames.IsNmToken(pair.Key))
            {
                context.Error(ValidationCodes.Output, layer, pair.Key, "Output names must be XML name tokens (letters, digits, '.', '-', '_', ':').");
            }

            if (string.IsNullOrWhiteSpace(pair.Value))
            {
                context.Error(ValidationCodes.Output, layer, pair.Key, "The output path is empty.");
            }

            TextRules.CheckXml(context, layer, "Output", pair.Key, pair.Value);
        }
    }
}
