using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace OpenCue.LocalCue.Access;

/// <summary>
/// The calls anyone who can connect may make: they only read. Every other method, including any
/// added later or unknown, is a control call (default deny).
/// </summary>
internal static class ReadOnlyMethods
{
    /// <summary>The full gRPC method names (<c>/package.Service/Method</c>).</summary>
    internal static readonly FrozenSet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "/job.JobInterface/FindJob",
        "/job.JobInterface/GetJob",
        "/job.JobInterface/GetJobs",
        "/job.JobInterface/GetJobNames",
        "/job.JobInterface/IsJobPending",
        "/job.JobInterface/GetCurrent",
        "/job.JobInterface/GetLayers",
        "/job.JobInterface/GetFrames",
        "/job.JobInterface/GetComments",
        "/job.JobInterface/GetDepends",
        "/job.JobInterface/GetWhatDependsOnThis",
        "/job.JobInterface/GetWhatThisDependsOn",
        "/job.LayerInterface/FindLayer",
        "/job.LayerInterface/GetLayer",
        "/job.LayerInterface/GetFrames",
        "/job.LayerInterface/GetOutputPaths",
        "/job.LayerInterface/GetWhatDependsOnThis",
        "/job.LayerInterface/GetWhatThisDependsOn",
        "/job.FrameInterface/FindFrame",
        "/job.FrameInterface/GetFrame",
        "/job.FrameInterface/GetFrames",
        "/job.FrameInterface/GetWhatDependsOnThis",
        "/job.FrameInterface/GetWhatThisDependsOn",
        "/depend.DependInterface/GetDepend",
        "/cue.CueInterface/GetSystemStats",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a call only reads.</summary>
    /// <param name="method">The full method name, as <c>ServerCallContext.Method</c> gives it.</param>
    /// <returns><see langword="true"/> only for the methods listed.</returns>
    public static bool Contains(string method) => Names.Contains(method);
}
