using System.Globalization;
using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.Running;

/// <summary>Frames run by LocalCue as root switch to the job's uid: real processes, real users made with useradd.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FrameUserTests : IDisposable
{
    private const string Report = "id -u; id -g; id -G; echo \"HOME=$HOME\"; echo \"USER=$USER\"; echo \"LOGNAME=$LOGNAME\"; echo \"DIR=$(dirname \"$0\")\"";

    private readonly RunnerTestContext _context = new RunnerTestContext();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task A_frame_runs_as_the_jobs_real_user_with_its_group_home_and_name_and_the_header_says_so()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();

        FrameRunResult result = await _context.RunAsync(_context.Request(Report, uid: user.Uid, user: "specname"));

        result.ExitStatus.Should().Be(0, RunnerTestContext.ReadLog(result));
        var lines = RunnerTestContext.OutputLines(result);
        lines[0].Should().Be(Text(user.Uid)).And.NotBe("0");
        lines[1].Should().Be(Text(user.Gid));
        lines[2].Should().Be(Text(user.Gid), "the user's groups from the group database: only its own");
        lines[3].Should().Be("HOME=" + user.Home);
        lines[4].Should().Be("USER=" + user.Name);
        lines[5].Should().Be("LOGNAME=" + user.Name);
        string log = RunnerTestContext.ReadLog(result);
        log.Should().Contain("\nuid                  " + Text(user.Uid) + "\n");
        log.Should().Contain("\ngid                  " + Text(user.Gid) + "\n");
        log.Should().NotContain("WARNING");
    }

    [Fact]
    public async Task A_user_listed_in_roots_group_runs_with_its_other_groups_but_never_group_0()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();
        (await TestUsers.RunAsync("/usr/sbin/usermod", "-a", "-G", "root,video", user.Name)).Code.Should().Be(0);
        (await TestUsers.RunAsync("/usr/bin/id", "-G", user.Name)).Output.Split(' ', StringSplitOptions.TrimEntries).Should().Contain("0", "the user is now listed in group 0");

        FrameRunResult result = await _context.RunAsync(_context.Request("id -G", uid: user.Uid, user: user.Name));

        result.ExitStatus.Should().Be(0, RunnerTestContext.ReadLog(result));
        var groups = RunnerTestContext.OutputLines(result)[0].Split(' ');
        groups.Should().NotContain("0").And.Contain(Text(user.Gid)).And.Contain("44", "video, the user's other group, is kept");
    }

    [Fact]
    public async Task A_uid_without_a_passwd_entry_runs_with_gid_20_no_groups_the_job_user_and_its_private_directory_as_home()
    {
        TestUsers.RequireRoot();
        int uid = TestUsers.FreeUid();

        FrameRunResult result = await _context.RunAsync(_context.Request(Report, uid: uid, user: "specname"));

        result.ExitStatus.Should().Be(0, RunnerTestContext.ReadLog(result));
        var lines = RunnerTestContext.OutputLines(result);
        lines[0].Should().Be(Text(uid));
        lines[1].Should().Be("20");
        lines[2].Should().Be("20");
        lines[4].Should().Be("USER=specname");
        lines[5].Should().Be("LOGNAME=specname");
        lines[3].Should().Be("HOME=" + lines[6].Substring(4));
        RunnerTestContext.ReadLog(result).Should().Contain("\nuid                  " + Text(uid) + "\ngid                  20\n");
    }

    [Theory]
    [InlineData(65534)]
    [InlineData(500)]
    [InlineData(0)]
    [InlineData(null)]
    public async Task A_uid_that_must_not_run_is_a_failed_launch_whose_log_says_why(int? uid)
    {
        TestUsers.RequireRoot();

        IRunningFrame frame = _context.Runner().Start(_context.Request("echo ran", uid: uid));
        FrameRunResult result = await frame.Completion.WaitAsync(RunnerTestContext.Guard);

        frame.ProcessId.Should().Be(0);
        result.FailedToLaunch.Should().BeTrue();
        result.ExitStatus.Should().Be(256);
        string log = RunnerTestContext.ReadLog(result);
        log.Should().Contain(uid is null ? "no uid" : "uid " + Text(uid.Value)).And.Contain("1000..60000");
        log.Should().NotContain("ran\n");
        Directory.GetFileSystemEntries(_context.Runner().FrameDirectoryBase).Should().BeEmpty();
    }

    [Fact]
    public async Task Without_setpriv_a_frame_that_must_switch_fails_to_launch_and_never_runs_as_root()
    {
        TestUsers.RequireRoot();
        _context.Options.SetprivPath = "/nonexistent/setpriv";

        IRunningFrame frame = _context.Runner().Start(_context.Request("echo ran"));
        FrameRunResult result = await frame.Completion.WaitAsync(RunnerTestContext.Guard);

        frame.ProcessId.Should().Be(0);
        result.FailedToLaunch.Should().BeTrue();
        string log = RunnerTestContext.ReadLog(result);
        log.Should().Contain("setpriv (util-linux) was not found at /nonexistent/setpriv");
        log.Should().NotContain("ran\n");
    }

    [Fact]
    public async Task What_a_frame_leaves_in_its_directory_is_removed_without_following_its_links()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();
        string victimDirectory = Directory.CreateDirectory(Path.Combine(_context.TempDirectory, "victim")).FullName;
        string victimFile = Path.Combine(victimDirectory, "precious");
        File.WriteAllText(victimFile, "keep");
        string command = "d=$(dirname \"$0\"); mkdir \"$d/sub\" && echo x > \"$d/sub/f\" && ln -s " + victimDirectory + " \"$d/link\" && ln -s "
            + victimFile + " \"$d/sub/flink\" && ln -s " + victimDirectory + " \"$d/sub/dlink\" && echo \"$d\"";

        FrameRunResult result = await _context.RunAsync(_context.Request(command, uid: user.Uid));

        result.ExitStatus.Should().Be(0, RunnerTestContext.ReadLog(result));
        string directory = RunnerTestContext.OutputLines(result).Single();
        await _context.RemovalsAsync();
        Directory.Exists(directory).Should().BeFalse();
        Directory.GetFileSystemEntries(_context.Runner().FrameDirectoryBase).Should().BeEmpty();
        File.ReadAllText(victimFile).Should().Be("keep");
    }

    [Fact]
    public async Task What_a_frame_leaves_is_removed_off_its_completion_so_the_frame_completes_before_the_removal()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = _context.Runner();
        runner.Directories.BeforeBackgroundRemoval = () => gate.Task;

        FrameRunResult result = await runner.Start(_context.Request("d=$(dirname \"$0\"); mkdir -p \"$d/a/b\" && echo x > \"$d/a/b/f\" && echo \"$d\"", uid: user.Uid))
            .Completion.WaitAsync(RunnerTestContext.Guard);

        // Completed while the removal is held back: the slot is free, the leftovers are still there.
        result.ExitStatus.Should().Be(0, RunnerTestContext.ReadLog(result));
        string directory = RunnerTestContext.OutputLines(result).Single();
        Directory.Exists(Path.Combine(directory, "a", "b")).Should().BeTrue();
        runner.Directories.PendingRemovals().IsCompleted.Should().BeFalse();

        gate.SetResult();
        await runner.Directories.PendingRemovals().WaitAsync(RunnerTestContext.Guard);
        Directory.Exists(directory).Should().BeFalse();
        Directory.GetFileSystemEntries(runner.FrameDirectoryBase).Should().BeEmpty();
    }

    [Fact]
    public async Task Log_directories_are_LocalCues_0755_and_log_files_0640_belong_to_the_frames_user_who_alone_may_read_them()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();
        await using var other = await TestUsers.CreateAsync();
        var request = _context.Request("echo hello", uid: user.Uid, env: new[] { new KeyValuePair<string, string>("SECRET_TOKEN", "s3cr3t") });

        FrameRunResult result = await _context.RunAsync(request);

        result.ExitStatus.Should().Be(0, RunnerTestContext.ReadLog(result));
        Status(_context.LogDirectory).Should().Be((0, 0, 0x1ED), "the log directory is LocalCue's, 0755");
        Status(result.LogPath).Should().Be((user.Uid, user.Gid, 0x1A0), "the log is the frame user's, 0640");
        RunnerTestContext.ReadLog(result).Should().Contain("SECRET_TOKEN=s3cr3t").And.Contain("hello\n");
        (await user.ShellAsync("cat " + result.LogPath)).Output.Should().Contain("SECRET_TOKEN=s3cr3t", "the job's user reads its own log");
        (await other.ShellAsync("cat " + result.LogPath)).Code.Should().NotBe(0, "another user cannot read it");
        (await other.ShellAsync("echo x >> " + result.LogPath)).Code.Should().NotBe(0, "nor write it");
        (await user.ShellAsync("echo x > " + Path.Combine(_context.LogDirectory, "planted"))).Code.Should().NotBe(0, "nor plant files next to it");
    }

    [Fact]
    public void Without_switching_users_a_log_file_is_0640_and_LocalCues()
    {
        using (FrameLog log = FrameLog.Open(_context.LogDirectory, "own.rqlog"))
        {
            log.Write("x\n");
            int uid = NativeMethods.GetEffectiveUserId();
            Status(log.FilePath).Should().Be((uid, NativeMethods.GetEffectiveGroupId(), 0x1A0));
        }
    }

    private static (int Uid, int Gid, int Permissions) Status(string path)
    {
        NativeMethods.LinkStatus(path, out FileStatus status).Should().Be(0, path);
        return (status.Uid, status.Gid, status.Permissions);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
