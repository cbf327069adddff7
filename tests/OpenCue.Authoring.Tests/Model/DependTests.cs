using OpenCue.Tests.Shared;
namespace OpenCue.Authoring.Tests.Model;

public class DependTests
{
    private static (Outline Job, Shell A, Shell B, Shell C) ThreeLayers()
    {
        var job = new Outline("deps", shot: "sh010", show: "testing", user: "jdoe");
        var a = job.AddLayer(new Shell("aaa", new[] { "true" }));
        var b = job.AddLayer(new Shell("bbb", new[] { "true" }));
        var c = job.AddLayer(new Shell("ccc", new[] { "true" }));
        return (job, a, b, c);
    }

    [Fact]
    public void DependOn_defaults_to_FrameByFrame_as_in_PyOutline()
    {
        var (_, a, b, _) = ThreeLayers();
        b.DependOn(a);

        var depend = b.GetDepends().Should().ContainSingle().Subject;
        depend.Type.Should().Be(DependType.FrameByFrame);
        depend.DependOnLayer.Should().BeSameAs(a);
        depend.DependErLayer.Should().BeSameAs(b);
        depend.IsAnyFrame.Should().BeFalse();
        depend.IsPropagated.Should().BeFalse();
    }

    [Theory]
    [InlineData(DependType.FrameByFrame, "FRAME_BY_FRAME")]
    [InlineData(DependType.LayerOnLayer, "LAYER_ON_LAYER")]
    [InlineData(DependType.PreviousFrame, "PREVIOUS_FRAME")]
    [InlineData(DependType.LayerOnSimFrame, "LAYER_ON_SIM_FRAME")]
    public void Every_type_is_written_with_its_Cuebot_name(DependType type, string cuebotName)
    {
        var (job, a, b, _) = ThreeLayers();
        b.DependOn(a, type);

        var spec = job.ToSpec(new() { Uid = 1000 });
        spec.Should().Contain("<depend type=\"" + cuebotName + "\" anyframe=\"False\"><depjob>deps</depjob><deplayer>bbb</deplayer><onjob>deps</onjob>");
        CuebotDtd.AssertValid(spec);
    }

    [Fact]
    public void LayerOnSimFrame_names_the_first_frame_of_the_on_layer()
    {
        var (job, a, b, _) = ThreeLayers();
        a.SetFrameRange("7-20");
        b.DependOn(a, DependType.LayerOnSimFrame);

        job.ToSpec(new() { Uid = 1000 }).Should().Contain("<onframe>0007-aaa</onframe>").And.NotContain("<onlayer>aaa");
    }

    [Fact]
    public void A_second_depend_on_the_same_layer_is_skipped_whatever_its_type()
    {
        var (_, a, b, _) = ThreeLayers();
        b.DependOn(a);
        b.DependAll(a);
        b.DependOn("aaa", DependType.PreviousFrame);

        b.GetDepends().Should().ContainSingle().Which.Type.Should().Be(DependType.FrameByFrame);
    }

    [Fact]
    public void A_depend_on_itself_is_skipped()
    {
        var (_, a, _, _) = ThreeLayers();
        a.DependOn(a);
        a.DependOn("aaa");

        a.GetDepends().Should().BeEmpty();
    }

    [Fact]
    public void Any_frame_on_an_ordinary_layer_becomes_FrameByFrame_without_anyframe()
    {
        var (_, a, b, c) = ThreeLayers();
        b.DependAll(a, anyFrame: true);
        c.DependOn(a, DependType.LayerOnAny);

        b.GetDepends().Single().Should().Match<Depend>(d => d.Type == DependType.FrameByFrame && !d.IsAnyFrame);
        c.GetDepends().Single().Should().Match<Depend>(d => d.Type == DependType.FrameByFrame && !d.IsAnyFrame);
    }

    [Fact]
    public void Any_frame_gives_the_layers_preprocess_an_any_frame_LayerOnLayer_depend()
    {
        var (job, a, b, _) = ThreeLayers();
        var pre = job.AddLayer(new LayerPreProcess(b, "echo prep"));
        b.DependOn(a, anyFrame: true);

        pre.GetDepends().Should().ContainSingle().Which.Should().Match<Depend>(d =>
            d.DependOnLayer == a && d.Type == DependType.LayerOnLayer && d.IsAnyFrame);
        job.ToSpec(new() { Uid = 1000 }).Should().Contain("<depend type=\"LAYER_ON_LAYER\" anyframe=\"True\"><depjob>deps</depjob><deplayer>bbb_preprocess</deplayer>");
    }

    [Fact]
    public void A_preprocess_layer_is_named_for_its_creator_which_waits_for_it()
    {
        var (job, a, _, _) = ThreeLayers();
        a.SetFrameRange("5-9");
        var pre = job.AddLayer(new LayerPreProcess(a, new[] { "prep.sh" }));

        pre.Name.Should().Be("aaa_preprocess");
        pre.Type.Should().Be(LayerType.Util);
        pre.Service.Should().Be("preprocess");
        pre.GetFrameRange().Should().Be("5");
        a.GetDepends().Should().ContainSingle().Which.Should().Match<Depend>(d => d.DependOnLayer == pre && d.Type == DependType.LayerOnLayer);
        a.PreprocessLayers.Should().Equal(pre);
    }

    [Fact]
    public void Preprocess_layers_depend_on_the_preprocess_layers_of_the_target()
    {
        var (job, a, b, _) = ThreeLayers();
        var preA = job.AddLayer(new LayerPreProcess(a, "true"));
        var preB = job.AddLayer(new LayerPreProcess(b, "true"));
        b.DependOn(a);

        preB.GetDepends().Should().ContainSingle().Which.Should().Match<Depend>(d => d.DependOnLayer == preA && d.Type == DependType.LayerOnLayer);
    }

    [Fact]
    public void A_propagated_depend_is_passed_on_to_the_layers_a_new_dependent_depends_on()
    {
        // PyOutline: A depends on B (propagated); C depends on A and on D  =>  D gets depend_all(B).
        var (job, a, b, c) = ThreeLayers();
        var d = job.AddLayer(new Shell("ddd", new[] { "true" }));
        a.DependOn(b, DependType.LayerOnLayer, propagate: true);
        c.DependOn(d);
        c.DependOn(a);

        d.GetDepends().Should().ContainSingle().Which.Should().Match<Depend>(x => x.DependOnLayer == b && x.Type == DependType.LayerOnLayer && !x.IsPropagated);
        a.GetDepends().Should().ContainSingle();
    }

    [Fact]
    public void A_post_process_layer_depends_on_its_creator_with_propagation()
    {
        var (job, a, b, _) = ThreeLayers();
        var post = job.AddLayer(new LayerPostProcess(a, "publish"));
        b.DependOn(post);

        post.Name.Should().Be("aaa_postprocess");
        post.GetDepends().Single().Should().Match<Depend>(d => d.DependOnLayer == a && d.IsPropagated && d.Type == DependType.LayerOnLayer);

        // b -> post (propagating post -> a): propagation makes post depend_all(a), which it has already.
        post.GetDepends().Should().ContainSingle();
    }

    [Fact]
    public void Undepend_removes_and_GetDependents_lists_who_waits()
    {
        var (_, a, b, c) = ThreeLayers();
        b.DependOn(a);
        c.DependAll(a);

        a.GetDependents().Select(d => d.DependErLayer.Name).Should().Equal("bbb", "ccc");
        b.Undepend(b.GetDepends()[0]).Should().BeTrue();
        b.Undepend(c.GetDepends()[0]).Should().BeFalse();
        a.GetDependents().Select(d => d.DependErLayer.Name).Should().Equal("ccc");
    }

    [Fact]
    public void Depending_by_name_needs_an_outline_and_a_known_layer()
    {
        var loose = new Shell("loose", "true");
        loose.Invoking(l => l.DependOn("aaa")).Should().Throw<OutlineException>().WithMessage("*before it is added to an outline*");

        var (_, _, b, _) = ThreeLayers();
        b.Invoking(l => l.DependOn("zzz")).Should().Throw<LayerNotFoundException>()
            .Which.Message.Should().Contain("'zzz'").And.Contain("aaa, bbb, ccc");
    }

    [Theory]
    [InlineData("aaa", DependType.FrameByFrame)]
    [InlineData("aaa:all", DependType.LayerOnLayer)]
    [InlineData("aaa:any", DependType.FrameByFrame)]
    [InlineData("aaa:sim", DependType.LayerOnSimFrame)]
    [InlineData("aaa:prev", DependType.PreviousFrame)]
    [InlineData("aaa:LayerOnLayer", DependType.LayerOnLayer)]
    public void Require_strings_become_depends_at_setup(string require, DependType expected)
    {
        var (job, _, b, _) = ThreeLayers();
        b.Require(require);
        b.GetDepends().Should().BeEmpty();

        job.Validate(new() { Uid = 1000 }).IsValid.Should().BeTrue();

        b.GetDepends().Should().ContainSingle().Which.Type.Should().Be(expected);
        b.Requires.Should().BeEmpty();
    }

    [Fact]
    public void A_require_with_an_unknown_kind_is_refused_when_given()
    {
        var (_, _, b, _) = ThreeLayers();
        b.Invoking(l => l.Require("aaa:sometimes")).Should().Throw<FormatException>().WithMessage("*'sometimes'*all, any, sim, prev*");
    }

    [Fact]
    public void A_require_naming_a_missing_layer_is_a_validation_error_not_a_silent_skip()
    {
        var (job, _, b, _) = ThreeLayers();
        b.Require("prep:all");

        var result = job.Validate(new() { Uid = 1000 });
        result.Errors.Should().ContainSingle(e => e.Code == "require" && e.LayerName == "bbb" && e.Value == "prep:all");
    }
}
