using OpenCue.Authoring;
using OpenCue.Samples.Tutorial.Pipelines;

namespace OpenCue.Samples.Tests;

/// <summary>The pipelines have the tutorial's layers, values and depends; the optimizations apply the tutorial's rules.</summary>
public class PipelineStructureTests
{
    /// <summary>Each layer with its depends as "on (Type)".</summary>
    private static IReadOnlyList<(string Layer, string[] Depends)> Graph(Outline job) =>
        job.GetLayers().Select(l => (l.Name, l.GetDepends().Select(d => d.DependOnLayer.Name + " (" + d.Type + ")").ToArray())).ToList();

    [Fact]
    public void Basic_pipeline_has_the_tutorials_layers_resources_and_services()
    {
        var job = BasicPipeline.CreateBasicPipeline();

        (job.Name, job.Show, job.Shot, job.User).Should().Be(("sequential-pipeline-v001", "demo-project", "shot010", "artist01"));
        job.GetLayers().Select(l => (l.Name, l.Range, l.MinCores, l.MinMemoryMegabytes, l.Service)).Should().Equal(
            ("asset-prep", "1-100", 1.0, 2048L, "python"),
            ("beauty-render", "1-100", 4.0, 8192L, "blender"),
            ("composite", "1-100", 2.0, 4096L, "nuke"));
        Graph(job).Select(g => string.Join(",", g.Depends)).Should().Equal(string.Empty, "asset-prep (FrameByFrame)", "beauty-render (FrameByFrame)");
    }

    [Fact]
    public void Parallel_pipeline_fans_out_from_scene_prep_and_converges_on_final_composite()
    {
        var job = ParallelPipeline.CreateParallelPipeline();

        Graph(job).Should().BeEquivalentTo(new[]
        {
            ("scene-prep", Array.Empty<string>()),
            ("beauty-pass", new[] { "scene-prep (LayerOnLayer)" }),
            ("shadow-pass", new[] { "scene-prep (LayerOnLayer)" }),
            ("reflection-pass", new[] { "scene-prep (LayerOnLayer)" }),
            ("final-composite", new[] { "beauty-pass (FrameByFrame)", "shadow-pass (FrameByFrame)", "reflection-pass (FrameByFrame)" }),
        }, o => o.WithStrictOrdering());
        job.GetLayers().Select(l => l.Range).Should().Equal("1-1", "1-100", "1-100", "1-100", "1-100");
    }

    [Fact]
    public void Frame_dependent_pipeline_chains_three_layers_of_240_frames_FrameByFrame()
    {
        var job = FrameDependentPipeline.CreateFrameDependentPipeline();

        Graph(job).Should().BeEquivalentTo(new[]
        {
            ("fluid-simulation", Array.Empty<string>()),
            ("sim-cache", new[] { "fluid-simulation (FrameByFrame)" }),
            ("render-with-sim", new[] { "sim-cache (FrameByFrame)" }),
        }, o => o.WithStrictOrdering());
        job.GetLayers().Should().OnlyContain(l => l.Range == "1-240");
        job.GetLayer("render-with-sim").Command!.Arguments.Should().Contain("import bpy; bpy.context.scene.frame_set(#IFRAME#); bpy.ops.render.render()");
    }

    [Fact]
    public void Fault_tolerant_pipeline_has_retries_a_timeout_a_frame_by_frame_check_and_a_post_cleanup()
    {
        var job = FaultTolerantPipeline.CreateFaultTolerantPipeline();

        Graph(job).Should().BeEquivalentTo(new[]
        {
            ("validate-inputs", Array.Empty<string>()),
            ("main-render", new[] { "validate-inputs (LayerOnLayer)" }),
            ("verify-outputs", new[] { "main-render (FrameByFrame)" }),
            ("cleanup-temp", Array.Empty<string>()),
        }, o => o.WithStrictOrdering());
        var main = job.GetLayer("main-render");
        (main.RetryCount, main.Timeout).Should().Be((3, 60));
        job.GetLayer("cleanup-temp").Should().BeOfType<OutlinePostCommand>().Which.Type.Should().Be(LayerType.Post);
    }

    [Fact]
    public void Vfx_shot_pipeline_builds_every_department_with_its_depends_services_and_resources()
    {
        var job = VfxShotPipeline.CreateVfxShotPipeline("sh042", "1001-1048");

        (job.Name, job.Show, job.Shot, job.User).Should().Be(("vfx-sh042-v001", "big-movie", "sh042", "vfx-supervisor"));
        Graph(job).Should().BeEquivalentTo(new[]
        {
            ("asset-preparation", Array.Empty<string>()),
            ("layout-render", new[] { "asset-preparation (LayerOnLayer)" }),
            ("animation-render", new[] { "layout-render (FrameByFrame)" }),
            ("fx-simulation", new[] { "animation-render (FrameByFrame)" }),
            ("lighting-render", new[] { "animation-render (FrameByFrame)", "fx-simulation (FrameByFrame)" }),
            ("compositing", new[] { "lighting-render (FrameByFrame)" }),
            ("create-review", new[] { "compositing (LayerOnLayer)" }),
        }, o => o.WithStrictOrdering());
        job.GetLayers().Select(l => l.Range).Should().Equal("1-1", "1001-1048", "1001-1048", "1001-1048", "1001-1048", "1001-1048", "1-1");
        job.GetLayers().Select(l => l.Service).Should().Equal("shell", "maya2024", "maya2024", "houdini", "maya2024,arnold", "nuke", "shell");
        job.GetLayers().Select(l => l.SpecService).Should().Contain("maya2024").And.NotContain("maya2024,arnold");
        var fx = job.GetLayer("fx-simulation");
        (fx.MinCores, fx.MinMemoryMegabytes).Should().Be((16.0, 32768L));
        var lighting = job.GetLayer("lighting-render");
        (lighting.MinCores, lighting.MinMemoryMegabytes).Should().Be((8.0, 16384L));
        var comp = job.GetLayer("compositing");
        (comp.MinCores, comp.MinMemoryMegabytes).Should().Be((4.0, 8192L));

        job.GetLayer("layout-render").Command!.Arguments.Should().Equal(
            "maya", "-batch", "-file", "/shared/scenes/sh042_layout.ma", "-command", "python(\"renderFrame(1001-1048)\")");
        job.GetLayer("create-review").Command!.Arguments.Should().Contain("/shared/review/sh042_v001.mov");
        job.GetConformedJobName().Should().Be("big-movie-sh042-vfx-supervisor_vfx_sh042_v001");
    }

    [Fact]
    public void Animation_feature_pipeline_builds_eight_layers_over_480_frames()
    {
        var job = AnimationFeaturePipeline.CreateAnimationFeaturePipeline("sq100");

        (job.Name, job.Show, job.Shot, job.User).Should().Be(("anim-feature-sq100-v001", "animated-feature", "sq100", "animation-supervisor"));
        Graph(job).Should().BeEquivalentTo(new[]
        {
            ("validate-storyboard", Array.Empty<string>()),
            ("layout-pass", new[] { "validate-storyboard (LayerOnLayer)" }),
            ("animation-blocking", new[] { "layout-pass (FrameByFrame)" }),
            ("final-animation", new[] { "animation-blocking (FrameByFrame)" }),
            ("character-beauty", new[] { "final-animation (FrameByFrame)" }),
            ("environment-render", new[] { "final-animation (FrameByFrame)" }),
            ("sequence-composite", new[] { "character-beauty (FrameByFrame)", "environment-render (FrameByFrame)" }),
            ("create-playblast", new[] { "sequence-composite (LayerOnLayer)" }),
        }, o => o.WithStrictOrdering());
        job.GetLayers().Select(l => l.Range).Should().Equal("1-1", "1-480", "1-480", "1-480", "1-480", "1-480", "1-480", "1-1");
        job.GetLayer("character-beauty").Service.Should().Be("maya2024,arnold");
        job.GetLayer("environment-render").Service.Should().Be("maya2024,arnold");
        job.GetLayer("create-playblast").Command!.Arguments.Should().Equal(
            "ffmpeg", "-start_number", "1", "-i", "/shared/comp/sq100/comp_%04d.exr", "-c:v", "libx264", "-pix_fmt", "yuv420p", "/shared/review/sq100_v001.mp4");
    }

    [Fact]
    public void OptimizeLayerResources_applies_the_tutorials_values_by_layer_name()
    {
        var job = new Outline("optimize", shot: "shot010", show: "testing", user: "tester");
        foreach (var name in new[] { "scene-prep", "sim-cache", "beauty-render", "fluid-simulation", "final-composite", "qc-review", "Prep-Render" })
        {
            job.AddLayer(new Shell(name, new[] { "true" }));
        }

        ResourceOptimization.OptimizeLayerResources(job);

        job.GetLayers().Select(l => (l.Name, l.MinCores, l.MaxCores, l.MinMemoryMegabytes)).Should().Equal(
            ("scene-prep", 1.0, 2.0, 1024L),
            ("sim-cache", 1.0, 2.0, 1024L),
            ("beauty-render", 4.0, 16.0, 4096L),
            ("fluid-simulation", 8.0, 32.0, 16384L),
            ("final-composite", 2.0, 8.0, 2048L),
            ("qc-review", (double?)null, (double?)null, (long?)null),
            ("Prep-Render", 1.0, 2.0, 1024L)); // names are lower-cased, and "prep" is checked before "render"
    }

    [Theory]
    [InlineData("fluid-simulation", 240, 1)]
    [InlineData("fluid-simulation", 10, 1)]
    [InlineData("beauty-render", 240, 1)]
    [InlineData("beauty-render", 101, 1)]
    [InlineData("beauty-render", 100, 5)]
    [InlineData("final-composite", 100, 5)]
    [InlineData("final-composite", 480, 10)]
    [InlineData("final-composite", 30, 1)]
    [InlineData("final-composite", 199, 9)]
    [InlineData("asset-prep", 100, 7)]
    public void ApplySmartChunking_applies_the_tutorials_chunk_sizes(string layerName, int totalFrames, int expectedChunk)
    {
        var layer = new Shell(layerName, new[] { "true" }).SetChunk(7);

        ResourceOptimization.ApplySmartChunking(layer, totalFrames);

        layer.Chunk.Should().Be(expectedChunk);
    }

    [Fact]
    public void Optimize_uses_each_layers_own_frame_count()
    {
        var job = FrameDependentPipeline.CreateFrameDependentPipeline();
        job.SetFrameRange("1-100");

        ResourceOptimization.Optimize(job);

        job.GetLayers().Select(l => (l.Name, l.Chunk, l.MinCores)).Should().Equal(
            ("fluid-simulation", 1, 8.0), ("sim-cache", 1, 1.0), ("render-with-sim", 5, 4.0));
    }
}
