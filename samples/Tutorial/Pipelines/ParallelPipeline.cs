using OpenCue.Authoring;

namespace OpenCue.Samples.Tutorial.Pipelines;

/// <summary>
/// "Advanced Dependency Patterns / Parallel Processing with Convergence": scene-prep fans out to
/// beauty-pass, shadow-pass and reflection-pass, which converge on final-composite.
/// </summary>
public static class ParallelPipeline
{
    /// <summary>Multiple parallel layers converging to final composite (the tutorial's <c>create_parallel_pipeline</c>).</summary>
    /// <returns>The job.</returns>
    public static Outline CreateParallelPipeline()
    {
        var job = new Outline(
            name: "parallel-render-v001",
            shot: "shot010",
            show: "demo-project",
            user: "artist01");

        // Shared preparation layer
        var prepLayer = new Shell(
            "scene-prep",
            new[] { "python", "/shared/scripts/scene_prep.py", "--shot", "shot010" })
            .SetFrameRange("1-1"); // Single task

        // Multiple parallel render layers.
        //
        // The tutorial writes beauty_layer.depend_on(prep_layer), PyOutline's default FrameByFrame.
        // Cuebot matches frame numbers: frame 1 would wait for scene-prep's only frame, and frames
        // 2-100 would not wait at all (our validator warns about exactly that). A shared preparation
        // step every frame needs is a LayerOnLayer depend: DependAll, PyOutline's depend_all.
        var beautyLayer = new Shell(
            "beauty-pass",
            new[]
            {
                "/usr/local/blender/blender", "-b", "scene.blend",
                "-o", "/shared/renders/beauty_####.exr", "-f", "#IFRAME#",
            })
            .SetFrameRange("1-100");
        beautyLayer.DependAll(prepLayer);

        var shadowLayer = new Shell(
            "shadow-pass",
            new[]
            {
                "/usr/local/blender/blender", "-b", "scene.blend",
                "-o", "/shared/renders/shadow_####.exr", "-f", "#IFRAME#",
            })
            .SetFrameRange("1-100");
        shadowLayer.DependAll(prepLayer);

        var reflectionLayer = new Shell(
            "reflection-pass",
            new[]
            {
                "/usr/local/blender/blender", "-b", "scene.blend",
                "-o", "/shared/renders/reflection_####.exr", "-f", "#IFRAME#",
            })
            .SetFrameRange("1-100");
        reflectionLayer.DependAll(prepLayer);

        // Final composite waits for all render passes: frame N of the composite waits for frame N of
        // each pass (FrameByFrame, the default; the ranges match), so compositing starts as soon as
        // the first frame of every pass is done.
        var finalComp = new Shell(
            "final-composite",
            new[] { "nuke", "-x", "/shared/scripts/final_comp.nk", "--frame", "#IFRAME#" })
            .SetFrameRange("1-100");
        finalComp.DependOn(beautyLayer);
        finalComp.DependOn(shadowLayer);
        finalComp.DependOn(reflectionLayer);

        // Add all layers
        job.AddLayer(prepLayer);
        job.AddLayer(beautyLayer);
        job.AddLayer(shadowLayer);
        job.AddLayer(reflectionLayer);
        job.AddLayer(finalComp);

        return job;
    }
}
