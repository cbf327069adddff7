namespace OpenCue.Authoring.Tests.Support;

/// <summary>The tutorial's sequential pipeline, written with this API the way the tutorial writes it.</summary>
public static class Tutorial
{
    public static Outline CreateBasicPipeline()
    {
        var job = new Outline(name: "sequential-pipeline-v001", shot: "shot010", show: "demo-project", user: "artist01");

        var prep = new Shell("asset-prep", new[]
            {
                "python", "/shared/scripts/prep_assets.py", "--shot", "shot010",
                "--frame", "#IFRAME#", "--output", "/shared/cache/shot010/",
            })
            .SetFrameRange("1-100")
            .SetMinCores(1)
            .SetMinMemory(2048)
            .SetService("python");

        var render = new Shell("beauty-render", new[]
            {
                "/usr/local/blender/blender", "-b", "/shared/scenes/shot010.blend",
                "-o", "/shared/renders/shot010/beauty_####.exr", "-f", "#IFRAME#",
            })
            .SetFrameRange("1-100")
            .SetMinCores(4)
            .SetMinMemory(8192)
            .SetService("blender");
        render.DependOn(prep);

        var comp = new Shell("composite", new[] { "nuke", "-x", "/shared/scripts/shot010_comp.nk", "--frame-range", "#IFRAME#-#IFRAME#" })
            .SetFrameRange("1-100")
            .SetMinCores(2)
            .SetMinMemory(4096)
            .SetService("nuke");
        comp.DependOn(render);

        job.AddLayer(prep);
        job.AddLayer(render);
        job.AddLayer(comp);
        return job;
    }

    public static string Golden(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name));
}
