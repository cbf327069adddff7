using OpenCue.Authoring;

namespace OpenCue.Authoring.Tests.FrameSets;

public class FrameSetParseTests
{
    [Theory]
    [InlineData("1", new[] { 1 })]
    [InlineData("-5", new[] { -5 })]
    [InlineData("0", new[] { 0 })]
    [InlineData("-0", new[] { 0 })]
    [InlineData("007", new[] { 7 })]
    [InlineData("1-7", new[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData("5-5", new[] { 5 })]
    [InlineData("6-2", new[] { 6, 5, 4, 3, 2 })]
    [InlineData("-5-3", new[] { -5, -4, -3, -2, -1, 0, 1, 2, 3 })]
    [InlineData("-20--13", new[] { -20, -19, -18, -17, -16, -15, -14, -13 })]
    [InlineData("-2--6", new[] { -2, -3, -4, -5, -6 })]
    [InlineData("3--2", new[] { 3, 2, 1, 0, -1, -2 })]
    [InlineData("1-8x2", new[] { 1, 3, 5, 7 })]
    [InlineData("8-1x-2", new[] { 8, 6, 4, 2 })]
    [InlineData("76-70x-3", new[] { 76, 73, 70 })]
    [InlineData("-10--1x3", new[] { -10, -7, -4, -1 })]
    [InlineData("1-3x5", new[] { 1 })]
    [InlineData("5-5x3", new[] { 5 })]
    [InlineData("1-5x1", new[] { 1, 2, 3, 4, 5 })]
    [InlineData("5-1x-1", new[] { 5, 4, 3, 2, 1 })]
    [InlineData("10-1x1", new int[0])]
    [InlineData("1-10y3", new[] { 2, 3, 5, 6, 8, 9 })]
    [InlineData("8-1y-2", new[] { 7, 5, 3, 1 })]
    [InlineData("1-8y2", new[] { 2, 4, 6, 8 })]
    [InlineData("5-12y3", new[] { 6, 7, 9, 10, 12 })]
    [InlineData("1-10y1", new int[0])]
    [InlineData("10-1y1", new int[0])]
    [InlineData("10-1y-1", new int[0])]
    [InlineData("5-5y2", new int[0])]
    [InlineData("1-10:5", new[] { 1, 6, 3, 5, 7, 9, 2, 4, 8, 10 })]
    [InlineData("10-1:-5", new[] { 10, 5, 8, 6, 4, 2, 9, 7, 3, 1 })]
    [InlineData("1-7:5", new[] { 1, 6, 3, 5, 7, 2, 4 })]
    [InlineData("1-5:1", new[] { 1, 2, 3, 4, 5 })]
    [InlineData("5-1:1", new int[0])]
    [InlineData("5-1:-1", new[] { 5, 4, 3, 2, 1 })]
    [InlineData("3-3:4", new[] { 3 })]
    [InlineData("1-3,2-4", new[] { 1, 2, 3, 2, 3, 4 })]
    [InlineData("5,5,5", new[] { 5, 5, 5 })]
    [InlineData("10-1x1,3", new[] { 3 })]
    [InlineData("57,1-3,4-2,12-15x2,76-70x-3,5-12y3,1-7:5", new[] { 57, 1, 2, 3, 4, 3, 2, 12, 14, 76, 73, 70, 6, 7, 9, 10, 12, 1, 6, 3, 5, 7, 2, 4 })]
    public void Parses_every_form_in_Cuebot_order(string text, int[] expected)
    {
        FrameSet.Parse(text).Should().Equal(expected);
        FrameSet.TryParse(text, out FrameSet? parsed, out string? error).Should().BeTrue();
        error.Should().BeNull();
        parsed!.ToArray().Should().Equal(expected);
    }

    [Fact]
    public void Empty_results_are_the_empty_set()
    {
        FrameSet set = FrameSet.Parse("10-1x1");
        set.IsEmpty.Should().BeTrue();
        set.Count.Should().Be(0);
        set.Should().BeSameAs(FrameSet.Empty);
        set.ToCompactString().Should().BeEmpty();
    }

    [Theory]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Accepts_the_32_bit_extremes(string text, int frame)
    {
        FrameSet.Parse(text).Should().Equal(frame);
    }

    [Fact]
    public void Steps_across_the_whole_int_range_do_not_overflow()
    {
        FrameSet.Parse("-2147483648-2147483647x2147483647").Should().Equal(int.MinValue, -1, int.MaxValue - 1);
        FrameSet.Parse("2147483647-2147483640x-3").Should().Equal(2147483647, 2147483644, 2147483641);
        FrameSet.Parse("2147483645-2147483647").Should().Equal(2147483645, 2147483646, 2147483647);
        FrameSet.Parse("-2147483646--2147483648").Should().Equal(-2147483646, -2147483647, -2147483648);
    }

    [Theory]
    [InlineData("1-10x0", "step cannot be zero in '1-10x0'")]
    [InlineData("1-10y0", "step cannot be zero in '1-10y0'")]
    [InlineData("1-10:0", "step cannot be zero in '1-10:0'")]
    [InlineData("1,1-10x0", "step cannot be zero in section '1-10x0' of '1,1-10x0'")]
    [InlineData("1-5q,7", "unrecognized frame range syntax '1-5q' in '1-5q,7'")]
    [InlineData("10-1x2", "end frame 1 is less than start frame 10 with positive step 2 in '10-1x2'")]
    [InlineData("1-8x-2", "end frame 8 is not less than start frame 1 with negative step -2 in '1-8x-2'")]
    [InlineData("", "frame range is empty")]
    public void Error_messages_name_the_bad_section(string text, string message)
    {
        Action parse = () => FrameSet.Parse(text);
        parse.Should().Throw<FormatException>().Which.Message.Should().Be(message);
        FrameSet.TryParse(text, out FrameSet? set, out string? error).Should().BeFalse();
        set.Should().BeNull();
        error.Should().Be(message);
    }

    [Theory]
    [InlineData("10-1x2", "'10-1x2'")]
    [InlineData("10-1y3", "'10-1y3'")]
    [InlineData("10-1:2", "'10-1:2'")]
    [InlineData("1-10x-1", "'1-10x-1'")]
    [InlineData("1-10y-3", "'1-10y-3'")]
    [InlineData("1-10:-2", "'1-10:-2'")]
    [InlineData("5-5x-2", "'5-5x-2'")]
    [InlineData("5-5:-1", "'5-5:-1'")]
    [InlineData("1-10, 20", "' 20'")]
    [InlineData(" 1-10", "' 1-10'")]
    [InlineData("1-10 ", "'1-10 '")]
    [InlineData("1 - 10", "'1 - 10'")]
    [InlineData("1-10\t", "'1-10\\t'")]
    [InlineData("5\n", "'5\\n'")]
    [InlineData("\n5", "'\\n5'")]
    [InlineData("1-5,", "section 2")]
    [InlineData("1-5,,7", "section 2")]
    [InlineData(",1", "section 1")]
    [InlineData(",", "section 1")]
    [InlineData("a", "'a'")]
    [InlineData("a-b", "'a-b'")]
    [InlineData("1-5xc", "'1-5xc'")]
    [InlineData("1-5:c", "'1-5:c'")]
    [InlineData("1-10-20", "'1-10-20'")]
    [InlineData("1x10-20", "'1x10-20'")]
    [InlineData("1:10-20", "'1:10-20'")]
    [InlineData("1-10z2", "'1-10z2'")]
    [InlineData("1-10X2", "'1-10X2'")]
    [InlineData("1-10x2x3", "'1-10x2x3'")]
    [InlineData("1-", "'1-'")]
    [InlineData("-", "'-'")]
    [InlineData("--5", "'--5'")]
    [InlineData("1-2x", "'1-2x'")]
    [InlineData("1-2x+2", "'1-2x+2'")]
    [InlineData("+5", "'+5'")]
    [InlineData("1-+5", "'1-+5'")]
    [InlineData("1.5", "'1.5'")]
    [InlineData("1;2", "'1;2'")]
    [InlineData("\u0661", "'\u0661'")]
    [InlineData("1-99999999999", "'99999999999'")]
    [InlineData("2147483648", "'2147483648'")]
    [InlineData("-2147483649", "'-2147483649'")]
    [InlineData("1-10x4294967297", "'4294967297'")]
    [InlineData("1-10,99999999999999999999999999", "'99999999999999999999999999'")]
    public void Rejects_invalid_ranges_naming_the_section(string text, string named)
    {
        Action parse = () => FrameSet.Parse(text);
        parse.Should().Throw<FormatException>().Which.Message.Should().Contain(named);
        FrameSet.TryParse(text, out FrameSet? set, out string? error).Should().BeFalse();
        set.Should().BeNull();
        error.Should().Contain(named);
    }

    [Fact]
    public void Whitespace_errors_say_so()
    {
        Action parse = () => FrameSet.Parse("1-10, 20");
        parse.Should().Throw<FormatException>()
            .WithMessage("unrecognized frame range syntax ' 20' in '1-10, 20' (whitespace is not allowed)");
    }

    [Fact]
    public void Overflow_is_a_format_error_naming_the_number()
    {
        Action parse = () => FrameSet.Parse("1-99999999999");
        parse.Should().Throw<FormatException>()
            .WithMessage("frame number '99999999999' is outside the 32-bit integer range in '1-99999999999'");
    }

    [Fact]
    public void Syntax_is_checked_before_number_range_and_step()
    {
        // Cuebot matches the shape first, then converts the numbers, then checks the step.
        Action parse = () => FrameSet.Parse("99999999999-1x0");
        parse.Should().Throw<FormatException>().WithMessage("frame number*");
        parse = () => FrameSet.Parse("99999999999-1x0q");
        parse.Should().Throw<FormatException>().WithMessage("unrecognized*");
    }

    [Fact]
    public void Null_is_rejected()
    {
        Action parse = () => FrameSet.Parse(null!);
        parse.Should().Throw<ArgumentNullException>().WithParameterName("text");
        FrameSet.TryParse(null, out FrameSet? set, out string? error).Should().BeFalse();
        set.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Long_input_is_shortened_in_messages()
    {
        string text = string.Join(",", Enumerable.Range(1, 500)) + ",x";
        FrameSet.TryParse(text, out _, out string? error).Should().BeFalse();
        error.Should().StartWith("unrecognized frame range syntax 'x' in '1,2,3,").And.Contain("...'");
        error!.Length.Should().BeLessThan(300);
    }

    [Fact]
    public void Expansion_beyond_the_limit_is_rejected()
    {
        Action parse = () => FrameSet.Parse("1-2000000000");
        parse.Should().Throw<FormatException>().WithMessage("*expands to more than*");
        parse = () => FrameSet.Parse("1-6000000,1-6000000");
        parse.Should().Throw<FormatException>().WithMessage("*expands to more than*");
        parse = () => FrameSet.Parse("-2147483648-2147483647:2");
        parse.Should().Throw<FormatException>().WithMessage("*expands to more than*");
        FrameSet.Parse("1-" + FrameSet.MaxParsedCount.ToString()).Count.Should().Be(FrameSet.MaxParsedCount);
    }

    [Fact]
    public void Huge_spans_with_large_steps_or_empty_results_are_cheap()
    {
        FrameSet.Parse("-2147483648-2147483647y1").Should().BeEmpty();
        FrameSet.Parse("2147483647--2147483648x1").Should().BeEmpty();
        FrameSet.Parse("2147483647--2147483648:1").Should().BeEmpty();
        FrameSet.Parse("0-2000000000x1000000000").Should().Equal(0, 1000000000, 2000000000);
    }

    [Fact]
    public void Expands_100000_frames()
    {
        FrameSet set = FrameSet.Parse("1-100000");
        set.Count.Should().Be(100000);
        set[0].Should().Be(1);
        set[99999].Should().Be(100000);
        set.IndexOf(54321).Should().Be(54320);
        set.ToCompactString().Should().Be("1-100000");

        FrameSet descending = FrameSet.Parse("100000-1");
        descending.Count.Should().Be(100000);
        descending[0].Should().Be(100000);
        descending[99999].Should().Be(1);

        FrameSet interleaved = FrameSet.Parse("1-100000:64");
        interleaved.Count.Should().Be(100000);
        interleaved[0].Should().Be(1);
        interleaved[1].Should().Be(65);
        interleaved[99999].Should().Be(100000);
        interleaved.Distinct().Should().BeSameAs(interleaved);
        interleaved.Normalize().Should().Equal(Enumerable.Range(1, 100000));

        FrameSet inverse = FrameSet.Parse("1-150000y3");
        inverse.Count.Should().Be(100000);
        inverse[0].Should().Be(2);
        inverse[99998].Should().Be(149999);
        inverse[99999].Should().Be(150000);
    }
}
