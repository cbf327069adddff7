namespace OpenCue.Authoring.Tests.Model;

public class OutlineLayerIndexTests
{
    [Fact]
    public void Layers_are_found_by_their_current_name_after_a_rename()
    {
        var job = new Outline("index", shot: "sh010", show: "testing", user: "jdoe");
        var render = job.AddLayer(new Shell("render", "true"));
        render.Name = "beauty";

        job.GetLayer("beauty").Should().BeSameAs(render);
        job.IsLayer("render").Should().BeFalse();
        job.AddLayer(new Shell("render", "true")).Name.Should().Be("render");
        job.Invoking(j => j.AddLayer(new Shell("beauty", "true"))).Should().Throw<OutlineException>();

        job.RemoveLayer(render).Should().BeTrue();
        job.IsLayer("beauty").Should().BeFalse();
        job.GetLayers().Select(l => l.Name).Should().Equal("render");
    }

    [Fact]
    public void Two_thousand_layers_are_added_and_looked_up_by_name()
    {
        var job = new Outline("many", shot: "sh010", show: "testing", user: "jdoe");
        for (var i = 0; i < 2000; i++)
        {
            job.AddLayer(new Shell("layer" + i, "true"));
        }

        job.GetLayer("layer1999").Name.Should().Be("layer1999");
        job.GetLayers().Should().HaveCount(2000);
    }
}
