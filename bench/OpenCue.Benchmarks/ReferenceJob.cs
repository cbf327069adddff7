using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;

namespace OpenCue.Benchmarks;

/// <summary>The jobs the benchmarks build, launch and run.</summary>
public static class ReferenceJob
{
    /// <summary>Spec options of every benchmark: a fixed uid, so a root build machine is fine.</summary>
    public static SpecWriterOptions Options(bool validate = true, bool paused = false) =>
        new SpecWriterOptions { Uid = 1000, Validate = validate, Paused = paused };

    /// <summary>
    /// The issue's reference job: <paramref name="layers"/> Shell layers, each range 1-50, cores 2,
    /// memory 4096 MB, a service, two env vars, FrameByFrame on the previous layer and LayerOnLayer
    /// on layer 0 (layer 1's LayerOnLayer on layer 0 is its FrameByFrame one: PyOutline skips a
    /// second depend on the same layer, and so does the port).
    /// </summary>
    public static Outline Build(int layers) => Build(layers, true, true);

    /// <summary>The reference job with parts left out, to tell where build time goes (<c>--loop build-nodepends|build-noadd</c>).</summary>
    public static Outline Build(int layers, bool addLayers, bool depends)
    {
        var outline = new Outline("bench", shot: "sh010", show: "testing", user: "bench");
        Layer? first = null;
        Layer? previous = null;
        for (var i = 0; i < layers; i++)
        {
            var layer = new Shell("layer" + i.ToString(CultureInfo.InvariantCulture), new[] { "echo", "frame", "#IFRAME#" })
                .SetFrameRange("1-50")
                .SetMinCores(2)
                .SetMinMemory(4096)
                .SetService("shell")
                .SetEnv("BENCH_A", "1")
                .SetEnv("BENCH_B", "two");
            if (addLayers)
            {
                outline.AddLayer(layer);
            }

            if (depends && previous != null)
            {
                layer.DependOn(previous, DependType.FrameByFrame);
                layer.DependOn(first!, DependType.LayerOnLayer);
            }

            first ??= layer;
            previous = layer;
        }

        return outline;
    }

    /// <summary>
    /// A chain of <paramref name="layers"/> layers of <paramref name="framesPerLayer"/> frames of
    /// <paramref name="command"/>, each FrameByFrame on the previous (no depends when
    /// <paramref name="chained"/> is false), one core and 64 MB a frame.
    /// </summary>
    public static Outline Chain(int layers, int framesPerLayer, string command = "true", bool chained = true, string name = "chain")
    {
        var outline = new Outline(name, shot: "sh010", show: "testing", user: "bench");
        Layer? previous = null;
        for (var i = 0; i < layers; i++)
        {
            var layer = new Shell("layer" + i.ToString(CultureInfo.InvariantCulture), command)
                .SetFrameRange("1-" + framesPerLayer.ToString(CultureInfo.InvariantCulture))
                .SetMinCores(1)
                .SetMinMemory(64)
                .SetService("shell");
            outline.AddLayer(layer);
            if (chained && previous != null)
            {
                layer.DependOn(previous, DependType.FrameByFrame);
            }

            previous = layer;
        }

        return outline;
    }

    /// <summary>A 5,000-item comma list of distinct frames (every third frame from 1).</summary>
    public static string CommaList(int items) =>
        string.Join(",", Enumerable.Range(0, items).Select(i => (1 + (3 * i)).ToString(CultureInfo.InvariantCulture)));

    /// <summary>Median of a list.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Throws when the condition fails: a benchmark that measured the wrong thing must not report a number.</summary>
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
