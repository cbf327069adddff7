using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OpenCue.Client;

/// <summary>The tutorial's pipeline analysis of a job: per-layer frames, run time, failures, success rate and resources.</summary>
public sealed class PipelineAnalysis
{
    /// <summary>Creates the analysis.</summary>
    /// <param name="jobName">The job.</param>
    /// <param name="layers">Per-layer figures, in dispatch order.</param>
    public PipelineAnalysis(string jobName, IReadOnlyList<LayerAnalysis> layers)
    {
        JobName = jobName;
        Layers = layers;
    }

    /// <summary>The job.</summary>
    public string JobName { get; }

    /// <summary>Per-layer figures.</summary>
    public IReadOnlyList<LayerAnalysis> Layers { get; }

    /// <summary>The analysis as a fixed-width table, one row per layer.</summary>
    /// <returns>The table, lines separated by <c>\n</c>.</returns>
    public string ToTable()
    {
        var width = 5;
        foreach (var layer in Layers)
        {
            width = System.Math.Max(width, layer.Layer.Length);
        }

        var text = new StringBuilder();
        text.Append("Pipeline Analysis for: ").Append(JobName).Append('\n');
        var header = string.Format(CultureInfo.InvariantCulture, "{0,-" + width + "}  {1,6}  {2,12}  {3,6}  {4,8}  {5,9}  {6,10}", "Layer", "Frames", "Avg runtime", "Failed", "Success", "Avg cores", "Avg memory");
        text.Append(header).Append('\n').Append(new string('-', header.Length)).Append('\n');
        foreach (var layer in Layers)
        {
            text.AppendFormat(CultureInfo.InvariantCulture, "{0,-" + width + "}  {1,6}  {2,12}  {3,6}  {4,7:0.0}%  {5,9:0.0}  {6,7:0} MB\n",
                layer.Layer, layer.TotalFrames, Runtime(layer.AverageRuntime), layer.FailedFrames, layer.SuccessRate, layer.AverageCoresUsed, layer.AverageMemoryUsedMb);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToTable();

    private static string Runtime(System.TimeSpan value) =>
        value.TotalMinutes >= 1
            ? value.TotalMinutes.ToString("0.00", CultureInfo.InvariantCulture) + " min"
            : value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
