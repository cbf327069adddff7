using Microsoft.Extensions.Logging;
using OpenCue.Authoring.Json;
using OpenCue.Authoring.Tests.Support;
using static OpenCue.Authoring.Tests.Json.JsonTestSupport;

namespace OpenCue.Authoring.Tests.Json;

public class PyOutlineJsonLoadTests
{
    [Fact]
    public void The_tutorial_pipeline_as_JSON_writes_the_same_spec_as_the_CSharp_built_one()
    {
        var fromJson = PyOutlineJson.Load(TutorialJson).ToSpec(Options());

        fromJson.Should().Be(Tutorial.CreateBasicPipeline().ToSpec(Options()));
        fromJson.Should().Be(Tutorial.Golden("pyoutline-sequential.xml"));
    }

    [Fact]
    public void PyOutlines_own_test_files_load()
    {
        // pyoutline/tests/json/facility.json and shell.outline
        var facility = PyOutlineJson.Load("""
            {
              "name": "shell_command",
              "facility": "test_facility",
              "range": "1",
              "layers": [
                { "name": "shell_layer", "module": "outline.modules.shell.Shell", "command": ["/bin/ls"] }
              ]
            }
            """);
        facility.Name.Should().Be("shell_command");
        facility.Facility.Should().Be("test_facility");
        facility.FrameRange.Should().Be("1");
        facility.GetLayer("shell_layer").Command.Should().Be(LayerCommand.FromArguments(new[] { "/bin/ls" }));

        var shell = PyOutlineJson.Load("""
            {
              "name": "shell_command",
              "range": "1-100",
              "layers": [
                {
                  "name": "shell_layer",
                  "module": "outline.modules.shell.Shell",
                  "env": {"LAYER_KEY": "LAYER_VALUE"},
                  "command": ["/bin/ls"]
                }
              ]
            }
            """);
        shell.FrameRange.Should().Be("1-100");
        shell.GetLayer("shell_layer").Env.Should().Equal(new Dictionary<string, string> { ["LAYER_KEY"] = "LAYER_VALUE" });
        shell.GetLayer("shell_layer").GetFrameRange().Should().Be("1-100");
    }

    [Fact]
    public void Top_level_keys_map_onto_the_outline()
    {
        var outline = PyOutlineJson.Load("""
            {
              "name": "big-job", "range": "1-10", "facility": "cloud", "maxcores": 50, "maxgpus": 2,
              "show": "myshow", "shot": "sh010", "user": "jdoe", "env": {"A": "1", "B": "2"},
              "layers": []
            }
            """);

        outline.Name.Should().Be("big-job");
        outline.FrameRange.Should().Be("1-10");
        outline.Facility.Should().Be("cloud");
        outline.MaxCores.Should().Be(50);
        outline.MaxGpus.Should().Be(2);
        outline.Show.Should().Be("myshow");
        outline.Shot.Should().Be("sh010");
        outline.User.Should().Be("jdoe");
        outline.Env.Should().Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" });
        outline.GetLayers().Should().BeEmpty();
    }

    [Fact]
    public void An_outline_without_name_is_called_outline()
    {
        PyOutlineJson.Load("{\"layers\": []}").Name.Should().Be("outline");
    }

    [Theory]
    [InlineData("\"1-10x2\"", "1-10x2")]
    [InlineData("7", "7")]
    [InlineData("[1, 2, 5]", "1,2,5")]
    [InlineData("\"-5-3\"", "-5-3")]
    public void Ranges_are_strings_numbers_or_lists_of_numbers(string json, string expected)
    {
        PyOutlineJson.Load("{\"range\": " + json + ", \"layers\": []}").FrameRange.Should().Be(expected);
        LoadOneLayer("\"range\": " + json).Range.Should().Be(expected);
    }

    [Fact]
    public void A_list_command_becomes_an_argument_vector_and_a_string_a_command_line()
    {
        var list = LoadOneLayer("\"command\": [\"echo\", \"hello world\", \"#IFRAME#\"]");
        list.Should().BeOfType<Shell>();
        list.Command!.Arguments.Should().Equal("echo", "hello world", "#IFRAME#");
        list.GetCommandLine().Should().StartWith("echo 'hello world' ");

        var text = LoadOneLayer("\"command\": \"echo hi && ls > /tmp/x\"");
        text.Command!.Text.Should().Be("echo hi && ls > /tmp/x");
        text.GetCommandLine().Should().Be("echo hi && ls > /tmp/x");
    }

    [Fact]
    public void A_shell_layer_without_command_loads_and_validation_reports_it()
    {
        var outline = PyOutlineJson.Load(OneLayer(string.Empty));

        outline.GetLayer("render").Command.Should().BeNull();
        outline.Validate(Options()).Errors.Should().Contain(e => e.LayerName == "render" && e.Code == "command");
    }

    [Fact]
    public void ShellCommand_is_a_single_frame_layer()
    {
        var layer = LoadOneLayer("\"command\": [\"publish\"], \"range\": \"1-100\"", "outline.modules.shell.ShellCommand");

        layer.Should().BeOfType<ShellCommand>();
        layer.Command!.Arguments.Should().Equal("publish");
        layer.Range.Should().BeNull("a frame layer ignores its own range, as PyOutline");
        layer.GetFrameRange().Should().Be("1000-1000");
    }

    [Fact]
    public void ShellScript_takes_script_and_args()
    {
        var layer = (ShellScript)LoadOneLayer("\"script\": \"/shared/run.sh\", \"args\": [\"-v\", \"a b\"]", "outline.modules.shell.ShellScript");

        layer.ScriptPath.Should().Be("/shared/run.sh");
        layer.Arguments.Should().Equal("-v", "a b");
        layer.GetCommandLine().Should().Be("/shared/run.sh -v 'a b'");
        ((ShellScript)LoadOneLayer("\"script\": \"/x.sh\"", "outline.modules.shell.ShellScript")).Arguments.Should().BeEmpty();
    }

    [Fact]
    public void ShellSequence_takes_commands_and_ranges_them_1_to_N()
    {
        var layer = (ShellSequence)LoadOneLayer("\"commands\": [\"echo a\", \"echo b\", \"echo c\"]", "outline.modules.shell.ShellSequence");

        layer.Commands.Should().Equal("echo a", "echo b", "echo c");
        layer.Range.Should().Be("1-3");
        LoadOneLayer("\"commands\": [\"a\", \"b\", \"c\"], \"range\": \"1-2\"", "outline.modules.shell.ShellSequence").Range.Should().Be("1-2");
    }

    [Fact]
    public void Every_common_layer_argument_maps_onto_the_model()
    {
        var layer = LoadOneLayer("""
            "command": ["render"],
            "range": "1-50",
            "chunk": 5,
            "cores": 2.5,
            "max_cores": 8,
            "threadable": true,
            "memory": "8g",
            "gpus": 1,
            "gpu_memory": "4g",
            "timeout": 60,
            "timeout_llu": 10,
            "retries": 3,
            "service": "arnold",
            "tags": ["general", "desktop"],
            "limits": ["arnold_lic"],
            "env": {"Z": "last", "A": "first"},
            "outputs": {"beauty": "/out/beauty.####.exr", "depth": "/out/depth.####.exr"},
            "type": "util"
            """);

        layer.Range.Should().Be("1-50");
        layer.Chunk.Should().Be(5);
        layer.MinCores.Should().Be(2.5);
        layer.MaxCores.Should().Be(8);
        layer.Threadable.Should().BeTrue();
        layer.Memory.Should().Be("8g");
        layer.MinGpus.Should().Be(1);
        layer.GpuMemory.Should().Be("4g");
        layer.Timeout.Should().Be(60);
        layer.TimeoutLlu.Should().Be(10);
        layer.RetryCount.Should().Be(3);
        layer.Service.Should().Be("arnold");
        layer.Tags.Should().Equal("general", "desktop");
        layer.Limits.Should().Equal("arnold_lic");
        layer.Env.Keys.Should().Equal("Z", "A");
        layer.Outputs.Should().Equal(new Dictionary<string, string> { ["beauty"] = "/out/beauty.####.exr", ["depth"] = "/out/depth.####.exr" });
        layer.Outputs.Keys.Should().Equal("beauty", "depth");
        layer.Type.Should().Be(LayerType.Util);
    }

    [Theory]
    [InlineData("Render", LayerType.Render)]
    [InlineData("UTIL", LayerType.Util)]
    [InlineData("post", LayerType.Post)]
    public void Layer_types_are_case_insensitive(string text, LayerType expected)
    {
        LoadOneLayer("\"type\": \"" + text + "\"").Type.Should().Be(expected);
    }

    [Fact]
    public void Numbers_may_be_strings_as_PyOutline_converts_them()
    {
        var layer = LoadOneLayer("\"chunk\": \"5\", \"cores\": \"0.5\", \"gpus\": \"2\", \"timeout\": \"30\", \"retries\": \"1\"");

        layer.Chunk.Should().Be(5);
        layer.MinCores.Should().Be(0.5);
        layer.MinGpus.Should().Be(2);
        layer.Timeout.Should().Be(30);
        layer.RetryCount.Should().Be(1);
        LoadOneLayer("\"chunk\": 5.0").Chunk.Should().Be(5);
    }

    [Fact]
    public void A_numeric_memory_is_kept_as_its_text_and_validation_warns_it_means_gigabytes()
    {
        var outline = PyOutlineJson.Load(OneLayer("\"command\": [\"x\"], \"memory\": 16"));

        outline.GetLayer("render").Memory.Should().Be("16");
        outline.ToSpec(Options()).Should().Contain("<memory>16</memory>");
        outline.Validate(Options()).Warnings.Should().Contain(w => w.Code == "memory" && w.LayerName == "render");
        LoadOneLayer("\"gpu_memory\": 4").GpuMemory.Should().Be("4");
    }

    [Fact]
    public void Threads_is_the_legacy_name_of_cores()
    {
        LoadOneLayer("\"threads\": 3").MinCores.Should().Be(3);
    }

    [Fact]
    public void Cores_wins_over_threads_with_a_warning()
    {
        var logger = new CapturingLogger();
        var outline = PyOutlineJson.Load(OneLayer("\"threads\": 8, \"cores\": 2"), logger);

        outline.GetLayer("render").MinCores.Should().Be(2);
        outline.Logger.Should().BeSameAs(logger);
        logger.Entries.Should().Contain(e => e.Level == LogLevel.Warning && e.Message.Contains("render") && e.Message.Contains("threads"));
    }

    [Fact]
    public void Tags_may_be_a_pipe_separated_string()
    {
        LoadOneLayer("\"tags\": \"general | desktop\"").Tags.Should().Equal("general", "desktop");
        LoadOneLayer("\"tags\": \"  \"").Tags.Should().BeEmpty();
    }

    [Fact]
    public void A_null_service_uses_Cuebots_default()
    {
        var layer = LoadOneLayer("\"service\": null");

        layer.Service.Should().BeNull();
        layer.SpecService.Should().Be("default");
    }

    [Fact]
    public void Require_strings_become_depends_at_setup()
    {
        var outline = PyOutlineJson.Load("""
            {
              "name": "deps",
              "layers": [
                { "name": "sim", "module": "outline.modules.shell.Shell", "command": ["sim"], "range": "1-10" },
                { "name": "render", "module": "outline.modules.shell.Shell", "command": ["render"], "range": "1-10",
                  "require": ["sim:all", "comp:prev"] },
                { "name": "comp", "module": "outline.modules.shell.Shell", "command": ["comp"], "range": "1-10", "require": "render" }
              ]
            }
            """);

        outline.GetLayer("render").Requires.Should().Equal("sim:all", "comp:prev");
        outline.SetupDepends();

        outline.GetLayer("render").GetDepends().Select(d => (d.DependOnLayer.Name, d.Type))
            .Should().Equal(("sim", DependType.LayerOnLayer), ("comp", DependType.PreviousFrame));
        outline.GetLayer("comp").GetDepends().Should().ContainSingle().Which.Type.Should().Be(DependType.FrameByFrame);
    }

    [Fact]
    public void A_layer_with_register_false_is_not_added()
    {
        var outline = PyOutlineJson.Load("""
            {
              "layers": [
                { "name": "hidden", "module": "outline.modules.shell.Shell", "command": ["x"], "register": false },
                { "name": "shown", "module": "outline.modules.shell.Shell", "command": ["x"], "register": true }
              ]
            }
            """);

        outline.GetLayers().Select(l => l.Name).Should().Equal("shown");
    }

    [Fact]
    public void LoadFile_reads_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "pyoutline-json-" + Guid.NewGuid().ToString("N") + ".outline");
        File.WriteAllText(path, TutorialJson);
        try
        {
            PyOutlineJson.LoadFile(path).ToSpec(Options()).Should().Be(Tutorial.Golden("pyoutline-sequential.xml"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_of_a_missing_file_throws_FileNotFoundException()
    {
        var act = () => PyOutlineJson.LoadFile(Path.Combine(Path.GetTempPath(), "no-such-outline-" + Guid.NewGuid().ToString("N") + ".json"));

        act.Should().Throw<FileNotFoundException>();
    }
}
