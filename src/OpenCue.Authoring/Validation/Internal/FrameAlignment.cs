using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenCue.Authoring.Validation.Internal;

/// <summary>
/// How Cuebot turns a FrameByFrame depend into frame depends (its chunk-aware rules), to warn when
/// frames of the depend-er layer would wait for nothing, and to catch launches Cuebot would fail.
/// </summary>
internal static class FrameAlignment
{
    public static void Check(ValidationContext context, Layer layer, Layer on)
    {
        var onFrames = context.FramesOf(on);
        var er = context.FramesOf(layer).ChunkStarts;
        var onStarts = onFrames.ChunkStarts;
        if (er is null || onStarts is null || er.Count == 0 || onStarts.Count == 0)
        {
            return;
        }

        if ((er.Count == 1 && layer.Chunk > 1) || (onStarts.Count == 1 && on.Chunk > 1))
        {
            context.Warning(ValidationCodes.DependFrames, layer, on.Name,
                "FrameByFrame with a single-task chunked layer: Cuebot turns it into LayerOnLayer on '" + on.Name + "'.");
            return;
        }

        if (layer.Chunk == on.Chunk)
        {
            // The same chunk starts (equal ranges and chunks, the usual case) all match.
            if (er.Equals(onStarts))
            {
                return;
            }

            var onSet = onFrames.ChunkStartSet();
            List<int>? unmatched = null;
            foreach (var frame in er.Frames)
            {
                if (!onSet.Contains(frame))
                {
                    (unmatched ??= new List<int>()).Add(frame);
                }
            }

            if (unmatched != null)
            {
                context.Warning(ValidationCodes.DependFrames, layer, on.Name,
                    Describe(unmatched) + " of this layer have no matching frame in '" + on.Name + "' and will not wait for it (FrameByFrame matches frame numbers).");
            }

            return;
        }

        // Different chunk sizes: Cuebot's findChunk fails the launch for a frame that is not an on
        // chunk start and comes before the first one (in list order, not the smallest).
        var firstOn = onStarts[0];
        List<int>? early = null;
        foreach (var frame in er.Frames)
        {
            if (Chunking.FindChunk(onStarts, frame) < 0)
            {
                (early ??= new List<int>()).Add(frame);
            }
        }

        if (early != null)
        {
            context.Error(ValidationCodes.DependFrames, layer, on.Name,
                Describe(early) + " come before the first frame of '" + on.Name + "' (" + firstOn.ToString(CultureInfo.InvariantCulture) +
                "); Cuebot cannot find their chunk and fails the launch.");
        }
    }

    private static string Describe(IReadOnlyList<int> frames)
    {
        var shown = string.Join(",", frames.Take(5).Select(f => f.ToString(CultureInfo.InvariantCulture)));
        return frames.Count == 1 ? "Frame " + shown + " (1 frame)" : frames.Count.ToString(CultureInfo.InvariantCulture) + " frames (" + shown + (frames.Count > 5 ? ",..." : string.Empty) + ")";
    }
}
