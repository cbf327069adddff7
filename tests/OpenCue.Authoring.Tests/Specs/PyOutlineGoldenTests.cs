using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Tests.Support;
using OpenCue.Authoring.Validation;
using OpenCue.Tests.Shared;

namespace OpenCue.Authoring.Tests.Specs;

/// <summary>
/// The goldens were produced by running OpenCue's own PyOutline serializer (<c>_serialize</c>,
/// use_pycuerun=False, uid pinned to 1000) on the same jobs.
/// </summary>
public class PyOutlineGoldenTests
{
    private static SpecWriterOptions Options(bool explicitRanges = false, bool validate = true) =>
        new() { Uid = 1000, Facility = "local", ExplicitIntersectedRanges = explicitRanges, Validate = validate };

    [Fact]
    public void The_tutorial_sequential_pipeline_matches_PyOutline_byte_for_byte()
    {
        var spec = Tutorial.CreateBasicPipeline().ToSpec(Options());

        spec.Should().Be(Tutorial.Golden("pyoutline-sequential.xml"));
        CuebotDtd.AssertValid(spec);
    }

    [Fact]
    public void The_extended_job_matches_PyOutline_with_explicit_ranges_and_compactly_by_default()
    {
        var job = ExtendedJob();

        // PyOutline writes a LAYER_ON_SIM_FRAME frame name Cuebot cannot parse ('0003-fluid-sim'):
        // validation refuses it, so the byte comparison is made with validation off.
        var result = job.Validate(Options());
        result.Errors.Should().ContainSingle(e => e.Code == ValidationCodes.DependTarget && e.LayerName == "sim-read")
            .Which.Value.Should().Be("0003-fluid-sim");

        var pyoutline = Tutorial.Golden("pyoutline-sequential-extended.xml");
        job.ToSpec(Options(explicitRanges: true, validate: false)).Should().Be(pyoutline);

        var compact = job.ToSpec(Options(validate: false));
        compact.Should().Be(pyoutline
            .Replace(">" + string.Join(",", Enumerable.Range(1, 50)) + "<", ">1-50<")
            .Replace(">" + string.Join(",", Enumerable.Range(3, 18)) + "<", ">3-20<")
            .Replace(">" + string.Join(",", Enumerable.Range(1, 20)) + "<", ">1-20<"));
        CuebotDtd.AssertValid(compact);
    }

    [Fact]
    public void Reading_a_written_spec_and_writing_it_again_gives_the_same_text()
    {
        foreach (var golden in new[] { "pyoutline-sequential.xml", "pyoutline-sequential-extended.xml" })
        {
            var spec = Tutorial.Golden(golden);
            var parsed = SpecReader.Read(spec);
            parsed.Options.Validate = false;

            SpecWriter.Write(parsed.Outline, parsed.Options).Should().Be(spec);
        }
    }

    internal static Outline ExtendedJob()
    {
        var job = Tutorial.CreateBasicPipeline();
        job.SetFrameRange("1-50");
        job.SetEnv("PIPELINE_STAGE", "lighting");
        job.GetLayer("asset-prep").SetEnv("OCIO", "/shared/ocio/config.ocio");
        job.GetLayer("beauty-render").SetTags("general | desktop").SetTimeout(60);
        job.GetLayer("composite").AddOutput("comp", "/shared/comp/shot010.####.exr");
        var sim = job.AddLayer(new Shell("fluid-sim", new[] { "true" }).SetFrameRange("3-20"));
        var read = job.AddLayer(new Shell("sim-read", new[] { "true" }).SetFrameRange("1-20"));
        read.DependOn(sim, DependType.LayerOnSimFrame);
        return job;
    }
}
