using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Tests.Support;
using OpenCue.Tests.Shared;

namespace OpenCue.Authoring.Tests.Specs;

public class SpecWriterTests
{
    private static readonly SpecWriterOptions Uid1000 = new() { Uid = 1000 };

    private static Outline OneLayer(Layer layer)
    {
        var job = new Outline("writer_test", shot: "sh010", show: "testing", user: "jdoe");
        job.AddLayer(layer);
        return job;
    }

    [Fact]
    public void Argument_lists_are_shell_quoted_so_each_argument_arrives_intact()
    {
        var layer = new Shell("render", new[]
        {
            "blender", "-b", "scene.blend", "--python-expr",
            "import bpy; bpy.context.scene.frame_set(#IFRAME#); bpy.ops.render.render()",
            "it's", string.Empty, "#IFRAME#-#IFRAME#", "$HOME",
        });

        layer.GetCommandLine().Should().Be(
            "blender -b scene.blend --python-expr 'import bpy; bpy.context.scene.frame_set(#IFRAME#); bpy.ops.render.render()' " +
            "'it'\"'\"'s' '' #IFRAME#-#IFRAME# '$HOME'");
    }

    [Fact]
    public void Quoted_commands_reach_a_real_shell_as_the_same_arguments()
    {
        string[] args = { "printf", "%s\\n", "a b", "semi;colon", "it's", "$HOME", "*", "", "#x", "~", "back\\slash", "new\nline", "Grüße" };
        var commandLine = ShellQuoting.Join(args);

        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        process.ExitCode.Should().Be(0);
        output.Should().Be(string.Join(string.Empty, args.Skip(2).Select(a => a + "\n")));
    }

    [Fact]
    public void A_first_word_with_an_equals_sign_is_quoted_so_it_is_not_an_assignment()
    {
        ShellQuoting.Join(new[] { "A=b", "c=d" }).Should().Be("'A=b' c=d");
    }

    [Fact]
    public void A_command_line_string_is_written_verbatim()
    {
        OneLayer(new Shell("render", "echo $CUE_IFRAME && ls | wc -l")).ToSpec(Uid1000)
            .Should().Contain("<cmd>echo $CUE_IFRAME &amp;&amp; ls | wc -l</cmd>");
    }

    [Fact]
    public void XML_special_and_non_ASCII_characters_are_escaped_and_round_trip()
    {
        var layer = new Shell("render", new[] { "echo", "<a & \"b\">", "Grüße 🎬", "cr\rlf" })
            .SetEnv("NOTE", "x < y & \"z\"\ttab\nline");
        layer.AddOutput("out", "/tmp/ü.####.exr");
        var job = OneLayer(layer);

        var spec = job.ToSpec(Uid1000);
        spec.Should().Contain("Gr&#252;&#223;e &#127916;").And.Contain("&lt;a &amp; \"b\"&gt;").And.Contain("cr&#13;lf");
        CuebotDtd.AssertValid(spec);

        var read = SpecReader.Read(spec);
        read.Outline.GetLayer("render").GetCommandLine().Should().Be(layer.GetCommandLine());
        read.Outline.GetLayer("render").Env["NOTE"].Should().Be("x < y & \"z\"\ttab\nline");
        read.Outline.GetLayer("render").Outputs["out"].Should().Be("/tmp/ü.####.exr");
        SpecWriter.Write(read.Outline, read.Options).Should().Be(spec);
    }

    [Fact]
    public void Every_resource_element_is_written_in_DTD_order_and_read_back()
    {
        var layer = new Shell("render", "true")
            .SetFrameRange("1-100x3")
            .SetChunk(5)
            .SetMinCores(2.5)
            .SetThreadable()
            .SetMinMemory(6000)
            .SetMinGpus(2)
            .SetMinGpuMemory(4096)
            .SetTimeout(90)
            .SetTimeoutLlu(15)
            .SetTags("general", "desktop")
            .SetLimits("nuke_lic", "arnold")
            .SetEnv("B", "2")
            .SetEnv("A", "1")
            .SetService("arnold,maya")
            .SetType(LayerType.Util);
        var job = OneLayer(layer);
        job.MaxCores = 40;
        job.MaxGpus = 4;
        job.SetEnv("SHOW_ROOT", "/shows/testing");
        var options = new SpecWriterOptions { Uid = 1000, Paused = true, Priority = 50, MaxRetries = 1, AutoEat = true, Os = "rhel9", NoMail = true, Facility = "cloud" };

        var spec = job.ToSpec(options);
        spec.Should().Be(
            "<?xml version=\"1.0\"?><!DOCTYPE spec PUBLIC \"SPI Cue  Specification Language\" \"http://localhost:8080/spcue/dtd/cjsl-1.15.dtd\">" +
            "<spec><facility>cloud</facility><show>testing</show><shot>sh010</shot><user>jdoe</user><uid>1000</uid>" +
            "<job name=\"writer_test\"><paused>True</paused><priority>50</priority><maxretries>1</maxretries><maxcores>40</maxcores><maxgpus>4</maxgpus>" +
            "<autoeat>True</autoeat><os>rhel9</os><env><key name=\"SHOW_ROOT\">/shows/testing</key></env><layers>" +
            "<layer name=\"render\" type=\"Util\"><cmd>true</cmd><range>1-100x3</range><chunk>5</chunk><cores>2.5</cores><threadable>True</threadable>" +
            "<memory>6000m</memory><gpus>2</gpus><gpu_memory>4096m</gpu_memory><timeout>90</timeout><timeout_llu>15</timeout_llu>" +
            "<tags>general | desktop</tags><limits><limit>nuke_lic</limit><limit>arnold</limit></limits>" +
            "<env><key name=\"B\">2</key><key name=\"A\">1</key></env><services><service>arnold</service></services><outputs /></layer>" +
            "</layers></job><depends /></spec>");
        CuebotDtd.AssertValid(spec);

        var read = SpecReader.Read(spec);
        SpecWriter.Write(read.Outline, read.Options).Should().Be(spec);
        read.Outline.GetLayer("render").MinCores.Should().Be(2.5);
        read.Options.Priority.Should().Be(50);
    }

    [Theory]
    [InlineData("1.10")]
    [InlineData("1.11")]
    [InlineData("1.12")]
    [InlineData("1.13")]
    [InlineData("1.14")]
    [InlineData("1.15")]
    public void Every_supported_version_validates_against_its_DTD(string version)
    {
        var job = Tutorial.CreateBasicPipeline();
        job.MaxCores = 100;
        job.GetLayer("beauty-render").SetMinGpus(1).SetTimeout(30).AddOutput("beauty", "/renders/b.####.exr");
        var spec = job.ToSpec(new SpecWriterOptions { Uid = 1000, Version = SpecVersion.Parse(version) });

        spec.Should().Contain("cjsl-" + version + ".dtd");
        CuebotDtd.AssertValid(spec);
    }

    [Fact]
    public void Cores_are_written_with_one_decimal_and_read_with_Cuebots_point_rule()
    {
        CueUnits.FormatCores(4).Should().Be("4.0");
        CueUnits.FormatCores(0.25).Should().Be("0.2");

        // Python's "%0.1f" rounds the exact binary value half to even.
        foreach (var (value, python) in new[] { (0.05, "0.1"), (0.15, "0.1"), (0.35, "0.3"), (0.45, "0.5"), (0.65, "0.7"), (0.95, "0.9"), (1.05, "1.1"), (-0.05, "-0.1"), (2.5, "2.5"), (123456.75, "123456.8") })
        {
            CueUnits.FormatCores(value).Should().Be(python, "Python writes {0} as {1}", value, python);
        }

        CueUnits.TryParseCores("4.0", out var p1).Should().BeTrue();
        p1.Should().Be(400);
        CueUnits.TryParseCores("4", out var p2).Should().BeTrue();
        p2.Should().Be(100, "4 core points is below the minimum and becomes one core");
        CueUnits.TryParseCores("-2.0", out var p3).Should().BeTrue();
        p3.Should().Be(-200);
        CueUnits.TryParseCores("30.0", out var p4).Should().BeTrue();
        p4.Should().Be(2400);
    }

    [Theory]
    [InlineData("512m", 524288L)]
    [InlineData("1.5m", 1536L)]
    [InlineData("512MB", 524288L)]
    [InlineData("4g", 4194304L)]
    [InlineData("2gb", 2097152L)]
    [InlineData("8", 8388608L)]
    public void Memory_text_converts_as_Cuebot_converts_it(string text, long kb)
    {
        CueUnits.TryParseMemory(text, out var value, out _).Should().BeTrue();
        value.Should().Be(kb);
    }

    [Theory]
    [InlineData("1.5g")]
    [InlineData("1024kb")]
    [InlineData("lots")]
    public void Memory_text_Cuebot_cannot_read_is_refused(string text) =>
        CueUnits.TryParseMemory(text, out _, out _).Should().BeFalse();

    [Fact]
    public void Single_frame_layers_run_the_first_frame_of_the_job_range()
    {
        var job = new Outline("frames_test", shot: "sh010", show: "testing", user: "jdoe", frameRange: "101-200");
        var cmd = job.AddLayer(new ShellCommand("publish", new[] { "publish", "--all" }).SetFrameRange("5-9"));
        var script = job.AddLayer(new ShellScript("notify", "/shared/bin/notify.sh", "--to", "team lead"));
        var post = job.AddLayer(new OutlinePostCommand("cleanup", "rm -rf /tmp/x"));
        job.AddLayer(new Shell("render", "render #IFRAME#"));

        cmd.GetFrameRange().Should().Be("101");
        script.GetCommandLine().Should().Be("/shared/bin/notify.sh --to 'team lead'");
        post.Type.Should().Be(LayerType.Post);
        var spec = job.ToSpec(Uid1000);
        spec.Should().Contain("<layer name=\"cleanup\" type=\"Post\"><cmd>rm -rf /tmp/x</cmd><range>101</range>").And.Contain("<service>postprocess</service>");
        new Outline("no_range").AddLayer(new ShellCommand("one", "true")).GetFrameRange().Should().Be("1000-1000");
    }

    [Fact]
    public void A_shell_sequence_runs_command_N_on_frame_N_in_a_real_shell()
    {
        var job = new Outline("seq_test", shot: "sh010", show: "testing", user: "jdoe");
        Layer seq = job.AddLayer(new ShellSequence("steps", new[] { "echo one", "echo two", "echo 'three;3'" }).SetChunk(2));
        seq.GetFrameRange().Should().Be("1-3");

        string Run(int frame)
        {
            var command = seq.GetCommandLine()!.Replace("#IFRAME#", frame.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command);
            using var p = System.Diagnostics.Process.Start(start)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode + ":" + output;
        }

        Run(1).Should().Be("0:one\ntwo\n");

        var tricky = job.AddLayer(new ShellSequence("tricky", new[] { "sleep 0 &", "echo x # a comment", "echo y; echo z" }).SetChunk(3));
        seq = tricky;
        Run(1).Should().Be("0:x\ny\nz\n", "a trailing '&', a comment or a ';' in one command must not break the others");
        seq = job.GetLayer("steps");
        Run(3).Should().Be("0:three;3\n");
        Run(2).Should().StartWith("1:");
    }

    [Fact]
    public void The_outline_range_intersection_keeps_the_outline_order_and_drops_repeats()
    {
        var job = new Outline("x_test", shot: "sh010", show: "testing", user: "jdoe", frameRange: "10-1");
        var layer = job.AddLayer(new Shell("render", "true").SetFrameRange("2-6,4"));
        layer.GetFrameRange().Should().Be("6-2x-1", "the compact form is Cuebot's #FRAMESPEC# form");
        layer.GetFrameRange(explicitList: true).Should().Be("6,5,4,3,2");
    }
}
