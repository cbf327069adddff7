using OpenCue.Authoring;

namespace OpenCue.Samples.Tutorial.Pipelines;

/// <summary>
/// "Basic Multi-Layer Job / Simple Sequential Pipeline": asset-prep -> beauty-render -> composite,
/// frames 1-100. Written to the spec, it is byte for byte the spec PyOutline writes for the
/// tutorial's Python (see the sample's tests).
/// </summary>
public static class BasicPipeline
{
    /// <summary>Create a simple 3-layer sequential pipeline (the tutorial's <c>create_basic_pipeline</c>).</summary>
    /// <returns>The job.</returns>
    public static Outline CreateBasicPipeline()
    {
        // Cuebot names the job demo-project-shot010-artist01_sequential_pipeline_v001. The show must
        // exist on the Cuebot (validation warns about it; the local scheduler accepts any show).
        var job = new Outline(
            name: "sequential-pipeline-v001",
            shot: "shot010",
            show: "demo-project",
            user: "artist01");

        // Layer 1: Asset preparation
        // set_min_cores/set_min_memory are not PyOutline methods (its arguments are cores= and
        // memory="2048m"); ours write the same <cores>1.0</cores> and <memory>2048m</memory>.
        // The service "python" is not one of Cuebot's seed services: Cuebot (and the local
        // scheduler) fall back to "default" for its defaults.
        var prepLayer = new Shell(
            "asset-prep",
            new[]
            {
                "python", "/shared/scripts/prep_assets.py",
                "--shot", "shot010",
                "--frame", "#IFRAME#",
                "--output", "/shared/cache/shot010/",
            })
            .SetFrameRange("1-100");
        prepLayer.SetMinCores(1);
        prepLayer.SetMinMemory(2048);
        prepLayer.SetService("python");

        // Layer 2: Main render (depends on prep)
        var renderLayer = new Shell(
            "beauty-render",
            new[]
            {
                "/usr/local/blender/blender",
                "-b", "/shared/scenes/shot010.blend",
                "-o", "/shared/renders/shot010/beauty_####.exr",
                "-f", "#IFRAME#",
            })
            .SetFrameRange("1-100");
        renderLayer.SetMinCores(4);
        renderLayer.SetMinMemory(8192);
        renderLayer.SetService("blender");

        // Wait for asset prep. PyOutline's depend_on defaults to FrameByFrame, and so does ours:
        // render frame N waits for prep frame N only (both layers are 1-100, so every frame has its
        // partner), not for the whole prep layer.
        renderLayer.DependOn(prepLayer);

        // Layer 3: Composite (depends on render)
        var compLayer = new Shell(
            "composite",
            new[]
            {
                "nuke", "-x", "/shared/scripts/shot010_comp.nk",
                "--frame-range", "#IFRAME#-#IFRAME#",
            })
            .SetFrameRange("1-100");
        compLayer.SetMinCores(2);
        compLayer.SetMinMemory(4096);
        compLayer.SetService("nuke");
        compLayer.DependOn(renderLayer); // Wait for render (FrameByFrame)

        // Add layers to job
        job.AddLayer(prepLayer);
        job.AddLayer(renderLayer);
        job.AddLayer(compLayer);

        return job;
    }
}
