using OpenCue.LocalCue.Running;

namespace OpenCue.LocalCue.Tests.Running;

public class FrameTimeoutsTests
{
    [Theory]
    [InlineData(0, 10000, false)]
    [InlineData(1, 119, false)]
    [InlineData(1, 120, true)]
    [InlineData(5, 359, false)]
    [InlineData(5, 360, true)]
    public void Timeout_kills_when_whole_minutes_exceed_the_timeout(int timeoutMinutes, int seconds, bool expected)
    {
        FrameTimeouts.IsTimedOut(TimeSpan.FromSeconds(seconds), timeoutMinutes).Should().Be(expected);
    }

    [Theory]
    [InlineData(0, 10000, false)]
    [InlineData(1, 59, false)]
    [InlineData(1, 60, true)]
    [InlineData(3, 179, false)]
    [InlineData(3, 180, true)]
    public void Llu_timeout_kills_when_whole_minutes_exceed_the_timeout_minus_one(int lluMinutes, int seconds, bool expected)
    {
        FrameTimeouts.IsLluTimedOut(TimeSpan.FromSeconds(seconds), lluMinutes).Should().Be(expected);
    }

    [Fact]
    public void Exact_overrides_replace_the_minute_rules_but_not_the_off_switch()
    {
        FrameTimeouts.IsTimedOut(TimeSpan.FromSeconds(1), 1, TimeSpan.FromSeconds(1)).Should().BeTrue();
        FrameTimeouts.IsTimedOut(TimeSpan.FromSeconds(1), 0, TimeSpan.FromSeconds(1)).Should().BeFalse();
        FrameTimeouts.IsLluTimedOut(TimeSpan.FromMilliseconds(500), 1, TimeSpan.FromSeconds(1)).Should().BeFalse();
        FrameTimeouts.IsLluTimedOut(TimeSpan.FromSeconds(2), 0, TimeSpan.FromSeconds(1)).Should().BeFalse();
    }
}
