using OpenCue.Authoring.Json;
using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Tests.Specs;
using OpenCue.Authoring.Tests.Support;
using static OpenCue.Authoring.Tests.Json.JsonTestSupport;

namespace OpenCue.Authoring.Tests.Json;

public class PyOutlineJsonSaveTests
{
    private static void AssertRoundTrip(Outline outline, SpecWriterOptions options)
    {
        var json = PyOutlineJson.Save(outline);
        var loaded = PyOutlineJson.Load(json);

        loaded.ToSpec(options).Should().Be(outline.ToSpec(options), "the JSON was:\n" + json);
        PyOutlineJson.Save(loaded).Should().Be(json);
    }

    [Fact]
    public void The_tutorial_pipeline_round_trips()
    {
        AssertRoundTrip(Tutorial.CreateBasicPipeline(), Options());
    }

    [Fact]
    public void The_tutorial_pipeline_is_saved_with_only_what_is_set()
    {
        var json = PyOutlineJson.Save(Tutorial.CreateBasicPipeline());

        json.Should().Contain("\n  \"name\": \"sequential-pipeline-v001\",\n");
        json.Should().Contain("\"show\": \"demo-project\"").And.Contain("\"shot\": \"shot010\"").And.Contain("\"user\": \"artist01\"");
        json.Should().Contain("\"module\": \"outline.modules.shell.Shell\"");
        json.Should().Contain("\"memory\": \"8192m\"").And.Contain("\"cores\": 4").And.Contain("\"service\": \"blender\"");
        json.Should().Contain("\"require\": [\n        \"asset-prep\"\n      ]");
        json.Should().NotContain("chunk").And.NotContain("\"type\"").And.NotContain("facility").And.NotContain("\"env\"")
            .And.NotContain("outputs").And.NotContain("\r");
        PyOutlineJson.Load(json).ToSpec(Options()).Should().Be(Tutorial.Golden("pyoutline-sequential.xml"));
    }

    [Fact]
    public void The_extended_job_round_trips_with_env_tags_timeouts_outputs_and_a_sim_frame_depend()
    {
        var job = PyOutlineGoldenTests.ExtendedJob();

        AssertRoundTrip(job, Options(validate: false));
        var json = PyOutlineJson.Save(job);
        json.Should().Contain("\"fluid-sim:sim\"").And.Contain("\"PIPELINE_STAGE\": \"lighting\"").And.Contain("\"range\": \"1-50\"");
    }

    [Fact]
    public void Every_setting_round_trips()
    {
        var outline = new Outline("everything", shot: "sh010", show: "show", user: "jdoe", facility: "cloud", frameRange: "1-20", maxCores: 40, maxGpus: 2);
        outline.SetEnv("JOB", "1");
        var prep = outline.AddLayer(new ShellCommand("prep", "mkdir -p /tmp/x && echo '<ok>' & true").SetType(LayerType.Util).SetService("shell,other"));
        var render = outline.AddLayer(new Shell("render", new[] { "render", "--frame", "#IFRAME#", "it's" })
            .SetFrameRange("1-20x2")
            .SetChunk(2)
            .SetMinCores(2.5)
            .SetMaxCores(8)
            .SetThreadable(false)
            .SetMemory("8g")
            .SetMinGpus(1)
            .SetMinGpuMemory(2048)
            .SetTimeout(60)
            .SetTimeoutLlu(5)
            .SetRetryCount(3)
            .SetTags("general", "desktop")
            .SetLimits("lic")
            .SetEnv("B", "2")
            .SetEnv("A", "1")
            .AddOutput("beauty", "/out/b.####.exr"));
        render.DependOn(prep, DependType.LayerOnLayer);
        var script = outline.AddLayer(new ShellScript("script", "/shared/run.sh", "-v", "a b"));
        script.DependPrevious(render);
        var sequence = outline.AddLayer(new ShellSequence("seq", new[] { "echo a", "echo b", "echo c" }).SetFrameRange("1-2"));
        sequence.Require("render");
        var defaultService = outline.AddLayer(new Shell("defaultsvc", "true") { Service = null, Type = LayerType.Post });
        outline.AddLayer(new Layer("plain") { Command = LayerCommand.FromText("echo plain") });

        AssertRoundTrip(outline, Options());

        var loaded = PyOutlineJson.Load(PyOutlineJson.Save(outline));
        var loadedRender = loaded.GetLayer("render");
        loadedRender.MaxCores.Should().Be(8);
        loadedRender.RetryCount.Should().Be(3);
        loadedRender.Threadable.Should().BeFalse();
        loaded.GetLayer("defaultsvc").Service.Should().BeNull();
        loaded.GetLayer("prep").Should().BeOfType<ShellCommand>();
        loaded.GetLayer("plain").Should().BeOfType<Shell>();
        ((ShellScript)loaded.GetLayer("script")).Arguments.Should().Equal("-v", "a b");
        loaded.GetLayer("seq").Range.Should().Be("1-2");
        loaded.Env.Should().Equal(outline.Env);
        loaded.MaxCores.Should().Be(40);
        loaded.MaxGpus.Should().Be(2);
        defaultService.Should().NotBeNull();
    }

    [Fact]
    public void Commands_keep_special_characters_readable()
    {
        var outline = new Outline("x");
        outline.AddLayer(new Shell("render", "a > b && c < d 'q' \"dq\" +"));

        PyOutlineJson.Save(outline).Should().Contain("\"command\": \"a > b && c < d 'q' \\\"dq\\\" +\"");
    }

    [Fact]
    public void A_ShellSequence_with_its_default_range_does_not_write_it()
    {
        var outline = new Outline("x");
        outline.AddLayer(new ShellSequence("seq", new[] { "a", "b" }));

        PyOutlineJson.Save(outline).Should().NotContain("range");
    }

    [Fact]
    public void Pre_and_post_process_layers_cannot_be_saved()
    {
        var outline = new Outline("x");
        var render = outline.AddLayer(new Shell("render", new[] { "x" }));
        outline.AddLayer(new LayerPreProcess(render, new[] { "prep" }));

        var act = () => PyOutlineJson.Save(outline);

        var e = act.Should().Throw<PyOutlineJsonException>().Which;
        e.LayerName.Should().Be("render_preprocess");
        e.Message.Should().Contain("LayerPreProcess").And.Contain("Shell, ShellCommand, ShellScript and ShellSequence");
    }

    [Fact]
    public void An_any_frame_depend_cannot_be_saved()
    {
        var spec = Tutorial.Golden("pyoutline-sequential.xml").Replace("anyframe=\"False\"", "anyframe=\"True\"");
        var outline = SpecReader.Read(spec).Outline;

        var act = () => PyOutlineJson.Save(outline);

        act.Should().Throw<PyOutlineJsonException>().WithMessage("*any-frame depend*").Which.Key.Should().Be("require");
    }

    [Fact]
    public void A_non_finite_cores_value_cannot_be_saved()
    {
        var outline = new Outline("x");
        outline.AddLayer(new Shell("render", "x").SetMinCores(double.NaN));

        var act = () => PyOutlineJson.Save(outline);

        act.Should().Throw<PyOutlineJsonException>().Which.Key.Should().Be("cores");
    }

    [Fact]
    public void A_spec_read_back_round_trips_through_JSON()
    {
        var parsed = SpecReader.Read(Tutorial.Golden("pyoutline-sequential-extended.xml"));
        parsed.Options.Validate = false;

        AssertRoundTrip(parsed.Outline, parsed.Options);
    }

    [Fact]
    public void Save_of_null_throws()
    {
        var act = () => PyOutlineJson.Save(null!);

        act.Should().Throw<ArgumentNullException>();
    }
}
