using System;
using System.Collections.Generic;
using System.Linq;
using OpenCue.LocalCue.Intake;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// The depend engine, with Cuebot's semantics. It creates the depends intake resolved (ends and composite pairs
/// given, nothing looked up by name), satisfies and re-activates them, and keeps frames' depend counts through the
/// book. Depends are indexed by what they wait on, so completing a frame touches only the depends on that frame, its
/// layer and its job. Used under the scheduler's lock only.
/// </summary>
internal sealed class DependEngine
{
    private readonly CueBook _book;
    private readonly StoreWriter _store;
    private readonly bool _satisfyOnlyOnFrameSuccess;

    public DependEngine(CueBook book, StoreWriter store, bool satisfyOnlyOnFrameSuccess)
    {
        _book = book;
        _store = store;
        _satisfyOnlyOnFrameSuccess = satisfyOnlyOnFrameSuccess;
    }

    public Dictionary<string, CueDepend> Depends { get; } = new(StringComparer.Ordinal);

    public CueDepend ById(string id) =>
        Depends.TryGetValue(id ?? string.Empty, out var depend) ? depend : throw new NotFoundException("Depend not found: " + id);

    /// <summary>Creates resolved depends between the jobs just created: counts, frame states and indexes change here.</summary>
    /// <param name="definitions">The depends, resolved by intake.</param>
    /// <param name="jobs">The live job of each job definition.</param>
    /// <returns>The depends created (composites with their children), in order.</returns>
    public List<CueDepend> Create(IReadOnlyList<DependDefinition> definitions, IReadOnlyDictionary<JobDefinition, CueJob> jobs)
    {
        var created = new List<CueDepend>(definitions.Count);
        foreach (var d in definitions)
        {
            var erJob = jobs[d.Er.Job];
            var onJob = jobs[d.On.Job];
            var erLayer = LayerOf(erJob, d.Er.Layer);
            var onLayer = LayerOf(onJob, d.On.Layer);
            if (d.Pairs is { } pairs)
            {
                created.Add(Composite(d.Kind, erLayer!, onLayer!, pairs));
                continue;
            }

            created.Add(Simple(
                d.Kind, d.AnyFrame && d.Kind == PbDepend.DependType.LayerOnLayer,
                erJob, d.Er.Frame is null ? erLayer : null, d.Er.Frame is int e ? erLayer!.Frames[e] : null,
                onJob, d.On.Frame is null ? onLayer : null, d.On.Frame is int o ? onLayer!.Frames[o] : null));
        }

        return created;
    }

    /// <summary>Indexes depends read back from the store; their activity and the frames' counts are as stored (Cuebot keeps them on the frame).</summary>
    public void Restore(IReadOnlyList<CueDepend> restored)
    {
        foreach (var depend in restored)
        {
            Depends[depend.Id] = depend;
        }

        foreach (var depend in Depends.Values)
        {
            if (depend.IsComposite)
            {
                depend.ActiveChildren = depend.Children.Count(c => c.Active);
                (depend.ErLayer!.ThisDependsOn ??= new List<CueDepend>()).Add(depend);
                continue;
            }

            Index(depend);
        }
    }

    /// <summary>Like Cuebot's maintenance sweep after a crash: satisfies the active depends whose target is done.</summary>
    public void SatisfyDone()
    {
        foreach (var depend in Depends.Values.Where(d => d.Active && !d.IsComposite).ToList())
        {
            var done = depend.OnFrame != null ? depend.OnFrame.State == PbJob.FrameState.Succeeded
                : depend.OnLayer != null ? depend.OnLayer.IsComplete && (!_satisfyOnlyOnFrameSuccess || depend.OnLayer.Counts[PbJob.FrameState.Eaten] == 0)
                : depend.OnJob.State == PbJob.JobState.Finished;
            if (done)
            {
                Satisfy(depend);
            }
        }
    }

    /// <summary>Satisfies a depend: the frames it held count one depend fewer.</summary>
    public void Satisfy(CueDepend depend)
    {
        if (depend.IsComposite)
        {
            foreach (var child in depend.Children)
            {
                Satisfy(child);
            }

            depend.Active = false;
            _store.Update(depend);
            return;
        }

        if (!depend.Active)
        {
            return;
        }

        depend.Active = false;
        _store.Update(depend);
        foreach (var frame in depend.Covered())
        {
            _book.DecrementDepends(frame);
        }

        if (depend.Parent is { } parent && --parent.ActiveChildren == 0 && parent.Active)
        {
            parent.Active = false;
            _store.Update(parent);
        }
    }

    /// <summary>Re-activates a satisfied depend (a retried target): its frames wait again, succeeded ones included.</summary>
    public void Reactivate(CueDepend depend)
    {
        if (depend.Active || depend.IsComposite)
        {
            return;
        }

        depend.Active = true;
        _store.Update(depend);
        if (depend.Parent is { } parent && ++parent.ActiveChildren == 1 && !parent.Active)
        {
            parent.Active = true;
            _store.Update(parent);
        }

        foreach (var frame in depend.Covered())
        {
            _book.IncrementDepends(frame);
        }
    }

    /// <summary>Cuebot's retry: the FRAME_ON_FRAME depends on the frame and the LAYER_ON_LAYER depends on its layer wait again.</summary>
    public void OnFrameRetried(CueFrame frame)
    {
        foreach (var depend in Get(frame.DependsOnThis).Where(d => d.Type == PbDepend.DependType.FrameOnFrame))
        {
            Reactivate(depend);
        }

        foreach (var depend in Get(frame.Layer.DependsOnThis).Where(d => d.Type == PbDepend.DependType.LayerOnLayer))
        {
            Reactivate(depend);
        }
    }

    /// <summary>What a frame's end releases: depends on the frame, any-frame depends on its layer when it succeeded, then the layer's when it is complete.</summary>
    public void OnFrameDone(CueFrame frame)
    {
        foreach (var depend in Get(frame.DependsOnThis))
        {
            Satisfy(depend);
        }

        var layer = frame.Layer;
        if (frame.State == PbJob.FrameState.Succeeded)
        {
            foreach (var depend in Get(layer.DependsOnThis).Where(d => d.AnyFrame))
            {
                Satisfy(depend);
            }
        }

        if (layer.IsComplete)
        {
            foreach (var depend in Get(layer.DependsOnThis))
            {
                Satisfy(depend);
            }
        }
    }

    /// <summary>A finished job releases what depends on it.</summary>
    public void OnJobFinished(CueJob job)
    {
        foreach (var depend in Get(job.DependsOnThis))
        {
            Satisfy(depend);
        }
    }

    /// <summary>
    /// Satisfies what depends on the frames without changing their state (Cuebot's MarkDoneFrames): depends on each
    /// frame and any-frame depends on its layer; with <paramref name="layer"/>, also everything that depends on that layer.
    /// </summary>
    public void MarkDone(IEnumerable<CueFrame> frames, CueLayer? layer)
    {
        foreach (var frame in frames)
        {
            foreach (var depend in Get(frame.DependsOnThis).Concat(Get(frame.Layer.DependsOnThis).Where(d => d.AnyFrame)))
            {
                Satisfy(depend);
            }
        }

        if (layer != null)
        {
            foreach (var depend in Get(layer.DependsOnThis))
            {
                Satisfy(depend);
            }
        }
    }

    /// <summary>Satisfies everything a job, layer or frame waits on (Cuebot's DropDepends): for a frame, only its own children of composites.</summary>
    public void Drop(CueJob? job, CueLayer? layer, CueFrame? frame)
    {
        IEnumerable<CueDepend> depends = frame != null ? Get(frame.ThisDependsOn)
            : layer != null ? Get(layer.ThisDependsOn).Concat(layer.Frames.SelectMany(f => Get(f.ThisDependsOn)).Select(d => d.Parent ?? d))
            : Get(job!.ThisDependsOn).Concat(job!.Layers.SelectMany(l => Get(l.ThisDependsOn).Concat(l.Frames.SelectMany(f => Get(f.ThisDependsOn)).Select(d => d.Parent ?? d))));
        foreach (var depend in depends.Distinct().ToList())
        {
            Satisfy(depend);
        }
    }

    /// <summary>The active depends a job (top-level ones), layer or frame waits on (Cuebot lists the active ones only).</summary>
    public IEnumerable<CueDepend> WhatThisDependsOn(string? jobId, string? layerId, string? frameId)
    {
        IEnumerable<CueDepend> depends = frameId != null ? Get(_book.FrameById(frameId).ThisDependsOn)
            : layerId != null ? Get(_book.LayerById(layerId).ThisDependsOn)
            : Depends.Values.Where(d => d.Parent is null && d.ErJob.Id == jobId);
        return depends.Where(d => d.Active);
    }

    /// <summary>What depends on a job, layer or frame (depends whose target it is), composites rather than their children.</summary>
    public IEnumerable<CueDepend> WhatDependsOnThis(string? jobId, string? layerId, string? frameId)
    {
        IEnumerable<CueDepend> depends = frameId != null ? Get(_book.FrameById(frameId).DependsOnThis)
            : layerId != null ? Get(_book.LayerById(layerId).DependsOnThis).Concat(_book.LayerById(layerId).Frames.SelectMany(f => Get(f.DependsOnThis)))
            : Get(_book.JobById(jobId!).DependsOnThis).Concat(_book.JobById(jobId!).Layers.SelectMany(l => Get(l.DependsOnThis)));
        return depends.Select(d => d.Parent ?? d).Distinct();
    }

    private static CueLayer? LayerOf(CueJob job, LayerDefinition? definition)
    {
        if (definition is null)
        {
            return null;
        }

        // Layers are created in their definition's order: the same position, no lookup by name.
        var layers = job.Definition.Layers;
        for (var i = 0; i < layers.Count; i++)
        {
            if (ReferenceEquals(layers[i], definition))
            {
                return job.Layers[i];
            }
        }

        throw new InvalidOperationException("The depend's layer " + definition.Name + " is not a layer of job " + job.Name + ".");
    }

    private CueDepend Composite(PbDepend.DependType type, CueLayer er, CueLayer on, IReadOnlyList<FramePair> pairs)
    {
        var parent = new CueDepend(CueBook.NewId(), type, false) { ErJob = er.Job, ErLayer = er, OnJob = on.Job, OnLayer = on };
        foreach (var pair in pairs)
        {
            var erFrame = er.Frames[pair.Er];
            var onFrame = on.Frames[pair.On];
            parent.AddChild(Simple(PbDepend.DependType.FrameOnFrame, false, er.Job, null, erFrame, on.Job, null, onFrame));
        }

        parent.ActiveChildren = parent.Children.Count(c => c.Active);
        parent.Active = parent.ActiveChildren > 0;
        Depends[parent.Id] = parent;
        (er.ThisDependsOn ??= new List<CueDepend>()).Add(parent);
        return parent;
    }

    private CueDepend Simple(PbDepend.DependType type, bool anyFrame, CueJob erJob, CueLayer? erLayer, CueFrame? erFrame, CueJob onJob, CueLayer? onLayer, CueFrame? onFrame)
    {
        var depend = new CueDepend(CueBook.NewId(), type, anyFrame)
        {
            ErJob = erJob, ErLayer = erLayer, ErFrame = erFrame, OnJob = onJob, OnLayer = onLayer, OnFrame = onFrame,
        };
        Depends[depend.Id] = depend;
        Index(depend);

        // A depend whose target is already complete is created satisfied.
        depend.Active = !IsTargetComplete(depend);
        if (depend.Active && depend.ErFrame != null)
        {
            // The common case (every child of a composite): one frame, no enumerator.
            _book.IncrementDepends(depend.ErFrame);
        }
        else if (depend.Active)
        {
            foreach (var frame in depend.Covered())
            {
                _book.IncrementDepends(frame);
            }
        }

        return depend;
    }

    private static void Index(CueDepend depend)
    {
        CueEntity on = (CueEntity?)depend.OnFrame ?? (CueEntity?)depend.OnLayer ?? depend.OnJob;
        CueEntity er = (CueEntity?)depend.ErFrame ?? (CueEntity?)depend.ErLayer ?? depend.ErJob;
        (on.DependsOnThis ??= new List<CueDepend>()).Add(depend);
        (er.ThisDependsOn ??= new List<CueDepend>()).Add(depend);
    }

    private bool IsTargetComplete(CueDepend depend)
    {
        if (depend.OnFrame != null)
        {
            return depend.OnFrame.State == PbJob.FrameState.Succeeded ||
                (depend.OnFrame.State == PbJob.FrameState.Eaten && !_satisfyOnlyOnFrameSuccess);
        }

        if (depend.OnLayer != null)
        {
            return depend.OnLayer.IsComplete && (!depend.AnyFrame || depend.OnLayer.Counts[PbJob.FrameState.Succeeded] > 0);
        }

        return depend.OnJob.State == PbJob.JobState.Finished;
    }

    /// <summary>A copy of an index list (the caller may change depends while it walks it).</summary>
    private static IReadOnlyList<CueDepend> Get(List<CueDepend>? list) => list is null ? Array.Empty<CueDepend>() : list.ToArray();
}
