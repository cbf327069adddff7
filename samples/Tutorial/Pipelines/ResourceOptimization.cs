using System;
using OpenCue.Authoring;

namespace OpenCue.Samples.Tutorial.Pipelines;

/// <summary>
/// "Resource Optimization Strategies": layer-specific resource allocation and dynamic chunking,
/// by layer name, with the tutorial's rules and values.
/// </summary>
public static class ResourceOptimization
{
    /// <summary>Apply resource optimization based on layer types (the tutorial's <c>optimize_layer_resources</c>).</summary>
    /// <param name="job">The job.</param>
    /// <remarks>
    /// In OpenCue: min cores become the spec's <c>&lt;cores&gt;</c> and min memory its <c>&lt;memory&gt;</c>
    /// (MB, written <c>NNNNm</c>). The spec has no per-layer max cores: the launcher applies
    /// <see cref="LayerSetters.SetMaxCores{T}(T, double)"/> right after launch with
    /// <c>LayerInterface.SetMaxCores</c> (the local scheduler honours it too). Max cores above min
    /// cores only matter for threadable layers.
    /// </remarks>
    public static void OptimizeLayerResources(Outline job)
    {
        ArgumentNullException.ThrowIfNull(job);
        foreach (var layer in job.GetLayers())
        {
            var layerName = layer.Name.ToLowerInvariant();

            if (layerName.Contains("prep", StringComparison.Ordinal) || layerName.Contains("cache", StringComparison.Ordinal))
            {
                // I/O intensive tasks
                layer.SetMinCores(1);
                layer.SetMaxCores(2);
                layer.SetMinMemory(1024);
            }
            else if (layerName.Contains("render", StringComparison.Ordinal))
            {
                // CPU intensive tasks
                layer.SetMinCores(4);
                layer.SetMaxCores(16);
                layer.SetMinMemory(4096);
            }
            else if (layerName.Contains("simulation", StringComparison.Ordinal))
            {
                // Memory and CPU intensive
                layer.SetMinCores(8);
                layer.SetMaxCores(32);
                layer.SetMinMemory(16384);
            }
            else if (layerName.Contains("composite", StringComparison.Ordinal))
            {
                // Moderate resource needs
                layer.SetMinCores(2);
                layer.SetMaxCores(8);
                layer.SetMinMemory(2048);
            }
        }
    }

    /// <summary>Apply chunking based on layer type and frame count (the tutorial's <c>apply_smart_chunking</c>).</summary>
    /// <param name="layer">The layer.</param>
    /// <param name="totalFrames">The number of frames the layer renders.</param>
    /// <remarks>
    /// The tutorial's <c>set_chunk</c> is PyOutline's <c>set_chunk_size</c> (the spec's <c>&lt;chunk&gt;</c>).
    /// A chunk runs as one task: tokens such as <c>#IFRAME#</c> give its first frame, so commands that
    /// take one frame should use <c>#FRAME_START#</c>/<c>#FRAME_END#</c> once chunked. Cuebot matches a
    /// FrameByFrame depend between layers of different chunk sizes by the chunk that holds each frame.
    /// </remarks>
    public static void ApplySmartChunking(Layer layer, int totalFrames)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var layerName = layer.Name.ToLowerInvariant();

        if (layerName.Contains("simulation", StringComparison.Ordinal))
        {
            // Simulations usually can't be chunked
            layer.SetChunk(1);
        }
        else if (layerName.Contains("render", StringComparison.Ordinal))
        {
            // Renders work well with small chunks
            if (totalFrames > 100)
            {
                layer.SetChunk(1);
            }
            else
            {
                layer.SetChunk(5);
            }
        }
        else if (layerName.Contains("composite", StringComparison.Ordinal))
        {
            // Composites can handle larger chunks (Python's // is floor division; frames are positive)
            var chunkSize = Math.Max(1, Math.Min(10, totalFrames / 20));
            layer.SetChunk(chunkSize);
        }
    }

    /// <summary>
    /// Both of the above on every layer of a job, with each layer's own frame count: what the sample's
    /// <c>--optimize</c> option does before launching.
    /// </summary>
    /// <param name="job">The job.</param>
    public static void Optimize(Outline job)
    {
        ArgumentNullException.ThrowIfNull(job);
        OptimizeLayerResources(job);
        foreach (var layer in job.GetLayers())
        {
            var range = layer.GetFrameRange();
            if (range != null)
            {
                ApplySmartChunking(layer, FrameSet.Parse(range).Count);
            }
        }
    }
}
