using System.Collections.Generic;

namespace OpenCue.LocalCue.Storage;

/// <summary>Everything <see cref="IJobStore.Load"/> reads back, table by table, in the order the rows were written.</summary>
/// <param name="Jobs">Jobs in launch order (<see cref="StoredJob.Sequence"/>).</param>
/// <param name="Layers">Layers by job, then by <see cref="StoredLayer.Index"/>.</param>
/// <param name="Frames">Frames in key order: each layer's frames in its dispatch order.</param>
/// <param name="Depends">Depends in key order: a composite before its children.</param>
internal sealed record StoredState(
    IReadOnlyList<StoredJob> Jobs, IReadOnlyList<StoredLayer> Layers, IReadOnlyList<StoredFrame> Frames, IReadOnlyList<StoredDepend> Depends);

/// <summary>
/// A job's row: the job as launched (<c>DefinitionJson</c>, text the store never reads) and what changes
/// after launch (<c>Values</c>). In a record to insert the key is 0; the store gives it.
/// </summary>
internal sealed record StoredJob(
    long Key, string Id, long Sequence, string DefinitionJson, string LogDirectory, string? ParentJobId, StoredJobValues Values);

/// <summary>The columns of a job's row that change after launch (what <see cref="IStoreTransaction.UpdateJob"/> writes).</summary>
internal sealed record StoredJobValues(
    int State, bool Paused, int Priority, int MaxRetries, bool AutoEat, int MaxCorePoints, int MinCorePoints, long StartTime, long StopTime,
    string? PostJobId);

/// <summary>A layer's row; <see cref="Index"/> is its position in the job. Tags are one text, joined by <c>|</c>.</summary>
internal sealed record StoredLayer(
    long Key, string Id, long JobKey, int Index, int MinCorePoints, int MaxCorePoints, long MinMemoryKb, bool Threadable, string Tags,
    int TimeoutMinutes, int TimeoutLluMinutes);

/// <summary>
/// A frame's row. Cuebot keeps the depend count on the frame (MarkAsWaiting zeroes it with depends still active), and
/// its eligible time (<c>ts_eligible</c>: when it last left DEPEND for WAITING; 0 when it never did).
/// </summary>
internal sealed record StoredFrame(
    long Key, string Id, long LayerKey, int Number, int DispatchOrder, int State, int RetryCount, int ExitStatus, int ExitSignal,
    long StartTime, long StopTime, long MaxRssKb, int MemoryRetries, int DependCount, long EligibleTime = 0);

/// <summary>A depend's row; its ends and its composite (<see cref="ParentKey"/>) are rows of this store, by key.</summary>
internal sealed record StoredDepend(
    long Key, string Id, long? ParentKey, int Type, bool AnyFrame, bool Active,
    long ErJobKey, long? ErLayerKey, long? ErFrameKey, long OnJobKey, long? OnLayerKey, long? OnFrameKey);
