using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCue.Client;

/// <summary>
/// The tutorial's <c>analyze_pipeline_performance(job_name)</c>: for each layer, total frames, average
/// run time, failed (dead) frames, success rate, and average cores and memory used.
/// </summary>
public static class PipelineAnalytics
{
    /// <summary>
    /// Analyzes a job by name. The tutorial uses <c>findJob</c>, which only finds pending jobs; a
    /// finished job of that name is found too.
    /// </summary>
    /// <param name="api">The API.</param>
    /// <param name="jobName">The conformed job name.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="EntityNotFoundException">No job has that name.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by job or by job name; the only optional parameter is the cancellation token.")]
    public static async Task<PipelineAnalysis> AnalyzeAsync(CueApi api, string jobName, CancellationToken cancellationToken = default)
    {
        if (api is null)
        {
            throw new ArgumentNullException(nameof(api));
        }

        var job = await api.FindLatestJobAsync(jobName, cancellationToken).ConfigureAwait(false);
        return await AnalyzeAsync(job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Analyzes a job.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The analysis.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Overloads by job or by job name; the only optional parameter is the cancellation token.")]
    public static async Task<PipelineAnalysis> AnalyzeAsync(CueJob job, CancellationToken cancellationToken = default)
    {
        if (job is null)
        {
            throw new ArgumentNullException(nameof(job));
        }

        var layers = new List<LayerAnalysis>();
        foreach (var layer in await job.GetLayersAsync(cancellationToken).ConfigureAwait(false))
        {
            var frames = new List<CueFrame>();
            await foreach (var frame in layer.GetFramesAsync(null, cancellationToken).ConfigureAwait(false))
            {
                frames.Add(frame);
            }

            if (frames.Count == 0)
            {
                continue;
            }

            layers.Add(Analyze(layer.Name, frames));
        }

        return new PipelineAnalysis(job.Name, layers);
    }

    /// <summary>The figures of one layer's frames.</summary>
    /// <param name="layerName">The layer.</param>
    /// <param name="frames">Its frames.</param>
    /// <returns>The figures.</returns>
    public static LayerAnalysis Analyze(string layerName, IReadOnlyList<CueFrame> frames)
    {
        if (frames is null)
        {
            throw new ArgumentNullException(nameof(frames));
        }

        var ran = frames.Where(f => f.StartTime.HasValue).ToList();
        var totalSeconds = frames.Sum(f => f.RunTime.TotalSeconds);
        return new LayerAnalysis
        {
            Layer = layerName,
            TotalFrames = frames.Count,
            AverageRuntime = frames.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(totalSeconds / frames.Count),
            FailedFrames = frames.Count(f => f.State == FrameState.Dead),
            SucceededFrames = frames.Count(f => f.State == FrameState.Succeeded),
            AverageCoresUsed = ran.Count == 0 ? 0 : ran.Average(f => CoresOf(f.LastResource)),
            AverageMemoryUsedMb = ran.Count == 0 ? 0 : ran.Average(f => Math.Max(f.UsedMemory, f.MaxRss) / 1024.0),
        };
    }

    /// <summary>Cores from Cuebot's <c>last_resource</c>, <c>host/cores/gpus</c>.</summary>
    private static double CoresOf(string lastResource)
    {
        var parts = (lastResource ?? string.Empty).Split('/');
        return parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var cores) ? cores : 0;
    }
}
