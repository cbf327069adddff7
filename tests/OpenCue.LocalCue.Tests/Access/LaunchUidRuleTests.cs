using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.LocalCue.Access;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.Access;

/// <summary>A non-root caller launches only for its own uid; root launches for anyone.</summary>
public sealed class LaunchUidRuleTests
{
    private static string Spec(LocalCueHarness h, string name, int? uid)
    {
        var outline = h.NewOutline(name);
        outline.AddLayer(new Shell("render", "true").SetFrameRange("1"));
        var spec = outline.ToSpec(new SpecWriterOptions { Uid = uid ?? 1000, Paused = true });
        return uid is null ? spec.Replace("<uid>1000</uid>", string.Empty, StringComparison.Ordinal) : spec;
    }

    [Fact]
    public async Task A_non_root_caller_may_not_launch_for_another_uid_and_nothing_is_created()
    {
        await using var h = await LocalCueHarness.StartAsync();

        var act = () => h.Cue.Launcher.Launch(Spec(h, "other", 1002), callerUid: 1001);

        act.Should().Throw<AccessDeniedException>().WithMessage("uid 1001 may not launch jobs for uid 1002*only root may*");
        (await h.Api.GetJobsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_non_root_caller_launches_for_itself_and_a_spec_without_uid_becomes_its()
    {
        await using var h = await LocalCueHarness.StartAsync();

        var own = h.Cue.Launcher.Launch(Spec(h, "own", 1001), callerUid: 1001).Single();
        var none = h.Cue.Launcher.Launch(Spec(h, "none", null), callerUid: 1001).Single();

        (await h.Api.GetJobAsync(own)).Uid.Should().Be(1001);
        (await h.Api.GetJobAsync(none)).Uid.Should().Be(1001);
    }

    [Fact]
    public async Task Root_launches_for_any_uid()
    {
        await using var h = await LocalCueHarness.StartAsync();

        var other = h.Cue.Launcher.Launch(Spec(h, "other", 1002), callerUid: 0).Single();

        (await h.Api.GetJobAsync(other)).Uid.Should().Be(1002);
    }

    [Fact]
    public async Task A_spec_without_uid_from_root_is_refused_by_a_root_LocalCue_since_its_frames_would_run_as_root()
    {
        Environment.UserName.Should().Be("root", "CI runs as root; this rule is about a LocalCue running as root");
        await using var h = await LocalCueHarness.StartAsync();

        var act = () => h.Cue.Launcher.Launch(Spec(h, "none", null), callerUid: 0);

        act.Should().Throw<OpenCue.LocalCue.Intake.SpecRejectedException>().WithMessage("The job has no uid*cannot*ROOT*".Replace("cannot", "not", StringComparison.Ordinal));
        (await h.Api.GetJobsAsync()).Should().BeEmpty();
    }
}
