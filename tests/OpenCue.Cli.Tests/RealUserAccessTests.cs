using System.Globalization;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.Cli.Tests.Support;
using OpenCue.Client;
using OpenCue.LocalCue;

namespace OpenCue.Cli.Tests;

/// <summary>
/// Who may do what on a LocalCue run by root, checked with a real second user (useradd) running the real cuerun
/// (setpriv) over loopback TCP and the Unix socket.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RealUserAccessTests : IClassFixture<RealUserFixture>
{
    private readonly RealUserFixture _user;

    public RealUserAccessTests(RealUserFixture user) => _user = user;

    private static string Uid(int uid) => uid.ToString(CultureInfo.InvariantCulture);

    private async Task<LocalCuebot> StartAsync(string name, Action<LocalCueOptions>? configure = null)
    {
        var options = new LocalCueOptions
        {
            StateDirectory = Path.Combine(_user.Root, name),
            Cores = 2,
            MemoryMb = 4096,
            UnixSocketPath = Path.Combine(_user.Root, name + ".sock"),
        };
        configure?.Invoke(options);
        return await LocalCuebot.StartAsync(options);
    }

    private static CueApi Api(LocalCuebot cue)
    {
        var options = new CueClientOptions { CallDeadline = TimeSpan.FromSeconds(30) };
        options.Hosts.Add(cue.Address);
        return new CueApi(options);
    }

    /// <summary>A paused one-frame job spec; <paramref name="uid"/> null writes no &lt;uid&gt;.</summary>
    private string Spec(string name, int? uid)
    {
        var outline = new Outline(name, shot: "sh010", show: "testing", user: _user.Name!);
        outline.AddLayer(new OpenCue.Authoring.Shell("render", "true").SetFrameRange("1"));
        var spec = outline.ToSpec(new SpecWriterOptions { Uid = uid ?? 4242, Paused = true });
        return _user.Write(name + ".xml", uid is null ? spec.Replace("<uid>4242</uid>", string.Empty, StringComparison.Ordinal) : spec);
    }

    private string JobName(string name) => "testing-sh010-" + _user.Name + "_" + name;

    [Fact]
    public async Task By_default_another_user_may_query_but_not_control_or_launch_nor_reach_the_socket()
    {
        await using var cue = await StartAsync("default");
        using var api = Api(cue);
        var job = (await api.LaunchSpecAndWaitAsync(File.ReadAllText(Spec("rootjob", 1000)))).Single();
        var server = new[] { "--server", cue.Address };

        var jobs = _user.Cuerun(new[] { "jobs" }.Concat(server).ToArray());
        jobs.ExitCode.Should().Be(ExitCodes.Ok, jobs.Stderr);
        jobs.Stdout.Should().Contain(job.Name);

        var kill = _user.Cuerun(new[] { "kill", job.Name, "--reason", "not mine" }.Concat(server).ToArray());
        kill.ShouldFailWithCueError(
            "uid " + Uid(_user.Uid) + " may not launch or control jobs on this LocalCue (/job.JobInterface/Kill): only uid 0 (root, its own user) may; " +
            "start it with --allow-user NAME");
        kill.Stderr.Should().Contain("PermissionDenied");
        (await api.GetJobAsync(job.Id)).State.Should().Be(JobState.Pending, "the kill was refused");

        _user.Cuerun(new[] { "launch", Spec("mine", _user.Uid) }.Concat(server).ToArray())
            .ShouldFailWithCueError("uid " + Uid(_user.Uid) + " may not launch or control jobs on this LocalCue (/job.JobInterface/LaunchSpecAndWait)");
        (await api.GetJobsAsync()).Select(j => j.Name).Should().Equal(job.Name);

        File.GetUnixFileMode(cue.Options.UnixSocketPath!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _user.Cuerun("jobs", "--server", cue.UnixSocketAddress!).ShouldFailWithCueError("Permission denied");
        var own = new CueClientOptions { CallDeadline = TimeSpan.FromSeconds(30) };
        own.Hosts.Add(cue.UnixSocketAddress!);
        using var overSocket = new CueApi(own);
        (await overSocket.GetJobsAsync()).Select(j => j.Name).Should().Equal(job.Name);
    }

    [Fact]
    public async Task An_allowed_user_launches_and_controls_its_own_jobs_but_not_as_another_uid()
    {
        await using var cue = await StartAsync("allowed", o => o.AllowedUsers.Add(_user.Name!));
        using var api = Api(cue);
        var server = new[] { "--server", cue.Address };

        var launch = _user.Cuerun(new[] { "launch", Spec("own", _user.Uid) }.Concat(server).ToArray());
        launch.ExitCode.Should().Be(ExitCodes.Ok, launch.Stderr);
        var job = await api.FindJobAsync(JobName("own"));
        job.Uid.Should().Be(_user.Uid);

        var other = _user.Uid + 1;
        _user.Cuerun(new[] { "launch", Spec("other", other) }.Concat(server).ToArray())
            .ShouldFailWithCueError("uid " + Uid(_user.Uid) + " may not launch jobs for uid " + Uid(other) + " (the spec's <uid>): only root may launch for another uid");
        (await api.GetJobsAsync()).Select(j => j.Name).Should().Equal(job.Name);

        var kill = _user.Cuerun(new[] { "kill", job.Name, "--reason", "done" }.Concat(server).ToArray());
        kill.ExitCode.Should().Be(ExitCodes.Ok, kill.Stderr);
        (await api.GetJobAsync(job.Id)).State.Should().Be(JobState.Finished);
    }

    [Fact]
    public async Task With_any_local_user_a_spec_without_uid_runs_as_the_caller_and_roots_job_for_another_uid_stays_out_of_reach()
    {
        await using var cue = await StartAsync("any", o => o.AllowAnyLocalUser = true);
        using var api = Api(cue);
        var rootJob = (await api.LaunchSpecAndWaitAsync(File.ReadAllText(Spec("rootjob", 1000)))).Single();
        var server = new[] { "--server", cue.Address };

        _user.Cuerun(new[] { "resume", rootJob.Name }.Concat(server).ToArray()).ShouldFailWithCueError(
            "uid " + Uid(_user.Uid) + " may not control job " + rootJob.Name + " (/job.JobInterface/Resume on job " + rootJob.Id + "): the job's launch uid is uid 1000; " +
            "a user other than root and LocalCue's own user may control only jobs launched with its own uid.");
        (await api.GetJobAsync(rootJob.Id)).IsPaused.Should().BeTrue("the resume was refused");

        var launch = _user.Cuerun(new[] { "launch", Spec("nouid", null) }.Concat(server).ToArray());
        launch.ExitCode.Should().Be(ExitCodes.Ok, launch.Stderr);
        var own = await api.FindJobAsync(JobName("nouid"));
        own.Uid.Should().Be(_user.Uid);
        var resume = _user.Cuerun(new[] { "resume", own.Name }.Concat(server).ToArray());
        resume.ExitCode.Should().Be(ExitCodes.Ok, resume.Stderr);
        (await api.GetJobAsync(own.Id)).IsPaused.Should().BeFalse();
    }

    [Fact]
    public async Task An_allowed_user_may_not_kill_pause_retry_eat_or_satisfy_a_job_root_launched_for_another_uid()
    {
        await using var cue = await StartAsync("owner", o => o.AllowedUsers.Add(_user.Name!));
        using var api = Api(cue);
        var outline = new Outline("rootdeps", shot: "sh010", show: "testing", user: _user.Name!);
        var first = outline.AddLayer(new OpenCue.Authoring.Shell("first", "true").SetFrameRange("1"));
        outline.AddLayer(new OpenCue.Authoring.Shell("second", "true").SetFrameRange("1")).DependOn(first);
        var rootJob = (await api.LaunchSpecAndWaitAsync(outline.ToSpec(new SpecWriterOptions { Uid = 1000, Paused = true }))).Single();
        var server = new[] { "--server", cue.Address };
        var refusal = new[]
        {
            "uid " + Uid(_user.Uid) + " may not control job " + rootJob.Name + " (",
            "): the job's launch uid is uid 1000; a user other than root and LocalCue's own user may control only jobs launched with its own uid.",
            "PermissionDenied",
        };

        foreach (var verb in new[] { new[] { "kill", rootJob.Name, "--reason", "not mine" }, new[] { "pause", rootJob.Name }, new[] { "resume", rootJob.Name },
                     new[] { "retry", rootJob.Name, "--all" }, new[] { "eat", rootJob.Name, "--all" }, new[] { "eat", rootJob.Name, "--layer", "first" },
                     new[] { "satisfy", rootJob.Name } })
        {
            _user.Cuerun(verb.Concat(server).ToArray()).ShouldFailWithCueError(refusal);
        }

        var job = await api.GetJobAsync(rootJob.Id);
        job.State.Should().Be(JobState.Pending, "the kill was refused");
        job.IsPaused.Should().BeTrue("the resume was refused");
        job.Stats.EatenFrames.Should().Be(0, "the eats were refused");
        (await job.GetDependsAsync()).Should().NotBeEmpty().And.OnlyContain(d => d.IsActive, "the satisfy was refused");

        await job.KillAsync("root may");
        (await api.GetJobAsync(rootJob.Id)).State.Should().Be(JobState.Finished, "root controls every job");
    }
}
