using System;
using System.Collections.Generic;
using OpenCue.LocalCue.Scheduling;

namespace OpenCue.LocalCue.Storage;

/// <summary>
/// Where the scheduler keeps its state. Every change is written through before the scheduler goes
/// on, so a crash loses nothing that was observable. SQLite today; the scheduler knows only this.
/// </summary>
internal interface IJobStore : IDisposable
{
    /// <summary>Reads everything back (jobs with their layers and frames, and depends).</summary>
    StoredState Load();

    /// <summary>Writes a new spec's jobs, layers, frames and depends in one transaction.</summary>
    void Insert(IReadOnlyList<CueJob> jobs, IReadOnlyList<CueDepend> depends);

    void UpdateJob(CueJob job);

    void UpdateLayer(CueLayer layer);

    void UpdateFrame(CueFrame frame);

    void UpdateDepend(CueDepend depend);

    /// <summary>Groups the updates made until disposal into one transaction.</summary>
    IDisposable Batch();
}

/// <summary>Rows read back by <see cref="IJobStore.Load"/>.</summary>
internal sealed class StoredState
{
    public List<StoredJob> Jobs { get; } = new();

    public List<StoredDepend> Depends { get; } = new();

    public long NextSequence { get; set; }
}

internal sealed class StoredJob
{
    /// <summary>The row's key in the store (kept on the model for updates).</summary>
    public long Key { get; init; }

    public string Id { get; init; } = string.Empty;

    public long Sequence { get; init; }

    public string DefinitionJson { get; init; } = string.Empty;

    public int State { get; init; }

    public bool Paused { get; init; }

    public int Priority { get; init; }

    public int MaxRetries { get; init; }

    public bool AutoEat { get; init; }

    public int MaxCorePoints { get; init; }

    public int MinCorePoints { get; init; }

    public long StartTime { get; init; }

    public long StopTime { get; init; }

    public string LogDirectory { get; init; } = string.Empty;

    public string? ParentJobId { get; init; }

    public string? PostJobId { get; init; }

    public List<StoredLayer> Layers { get; } = new();
}

internal sealed class StoredLayer
{
    /// <summary>The row's key in the store (kept on the model for updates).</summary>
    public long Key { get; init; }

    public string Id { get; init; } = string.Empty;

    public int Index { get; init; }

    public int MinCorePoints { get; init; }

    public int MaxCorePoints { get; init; }

    public long MinMemoryKb { get; init; }

    public bool Threadable { get; init; }

    public string Tags { get; init; } = string.Empty;

    public int TimeoutMinutes { get; init; }

    public int TimeoutLluMinutes { get; init; }

    public List<StoredFrame> Frames { get; } = new();
}

internal sealed class StoredFrame
{
    /// <summary>The row's key in the store (kept on the model for updates).</summary>
    public long Key { get; init; }

    public string Id { get; init; } = string.Empty;

    public int Number { get; init; }

    public int DispatchOrder { get; init; }

    public int State { get; init; }

    public int RetryCount { get; init; }

    public int ExitStatus { get; init; }

    public int ExitSignal { get; init; }

    public long StartTime { get; init; }

    public long StopTime { get; init; }

    public long MaxRssKb { get; init; }

    public int MemoryRetries { get; init; }

    /// <summary>Cuebot keeps the depend count on the frame (MarkAsWaiting zeroes it with depends still active).</summary>
    public int DependCount { get; init; }
}

internal sealed class StoredDepend
{
    /// <summary>The row's key in the store (kept on the model for updates).</summary>
    public long Key { get; init; }

    public string Id { get; init; } = string.Empty;

    public string? ParentId { get; init; }

    public int Type { get; init; }

    public bool AnyFrame { get; init; }

    public bool Active { get; init; }

    public string ErJob { get; init; } = string.Empty;

    public string? ErLayer { get; init; }

    public string? ErFrame { get; init; }

    public string OnJob { get; init; } = string.Empty;

    public string? OnLayer { get; init; }

    public string? OnFrame { get; init; }
}
