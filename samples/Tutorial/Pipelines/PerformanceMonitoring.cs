using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Client;

namespace OpenCue.Samples.Tutorial.Pipelines;

/// <summary>"Performance Monitoring and Optimization / Pipeline Analytics".</summary>
public static class PerformanceMonitoring
{
    /// <summary>
    /// Analyze performance of multi-layer pipeline (the tutorial's <c>analyze_pipeline_performance</c>):
    /// per layer, total frames, average run time, failed (DEAD) frames, success rate, average cores and
    /// memory used, printed as one table.
    /// </summary>
    /// <param name="api">The Cuebot connection (the tutorial uses pycue's global <c>opencue.api</c>).</param>
    /// <param name="jobName">The conformed job name, e.g. <c>demo-project-shot010-artist01_sequential_pipeline_v001</c>.</param>
    /// <param name="output">Where the table is printed (default the console).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="EntityNotFoundException">No job, pending or finished, has that name.</exception>
    /// <remarks>
    /// The tutorial's <c>opencue.api.findJob</c> only finds pending jobs; <see cref="PipelineAnalytics"/>
    /// also looks among finished ones, so a job can be analysed after it is done. As in the
    /// tutorial, the average run time divides the run time of the frames that ran by all frames.
    /// </remarks>
    public static async Task<PipelineAnalysis> AnalyzePipelinePerformance(
        CueApi api, string jobName, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        output ??= Console.Out;

        var analysis = await PipelineAnalytics.AnalyzeAsync(api, jobName, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(analysis.ToTable()).ConfigureAwait(false);
        return analysis;
    }
}
