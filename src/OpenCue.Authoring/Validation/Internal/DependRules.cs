using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;

namespace OpenCue.Authoring.Validation.Internal;

/// <summary>Dependency rules: targets that exist and are written, cycles, and what Cuebot can build per type.</summary>
internal static class DependRules
{
    public static void CheckRequires(ValidationContext context)
    {
        foreach (var layer in context.Layers)
        {
            if (layer.RequireCount == 0)
            {
                continue;
            }

            var requires = layer.Requires;
            for (var i = 0; i < requires.Count; i++)
            {
                var text = requires[i];
                var require = RequireString.Parse(text);
                if (!context.Outline.IsLayer(require.LayerName))
                {
                    context.Error(ValidationCodes.Require, layer, text,
                        "The require names layer '" + require.LayerName + "', which is not in the outline (PyOutline would skip it silently).");
                }
            }
        }
    }

    public static void Check(ValidationContext context)
    {
        foreach (var layer in context.Layers)
        {
            if (!context.FramesOf(layer).IsWritten)
            {
                continue;
            }

            foreach (var depend in layer.DependList)
            {
                var on = depend.DependOnLayer;
                if (context.IndexOf(on) < 0)
                {
                    context.Error(ValidationCodes.DependMissing, layer, on.Name,
                        "The layer depends on '" + on.Name + "', which is not in the outline; add that layer or remove the depend.");
                    continue;
                }

                var onFrames = context.FramesOf(on);
                if (onFrames.Error != null)
                {
                    continue;
                }

                if (!onFrames.IsWritten)
                {
                    context.Error(ValidationCodes.DependSkipped, layer, on.Name,
                        "The layer depends on '" + on.Name + "', which is left out of the spec because its range misses the job's range; Cuebot would fail the launch.");
                    continue;
                }

                if (layer.Type == LayerType.Post || on.Type == LayerType.Post)
                {
                    context.Error(ValidationCodes.DependTarget, layer, on.Name,
                        "Cuebot moves Post layers into a separate post job, so a depend from or on a Post layer cannot be found and the launch fails; " +
                        "a Post layer already runs after the whole job.");
                    continue;
                }

                if (context.FramesOf(on).Frames!.IsEmpty || context.FramesOf(layer).Frames!.IsEmpty)
                {
                    continue;
                }

                switch (depend.Type)
                {
                    case DependType.FrameByFrame:
                        FrameAlignment.Check(context, layer, on);
                        break;
                    case DependType.LayerOnSimFrame:
                        CheckSimFrame(context, layer, on);
                        break;
                    case DependType.PreviousFrame:
                        CheckPrevious(context, layer, on);
                        break;
                }
            }
        }

        CheckCycles(context);
    }

    private static void CheckSimFrame(ValidationContext context, Layer layer, Layer on)
    {
        var first = context.FramesOf(on).Frames![0];
        var frameName = CueNames.FrameName(first, on.Name);
        if (!CueNames.IsValidFrameName(frameName))
        {
            context.Error(ValidationCodes.DependTarget, layer, frameName,
                "A LayerOnSimFrame depend names frame '" + frameName + "', which Cuebot cannot parse (4-6 digits, '-', then only letters, digits and '_'): " +
                "rename layer '" + on.Name + "' without '-' or '.', and use a first frame from 0 to 999999.");
        }

        if (!context.Options.Version.SupportsOnFrame)
        {
            context.Error(ValidationCodes.SpecVersion, layer, context.Options.Version.ToString(),
                "cjsl 1.14 lost the declaration of <onframe>, so a LayerOnSimFrame depend fails validation; write 1.13 or 1.15.");
        }
    }

    private static void CheckPrevious(ValidationContext context, Layer layer, Layer on)
    {
        var er = context.FramesOf(layer).Frames!;
        var onFrames = context.FramesOf(on).Frames!;
        if (onFrames.Count < er.Count - 1)
        {
            context.Error(ValidationCodes.DependTarget, layer, on.Name,
                "A PreviousFrame depend needs at least one frame fewer in '" + on.Name + "' than here (" + onFrames.Count.ToString(CultureInfo.InvariantCulture) + " < " +
                (er.Count - 1).ToString(CultureInfo.InvariantCulture) + "); Cuebot fails the launch.");
        }
    }

    private static void CheckCycles(ValidationContext context)
    {
        // Iterative depth-first search over depends on layers of the outline, from each layer not
        // yet reached; state 1 = on the current path, 2 = done.
        var state = new int[context.Layers.Count];
        var search = new CycleSearch();
        for (var first = 0; first < state.Length; first++)
        {
            if (state[first] == 0)
            {
                SearchFrom(context, state, first, search);
            }
        }
    }

    // A method of its own, called once per start: the loop above stays small, so the runtime never
    // has to recompile a large method in the middle of its loop (which costs megabytes).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SearchFrom(ValidationContext context, int[] state, int first, CycleSearch search)
    {
        // next[k] is how many depends of path[k] have been followed.
        var path = search.Path;
        var next = search.Next;
        state[first] = 1;
        path.Add(context.Layers[first]);
        next.Add(0);
        while (path.Count > 0)
        {
            var top = path.Count - 1;
            var depends = path[top].DependList;
            var target = (Layer?)null;
            var targetIndex = -1;
            var i = next[top];
            while (i < depends.Count && target is null)
            {
                var candidate = depends[i++].DependOnLayer;
                targetIndex = context.IndexOf(candidate);
                if (targetIndex >= 0)
                {
                    target = candidate;
                }
            }

            next[top] = i;
            if (target is null)
            {
                state[context.IndexOf(path[top])] = 2;
                path.RemoveAt(top);
                next.RemoveAt(top);
                continue;
            }

            var s = state[targetIndex];
            if (s == 1)
            {
                ReportCycle(context, path, target, search);
            }
            else if (s == 0)
            {
                state[targetIndex] = 1;
                path.Add(target);
                next.Add(0);
            }
        }
    }

    private static void ReportCycle(ValidationContext context, List<Layer> path, Layer target, CycleSearch search)
    {
        var cycle = path.Skip(path.IndexOf(target)).Select(l => l.Name).ToList();
        var key = string.Join(">", cycle.OrderBy(n => n, System.StringComparer.Ordinal));
        if (search.Reported.Add(key))
        {
            cycle.Add(target.Name);
            context.Error(ValidationCodes.DependCycle, target, string.Join(" -> ", cycle),
                "Layers depend on each other in a cycle: " + string.Join(" -> ", cycle) + "; no frame of them could ever start.");
        }
    }

    /// <summary>The search's working lists, reused from start to start, and the cycles reported.</summary>
    private sealed class CycleSearch
    {
        public List<Layer> Path { get; } = new List<Layer>();

        public List<int> Next { get; } = new List<int>();

        public HashSet<string> Reported => _reported ??= new HashSet<string>();

        private HashSet<string>? _reported;
    }
}
