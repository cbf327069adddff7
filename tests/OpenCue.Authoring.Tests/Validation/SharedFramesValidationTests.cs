using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Validation;

namespace OpenCue.Authoring.Tests.Validation;

/// <summary>
/// Layers with the same range share their computed frames during validation, and FrameByFrame checks
/// compare chunk starts directly when they are equal: every layer still gets its own problems.
/// </summary>
public class SharedFramesValidationTests
{
    private static readonly SpecWriterOptions Uid1000 = new() { Uid = 1000 };

    private static Outline Job() => new("valid_job", shot: "sh010", show: "testing", user: "jdoe");

    [Fact]
    public void A_chain_of_layers_with_equal_ranges_and_chunks_has_no_problem()
    {
        var job = Job();
        Layer? first = null;
        Layer? previous = null;
        for (var i = 0; i < 50; i++)
        {
            var layer = job.AddLayer(new Shell("layer" + i, new[] { "echo", "#IFRAME#" }).SetFrameRange("1-50").SetMinCores(2).SetMinMemory(4096).SetEnv("A", "1"));
            if (previous != null)
            {
                layer.DependOn(previous);
                layer.DependAll(first!);
            }

            first ??= layer;
            previous = layer;
        }

        job.Validate(Uid1000).Problems.Should().BeEmpty();
    }

    [Fact]
    public void Each_layer_of_a_shared_range_is_warned_about_negative_frames_and_invalid_ranges()
    {
        var job = Job();
        job.AddLayer(new Shell("neg_a", "true").SetFrameRange("-5-5"));
        job.AddLayer(new Shell("neg_b", "true").SetFrameRange("-5-5").SetChunk(3));
        job.AddLayer(new Shell("bad_a", "true").SetFrameRange("1-x"));
        job.AddLayer(new Shell("bad_b", "true").SetFrameRange("1-x").SetChunk(2));

        var problems = job.Validate(Uid1000).Problems;
        problems.Where(p => p.Code == ValidationCodes.NegativeFrame).Select(p => p.LayerName).Should().Equal("neg_a", "neg_b");
        problems.Where(p => p.Code == ValidationCodes.Range).Select(p => p.LayerName).Should().Equal("bad_a", "bad_b");
    }

    [Fact]
    public void Same_range_with_other_chunks_is_checked_with_each_layers_own_chunk_starts()
    {
        var job = Job();
        var render = job.AddLayer(new Shell("render", "true").SetFrameRange("1-20").SetChunk(5));
        var comp = job.AddLayer(new Shell("comp", "true").SetFrameRange("1-20").SetChunk(5));
        comp.DependOn(render);
        var other = job.AddLayer(new Shell("other", "true").SetFrameRange("1-20").SetChunk(4));
        other.DependOn(render);
        job.Validate(Uid1000).Problems.Should().BeEmpty();

        // Equal chunk sizes but different ranges: frames that have no match are warned about, once per depend.
        var late = job.AddLayer(new Shell("late", "true").SetFrameRange("3-22").SetChunk(5));
        late.DependOn(render);
        var later = job.AddLayer(new Shell("later", "true").SetFrameRange("3-22").SetChunk(5));
        later.DependOn(render);
        job.Validate(Uid1000).Problems.Where(p => p.Code == ValidationCodes.DependFrames).Select(p => (p.LayerName, p.Message)).Should().Equal(
            ("late", "4 frames (3,8,13,18) of this layer have no matching frame in 'render' and will not wait for it (FrameByFrame matches frame numbers)."),
            ("later", "4 frames (3,8,13,18) of this layer have no matching frame in 'render' and will not wait for it (FrameByFrame matches frame numbers)."));
    }

    [Fact]
    public void Env_and_output_names_are_part_of_the_xml_character_message()
    {
        var job = Job();
        job.SetEnv("JOB_KEY", "a\u0002");
        job.AddLayer(new Shell("render", "true").SetEnv("LAYER_KEY", "b\u0003").AddOutput("beauty", "/out/\u0004.exr"));

        job.Validate(Uid1000).Problems.Where(p => p.Code == ValidationCodes.XmlCharacter).Select(p => p.Message).Should().Equal(
            "Env var JOB_KEY contains character U+0002 at position 1, which an XML 1.0 job spec cannot carry.",
            "Env var LAYER_KEY contains character U+0003 at position 1, which an XML 1.0 job spec cannot carry.",
            "Output beauty contains character U+0004 at position 5, which an XML 1.0 job spec cannot carry.");
    }

    [Fact]
    public void Validation_allocates_little_per_layer()
    {
        var job = Job();
        Layer? previous = null;
        for (var i = 0; i < 2000; i++)
        {
            var layer = job.AddLayer(new Shell("layer" + i, new[] { "echo", "frame", "#IFRAME#" }).SetFrameRange("1-50").SetMinCores(2).SetMinMemory(4096).SetService("shell"));
            if (previous != null)
            {
                layer.DependOn(previous);
            }

            previous = layer;
        }

        job.Validate(Uid1000).IsValid.Should().BeTrue();
        var before = GC.GetAllocatedBytesForCurrentThread();
        job.Validate(Uid1000).IsValid.Should().BeTrue();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // About 150 bytes a layer (was about 7 KB): per-layer tables, nothing per frame or per check.
        allocated.Should().BeLessThan(2000 * 400);
    }
}
