using System;
using OpenCue.Authoring;

namespace OpenCue.Samples.Tutorial.Pipelines;

/// <summary>
/// "Real-World Pipeline Examples / VFX Shot Pipeline": asset-preparation, layout, animation, FX
/// simulation, lighting, compositing and review for one shot.
/// </summary>
public static class VfxShotPipeline
{
    /// <summary>Complete VFX shot pipeline with all departments (the tutorial's <c>create_vfx_shot_pipeline</c>).</summary>
    /// <param name="shotName">The shot, e.g. <c>shot010</c>.</param>
    /// <param name="frameRange">The shot's frames, e.g. <c>1-100</c>.</param>
    /// <returns>The job.</returns>
    public static Outline CreateVfxShotPipeline(string shotName, string frameRange)
    {
        ArgumentException.ThrowIfNullOrEmpty(shotName);
        ArgumentException.ThrowIfNullOrEmpty(frameRange);

        var job = new Outline(
            name: $"vfx-{shotName}-v001",
            shot: shotName,
            show: "big-movie",
            user: "vfx-supervisor");

        // Asset preparation
        var assetPrep = new Shell(
            "asset-preparation",
            new[]
            {
                "python", "/shared/pipeline/prep_shot_assets.py",
                "--shot", shotName,
                "--publish-version", "latest",
            })
            .SetFrameRange("1-1");

        // Layout department. The tutorial's f-string passes the whole range, e.g. renderFrame(1-100).
        var layoutLayer = new Shell(
            "layout-render",
            new[]
            {
                "maya", "-batch", "-file", $"/shared/scenes/{shotName}_layout.ma",
                "-command", $"python(\"renderFrame({frameRange})\")",
            })
            .SetFrameRange(frameRange);

        // Every layout frame waits for the one asset-preparation task: LayerOnLayer (DependAll). The
        // tutorial's depend_on (FrameByFrame) would only hold back the frame numbered 1.
        layoutLayer.DependAll(assetPrep);

        // "maya2024" is not a Cuebot seed service: on a farm it must be created (cueadmin), else
        // Cuebot uses "default". The same goes for every service below except houdini and nuke.
        layoutLayer.SetService("maya2024");

        // Animation department
        var animationLayer = new Shell(
            "animation-render",
            new[]
            {
                "maya", "-batch", "-file", $"/shared/scenes/{shotName}_anim.ma",
                "-command", "python(\"renderAnimationFrame()\")",
            })
            .SetFrameRange(frameRange);
        animationLayer.DependOn(layoutLayer);
        animationLayer.SetService("maya2024");

        // FX simulation (parallel with animation review)
        var fxSimLayer = new Shell(
            "fx-simulation",
            new[]
            {
                "houdini", "-c",
                $"python /shared/fx/scripts/run_sim.py --shot {shotName} --frame #IFRAME#",
            })
            .SetFrameRange(frameRange);
        fxSimLayer.DependOn(animationLayer);
        fxSimLayer.SetService("houdini");
        fxSimLayer.SetMinCores(16);
        fxSimLayer.SetMinMemory(32768);

        // Lighting (waits for animation and fx)
        var lightingLayer = new Shell(
            "lighting-render",
            new[]
            {
                "maya", "-batch", "-file", $"/shared/scenes/{shotName}_lighting.ma",
                "-command", "python(\"renderLightingFrame()\")",
            })
            .SetFrameRange(frameRange);
        lightingLayer.DependOn(animationLayer);
        lightingLayer.DependOn(fxSimLayer);

        // PyOutline's set_service keeps the list but writes only the first name to the spec
        // (<service>maya2024</service>); so does ours. A layer has one set of service defaults.
        lightingLayer.SetService("maya2024,arnold");
        lightingLayer.SetMinCores(8);
        lightingLayer.SetMinMemory(16384);

        // Compositing
        var compLayer = new Shell(
            "compositing",
            new[]
            {
                "nuke", "-x", $"/shared/comp/{shotName}_comp.nk",
                "--frame-range", "#IFRAME#-#IFRAME#",
            })
            .SetFrameRange(frameRange);
        compLayer.DependOn(lightingLayer);
        compLayer.SetService("nuke");
        compLayer.SetMinCores(4);
        compLayer.SetMinMemory(8192);

        // Review/QC: one task that needs every composited frame, so LayerOnLayer (DependAll); with
        // the tutorial's FrameByFrame it would wait for the composite's frame 1 only.
        var reviewLayer = new Shell(
            "create-review",
            new[]
            {
                "python", "/shared/pipeline/create_review.py",
                "--shot", shotName,
                "--input", $"/shared/comp/{shotName}/",
                "--output", $"/shared/review/{shotName}_v001.mov",
            })
            .SetFrameRange("1-1");
        reviewLayer.DependAll(compLayer);

        // Add all layers
        foreach (var layer in new Layer[] { assetPrep, layoutLayer, animationLayer, fxSimLayer, lightingLayer, compLayer, reviewLayer })
        {
            job.AddLayer(layer);
        }

        return job;
    }
}
