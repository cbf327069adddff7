using System;
using System.Collections.Generic;
using OpenCue.Authoring;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Running;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// What jobs, layers and frames have alike: an id, a row in the store, and the depends that point at
/// them from either end (so a completion finds its dependents without a lookup).
/// </summary>
internal abstract class CueEntity
{
    protected CueEntity(string id) => Id = id;

    public string Id { get; }

    /// <summary>The key of this row in the store, set by <see cref="StoreWriter.Insert"/> and on restore; 0 until the row exists (changes before that are written by the insert).</summary>
    public long StoreKey { get; set; }

    /// <summary>Depends whose target is this (Cuebot's <c>getWhatDependsOnThis</c>); null until the first.</summary>
    public List<CueDepend>? DependsOnThis { get; set; }

    /// <summary>Depends this waits on itself, composites included (Cuebot's <c>getWhatThisDependsOn</c>); null until the first.</summary>
    public List<CueDepend>? ThisDependsOn { get; set; }
}

/// <summary>A job held by the scheduler. Mutable only under the scheduler's lock.</summary>
internal sealed class CueJob : CueEntity
{
    public CueJob(string id, long sequence, JobDefinition definition)
        : base(id)
    {
        Sequence = sequence;
        Definition = definition;
        Paused = definition.Paused;
        Priority = definition.Priority;
        MaxRetries = definition.MaxRetries;
        AutoEat = definition.AutoEat;
        MaxCorePoints = definition.MaxCorePoints;
        MinCorePoints = definition.MinCorePoints;
    }

    /// <summary>Launch order, the tie-break after priority.</summary>
    public long Sequence { get; }

    public JobDefinition Definition { get; }

    public string Name => Definition.Name;

    public PbJob.JobState State { get; set; } = PbJob.JobState.Pending;

    public bool Paused { get; set; }

    public int Priority { get; set; }

    public int MaxRetries { get; set; }

    public bool AutoEat { get; set; }

    public int MaxCorePoints { get; set; }

    public int MinCorePoints { get; set; }

    public long StartTime { get; set; }

    public long StopTime { get; set; }

    public string LogDirectory { get; set; } = string.Empty;

    public string? ParentJobId { get; set; }

    public string? PostJobId { get; set; }

    public List<CueLayer> Layers { get; } = new();

    /// <summary>The job's layers by name (layer names are unique within a job).</summary>
    public Dictionary<string, CueLayer> LayersByName { get; } = new(StringComparer.Ordinal);

    public StateCounts Counts { get; } = new();

    /// <summary>Core points reserved by this job's running frames.</summary>
    public int ReservedCorePoints { get; set; }

    /// <summary>Every frame in Cuebot's listing order (frame position, then layer), built once.</summary>
    public List<CueFrame>? OrderedFrames { get; set; }

    /// <summary>WAITING frames in dispatch order: frame position, then layer order.</summary>
    public SortedSet<CueFrame> Waiting { get; } = new(FrameDispatchComparer.Instance);

    /// <summary>Layers with a WAITING frame; -1 until the dispatcher first counts them, then kept by <c>SetFrameState</c>.</summary>
    public int LayersWaiting { get; set; } = -1;

    /// <summary>Adds a layer at the end of the job (and to <see cref="LayersByName"/>).</summary>
    public void AddLayer(CueLayer layer)
    {
        Layers.Add(layer);
        LayersByName.Add(layer.Name, layer);
    }

}

/// <summary>A layer held by the scheduler.</summary>
internal sealed class CueLayer : CueEntity
{
    private FrameSet? _range;

    public CueLayer(string id, CueJob job, LayerDefinition definition)
        : base(id)
    {
        Job = job;
        Definition = definition;
        MinCorePoints = definition.MinCorePoints;
        MaxCorePoints = definition.MaxCorePoints;
        MinMemoryKb = definition.MinMemoryKb;
        Threadable = definition.Threadable;
        Tags = new List<string>(definition.Tags);
        TimeoutMinutes = definition.TimeoutMinutes;
        TimeoutLluMinutes = definition.TimeoutLluMinutes;
    }

    public CueJob Job { get; }

    public LayerDefinition Definition { get; }

    public string Name => Definition.Name;

    /// <summary>The layer's range as launched (its frames' chunks and tokens come from it): intake's parse, or parsed on first use after a restart.</summary>
    public FrameSet Range => _range ??= Definition.ParsedRange ?? FrameSet.Parse(Definition.Range);

    public int MinCorePoints { get; set; }

    public int MaxCorePoints { get; set; }

    public long MinMemoryKb { get; set; }

    public bool Threadable { get; set; }

    public List<string> Tags { get; set; }

    public int TimeoutMinutes { get; set; }

    public int TimeoutLluMinutes { get; set; }

    public List<CueFrame> Frames { get; } = new();

    public Dictionary<int, CueFrame> FramesByNumber { get; } = new();

    public StateCounts Counts { get; } = new();

    public int ReservedCorePoints { get; set; }

    /// <summary>Finished frames' run seconds and core seconds, for stats.</summary>
    public long TotalRunSeconds { get; set; }

    public long TotalCoreSeconds { get; set; }

    public long MaxRssKb { get; set; }

    /// <summary>Complete: no WAITING, RUNNING, DEAD, DEPEND or CHECKPOINT frame.</summary>
    public bool IsComplete => Counts.Unfinished == 0;

}

/// <summary>A frame (one chunk) held by the scheduler.</summary>
internal sealed class CueFrame : CueEntity
{
    public CueFrame(string id, CueLayer layer, int number, int dispatchOrder)
        : base(id)
    {
        Layer = layer;
        Number = number;
        DispatchOrder = dispatchOrder;
    }

    public CueLayer Layer { get; }

    public int Number { get; }

    /// <summary>Position in the layer (0, 1, 2 ...).</summary>
    public int DispatchOrder { get; }

    /// <summary>Cuebot's frame name, <c>%04d-layer</c> (made when asked: a job can hold 100,000 frames).</summary>
    public string Name => CueNames.FrameName(Number, Layer.Name);

    public PbJob.FrameState State { get; set; } = PbJob.FrameState.Waiting;

    public int DependCount { get; set; }

    public int RetryCount { get; set; }

    public int ExitStatus { get; set; } = -1;

    public int ExitSignal { get; set; }

    public long StartTime { get; set; }

    public long StopTime { get; set; }

    /// <summary>
    /// When the frame last left DEPEND for WAITING (Cuebot's <c>ts_eligible</c>, kept in the store), 0 when it never
    /// waited on a depend: Cuebot then reports the job's submission time.
    /// </summary>
    public long EligibleTime { get; set; }

    public long MaxRssKb { get; set; }

    public int ReservedCorePoints { get; set; }

    public long ReservedMemoryKb { get; set; }

    public string LastResource { get; set; } = string.Empty;

    /// <summary>Memory-failure retries used (capped locally: one machine cannot give a frame more memory).</summary>
    public int MemoryRetries { get; set; }

    public IRunningFrame? Running { get; set; }

    /// <summary>A state set while the frame ran (retry: WAITING, eat: EATEN); kept when the process ends.</summary>
    public PbJob.FrameState? PendingState { get; set; }

    /// <summary>Failed launches in a row (exit 256); after a few the frame dies.</summary>
    public int FailedLaunches { get; set; }

    /// <summary>Not dispatched before this time (after a failed launch, as RQD waits before reporting one).</summary>
    public DateTimeOffset NotBefore { get; set; }

    /// <summary>A kill asked for before the process handle was attached.</summary>
    public string? PendingKill { get; set; }

    public long Version { get; set; }


}

/// <summary>A depend held by the scheduler; FRAME_BY_FRAME, PREVIOUS_FRAME and LAYER_ON_SIM_FRAME are composites of FRAME_ON_FRAME children.</summary>
internal sealed class CueDepend
{
    private List<CueDepend>? _children;

    public CueDepend(string id, PbDepend.DependType type, bool anyFrame)
    {
        Id = id;
        Type = type;
        AnyFrame = anyFrame;
    }

    public string Id { get; }

    public PbDepend.DependType Type { get; }

    public bool AnyFrame { get; }

    public bool Active { get; set; } = true;

    public CueDepend? Parent { get; set; }

    /// <summary>A composite's FRAME_ON_FRAME children (empty for other depends).</summary>
    public IReadOnlyList<CueDepend> Children => (IReadOnlyList<CueDepend>?)_children ?? Array.Empty<CueDepend>();

    /// <summary>The key of this depend's row in the store, set by <see cref="StoreWriter.Insert"/> and on restore; 0 until the row exists (its changes are then written by the insert).</summary>
    public long StoreKey { get; set; }

    /// <summary>For composites: how many children are active (kept so satisfying one child is O(1)).</summary>
    public int ActiveChildren { get; set; }

    public bool IsComposite => Children.Count > 0 || Type is PbDepend.DependType.FrameByFrame or PbDepend.DependType.PreviousFrame or PbDepend.DependType.LayerOnSimFrame;

    public CueJob ErJob { get; set; } = null!;

    public CueLayer? ErLayer { get; set; }

    public CueFrame? ErFrame { get; set; }

    public CueJob OnJob { get; set; } = null!;

    public CueLayer? OnLayer { get; set; }

    public CueFrame? OnFrame { get; set; }

    /// <summary>Adds a FRAME_ON_FRAME child to this composite.</summary>
    public void AddChild(CueDepend child)
    {
        child.Parent = this;
        (_children ??= new List<CueDepend>()).Add(child);
    }

    /// <summary>The frames this depend holds back (its own coverage; composites hold nothing themselves).</summary>
    public IEnumerable<CueFrame> Covered()
    {
        if (IsComposite)
        {
            yield break;
        }

        if (ErFrame != null)
        {
            yield return ErFrame;
        }
        else if (ErLayer != null)
        {
            foreach (var frame in ErLayer.Frames)
            {
                yield return frame;
            }
        }
        else
        {
            foreach (var layer in ErJob.Layers)
            {
                foreach (var frame in layer.Frames)
                {
                    yield return frame;
                }
            }
        }
    }
}

/// <summary>Counts of frames per state, kept exact on every change.</summary>
internal sealed class StateCounts
{
    private readonly int[] _counts = new int[8];

    public int this[PbJob.FrameState state] => _counts[(int)state];

    public int Total { get; private set; }

    /// <summary>Frames keeping a layer or job from completing.</summary>
    public int Unfinished => this[PbJob.FrameState.Waiting] + this[PbJob.FrameState.Running] + this[PbJob.FrameState.Dead] +
        this[PbJob.FrameState.Depend] + this[PbJob.FrameState.Checkpoint] + this[PbJob.FrameState.Setup];

    public void Add(PbJob.FrameState state)
    {
        _counts[(int)state]++;
        Total++;
    }

    public void Move(PbJob.FrameState from, PbJob.FrameState to)
    {
        _counts[(int)from]--;
        _counts[(int)to]++;
    }
}

/// <summary>Cuebot's dispatch order inside a job: frame position first, then layer order.</summary>
internal sealed class FrameDispatchComparer : IComparer<CueFrame>
{
    public static readonly FrameDispatchComparer Instance = new();

    public int Compare(CueFrame? x, CueFrame? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        var c = x!.DispatchOrder.CompareTo(y!.DispatchOrder);
        if (c != 0)
        {
            return c;
        }

        c = x.Layer.Definition.DispatchOrder.CompareTo(y.Layer.Definition.DispatchOrder);
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }
}
