using System.Xml.Linq;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Validation;
using OpenCue.Samples.Tests.Support;
using OpenCue.Samples.Tutorial.Pipelines;
using OpenCue.Samples.Tutorial.Running;
using OpenCue.Tests.Shared;

namespace OpenCue.Samples.Tests;

/// <summary>Every tutorial pipeline passes our validation and Cuebot's DTD; the basic one is PyOutline's spec exactly.</summary>
public class PipelineSpecTests
{
    private static SpecWriterOptions Options() => new() { Uid = 1000, Facility = "local" };

    public static TheoryData<string> Pipelines() => new(PipelineCatalog.All.Select(p => p.Name));

    private static Outline Create(string name) => PipelineCatalog.Find(name)!.Create(new PipelineArguments());

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Each_pipeline_validates_with_only_the_show_warning(string name)
    {
        var result = Create(name).Validate(Options());

        result.Errors.Should().BeEmpty();

        // The tutorial's shows (demo-project, big-movie, animated-feature) contain '-': Cuebot looks
        // them up as written, so they must exist under that name. Nothing else is worth a warning;
        // in particular no FrameByFrame depend leaves frames waiting for nothing.
        result.Warnings.Should().OnlyContain(w => w.Code == ValidationCodes.ShowName, result.ToString());
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Each_pipeline_spec_is_valid_against_Cuebots_DTD(string name)
    {
        CuebotDtd.AssertValid(Create(name).ToSpec(Options()));
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Each_pipeline_with_stand_ins_and_the_tutorials_optimizations_still_validates(string name)
    {
        var job = Create(name);
        ResourceOptimization.Optimize(job);
        StandIn.Apply(job, new StandInOptions { EventsFile = "/tmp/events.txt", Delay = TimeSpan.FromSeconds(0.5) });

        job.Validate(Options()).Errors.Should().BeEmpty();
        CuebotDtd.AssertValid(job.ToSpec(Options()));
    }

    [Fact]
    public void The_basic_pipeline_is_byte_for_byte_the_spec_PyOutline_writes_for_the_tutorial()
    {
        var golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "pyoutline-sequential.xml"));

        BasicPipeline.CreateBasicPipeline().ToSpec(Options()).Should().Be(golden);
    }

    [Fact]
    public void Tutorial_setters_PyOutline_lacks_write_what_PyOutlines_arguments_write()
    {
        var spec = XDocument.Parse(BasicPipeline.CreateBasicPipeline().ToSpec(Options()));
        var render = spec.Descendants("layer").Single(l => (string?)l.Attribute("name") == "beauty-render");

        render.Element("cores")!.Value.Should().Be("4.0", "set_min_cores(4) is PyOutline's cores=4, written %0.1f");
        render.Element("memory")!.Value.Should().Be("8192m", "set_min_memory(8192) is megabytes; a bare 8192 would be gigabytes to Cuebot");
        render.Element("services")!.Element("service")!.Value.Should().Be("blender");
    }

    [Fact]
    public void The_fault_tolerant_retries_and_timeout_are_OpenCues_and_the_cleanup_is_a_post_layer()
    {
        var job = FaultTolerantPipeline.CreateFaultTolerantPipeline();
        var spec = XDocument.Parse(job.ToSpec(Options()));
        XElement Layer(string name) => spec.Descendants("layer").Single(l => (string?)l.Attribute("name") == name);

        Layer("main-render").Element("timeout")!.Value.Should().Be("60");
        Layer("main-render").Element("cmd")!.Value.Should().StartWith("timeout 3600 python /shared/scripts/robust_render.py");
        job.GetLayer("main-render").RetryCount.Should().Be(3, "applied job-wide after launch: the spec has no per-layer retries");
        spec.Descendants("maxretries").Single().Value.Should().Be("2", "the job's spec value, clamped to 1 by Cuebot");

        var cleanup = Layer("cleanup-temp");
        cleanup.Attribute("type")!.Value.Should().Be("Post");
        cleanup.Element("services")!.Element("service")!.Value.Should().Be("postprocess");
        spec.Descendants("depend").Should().NotContain(d => d.Element("deplayer")!.Value == "cleanup-temp" || d.Element("onlayer")!.Value == "cleanup-temp");
    }

    [Fact]
    public void The_python_expr_argument_reaches_blender_as_one_argument()
    {
        var spec = XDocument.Parse(FrameDependentPipeline.CreateFrameDependentPipeline().ToSpec(Options()));
        var cmd = spec.Descendants("layer").Single(l => (string?)l.Attribute("name") == "render-with-sim").Element("cmd")!.Value;

        cmd.Should().Be("/usr/local/blender/blender -b scene.blend --python-expr " +
            "'import bpy; bpy.context.scene.frame_set(#IFRAME#); bpy.ops.render.render()' -o /shared/renders/final_####.exr");
    }
}
