using System.Xml.Linq;
using OpenCue.LocalCue;
using OpenCue.Samples.Tests.Support;
using OpenCue.Samples.Tutorial;
using OpenCue.Tests.Shared;

namespace OpenCue.Samples.Tests;

/// <summary>The sample's command line, run in process: output and exit codes (0 success, 1 job failed, 2 usage).</summary>
public class CommandLineTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await TutorialApp.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task List_names_every_pipeline()
    {
        var (exit, output, _) = await Run("list");

        exit.Should().Be(0);
        output.Split('\n').Where(l => l.Length > 0).Select(l => l.Split(' ')[0])
            .Should().Equal("basic", "parallel", "frame-dependent", "fault-tolerant", "vfx-shot", "animation-feature");
    }

    [Theory]
    [InlineData(new string[0], "Name a pipeline")]
    [InlineData(new[] { "sequential" }, "Unknown pipeline 'sequential'")]
    [InlineData(new[] { "basic", "--range", "1-x" }, "--range: '1-x' is not a frame range")]
    [InlineData(new[] { "basic", "--local", "--server", "localhost:8443" }, "not both")]
    [InlineData(new[] { "basic", "--stand-in", "--stand-in-fail", "main-render" }, "LAYER:FRAME")]
    [InlineData(new[] { "basic", "--stand-in-delay", "1" }, "only apply with --stand-in")]
    [InlineData(new[] { "basic", "--stand-in", "--stand-in-delay", "later" }, "not a number of seconds")]
    [InlineData(new[] { "basic", "--server" }, "--server needs a value")]
    [InlineData(new[] { "basic", "--wait" }, "--wait follows a job launched with --server")]
    [InlineData(new[] { "basic", "--frobnicate" }, "Unknown option '--frobnicate'")]
    [InlineData(new[] { "analyze", "some-job" }, "analyze needs --server")]
    [InlineData(new[] { "list", "--spec" }, "apply to a pipeline")]
    public async Task Mistakes_exit_2_and_say_what_is_wrong(string[] args, string message)
    {
        var (exit, output, error) = await Run(args);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain(message).And.Contain("usage:");
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var (exit, output, _) = await Run("--help");

        exit.Should().Be(0);
        output.Should().StartWith("usage:");
    }

    [Fact]
    public async Task A_pipeline_alone_shows_its_layers_and_depends()
    {
        var (exit, output, error) = await Run("fault-tolerant");

        exit.Should().Be(0);
        output.Should().Contain("job demo-project-shot010-artist01_fault_tolerant_v001")
            .And.Contain("main-render (FrameByFrame)")
            .And.Contain("validate-inputs (LayerOnLayer)")
            .And.Contain("the whole job (post job)");
        error.Should().Contain("[show-name]");
    }

    [Fact]
    public async Task Spec_prints_the_spec_with_the_range_applied()
    {
        var (exit, output, _) = await Run("basic", "--spec", "--range", "1-10");

        exit.Should().Be(0);
        CuebotDtd.AssertValid(output.Trim());
        XDocument.Parse(output.Trim()).Descendants("range").Select(r => r.Value).Should().Equal("1-10", "1-10", "1-10");
    }

    [Fact]
    public async Task Vfx_shot_takes_its_shot_and_frame_range_from_the_command_line()
    {
        var (exit, output, _) = await Run("vfx-shot", "--spec", "--shot", "sh042", "--range", "1001-1010");

        exit.Should().Be(0);
        var spec = XDocument.Parse(output.Trim());
        spec.Descendants("shot").Single().Value.Should().Be("sh042");
        spec.Descendants("range").Select(r => r.Value).Should().Equal("1-1", "1001-1010", "1001-1010", "1001-1010", "1001-1010", "1001-1010", "1-1");
    }

    [Fact]
    public async Task Optimize_applies_the_tutorials_resources_and_chunks_before_writing()
    {
        var (exit, output, _) = await Run("basic", "--spec", "--optimize");

        exit.Should().Be(0);
        var layers = XDocument.Parse(output.Trim()).Descendants("layer")
            .Select(l => (l.Attribute("name")!.Value, l.Element("chunk")!.Value, l.Element("cores")!.Value, l.Element("memory")!.Value));
        layers.Should().Equal(("asset-prep", "1", "1.0", "1024m"), ("beauty-render", "5", "4.0", "4096m"), ("composite", "5", "2.0", "2048m"));
    }

    [Fact]
    public async Task Spec_with_stand_ins_shows_the_wrapped_commands()
    {
        var (exit, output, _) = await Run("basic", "--spec", "--stand-in", "--stand-in-delay", "0.1");

        exit.Should().Be(0);
        XDocument.Parse(output.Trim()).Descendants("cmd").Should().OnlyContain(c => c.Value.StartsWith("/bin/sh -c '", StringComparison.Ordinal) && c.Value.Contains("sleep 0.1;"));
    }

    [Fact]
    public async Task Local_stand_in_run_exits_0_and_prints_progress_and_the_analysis()
    {
        var state = Directory.CreateTempSubdirectory("tutorial-cli-test-").FullName;
        try
        {
            var (exit, output, _) = await Run("basic", "--local", "--stand-in", "--stand-in-delay", "0", "--range", "1-3", "--state-dir", state);

            exit.Should().Be(0, output);
            output.Should().Contain("State and frame logs under " + state)
                .And.Contain("beauty_render")
                .And.Contain("Pipeline Analysis for: demo-project-shot010-artist01_sequential_pipeline_v001")
                .And.Contain("Every frame succeeded.");
            Directory.GetFiles(state, "*.rqlog", SearchOption.AllDirectories).Should().HaveCount(9);
            File.ReadAllText(Directory.GetFiles(state, "*0002-composite.rqlog", SearchOption.AllDirectories).Single())
                .Should().Contain("stand-in: nuke -x /shared/scripts/shot010_comp.nk --frame-range 2-2");
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }

    [Fact]
    public async Task Local_run_with_a_dead_frame_exits_1()
    {
        var state = Directory.CreateTempSubdirectory("tutorial-cli-test-").FullName;
        try
        {
            var (exit, output, _) = await Run("basic", "--local", "--stand-in", "--stand-in-delay", "0", "--range", "1-2", "--stand-in-fail", "composite:2", "--state-dir", state);

            exit.Should().Be(1, output);
            output.Should().Contain("dead: 0002-composite").And.Contain("The job did not succeed");
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }

    [Fact]
    public async Task Server_launch_with_wait_then_analyze_against_a_running_scheduler()
    {
        var state = Directory.CreateTempSubdirectory("tutorial-cli-test-").FullName;
        try
        {
            await using var cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, InMemory = true, Cores = 16, MemoryMb = 65536 });

            var (exit, output, _) = await Run("parallel", "--server", cue.Address, "--wait", "--stand-in", "--stand-in-delay", "0", "--range", "1-3");

            exit.Should().Be(0, output);
            output.Should().Contain("Launched demo-project-shot010-artist01_parallel_render_v001 on " + cue.Address);

            var (analyzeExit, table, _) = await Run("analyze", "demo-project-shot010-artist01_parallel_render_v001", "--server", cue.Address);
            analyzeExit.Should().Be(0);
            table.Should().StartWith("Pipeline Analysis for: demo-project-shot010-artist01_parallel_render_v001");
            table.Should().Contain("final_composite");
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }
}
