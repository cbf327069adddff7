using System;
using System.Collections.Generic;
using System.Linq;
using OpenCue.Authoring;

namespace OpenCue.Samples.Tutorial.Pipelines;

/// <summary>One pipeline of the tutorial, by its command-line name.</summary>
/// <param name="Name">The command-line name, e.g. <c>basic</c>.</param>
/// <param name="Function">The tutorial's Python function it ports.</param>
/// <param name="Description">What it builds.</param>
/// <param name="Create">Builds it; the argument is the shot/sequence and frame range chosen on the command line, or null.</param>
public sealed record PipelineEntry(string Name, string Function, string Description, Func<PipelineArguments, Outline> Create);

/// <summary>Values some pipelines take as arguments.</summary>
/// <param name="Shot">The shot (vfx-shot) or sequence (animation-feature); null for the default.</param>
/// <param name="FrameRange">The shot's frame range (vfx-shot); null for the default.</param>
public sealed record PipelineArguments(string? Shot = null, string? FrameRange = null);

/// <summary>The tutorial's pipelines, in the tutorial's order.</summary>
public static class PipelineCatalog
{
    /// <summary>The default shot of the vfx-shot pipeline.</summary>
    public const string DefaultShot = "shot010";

    /// <summary>The default frame range of the vfx-shot pipeline.</summary>
    public const string DefaultShotRange = "1-100";

    /// <summary>The default sequence of the animation-feature pipeline.</summary>
    public const string DefaultSequence = "seq010";

    /// <summary>Every pipeline.</summary>
    public static IReadOnlyList<PipelineEntry> All { get; } = new[]
    {
        new PipelineEntry("basic", "create_basic_pipeline",
            "asset-prep -> beauty-render -> composite, frames 1-100, frame by frame", _ => BasicPipeline.CreateBasicPipeline()),
        new PipelineEntry("parallel", "create_parallel_pipeline",
            "scene-prep -> beauty-pass | shadow-pass | reflection-pass -> final-composite", _ => ParallelPipeline.CreateParallelPipeline()),
        new PipelineEntry("frame-dependent", "create_frame_dependent_pipeline",
            "fluid-simulation -> sim-cache -> render-with-sim, FrameByFrame, frames 1-240", _ => FrameDependentPipeline.CreateFrameDependentPipeline()),
        new PipelineEntry("fault-tolerant", "create_fault_tolerant_pipeline",
            "validate-inputs -> main-render (3 retries, timeout) -> verify-outputs; cleanup-temp as a post job",
            _ => FaultTolerantPipeline.CreateFaultTolerantPipeline()),
        new PipelineEntry("vfx-shot", "create_vfx_shot_pipeline",
            "asset-preparation -> layout -> animation -> fx -> lighting -> compositing -> review (--shot, --range)",
            a => VfxShotPipeline.CreateVfxShotPipeline(a.Shot ?? DefaultShot, a.FrameRange ?? DefaultShotRange)),
        new PipelineEntry("animation-feature", "create_animation_feature_pipeline",
            "storyboard -> layout -> blocking -> final -> character + environment -> composite -> playblast, 480 frames (--shot)",
            a => AnimationFeaturePipeline.CreateAnimationFeaturePipeline(a.Shot ?? DefaultSequence)),
    };

    /// <summary>The pipeline with this command-line name, or null.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The entry.</returns>
    public static PipelineEntry? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
