using OpenCue.Authoring;
using OpenCue.Authoring.Validation;
using OpenCue.Client;
using OpenCue.LocalCue;
using OpenCue.Tests.Shared;

namespace OpenCue.Samples.Tests;

/// <summary>The README's "A first job", as written there, launched to a local scheduler instead of a farm's Cuebot.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_first_job_validates_writes_a_valid_spec_and_launches()
    {
        var job = new Outline("sequential-pipeline-v001", shot: "shot010", show: "demo-project", user: "artist01");

        var prep = job.AddLayer(new Shell("asset-prep", new[] { "python", "/shared/scripts/prep_assets.py", "--frame", "#IFRAME#" })
            .SetFrameRange("1-100").SetMinCores(1).SetMinMemory(2048).SetService("python"));

        var render = job.AddLayer(new Shell("beauty-render", new[] { "blender", "-b", "shot010.blend", "-f", "#IFRAME#" })
            .SetFrameRange("1-100").SetMinCores(4).SetMinMemory(8192).SetService("blender").SetChunk(5));
        render.DependOn(prep);

        var comp = job.AddLayer(new Shell("composite", "nuke -x comp.nk --frame-range #FRAME_START#-#FRAME_END#")
            .SetFrameRange("1-100").SetMinCores(2).SetMinMemory(4096).SetService("nuke"));
        comp.DependAll(render);

        var problems = job.Validate(new OpenCue.Authoring.Specs.SpecWriterOptions { Uid = 1000 });
        problems.Errors.Should().BeEmpty();
        problems.Warnings.Should().OnlyContain(p => p.Code == ValidationCodes.ShowName);
        CuebotDtd.AssertValid(job.ToSpec(new OpenCue.Authoring.Specs.SpecWriterOptions { Uid = 1000 }));

        var state = Directory.CreateTempSubdirectory("readme-example-").FullName;
        try
        {
            await using var cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 8, MemoryMb = 65536 });

            // As in the README, but paused: blender and nuke are not on the test machine.
            var jobs = await Cuerun.LaunchAsync(job, new LaunchOptions { Server = cue.Address, Pause = true, Uid = 1000 });

            var launched = jobs.Single();
            launched.Name.Should().Be("demo-project-shot010-artist01_sequential_pipeline_v001");
            (await launched.GetLayersAsync()).Select(l => (l.Name, l.Stats.TotalFrames)).Should().Equal(("asset_prep", 100), ("beauty_render", 20), ("composite", 100));
            await launched.KillAsync("README example checked");
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }
}
