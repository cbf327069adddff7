using OpenCue.Authoring;

namespace OpenCue.Samples.Tutorial.Pipelines;

/// <summary>
/// "Frame-by-Frame Dependencies": fluid-simulation -> sim-cache -> render-with-sim, frames 1-240,
/// each link FrameByFrame so frame N of a layer starts as soon as frame N of the layer before is done.
/// </summary>
public static class FrameDependentPipeline
{
    /// <summary>The tutorial's <c>create_frame_dependent_pipeline</c>.</summary>
    /// <returns>The job.</returns>
    public static Outline CreateFrameDependentPipeline()
    {
        var job = new Outline(
            name: "frame-dependent-v001",
            shot: "shot010",
            show: "demo-project",
            user: "artist01");

        // Simulation layer. (The tutorial's comment says "each frame depends on previous"; nothing in
        // its code makes it so. A simulation whose frame N needs frame N-1 of itself cannot be
        // expressed as a depend of a layer on itself; it is usually one task, or chunked so that
        // one task runs the whole range.)
        var simulationLayer = new Shell(
            "fluid-simulation",
            new[]
            {
                "houdini", "-c",
                "python /shared/scripts/fluid_sim.py --frame #IFRAME# --input /shared/cache/",
            })
            .SetFrameRange("1-240");

        // Cache layer - waits for simulation on frame-by-frame basis
        var cacheLayer = new Shell(
            "sim-cache",
            new[]
            {
                "python", "/shared/scripts/cache_sim.py",
                "--frame", "#IFRAME#",
                "--input", "/shared/sim/",
                "--output", "/shared/cache/",
            })
            .SetFrameRange("1-240");

        // The tutorial's DependType.FRAME_BY_FRAME does not exist in PyOutline (it is FrameByFrame).
        cacheLayer.DependOn(simulationLayer, DependType.FrameByFrame);

        // Render layer - can start as soon as cache frames are available. The --python-expr value is
        // one argument with spaces and ';': the spec writer quotes it so /bin/sh on the render host
        // passes it to blender whole (PyOutline joins with bare spaces and would split it).
        var renderLayer = new Shell(
            "render-with-sim",
            new[]
            {
                "/usr/local/blender/blender", "-b", "scene.blend",
                "--python-expr",
                "import bpy; bpy.context.scene.frame_set(#IFRAME#); bpy.ops.render.render()",
                "-o", "/shared/renders/final_####.exr",
            })
            .SetFrameRange("1-240");
        renderLayer.DependOn(cacheLayer, DependType.FrameByFrame);

        job.AddLayer(simulationLayer);
        job.AddLayer(cacheLayer);
        job.AddLayer(renderLayer);

        return job;
    }
}
