using OpenCue.LocalCue.Intake;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>Depends: what Cuebot reads per type, how names are conformed, and what cannot be resolved.</summary>
public class DependTests
{
    private const string First = "testing-sh010-jdoe_first_job";
    private const string Second = "testing-sh010-jdoe_second_job";

    // Two jobs, each with layers "render" (1-10) and "comp" (1-10, chunk 5: frames 1 and 6).
    private static string TwoJobs(params string[] depends)
    {
        var layers = Layer("render") + Layer("comp", chunk: "5");
        return Spec(Job(layers, name: "First-Job") + Job(layers, name: "second_job"), Depends(depends));
    }

    private static DependDefinition One(string depend) => Parse(TwoJobs(depend)).Depends.Single();

    [Fact]
    public void Job_depends_use_only_the_job_names()
    {
        var d = One(Depend("JOB_ON_JOB", depJob: "second_job", onJob: "First-Job", depLayer: "render", onFrame: "0001-comp"));
        d.Type.Should().Be("JOB_ON_JOB");
        d.DependErJob.Should().Be(Second);
        d.OnJob.Should().Be(First);
        d.DependErLayer.Should().BeNull("JOB_ON_JOB does not read <deplayer>");
        d.OnFrame.Should().BeNull();
    }

    [Theory]
    [InlineData("JOB_ON_LAYER", null, null, "comp", null)]
    [InlineData("JOB_ON_FRAME", null, null, null, "0006-comp")]
    [InlineData("LAYER_ON_JOB", "render", null, null, null)]
    [InlineData("LAYER_ON_LAYER", "render", null, "comp", null)]
    [InlineData("FRAME_ON_JOB", null, "0003-render", null, null)]
    [InlineData("FRAME_ON_LAYER", null, "0003-render", "comp", null)]
    [InlineData("FRAME_ON_FRAME", null, "0003-render", null, "0001-comp")]
    [InlineData("FRAME_BY_FRAME", "render", null, "comp", null)]
    [InlineData("PREVIOUS_FRAME", "render", null, "comp", null)]
    [InlineData("LAYER_ON_SIM_FRAME", "render", null, null, "0006-comp")]
    public void Each_type_keeps_what_cuebot_reads_for_it(string type, string? erLayer, string? erFrame, string? onLayer, string? onFrame)
    {
        // Every element is written; only the ones the type uses come out.
        var d = One(Depend(type, depJob: "second_job", depLayer: "render", depFrame: "0003-render", onJob: "first_job", onLayer: "comp", onFrame: "0006-comp")
            .Replace("0006-comp", onFrame ?? "0006-comp"));
        d.DependErJob.Should().Be(Second);
        d.OnJob.Should().Be(First);
        d.DependErLayer.Should().Be(erLayer);
        d.DependErFrame.Should().Be(erFrame);
        d.OnLayer.Should().Be(onLayer);
        d.OnFrame.Should().Be(onFrame);
    }

    [Theory]
    [InlineData("LAYER_ON_LAYER", "True", true)]
    [InlineData("LAYER_ON_LAYER", "yes", true)]
    [InlineData("LAYER_ON_LAYER", "False", false)]
    [InlineData("LAYER_ON_LAYER", null, false)]
    [InlineData("FRAME_BY_FRAME", "True", false)]
    public void Anyframe_counts_only_for_layer_on_layer(string type, string? anyFrame, bool expected) =>
        One(Depend(type, depJob: "second_job", depLayer: "render", onJob: "first_job", onLayer: "render", anyFrame: anyFrame))
            .AnyFrame.Should().Be(expected);

    [Fact]
    public void Layer_and_frame_names_are_conformed()
    {
        var xml = Spec(Job(Layer("Render-A", range: "1-20") + Layer("comp")), Depends(
            Depend("FRAME_ON_FRAME", depFrame: "0001-comp", onFrame: "000012-Render_A"),
            Depend("LAYER_ON_LAYER", depLayer: "COMP", onLayer: "render-a")));
        var depends = Parse(xml).Depends;
        depends[0].OnFrame.Should().Be("0012-render_a");
        depends[1].DependErLayer.Should().Be("comp");
        depends[1].OnLayer.Should().Be("render_a");
    }

    [Theory]
    [InlineData("1-render", "The frame name: 1-render is not in the proper format")]
    [InlineData("-001-render", "is not in the proper format")]
    [InlineData("0001-ren.der", "is not in the proper format")]
    [InlineData("0001-ab", "names an invalid layer")]
    public void Frame_names_must_match_cuebots_pattern(string frame, string expected) =>
        Rejection(TwoJobs(Depend("FRAME_ON_JOB", depJob: "second_job", depFrame: frame))).Should().Contain(expected);

    [Fact]
    public void A_frame_cannot_depend_on_itself_even_in_a_type_that_ignores_frames() =>
        Rejection(TwoJobs(Depend("JOB_ON_JOB", depJob: "second_job", depFrame: "0001-render", onFrame: "000001-render")))
            .Should().Be("The frame name: 0001-render cannot depend on itself.");

    [Fact]
    public void Names_present_but_unused_are_still_conformed() =>
        Rejection(TwoJobs(Depend("JOB_ON_JOB", depJob: "second_job", depLayer: "ab"))).Should().StartWith("The layer name must be at least 3 characters.");

    [Theory]
    [InlineData("nobody_job", "render", "the job testing-sh010-jdoe_nobody_job is not defined in this spec")]
    [InlineData("second_job", "missing", "the layer missing does not exist in job " + Second)]
    public void Unknown_jobs_and_layers_are_refused(string depJob, string depLayer, string expected) =>
        Rejection(TwoJobs(Depend("LAYER_ON_LAYER", depJob: depJob, depLayer: depLayer, onJob: "first_job", onLayer: "render")))
            .Should().Contain(expected);

    [Fact]
    public void Only_chunk_start_frames_exist()
    {
        One(Depend("FRAME_ON_LAYER", depJob: "second_job", depFrame: "0006-comp", onJob: "first_job", onLayer: "render"))
            .DependErFrame.Should().Be("0006-comp");
        Rejection(TwoJobs(Depend("FRAME_ON_LAYER", depJob: "second_job", depFrame: "0002-comp", onJob: "first_job", onLayer: "render")))
            .Should().Contain("the frame 0002-comp does not exist in job " + Second).And.Contain("chunk 5");
        Rejection(TwoJobs(Depend("FRAME_ON_LAYER", depJob: "second_job", depFrame: "0011-render", onJob: "first_job", onLayer: "render")))
            .Should().Contain("the frame 0011-render does not exist");
    }

    [Theory]
    [InlineData("LAYER_ON_LAYER")]
    [InlineData("FRAME_BY_FRAME")]
    [InlineData("FRAME_ON_LAYER")]
    [InlineData("JOB_ON_FRAME")]
    public void A_depend_missing_an_element_its_type_needs_is_refused(string type) =>
        Rejection(TwoJobs(Depend(type, depJob: "second_job", depLayer: "render", depFrame: "0001-render", onJob: "first_job"))).Should().Contain("needs a <");

    [Fact]
    public void Layer_on_frame_cannot_be_launched_from_a_spec() =>
        Rejection(TwoJobs(Depend("LAYER_ON_FRAME", depJob: "second_job", depLayer: "render", onJob: "first_job", onLayer: "comp", onFrame: "0001-comp")))
            .Should().Contain("LAYER_ON_FRAME").And.Contain("reads the <onlayer> text as the frame name");

    [Theory]
    [InlineData("JOB_ON_JOB", null, null, null, null, "A job cannot depend on itself.")]
    [InlineData("JOB_ON_LAYER", null, null, "render", null, "A job cannot depend on one of its own layers.")]
    [InlineData("JOB_ON_FRAME", null, null, null, "0001-render", "A job cannot depend on one of its own frames.")]
    [InlineData("LAYER_ON_JOB", "render", null, null, null, "A layer cannot depend on its own job.")]
    [InlineData("FRAME_ON_JOB", null, "0001-render", null, null, "A frame cannot depend on its own job.")]
    [InlineData("FRAME_ON_LAYER", null, "0001-render", "render", null, "The frame 0001-render cannot depend on its own layer.")]
    [InlineData("LAYER_ON_LAYER", "render", null, "render", null, "Cannot make the layer render depend on itself.")]
    [InlineData("FRAME_BY_FRAME", "render", null, "render", null, "Cannot make the layer render depend on itself.")]
    [InlineData("LAYER_ON_SIM_FRAME", "render", null, null, "0001-render", "Cannot make the layer render depend on itself.")]
    public void Nothing_depends_on_itself(string type, string? depLayer, string? depFrame, string? onLayer, string? onFrame, string expected) =>
        Rejection(TwoJobs(Depend(type, depJob: "first_job", depLayer: depLayer, depFrame: depFrame, onJob: "first_job", onLayer: onLayer, onFrame: onFrame)))
            .Should().EndWith(expected);

    [Fact]
    public void Within_one_job_layers_and_frames_may_depend_on_each_other_and_a_layer_on_its_previous_frames()
    {
        var depends = Parse(TwoJobs(
            Depend("FRAME_ON_LAYER", depJob: "first_job", depFrame: "0001-comp", onJob: "first_job", onLayer: "render"),
            Depend("FRAME_ON_FRAME", depJob: "first_job", depFrame: "0006-comp", onJob: "first_job", onFrame: "0010-render"),
            Depend("PREVIOUS_FRAME", depJob: "first_job", depLayer: "render", onJob: "first_job", onLayer: "render"))).Depends;
        depends.Select(d => d.Type).Should().Equal("FRAME_ON_LAYER", "FRAME_ON_FRAME", "PREVIOUS_FRAME");
    }

    [Fact]
    public void Post_layers_belong_to_the_post_job_and_cannot_be_named_through_the_parent() =>
        Rejection(Spec(Job(Layer() + Layer("cleanup", "Post")), Depends(Depend("LAYER_ON_LAYER", depLayer: "render", onLayer: "cleanup"))))
            .Should().Contain("the layer cleanup does not exist in job testing-sh010-jdoe_my_job");

    [Fact]
    public void Only_the_first_depends_element_is_read()
    {
        var xml = Spec(Job(Layer("render") + Layer("comp")),
            Depends(Depend("LAYER_ON_LAYER", depLayer: "comp", onLayer: "render")) + Depends(Depend("JOB_ON_JOB", onJob: "nobody")));
        Parse(xml).Depends.Should().ContainSingle().Which.Type.Should().Be("LAYER_ON_LAYER");
    }
}
