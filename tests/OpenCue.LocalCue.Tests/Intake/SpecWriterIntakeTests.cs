using OpenCue.Authoring;
using OpenCue.LocalCue.Intake;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>Specs written by OpenCue.Authoring's SpecWriter, for every version it writes, parse into Cuebot's definitions.</summary>
public class SpecWriterIntakeTests
{
    private const long Gb = 1048576;

    public static TheoryData<string> Versions => new(WrittenVersions);

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_two_layer_outline_becomes_one_job_with_conformed_names_units_and_service_defaults(string version)
    {
        var outline = new Outline("My-Job", shot: "SH-010", show: "testing", user: "jdoe");
        var render = outline.AddLayer(new Shell("Render-A", new[] { "echo", "#IFRAME#" }) { Range = "1-10", Chunk = 3 });
        render.SetMinCores(4).SetMemory("8g").SetTags("general | cuda").SetEnv("K", "v");
        outline.AddLayer(new Shell("comp", "echo comp") { Range = "1-10" }).DependOn(render);

        var parsed = Parse(outline.ToSpec(Writer(version)));

        var job = parsed.Jobs.Should().ContainSingle().Subject;
        job.Name.Should().Be("testing-sh_010-jdoe_my_job");
        job.Show.Should().Be("testing");
        job.Shot.Should().Be("sh_010");
        job.User.Should().Be("jdoe");
        job.Facility.Should().Be("local");
        job.Uid.Should().Be(1000);
        job.Email.Should().Be("jdoe@example.com");
        job.Paused.Should().BeFalse();
        job.Priority.Should().Be(1);
        job.MaxRetries.Should().Be(1, "PyOutline's 2 is clamped to Cuebot's maximum of 1");
        job.AutoEat.Should().BeFalse();
        job.MaxCorePoints.Should().Be(20000);
        job.MinCorePoints.Should().Be(100);
        job.IsPostJob.Should().BeFalse();

        job.Layers.Select(l => l.Name).Should().Equal("render_a", "comp");
        var a = job.Layers[0];
        a.Type.Should().Be("RENDER");
        a.DispatchOrder.Should().Be(1);
        a.Command.Should().Be("echo #IFRAME#");
        a.Range.Should().Be("1-10");
        a.Chunk.Should().Be(3);
        a.MinCorePoints.Should().Be(400);
        a.MaxCorePoints.Should().Be(0);
        a.Threadable.Should().BeFalse();
        a.MinMemoryKb.Should().Be(8 * Gb);
        a.Tags.Should().Equal("general", "cuda");
        a.Services.Should().Equal("shell");
        Flat(a.Env).Should().Equal("K=v");
        a.Frames.Should().Equal(1, 4, 7, 10);

        var comp = job.Layers[1];
        comp.DispatchOrder.Should().Be(2);
        comp.MinCorePoints.Should().Be(100);
        comp.MinMemoryKb.Should().Be(3355443);
        comp.Tags.Should().Equal("general", "util");
        comp.Frames.Should().Equal(Enumerable.Range(1, 10));

        var depend = parsed.Depends.Should().ContainSingle().Subject;
        depend.Type.Should().Be("FRAME_BY_FRAME");
        depend.AnyFrame.Should().BeFalse();
        depend.DependErJob.Should().Be("testing-sh_010-jdoe_my_job");
        depend.DependErLayer.Should().Be("comp");
        depend.OnJob.Should().Be("testing-sh_010-jdoe_my_job");
        depend.OnLayer.Should().Be("render_a");
        depend.DependErFrame.Should().BeNull();
        depend.OnFrame.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Version_gated_values_arrive_when_the_version_carries_them_and_post_layers_make_a_post_job(string version)
    {
        var minor = int.Parse(version.Substring(2));
        var outline = new Outline("rich", shot: "sh010", show: "testing", user: "jdoe", maxCores: 4, maxGpus: 2);
        outline.SetEnv("X", "y");
        outline.AddLayer(new Shell("gpu-work", "nvidia-smi") { Range = "1-3" })
            .SetMinCores(2).SetMemory("4g").SetMinGpus(1).SetMinGpuMemory(1024).SetTimeout(10).SetTimeoutLlu(5)
            .SetLimits("license").AddOutput("main", "/tmp/out.#.exr");
        outline.AddLayer(new OutlinePostCommand("notify", "echo done"));
        var options = Writer(version);
        options.Validate = false;

        var parsed = Parse(outline.ToSpec(options));

        parsed.Jobs.Should().HaveCount(2);
        var job = parsed.Jobs[0];
        job.Name.Should().Be("testing-sh010-jdoe_rich");
        job.MaxCorePoints.Should().Be(minor >= 13 ? 400 : 20000);
        job.MaxGpus.Should().Be(minor >= 13 ? 2 : null);
        Flat(job.Env).Should().Equal("X=y");
        var layer = job.Layers.Should().ContainSingle().Subject;
        layer.MinCorePoints.Should().Be(200);
        layer.MinMemoryKb.Should().Be(4 * Gb);
        layer.MinGpus.Should().Be(minor >= 12 ? 1 : 0);
        layer.MinGpuMemoryKb.Should().Be(minor >= 12 ? 1024 * 1024 : 0);
        layer.TimeoutMinutes.Should().Be(10);
        layer.TimeoutLluMinutes.Should().Be(5);
        layer.Limits.Should().Equal("license");
        Flat(layer.Outputs).Should().Equal(minor >= 15 ? new[] { "main=/tmp/out.#.exr" } : Array.Empty<string>());

        var post = parsed.Jobs[1];
        post.IsPostJob.Should().BeTrue();
        post.ParentName.Should().Be("testing-sh010-jdoe_rich");
        post.Name.Should().Be("testing-sh010-monitor_rich_post_job_1704164645000");
        post.User.Should().Be("monitor");
        post.Paused.Should().BeFalse();
        post.MaxCorePoints.Should().Be(500);
        post.MaxRetries.Should().Be(2);
        post.Email.Should().BeNull();
        Flat(post.Env).Should().Equal("X=y", "CUE_PARENT_JOB_ID=", "CUE_PARENT_JOB=testing-sh010-jdoe_rich");
        var notify = post.Layers.Should().ContainSingle().Subject;
        notify.Name.Should().Be("notify");
        notify.Type.Should().Be("POST");
        notify.DispatchOrder.Should().Be(2);
        notify.Services.Should().Equal("postprocess");
        notify.MinCorePoints.Should().Be(10);
        notify.Threadable.Should().BeFalse();
        notify.MinMemoryKb.Should().Be(524288);
        notify.Tags.Should().Equal("util");
        notify.Frames.Should().Equal(1000);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Sim_frame_and_layer_depends_are_conformed_except_under_1_14_which_cannot_carry_onframe(string version)
    {
        var outline = new Outline("sim", shot: "sh010", show: "testing", user: "jdoe");
        var first = outline.AddLayer(new Shell("First", "echo 1") { Range = "3-5" });
        outline.AddLayer(new Shell("second", "echo 2") { Range = "1-5" }).DependOn(first, DependType.LayerOnSimFrame);
        outline.AddLayer(new Shell("third", "echo 3") { Range = "1-5" }).DependAll(first);
        var options = Writer(version);
        options.Validate = false;
        var xml = outline.ToSpec(options);

        if (version == "1.14")
        {
            Rejection(xml).Should().StartWith("Failed to parse job spec XML, ").And.Contain("'onframe' element is not declared");
            return;
        }

        var depends = Parse(xml).Depends;
        depends.Should().HaveCount(2);
        depends[0].Type.Should().Be("LAYER_ON_SIM_FRAME");
        depends[0].DependErLayer.Should().Be("second");
        depends[0].OnFrame.Should().Be("0003-first");
        depends[0].OnLayer.Should().BeNull();
        depends[1].Type.Should().Be("LAYER_ON_LAYER");
        depends[1].DependErLayer.Should().Be("third");
        depends[1].OnLayer.Should().Be("first");
    }

    [Fact]
    public void Pyoutline_flags_paused_priority_and_os_arrive()
    {
        var outline = new Outline("flags", shot: "sh010", show: "testing", user: "jdoe");
        outline.AddLayer(new Shell("render", "echo") { Range = "1" });
        var options = Writer("1.15");
        options.Paused = true;
        options.AutoEat = true;
        options.Priority = 50;
        options.MaxRetries = 0;
        options.Os = "rocky9";
        options.NoMail = true;

        var job = Parse(outline.ToSpec(options)).Jobs.Single();

        job.Paused.Should().BeTrue();
        job.AutoEat.Should().BeTrue();
        job.Priority.Should().Be(50);
        job.MaxRetries.Should().Be(0);
        job.Os.Should().Be("rocky9");
        job.Email.Should().BeNull();
    }
}
