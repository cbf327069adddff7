namespace OpenCue.Client.Tests.Support;

/// <summary>Full gRPC method names (without the leading slash), as <see cref="FakeCuebot"/> records them.</summary>
public static class Rpc
{
    public const string LaunchSpec = "job.JobInterface/LaunchSpec";
    public const string LaunchSpecAndWait = "job.JobInterface/LaunchSpecAndWait";
    public const string FindJob = "job.JobInterface/FindJob";
    public const string GetJob = "job.JobInterface/GetJob";
    public const string GetJobs = "job.JobInterface/GetJobs";
    public const string IsJobPending = "job.JobInterface/IsJobPending";

    public const string GetUpdatedFrames = "job.JobInterface/GetUpdatedFrames";
    public const string GetLayers = "job.JobInterface/GetLayers";
    public const string JobGetFrames = "job.JobInterface/GetFrames";
    public const string Kill = "job.JobInterface/Kill";
    public const string Pause = "job.JobInterface/Pause";
    public const string Resume = "job.JobInterface/Resume";
    public const string RetryFrames = "job.JobInterface/RetryFrames";
    public const string EatFrames = "job.JobInterface/EatFrames";
    public const string KillFrames = "job.JobInterface/KillFrames";
    public const string SetMaxRetries = "job.JobInterface/SetMaxRetries";
    public const string JobSetMaxCores = "job.JobInterface/SetMaxCores";
    public const string GetLayer = "job.LayerInterface/GetLayer";
    public const string LayerGetFrames = "job.LayerInterface/GetFrames";
    public const string LayerSetMaxCores = "job.LayerInterface/SetMaxCores";
    public const string GetFrame = "job.FrameInterface/GetFrame";
    public const string FrameGetFrames = "job.FrameInterface/GetFrames";
    public const string FrameRetry = "job.FrameInterface/Retry";
    public const string FrameEat = "job.FrameInterface/Eat";
    public const string FrameKill = "job.FrameInterface/Kill";
    public const string GetSystemStats = "cue.CueInterface/GetSystemStats";
    public const string GetDepend = "depend.DependInterface/GetDepend";
}
