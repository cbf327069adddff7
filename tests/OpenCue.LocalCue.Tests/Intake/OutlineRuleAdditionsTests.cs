using OpenCue.Authoring;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>The Cuebot rules the intake added to OpenCue.Authoring (CueNames, CueUnits).</summary>
public class OutlineRuleAdditionsTests
{
    [Theory]
    [InlineData("0001-render", "0001-render")]
    [InlineData("000012-Render-A", null)]
    [InlineData("000012-Render_A", "0012-render_a")]
    [InlineData("123456-comp", "123456-comp")]
    [InlineData("1234567-comp", null)]
    [InlineData("001-comp", null)]
    [InlineData("0001-ab", null)]
    [InlineData("-001-comp", null)]
    [InlineData(null, null)]
    public void Frame_names_are_conformed_as_cuebot_does(string? name, string? expected)
    {
        var ok = CueNames.TryConformFrameName(name, out var conformed, out var error);
        ok.Should().Be(expected != null);
        if (ok)
        {
            conformed.Should().Be(expected);
            error.Should().BeEmpty();
        }
        else
        {
            error.Should().StartWith("The frame name: ");
        }
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("Yes", true)]
    [InlineData("1", true)]
    [InlineData("on", true)]
    [InlineData("False", false)]
    [InlineData(" true", false)]
    [InlineData("2", false)]
    [InlineData(null, false)]
    public void String_to_bool_is_cuebots(string? text, bool expected) => CueUnits.StringToBool(text).Should().Be(expected);

    [Theory]
    [InlineData(4, 400)]
    [InlineData(0, 0)]
    [InlineData(-1, -1)]
    [InlineData(-5, -400)]
    [InlineData(200, 20000)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Whole_cores_become_core_points_as_cuebot_stores_max_cores(int cores, int points) =>
        CueUnits.WholeCoresToCorePoints(cores).Should().Be(points);
}
