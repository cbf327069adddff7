using OpenCue.Authoring;
using PbCue = OpenCue.Proto.Cue;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Internal;

/// <summary>
/// The only place the client's own states and stats meet the generated contract: messages in,
/// the library's enums and records out (and frame states back out for searches).
/// </summary>
internal static class ProtoMapping
{
    public static JobState ToJobState(PbJob.JobState state) => state switch
    {
        PbJob.JobState.Pending => JobState.Pending,
        PbJob.JobState.Finished => JobState.Finished,
        PbJob.JobState.Startup => JobState.Startup,
        PbJob.JobState.Shutdown => JobState.Shutdown,
        PbJob.JobState.Posted => JobState.Posted,
        _ => JobState.Pending,
    };

    public static FrameState ToFrameState(PbJob.FrameState state) => state switch
    {
        PbJob.FrameState.Waiting => FrameState.Waiting,
        PbJob.FrameState.Setup => FrameState.Setup,
        PbJob.FrameState.Running => FrameState.Running,
        PbJob.FrameState.Succeeded => FrameState.Succeeded,
        PbJob.FrameState.Depend => FrameState.Depend,
        PbJob.FrameState.Dead => FrameState.Dead,
        PbJob.FrameState.Eaten => FrameState.Eaten,
        PbJob.FrameState.Checkpoint => FrameState.Checkpoint,
        _ => FrameState.Waiting,
    };

    public static PbJob.FrameState ToProto(FrameState state) => state switch
    {
        FrameState.Waiting => PbJob.FrameState.Waiting,
        FrameState.Setup => PbJob.FrameState.Setup,
        FrameState.Running => PbJob.FrameState.Running,
        FrameState.Succeeded => PbJob.FrameState.Succeeded,
        FrameState.Depend => PbJob.FrameState.Depend,
        FrameState.Dead => PbJob.FrameState.Dead,
        FrameState.Eaten => PbJob.FrameState.Eaten,
        FrameState.Checkpoint => PbJob.FrameState.Checkpoint,
        _ => throw new System.ArgumentOutOfRangeException(nameof(state), state, "Not a frame state."),
    };

    /// <summary>A spec sets only Render, Util and Post; Cuebot's PRE (no spec can ask for it) reads as Util.</summary>
    public static LayerType ToLayerType(PbJob.LayerType type) => type switch
    {
        PbJob.LayerType.Render => LayerType.Render,
        PbJob.LayerType.Post => LayerType.Post,
        _ => LayerType.Util,
    };

    public static CueDependType ToDependType(PbDepend.DependType type) => type switch
    {
        PbDepend.DependType.JobOnJob => CueDependType.JobOnJob,
        PbDepend.DependType.JobOnLayer => CueDependType.JobOnLayer,
        PbDepend.DependType.JobOnFrame => CueDependType.JobOnFrame,
        PbDepend.DependType.LayerOnJob => CueDependType.LayerOnJob,
        PbDepend.DependType.LayerOnLayer => CueDependType.LayerOnLayer,
        PbDepend.DependType.LayerOnFrame => CueDependType.LayerOnFrame,
        PbDepend.DependType.FrameOnJob => CueDependType.FrameOnJob,
        PbDepend.DependType.FrameOnLayer => CueDependType.FrameOnLayer,
        PbDepend.DependType.FrameOnFrame => CueDependType.FrameOnFrame,
        PbDepend.DependType.FrameByFrame => CueDependType.FrameByFrame,
        PbDepend.DependType.PreviousFrame => CueDependType.PreviousFrame,
        _ => CueDependType.LayerOnSimFrame,
    };

    public static JobStats ToJobStats(PbJob.JobStats? s) => s is null ? new JobStats() : new JobStats
    {
        TotalLayers = s.TotalLayers,
        TotalFrames = s.TotalFrames,
        WaitingFrames = s.WaitingFrames,
        RunningFrames = s.RunningFrames,
        DeadFrames = s.DeadFrames,
        EatenFrames = s.EatenFrames,
        DependFrames = s.DependFrames,
        SucceededFrames = s.SucceededFrames,
        PendingFrames = s.PendingFrames,
        AverageFrameSeconds = s.AvgFrameSec,
        HighFrameSeconds = s.HighFrameSec,
        AverageCoreSeconds = s.AvgCoreSec,
        RenderedFrameCount = s.RenderedFrameCount,
        FailedFrameCount = s.FailedFrameCount,
        RemainingCoreSeconds = s.RemainingCoreSec,
        TotalCoreSeconds = s.TotalCoreSec,
        RenderedCoreSeconds = s.RenderedCoreSec,
        FailedCoreSeconds = s.FailedCoreSec,
        MaxRss = s.MaxRss,
        ReservedCores = s.ReservedCores,
        TotalGpuSeconds = s.TotalGpuSec,
        RenderedGpuSeconds = s.RenderedGpuSec,
        FailedGpuSeconds = s.FailedGpuSec,
        ReservedGpus = s.ReservedGpus,
        MaxGpuMemory = s.MaxGpuMemory,
        MaxPss = s.MaxPss,
    };

    public static LayerStats ToLayerStats(PbJob.LayerStats? s) => s is null ? new LayerStats() : new LayerStats
    {
        TotalFrames = s.TotalFrames,
        WaitingFrames = s.WaitingFrames,
        RunningFrames = s.RunningFrames,
        DeadFrames = s.DeadFrames,
        EatenFrames = s.EatenFrames,
        DependFrames = s.DependFrames,
        SucceededFrames = s.SucceededFrames,
        PendingFrames = s.PendingFrames,
        AverageFrameSeconds = s.AvgFrameSec,
        LowFrameSeconds = s.LowFrameSec,
        HighFrameSeconds = s.HighFrameSec,
        AverageCoreSeconds = s.AvgCoreSec,
        RenderedFrameCount = s.RenderedFrameCount,
        FailedFrameCount = s.FailedFrameCount,
        RemainingCoreSeconds = s.RemainingCoreSec,
        TotalCoreSeconds = s.TotalCoreSec,
        RenderedCoreSeconds = s.RenderedCoreSec,
        FailedCoreSeconds = s.FailedCoreSec,
        MaxRss = s.MaxRss,
        ReservedCores = s.ReservedCores,
        TotalGpuSeconds = s.TotalGpuSec,
        RenderedGpuSeconds = s.RenderedGpuSec,
        FailedGpuSeconds = s.FailedGpuSec,
        ReservedGpus = s.ReservedGpus,
        MaxGpuMemory = s.MaxGpuMemory,
        MaxPss = s.MaxPss,
    };

    public static SystemStats ToSystemStats(PbCue.SystemStats? s) => s is null ? new SystemStats() : new SystemStats
    {
        Manage = new QueueStats { Waiting = s.ManageWaiting, RemainingCapacity = s.ManageRemainingCapacity, Threads = s.ManageThreads, Executed = s.ManageExecuted, Rejected = s.ManageRejected },
        Dispatch = new QueueStats { Waiting = s.DispatchWaiting, RemainingCapacity = s.DispatchRemainingCapacity, Threads = s.DispatchThreads, Executed = s.DispatchExecuted, Rejected = s.DispatchRejected },
        Report = new QueueStats { Waiting = s.ReportWaiting, RemainingCapacity = s.ReportRemainingCapacity, Threads = s.ReportThreads, Executed = s.ReportExecuted, Rejected = s.ReportRejected },
        Booking = new QueueStats
        {
            Waiting = s.BookingWaiting, RemainingCapacity = s.BookingRemainingCapacity, Threads = s.BookingThreads, Executed = s.BookingExecuted, Rejected = s.BookingRejected,
            SleepMilliseconds = s.BookingSleepMillis,
        },
        HostBalanceSuccess = s.HostBalanceSuccess,
        HostBalanceFailed = s.HostBalanceFailed,
        KilledOffenderProcs = s.KilledOffenderProcs,
        KilledOomProcs = s.KilledOomProcs,
        ClearedProcs = s.ClearedProcs,
        BookingErrors = s.BookingErrors,
        BookingRetries = s.BookingRetries,
        BookedProcs = s.BookedProcs,
        RequestsForData = s.ReqForData,
        RequestsForFunction = s.ReqForFunction,
        RequestErrors = s.ReqErrors,
        UnbookedProcs = s.UnbookedProcs,
        PickedUpCores = s.PickedUpCores,
        StrandedCores = s.StrandedCores,
        DeferredReleaseProcs = s.DeferredReleaseProcs,
    };
}
