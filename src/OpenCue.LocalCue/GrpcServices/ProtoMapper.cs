using System;
using System.Collections.Generic;
using System.Linq;
using OpenCue.LocalCue.Scheduling;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>The scheduler's snapshots as Cuebot's messages: the one place LocalCue's objects become protobuf.</summary>
internal static class ProtoMapper
{
    public static PbJob.Job ToProto(JobSnapshot job)
    {
        var c = job.Counts;
        var stats = new PbJob.JobStats
        {
            TotalLayers = job.LayerCount,
            TotalFrames = c.Total,
            WaitingFrames = c.Waiting,
            RunningFrames = c.Running,
            DeadFrames = c.Dead,
            EatenFrames = c.Eaten,
            DependFrames = c.Depend,
            SucceededFrames = c.Succeeded,
            PendingFrames = c.Waiting + c.Depend,
            ReservedCores = job.ReservedCorePoints / 100f,
            MaxRss = job.MaxRssKb,
            AvgFrameSec = job.SucceededFrames == 0 ? 0 : (int)(job.TotalRunSeconds / job.SucceededFrames),
            TotalCoreSec = job.TotalCoreSeconds,
        };
        var d = job.Definition;
        var proto = new PbJob.Job
        {
            Id = job.Id, State = job.State, Name = job.Name, Shot = d.Shot, Show = d.Show, User = d.User,
            Group = d.Show, Facility = d.Facility, Os = d.Os ?? string.Empty,
            Priority = job.Priority, MinCores = job.MinCorePoints / 100f, MaxCores = job.MaxCorePoints / 100f, LogDir = job.LogDirectory,
            IsPaused = job.Paused, AutoEat = job.AutoEat, StartTime = (int)job.StartTime, StopTime = (int)job.StopTime, JobStats = stats,
            MaxGpus = d.MaxGpus ?? 0,
        };
        if (d.Uid is int uid)
        {
            proto.Uid = uid;
        }

        return proto;
    }

    public static PbJob.Layer ToProto(LayerSnapshot layer)
    {
        var c = layer.Counts;
        var d = layer.Definition;
        var proto = new PbJob.Layer
        {
            Id = layer.Id, Name = d.Name, Range = d.Range, MinCores = layer.MinCorePoints / 100f, MaxCores = layer.MaxCorePoints / 100f,
            IsThreadable = layer.Threadable, MinMemory = layer.MinMemoryKb, MinGpuMemory = d.MinGpuMemoryKb, ChunkSize = d.Chunk,
            DispatchOrder = d.DispatchOrder, Type = Enum.Parse<PbJob.LayerType>(d.Type, true), ParentId = layer.JobId,
            Timeout = layer.TimeoutMinutes, TimeoutLlu = layer.TimeoutLluMinutes, MinGpus = d.MinGpus, MaxGpus = d.MaxGpus,
            Command = d.Command,
            LayerStats = new PbJob.LayerStats
            {
                TotalFrames = c.Total,
                WaitingFrames = c.Waiting,
                RunningFrames = c.Running,
                DeadFrames = c.Dead,
                EatenFrames = c.Eaten,
                DependFrames = c.Depend,
                SucceededFrames = c.Succeeded,
                PendingFrames = c.Waiting + c.Depend,
                AvgFrameSec = c.Succeeded == 0 ? 0 : (int)(layer.TotalRunSeconds / c.Succeeded),
                TotalCoreSec = layer.TotalCoreSeconds,
                MaxRss = layer.MaxRssKb,
                ReservedCores = layer.ReservedCorePoints / 100f,
            },
        };
        proto.Tags.AddRange(layer.Tags);
        proto.Services.AddRange(d.Services);
        proto.Limits.AddRange(d.Limits);
        return proto;
    }

    public static PbJob.Frame ToProto(FrameSnapshot frame) => new()
    {
        Id = frame.Id, Name = frame.Name, LayerName = frame.LayerName, Number = frame.Number, State = frame.State, RetryCount = frame.RetryCount,
        ExitStatus = frame.ExitStatus, DispatchOrder = frame.DispatchOrder, StartTime = (int)frame.StartTime, StopTime = (int)frame.StopTime,
        MaxRss = frame.MaxRssKb, UsedMemory = frame.UsedMemoryKb, ReservedMemory = frame.ReservedMemoryKb,
        LastResource = frame.LastResource, TotalCoreTime = (int)frame.TotalCoreSeconds,
        SubmissionTime = (int)frame.SubmissionTime,
        EligibleTime = (int)frame.EligibleTime,
    };

    public static PbDepend.Depend ToProto(DependSnapshot depend) => new()
    {
        Id = depend.Id, Type = depend.Type, Target = depend.Internal ? PbDepend.DependTarget.Internal : PbDepend.DependTarget.External,
        AnyFrame = depend.AnyFrame, Active = depend.Active,
        DependErJob = depend.ErJob, DependErLayer = depend.ErLayer, DependErFrame = depend.ErFrame,
        DependOnJob = depend.OnJob, DependOnLayer = depend.OnLayer, DependOnFrame = depend.OnFrame,
    };

    public static PbJob.JobSeq Jobs(IEnumerable<JobSnapshot> jobs)
    {
        var seq = new PbJob.JobSeq();
        seq.Jobs.AddRange(jobs.Select(ToProto));
        return seq;
    }

    public static PbJob.LayerSeq Layers(IEnumerable<LayerSnapshot> layers)
    {
        var seq = new PbJob.LayerSeq();
        seq.Layers.AddRange(layers.Select(ToProto));
        return seq;
    }

    public static PbJob.FrameSeq Frames(IEnumerable<FrameSnapshot> frames)
    {
        var seq = new PbJob.FrameSeq();
        seq.Frames.AddRange(frames.Select(ToProto));
        return seq;
    }

    public static PbDepend.DependSeq Depends(IEnumerable<DependSnapshot> depends)
    {
        var seq = new PbDepend.DependSeq();
        seq.Depends.AddRange(depends.Select(ToProto));
        return seq;
    }
}
