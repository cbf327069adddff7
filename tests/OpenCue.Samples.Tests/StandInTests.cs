using System.Diagnostics;
using OpenCue.Authoring;
using OpenCue.Samples.Tutorial.Pipelines;
using OpenCue.Samples.Tutorial.Running;

namespace OpenCue.Samples.Tests;

/// <summary>The stand-in: which commands it replaces, and what the replaced command does when /bin/sh runs it.</summary>
public class StandInTests
{
    [Theory]
    [InlineData(true, "/usr/local/blender/blender", "-b", "scene.blend")]
    [InlineData(true, "blender", "-b", "scene.blend")]
    [InlineData(true, "maya", "-batch")]
    [InlineData(true, "nuke", "-x", "comp.nk")]
    [InlineData(true, "houdini", "-c", "python x.py")]
    [InlineData(true, "ffmpeg", "-i", "in.exr")]
    [InlineData(true, "python", "/shared/scripts/prep_assets.py")]
    [InlineData(true, "timeout", "3600", "python", "/shared/scripts/robust_render.py")]
    [InlineData(false, "python", "-c", "print(1)")]
    [InlineData(false, "/bin/echo", "hello")]
    [InlineData(false, "true")]
    public void Only_programs_a_laptop_cannot_run_are_replaced(bool expected, params string[] command)
    {
        StandIn.NeedsStandIn(command).Should().Be(expected);
    }

    [Fact]
    public void Every_layer_of_every_tutorial_pipeline_gets_a_stand_in_that_keeps_the_original_argv()
    {
        foreach (var entry in PipelineCatalog.All)
        {
            var job = entry.Create(new PipelineArguments());
            var before = job.GetLayers().ToDictionary(l => l.Name, l => l.Command!.Arguments!.ToArray());

            var swapped = StandIn.Apply(job, new StandInOptions());

            swapped.Should().BeEquivalentTo(before.Keys, entry.Name);
            foreach (var layer in job.GetLayers())
            {
                var args = layer.Command!.Arguments!;
                args.Take(2).Should().Equal("/bin/sh", "-c");
                args.Skip(3).Should().Equal(before[layer.Name]);
            }
        }
    }

    [Fact]
    public void The_stand_in_prints_the_argv_with_tokens_replaced_records_events_and_fails_on_request()
    {
        var root = Directory.CreateTempSubdirectory("standin-test-").FullName;
        try
        {
            var events = Path.Combine(root, "events.txt");
            var options = new StandInOptions { EventsFile = events, Delay = TimeSpan.Zero };
            options.FailFrames.Add("render-with-sim:4");
            var layer = FrameDependentPipeline.CreateFrameDependentPipeline().GetLayer("render-with-sim");
            var command = StandIn.Wrap(layer.Name, layer.Command!.Arguments!, options);
            var commandLine = ShellQuoting.Join(command);

            // What Cuebot does before the shell reads the command: replace the tokens textually.
            var (exit3, out3, _) = Sh(commandLine.Replace("#IFRAME#", "3", StringComparison.Ordinal));
            var (exit4, _, err4) = Sh(commandLine.Replace("#IFRAME#", "4", StringComparison.Ordinal));

            exit3.Should().Be(0);
            out3.Trim().Should().Be("stand-in: /usr/local/blender/blender -b scene.blend --python-expr " +
                "\"import bpy; bpy.context.scene.frame_set(3); bpy.ops.render.render()\" -o /shared/renders/final_####.exr");
            exit4.Should().Be(1);
            err4.Should().Contain("fails on purpose");
            File.ReadAllLines(events).Should().Equal("render-with-sim 3 start", "render-with-sim 3 end", "render-with-sim 4 start", "render-with-sim 4 fail");
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void The_delay_is_read_in_seconds_and_written_into_the_script()
    {
        StandInOptions.ParseDelay("0.25").Should().Be(TimeSpan.FromSeconds(0.25));
        StandInOptions.ParseDelay("0").Should().Be(TimeSpan.Zero);
        StandInOptions.ParseDelay("-1").Should().BeNull();
        StandInOptions.ParseDelay("soon").Should().BeNull();

        var options = new StandInOptions { Delay = TimeSpan.FromSeconds(1.5) };
        var script = StandIn.Wrap("composite", new[] { "nuke", "-x", "a.nk" }, options)[2];
        script.Should().Contain("sleep 1.5;");
        StandIn.Wrap("composite", new[] { "nuke" }, new StandInOptions { Delay = TimeSpan.Zero })[2].Should().NotContain("sleep");
    }

    private static (int Exit, string Out, string Err) Sh(string commandLine)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
