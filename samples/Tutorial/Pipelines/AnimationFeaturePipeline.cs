using System;
using OpenCue.Authoring;

namespace OpenCue.Samples.Tutorial.Pipelines;

/// <summary>
/// "Real-World Pipeline Examples / Animation Feature Pipeline": storyboard validation, layout,
/// blocking, final animation, character and environment renders, composite and playblast for one
/// sequence of 480 frames.
/// </summary>
public static class AnimationFeaturePipeline
{
    /// <summary>Animation feature film pipeline (the tutorial's <c>create_animation_feature_pipeline</c>).</summary>
    /// <param name="sequenceName">The sequence, e.g. <c>seq010</c>; it is the job's shot.</param>
    /// <returns>The job.</returns>
    public static Outline CreateAnimationFeaturePipeline(string sequenceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sequenceName);

        var job = new Outline(
            name: $"anim-feature-{sequenceName}-v001",
            shot: sequenceName,
            show: "animated-feature",
            user: "animation-supervisor");

        // Storyboard validation
        var storyboardLayer = new Shell(
            "validate-storyboard",
            new[]
            {
                "python", "/shared/editorial/validate_boards.py",
                "--sequence", sequenceName,
            })
            .SetFrameRange("1-1");

        // Layout pass
        var layoutLayer = new Shell(
            "layout-pass",
            new[]
            {
                "maya", "-batch",
                "-file", $"/shared/layout/{sequenceName}_layout.ma",
                "-command", "python(\"renderLayoutFrame(#IFRAME#)\")",
            })
            .SetFrameRange("1-480"); // 20 seconds at 24fps

        // All 480 layout frames wait for the single validation task (LayerOnLayer); the tutorial's
        // depend_on, FrameByFrame, would hold back frame 1 only.
        layoutLayer.DependAll(storyboardLayer);

        // Animation blocking
        var blockingLayer = new Shell(
            "animation-blocking",
            new[]
            {
                "maya", "-batch",
                "-file", $"/shared/animation/{sequenceName}_blocking.ma",
                "-command", "python(\"renderBlockingFrame(#IFRAME#)\")",
            })
            .SetFrameRange("1-480");
        blockingLayer.DependOn(layoutLayer);

        // Final animation
        var finalAnimLayer = new Shell(
            "final-animation",
            new[]
            {
                "maya", "-batch",
                "-file", $"/shared/animation/{sequenceName}_final.ma",
                "-command", "python(\"renderFinalFrame(#IFRAME#)\")",
            })
            .SetFrameRange("1-480");
        finalAnimLayer.DependOn(blockingLayer);

        // Character rendering (multiple passes)
        var charBeautyLayer = new Shell(
            "character-beauty",
            new[]
            {
                "maya", "-batch", "-renderer", "arnold",
                "-file", $"/shared/scenes/{sequenceName}_chars.ma",
                "-rl", "beauty", "-s", "#IFRAME#", "-e", "#IFRAME#",
            })
            .SetFrameRange("1-480");
        charBeautyLayer.DependOn(finalAnimLayer);
        charBeautyLayer.SetService("maya2024,arnold"); // only "maya2024" reaches the spec

        // Environment rendering
        var envLayer = new Shell(
            "environment-render",
            new[]
            {
                "maya", "-batch", "-renderer", "arnold",
                "-file", $"/shared/scenes/{sequenceName}_env.ma",
                "-rl", "environment", "-s", "#IFRAME#", "-e", "#IFRAME#",
            })
            .SetFrameRange("1-480");
        envLayer.DependOn(finalAnimLayer);
        envLayer.SetService("maya2024,arnold");

        // Composite characters and environment
        var compLayer = new Shell(
            "sequence-composite",
            new[]
            {
                "nuke", "-x", $"/shared/comp/{sequenceName}_comp.nk",
                "--frame", "#IFRAME#",
            })
            .SetFrameRange("1-480");
        compLayer.DependOn(charBeautyLayer);
        compLayer.DependOn(envLayer);

        // Create sequence playblast: one ffmpeg task over every composited frame, so it waits for the
        // whole composite layer (LayerOnLayer), not only its frame 1 as FrameByFrame would.
        var playblastLayer = new Shell(
            "create-playblast",
            new[]
            {
                "ffmpeg", "-start_number", "1", "-i",
                $"/shared/comp/{sequenceName}/comp_%04d.exr",
                "-c:v", "libx264", "-pix_fmt", "yuv420p",
                $"/shared/review/{sequenceName}_v001.mp4",
            })
            .SetFrameRange("1-1");
        playblastLayer.DependAll(compLayer);

        // Add all layers
        var layers = new Layer[]
        {
            storyboardLayer, layoutLayer, blockingLayer, finalAnimLayer,
            charBeautyLayer, envLayer, compLayer, playblastLayer,
        };
        foreach (var layer in layers)
        {
            job.AddLayer(layer);
        }

        return job;
    }
}
