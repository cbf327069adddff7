using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenCue.Outline.Validation.Internal
{
    /// <summary>Dependency rules: targets that exist and are written, cycles, and what Cuebot can build per type.</summary>
    internal static class DependRules
    {
        public static void CheckRequires(ValidationContext context)
        {
            foreach (var layer in context.Layers)
            {
                foreach (var text in layer.Requires)
                {
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
            var inOutline = new HashSet<Layer>(context.Layers);
            foreach (var layer in context.Layers)
            {
                if (!context.FramesOf(layer).IsWritten)
                {
                    continue;
                }

                foreach (var depend in layer.GetDepends())
                {
                    var on = depend.DependOnLayer;
                    if (!inOutline.Contains(on))
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
            var layers = context.Layers;
            var members = new HashSet<Layer>(layers);
            var state = new Dictionary<Layer, int>();
            var reported = new HashSet<string>();
            foreach (var start in layers)
            {
                if (state.ContainsKey(start))
                {
                    continue;
                }

                // Iterative depth-first search; state 1 = on the current path, 2 = done.
                var path = new List<Layer>();
                var iterators = new Stack<IEnumerator<Layer>>();
                state[start] = 1;
                path.Add(start);
                iterators.Push(Targets(start, members).GetEnumerator());
                while (iterators.Count > 0)
                {
                    var it = iterators.Peek();
                    if (!it.MoveNext())
                    {
                        iterators.Pop();
                        state[path[path.Count - 1]] = 2;
                        path.RemoveAt(path.Count - 1);
                        continue;
                    }

                    var next = it.Current;
                    state.TryGetValue(next, out var s);
                    if (s == 1)
                    {
                        var cycle = path.Skip(path.IndexOf(next)).Select(l => l.Name).ToList();
                        var key = string.Join(">", cycle.OrderBy(n => n, System.StringComparer.Ordinal));
                        if (reported.Add(key))
                        {
                            cycle.Add(next.Name);
                            context.Error(ValidationCodes.DependCycle, next, string.Join(" -> ", cycle),
                                "Layers depend on each other in a cycle: " + string.Join(" -> ", cycle) + "; no frame of them could ever start.");
                        }
                    }
                    else if (s == 0)
                    {
                        state[next] = 1;
                        path.Add(next);
                        iterators.Push(Targets(next, members).GetEnumerator());
                    }
                }
            }
        }

        private static IEnumerable<Layer> Targets(Layer layer, HashSet<Layer> members) =>
            layer.GetDepends().Select(d => d.DependOnLayer).Where(members.Contains);
    }
}
