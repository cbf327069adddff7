using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Running;

namespace OpenCue.LocalCue.Tests.Running;

/// <summary>RQD's user rules as <see cref="FrameUserPolicy"/> applies them, with any current uid (pure: no process, no passwd file).</summary>
public sealed class FrameUserPolicyTests
{
    private static readonly PasswdEntry Artist = new("artist", 1234, 777, "/home/artist");

    private static PasswdEntry? Lookup(int uid) => uid == Artist.Uid ? Artist : uid == 2000 ? new PasswdEntry("rootgroup", 2000, 0, string.Empty) : null;

    private static FrameUserDecision Decide(int? uid, FrameUserOptions? options = null, int currentUid = 0, int currentGid = 0) =>
        FrameUserPolicy.Decide(uid, "jobuser", options ?? new FrameUserOptions(), currentUid, currentGid, Lookup, Groups);

    // artist is also in root's group 0 and in "video" (44).
    private static IReadOnlyList<int> Groups(string name, int gid) => name == "artist" ? new[] { gid, 0, 44 } : new[] { gid };

    [Fact]
    public void As_root_a_uid_with_a_passwd_entry_runs_as_that_user_with_its_group_groups_home_and_name()
    {
        var identity = Decide(1234).Identity!;

        identity.Switches.Should().BeTrue();
        identity.Uid.Should().Be(1234);
        identity.Gid.Should().Be(777);
        identity.SupplementaryGroups.Should().Equal(777, 44);
        identity.Home.Should().Be("/home/artist");
        identity.HomeIsFrameDirectory.Should().BeFalse();
        identity.UserName.Should().Be("artist");
        identity.Warning.Should().BeNull();
    }

    [Fact]
    public void As_root_a_uid_without_an_entry_gets_gid_20_no_groups_the_job_user_and_the_frame_directory_as_home()
    {
        var identity = Decide(4321).Identity!;

        identity.Switches.Should().BeTrue();
        identity.Uid.Should().Be(4321);
        identity.Gid.Should().Be(20);
        identity.SupplementaryGroups.Should().BeEmpty();
        identity.HomeIsFrameDirectory.Should().BeTrue();
        identity.UserName.Should().Be("jobuser");
    }

    [Fact]
    public void Group_0_never_reaches_setpriv_and_no_groups_clear_them()
    {
        Setpriv.SwitchArguments(1234, 777, new[] { 777, 0, 44 }).Should().Equal("--reuid=1234", "--regid=777", "--groups=777,44", "--");
        Setpriv.SwitchArguments(4321, 20, Array.Empty<int>()).Should().Equal("--reuid=4321", "--regid=20", "--clear-groups", "--");
        Setpriv.SwitchArguments(4321, 20, new[] { 0 }).Should().Equal("--reuid=4321", "--regid=20", "--clear-groups", "--");
    }

    [Fact]
    public void A_passwd_gid_of_0_becomes_the_default_gid()
    {
        Decide(2000).Identity!.Gid.Should().Be(20);
        Decide(2000, new FrameUserOptions { DefaultGid = 100 }).Identity!.Gid.Should().Be(100);
        Decide(4321, new FrameUserOptions { DefaultGid = 100 }).Identity!.Gid.Should().Be(100);
    }

    [Fact]
    public void As_root_frames_switch_even_with_BecomeJobUser_off()
    {
        Decide(1234, new FrameUserOptions { BecomeJobUser = false }).Identity!.Uid.Should().Be(1234);
        FrameUserPolicy.Switches(new FrameUserOptions { BecomeJobUser = false }, 0).Should().BeTrue();
    }

    [Theory]
    [InlineData(65534)]
    [InlineData(500)]
    [InlineData(999)]
    [InlineData(60001)]
    public void As_root_a_uid_outside_the_range_is_refused_naming_the_uid_and_the_range(int uid)
    {
        var decision = Decide(uid);

        decision.Identity.Should().BeNull();
        decision.Refusal.Should().Contain("uid " + uid).And.Contain("1000..60000").And.Contain("ROOT");
        FrameUserPolicy.Refusal(uid, new FrameUserOptions(), 0).Should().Be(decision.Refusal);
    }

    [Fact]
    public void The_range_bounds_are_allowed_and_configurable()
    {
        Decide(1000).Identity!.Uid.Should().Be(1000);
        Decide(60000).Identity!.Uid.Should().Be(60000);
        var options = new FrameUserOptions { MinUid = 500, MaxUid = 600 };
        Decide(500, options).Identity!.Uid.Should().Be(500);
        Decide(1234, options).Refusal.Should().Contain("500..600");
    }

    [Fact]
    public void Uid_0_and_a_missing_uid_are_refused_when_switching()
    {
        Decide(0).Refusal.Should().Contain("uid 0 cannot run as ROOT");
        Decide(-1).Refusal.Should().Contain("cannot run as ROOT");
        Decide(null).Refusal.Should().Contain("no uid").And.Contain("1000..60000");
    }

    [Fact]
    public void Without_root_and_BecomeJobUser_off_the_frame_runs_as_LocalCue_with_a_warning_when_the_uid_differs()
    {
        foreach (bool? become in new bool?[] { null, false })
        {
            var identity = Decide(1234, new FrameUserOptions { BecomeJobUser = become }, currentUid: 1500, currentGid: 1600).Identity!;

            identity.Switches.Should().BeFalse();
            identity.Uid.Should().Be(1500);
            identity.Gid.Should().Be(1600);
            identity.SupplementaryGroups.Should().BeEmpty("not switching, the frame keeps LocalCue's own groups");
            identity.UserName.Should().Be("jobuser");
            identity.Home.Should().BeNull();
            identity.Warning.Should().Contain("uid 1234").And.Contain("uid 1500").And.Contain("BecomeJobUser");
        }
    }

    [Fact]
    public void Without_root_a_matching_or_missing_uid_has_no_warning_and_no_uid_is_refused()
    {
        Decide(1500, currentUid: 1500, currentGid: 1600).Identity!.Warning.Should().BeNull();
        Decide(null, currentUid: 1500, currentGid: 1600).Identity!.Warning.Should().BeNull();
        Decide(65534, currentUid: 1500, currentGid: 1600).Identity!.Uid.Should().Be(1500);
        FrameUserPolicy.Refusal(65534, new FrameUserOptions(), 1500).Should().BeNull();
    }

    [Fact]
    public void Without_root_BecomeJobUser_switches_and_refuses_as_root_does_without_naming_root()
    {
        var options = new FrameUserOptions { BecomeJobUser = true };

        Decide(1234, options, currentUid: 1500, currentGid: 1600).Identity!.Uid.Should().Be(1234);
        Decide(65534, options, currentUid: 1500, currentGid: 1600).Refusal.Should().Contain("uid 65534").And.Contain("1000..60000").And.Contain("1500");
    }

    [Fact]
    public void Invalid_options_are_reported_by_LocalCueOptions()
    {
        var options = new LocalCueOptions { StateDirectory = "/tmp/x", FrameUsers = new FrameUserOptions { MinUid = 0, MaxUid = -5, DefaultGid = 0 } };

        Action act = options.Validate;

        act.Should().Throw<ArgumentException>().WithMessage("*MinUid*ROOT*MaxUid*DefaultGid*");
        new Action(() => new ProcessFrameRunner(new FrameRunnerOptions { Users = new FrameUserOptions { DefaultGid = 0 } }))
            .Should().Throw<ArgumentException>().WithMessage("*DefaultGid*");
    }
}
