using System;
using System.Collections.Generic;
using System.Linq;
using OpenCue.Authoring;
using OpenCue.LocalCue.Intake;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling
{
    /// <summary>
    /// The dependency engine, with Cuebot's semantics. Depends are indexed by what they wait on, so
    /// completing a frame touches only the depends on that frame, its layer and its job.
    /// </summary>
    internal sealed partial class CueScheduler
    {
        private readonly Dictionary<string, CueDepend> _depends = new(StringComparer.Ordinal);

        /// <summary>
        /// Plans the depends of a spec against its (not yet registered) jobs. Every reason to refuse the
        /// spec surfaces here, before anything changes, so a refused launch creates nothing.
        /// </summary>
        private static List<PlannedDepend> PlanDepends(IReadOnlyList<DependDefinition> definitions, Dictionary<string, CueJob> jobsByName)
        {
            var plans = new List<PlannedDepend>();
            foreach (var definition in definitions)
            {
                var type = ParseType(definition.Type);
                var plan = new PlannedDepend
                {
                    Type = type,
                    AnyFrame = definition.AnyFrame && type == PbDepend.DependType.LayerOnLayer,
                    ErJob = Lookup(jobsByName, definition.DependErJob, "job"),
                    OnJob = Lookup(jobsByName, definition.OnJob, "job"),
                };
                plan.ErLayer = definition.DependErLayer is null ? null : FindLayer(plan.ErJob, definition.DependErLayer);
                plan.OnLayer = definition.OnLayer is null ? null : FindLayer(plan.OnJob, definition.OnLayer);
                plan.ErFrame = definition.DependErFrame is null ? null : FindFrame(plan.ErJob, definition.DependErFrame);
                plan.OnFrame = definition.OnFrame is null ? null : FindFrame(plan.OnJob, definition.OnFrame);
                switch (type)
                {
                    case PbDepend.DependType.FrameByFrame:
                        PlanFrameByFrame(plan);
                        break;
                    case PbDepend.DependType.PreviousFrame:
                        plan.Pairs = PreviousFramePairs(Required(plan.ErLayer, "deplayer"), Required(plan.OnLayer, "onlayer"));
                        break;
                    case PbDepend.DependType.LayerOnSimFrame:
                        var onFrame = Required(plan.OnFrame, "onframe");
                        plan.OnLayer = onFrame.Layer;
                        plan.Pairs = Required(plan.ErLayer, "deplayer").Frames.Select(f => (f, onFrame)).ToList();
                        break;
                }

                plans.Add(plan);
            }

            return plans;
        }

        /// <summary>Creates planned depends: counts and indexes change here.</summary>
        private List<CueDepend> ApplyDepends(List<PlannedDepend> plans)
        {
            var created = new List<CueDepend>();
            foreach (var plan in plans)
            {
                created.Add(plan.Pairs is null
                    ? Simple(plan.Type, plan.AnyFrame, plan.ErJob, plan.ErLayer, plan.ErFrame, plan.OnJob, plan.OnLayer, plan.OnFrame)
                    : Composite(plan.Type, plan.ErLayer!, plan.OnLayer!, plan.Pairs));
            }

            return created;
        }

        /// <summary>Cuebot's chunk-aware FRAME_BY_FRAME (facts 5.3).</summary>
        private static void PlanFrameByFrame(PlannedDepend plan)
        {
            var er = Required(plan.ErLayer, "deplayer");
            var on = Required(plan.OnLayer, "onlayer");
            var erChunk = er.Definition.Chunk;
            var onChunk = on.Definition.Chunk;
            if ((er.Frames.Count == 1 && erChunk > 1) || (on.Frames.Count == 1 && onChunk > 1))
            {
                plan.Type = PbDepend.DependType.LayerOnLayer;
                return;
            }

            var pairs = new List<(CueFrame Er, CueFrame On)>(er.Frames.Count);
            foreach (var frame in er.Frames)
            {
                if (erChunk == onChunk)
                {
                    if (on.FramesByNumber.TryGetValue(frame.Number, out var match))
                    {
                        pairs.Add((frame, match));
                    }

                    continue;
                }

                var index = Chunking.FindChunk(on.Definition.Frames, frame.Number);
                if (index < 0)
                {
                    throw new Intake.SpecRejectedException("Frame " + frame.Name + " comes before the first frame of layer " + on.Name +
                        ": Cuebot cannot find its chunk for a FRAME_BY_FRAME depend.");
                }

                // A larger on chunk holds the frame; a smaller one is waited for chunk by chunk.
                var last = onChunk > erChunk ? index : Math.Min(index + (erChunk - onChunk), on.Frames.Count - 1);
                for (var i = index; i <= last; i++)
                {
                    pairs.Add((frame, on.Frames[i]));
                }
            }

            plan.Pairs = pairs;
        }

        /// <summary>PREVIOUS_FRAME by position in the raw ranges: er position i waits for on position i-1 (positions that are not chunk starts are skipped).</summary>
        private static List<(CueFrame, CueFrame)> PreviousFramePairs(CueLayer er, CueLayer on)
        {
            var erRaw = FrameSet.Parse(er.Definition.Range);
            var onRaw = FrameSet.Parse(on.Definition.Range);
            var pairs = new List<(CueFrame, CueFrame)>();
            for (var i = 1; i < erRaw.Count; i++)
            {
                if (i - 1 >= onRaw.Count)
                {
                    throw new Intake.SpecRejectedException("Layer " + on.Name + " has fewer frames than " + er.Name + " for a PREVIOUS_FRAME depend.");
                }

                if (er.FramesByNumber.TryGetValue(erRaw[i], out var erFrame) && on.FramesByNumber.TryGetValue(onRaw[i - 1], out var onFrame))
                {
                    pairs.Add((erFrame, onFrame));
                }
            }

            return pairs;
        }

        private CueDepend Composite(PbDepend.DependType type, CueLayer er, CueLayer on, List<(CueFrame Er, CueFrame On)> pairs)
        {
            var parent = new CueDepend(NewId(), type, false) { ErJob = er.Job, ErLayer = er, OnJob = on.Job, OnLayer = on };
            foreach (var (erFrame, onFrame) in pairs)
            {
                var child = Simple(PbDepend.DependType.FrameOnFrame, false, erFrame.Layer.Job, null, erFrame, onFrame.Layer.Job, null, onFrame);
                parent.AddChild(child);
            }

            parent.ActiveChildren = parent.Children.Count(c => c.Active);
            parent.Active = parent.ActiveChildren > 0;
            _depends[parent.Id] = parent;
            (er.ThisDependsOn ??= new List<CueDepend>()).Add(parent);
            return parent;
        }

        private CueDepend Simple(PbDepend.DependType type, bool anyFrame, CueJob erJob, CueLayer? erLayer, CueFrame? erFrame, CueJob onJob, CueLayer? onLayer, CueFrame? onFrame)
        {
            var depend = new CueDepend(NewId(), type, anyFrame)
            {
                ErJob = erJob, ErLayer = erLayer, ErFrame = erFrame, OnJob = onJob, OnLayer = onLayer, OnFrame = onFrame,
            };
            _depends[depend.Id] = depend;
            Index(depend);

            // A depend whose target is already complete is created satisfied.
            depend.Active = !IsTargetComplete(depend);
            if (depend.Active && depend.ErFrame != null)
            {
                // The common case (every child of a composite): one frame, no enumerator.
                IncrementDepends(depend.ErFrame);
            }
            else if (depend.Active)
            {
                foreach (var frame in depend.Covered())
                {
                    IncrementDepends(frame);
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
                    (depend.OnFrame.State == PbJob.FrameState.Eaten && !_options.SatisfyOnlyOnFrameSuccess);
            }

            if (depend.OnLayer != null)
            {
                return depend.OnLayer.IsComplete && (!depend.AnyFrame || depend.OnLayer.Counts[PbJob.FrameState.Succeeded] > 0);
            }

            return depend.OnJob.State == PbJob.JobState.Finished;
        }

        /// <summary>Satisfies a depend: the frames it held count one depend fewer.</summary>
        private void Satisfy(CueDepend depend)
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
                DecrementDepends(frame);
            }

            if (depend.Parent is { } parent && --parent.ActiveChildren == 0 && parent.Active)
            {
                parent.Active = false;
                _store.Update(parent);
            }
        }

        /// <summary>Re-activates a satisfied depend (a retried target): its frames wait again, succeeded ones included.</summary>
        private void Reactivate(CueDepend depend)
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
                IncrementDepends(frame);
            }
        }

        /// <summary>What a frame's success releases: depends on the frame, any-frame depends on its layer, then the layer, then the job.</summary>
        private void OnFrameDone(CueFrame frame)
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

            CheckJobComplete(layer.Job);
        }

        private static T Required<T>(T? value, string element)
            where T : class => value ?? throw new Intake.SpecRejectedException("The depend lacks <" + element + ">.");

        private static PbDepend.DependType ParseType(string name) =>
            Enum.TryParse<PbDepend.DependType>(name.Replace("_", string.Empty, StringComparison.Ordinal), true, out var type)
                ? type
                : throw new Intake.SpecRejectedException("Unknown depend type " + name + ".");

        private static CueJob Lookup(Dictionary<string, CueJob> jobs, string name, string what) =>
            jobs.TryGetValue(name, out var job) ? job : throw new Intake.SpecRejectedException("The depend names " + what + " " + name + ", which is not in this spec.");

        private static CueLayer FindLayer(CueJob job, string name) =>
            job.LayersByName.TryGetValue(name, out var layer) ? layer
                : throw new Intake.SpecRejectedException("The depend names layer " + name + ", which job " + job.Name + " does not have.");

        /// <summary>A frame by its spec name, <c>NNNN-layer</c> (intake checked the form and that the frame exists).</summary>
        private static CueFrame FindFrame(CueJob job, string name)
        {
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) &&
                job.LayersByName.TryGetValue(name.Substring(dash + 1), out var layer) && layer.FramesByNumber.TryGetValue(number, out var frame))
            {
                return frame;
            }

            throw new Intake.SpecRejectedException("The depend names frame " + name + ", which job " + job.Name + " does not have.");
        }

        /// <summary>A copy of an index list (the caller may change depends while it walks it).</summary>
        private static IReadOnlyList<CueDepend> Get(List<CueDepend>? list) => list is null ? Array.Empty<CueDepend>() : list.ToArray();
    }
}

namespace OpenCue.LocalCue.Scheduling
{
    /// <summary>A depend worked out but not yet created.</summary>
    internal sealed class PlannedDepend
    {
        public PbDepend.DependType Type { get; set; }

        public bool AnyFrame { get; set; }

        public CueJob ErJob { get; set; } = null!;

        public CueLayer? ErLayer { get; set; }

        public CueFrame? ErFrame { get; set; }

        public CueJob OnJob { get; set; } = null!;

        public CueLayer? OnLayer { get; set; }

        public CueFrame? OnFrame { get; set; }

        /// <summary>For composites: the FRAME_ON_FRAME pairs (er, on).</summary>
        public List<(CueFrame Er, CueFrame On)>? Pairs { get; set; }
    }
}
