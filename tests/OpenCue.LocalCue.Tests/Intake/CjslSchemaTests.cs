using OpenCue.LocalCue.Intake;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>The grammar data for the versions without a real DTD in the workspace (1.5 to 1.9), and the schema API.</summary>
public class CjslSchemaTests
{
    [Fact]
    public void Cuebot_bundles_versions_1_5_to_1_15()
    {
        CjslSchema.Versions.Should().Equal("1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12", "1.13", "1.14", "1.15");
        CjslSchema.SystemId(15).Should().Be("http://localhost:8080/spcue/dtd/cjsl-1.15.dtd");
        CjslSchema.TryGetMinor("http://localhost:8080/spcue/dtd/cjsl-1.5.dtd", out var minor).Should().BeTrue();
        minor.Should().Be(5);
        CjslSchema.TryGetMinor("http://localhost:8080/spcue/dtd/cjsl-1.16.dtd", out _).Should().BeFalse();
        CjslSchema.TryGetMinor("HTTP://localhost:8080/spcue/dtd/cjsl-1.15.dtd", out _).Should().BeFalse();
        CjslSchema.TryGetMinor(null, out _).Should().BeFalse();
        FluentActions.Invoking(() => CjslSchema.GenerateDtd(16)).Should().Throw<ArgumentOutOfRangeException>();
        CjslSchema.DependTypes.Should().HaveCount(12);
    }

    [Theory]
    [InlineData("1.5", false)]
    [InlineData("1.8", false)]
    [InlineData("1.9", true)]
    [InlineData("1.15", true)]
    public void Uid_became_optional_in_1_9(string version, bool valid) =>
        Verdict(Spec(Job(Layer()), version: version, header: "<show>testing</show><shot>sh010</shot><user>jdoe</user>")).Should().Be(valid);

    [Theory]
    [InlineData("1.5", "<os>linux</os>", false)]
    [InlineData("1.6", "<os>linux</os>", true)]
    [InlineData("1.7", "<localbook host=\"h\" cores=\"1\" memory=\"1\" threads=\"1\" gpu=\"0\"/>", false)]
    [InlineData("1.8", "<localbook host=\"h\" cores=\"1\" memory=\"1\" threads=\"1\" gpu=\"0\"/>", true)]
    [InlineData("1.10", "<priority>1</priority>", false)]
    [InlineData("1.11", "<priority>1</priority>", true)]
    [InlineData("1.12", "<maxcores>1</maxcores>", false)]
    [InlineData("1.13", "<maxcores>1</maxcores>", true)]
    public void Job_elements_appear_in_their_version(string version, string settings, bool valid) =>
        Verdict(Spec(Job(Layer(), settings: settings), version: version)).Should().Be(valid);

    [Theory]
    [InlineData("1.6", "<gpu>1g</gpu>", "", false)]
    [InlineData("1.7", "<gpu>1g</gpu>", "", true)]
    [InlineData("1.9", "<timeout>1</timeout>", "", false)]
    [InlineData("1.10", "<timeout>1</timeout><timeout_llu>1</timeout_llu>", "", true)]
    [InlineData("1.11", "<gpus>1</gpus>", "", false)]
    [InlineData("1.12", "<gpus>1</gpus><gpu_memory>1g</gpu_memory>", "", true)]
    [InlineData("1.13", "", "<outputs/>", false)]
    [InlineData("1.14", "", "<outputs/>", true)]
    [InlineData("1.5", "<cores>1.0</cores><threadable>1</threadable><memory>1g</memory><tags>general</tags><limits><limit>x</limit></limits>", "", true)]
    public void Layer_elements_appear_in_their_version(string version, string extra, string tail, bool valid) =>
        Verdict(Spec(Job(Layer(extra: extra, tail: tail)), version: version)).Should().Be(valid);

    [Theory]
    [InlineData("1.5", true)]
    [InlineData("1.13", true)]
    [InlineData("1.14", false)]
    [InlineData("1.15", true)]
    public void Onframe_is_declared_in_every_version_but_1_14(string version, bool valid)
    {
        var xml = Spec(Job(Layer("first") + Layer("second")), Depends(Depend("LAYER_ON_SIM_FRAME", depLayer: "second", onFrame: "0001-first")), version);
        Verdict(xml).Should().Be(valid);
        CjslSchema.GenerateDtd(int.Parse(version.Substring(2))).Contains("<!ELEMENT onframe", StringComparison.Ordinal).Should().Be(valid);
    }

    private static bool Verdict(string xml)
    {
        try
        {
            Parse(xml);
            return true;
        }
        catch (SpecRejectedException e) when (e.Message.StartsWith("Failed to parse job spec XML, ", StringComparison.Ordinal))
        {
            return false;
        }
    }
}
