using System.Globalization;
using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.Running;

/// <summary>
/// The command file of a running frame cannot be touched by another user (the attack on RQD's 0777
/// <c>rqd-cmd-*</c> files), and each instance cleans its own base directory, and only that.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FrameDirectoryTests : IDisposable
{
    private readonly RunnerTestContext _context = new RunnerTestContext();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Another_user_cannot_read_append_to_or_list_a_running_frames_command_file_and_an_injected_line_never_runs()
    {
        TestUsers.RequireRoot();
        await using var owner = await TestUsers.CreateAsync();
        await using var attacker = await TestUsers.CreateAsync();
        string go = Path.Combine(_context.TempDirectory, "go");
        string pwned = Path.Combine(Path.GetTempPath(), "pwned-" + Guid.NewGuid().ToString("N"));
        var runner = _context.Runner();
        IRunningFrame frame = runner.Start(_context.Request("while [ ! -e " + go + " ]; do sleep 0.05; done\necho finished\n", uid: owner.Uid));
        try
        {
            frame.ProcessId.Should().BeGreaterThan(0);
            string directory = Directory.GetDirectories(runner.FrameDirectoryBase).Single();
            string commandFile = Directory.GetFiles(directory).Single();

            Status(runner.FrameDirectoryBase).Should().Be((0, 0x1C9), "the base is LocalCue's, 0711");
            Status(directory).Should().Be((owner.Uid, 0x1C0), "the frame directory is the frame user's, 0700");
            Status(commandFile).Should().Be((owner.Uid, 0x100), "the command file is the frame user's, 0400");

            foreach (var run in new Func<string, Task<(int Code, string Output)>>[] { attacker.ShellAsync, NobodyAsync })
            {
                (await run("echo \"touch " + pwned + "\" >> " + commandFile)).Code.Should().NotBe(0, "appending must fail");
                (await run("cat " + commandFile)).Code.Should().NotBe(0, "reading must fail");
                (await run("ls " + directory)).Code.Should().NotBe(0, "listing must fail");
                (await run("ls " + runner.FrameDirectoryBase)).Code.Should().NotBe(0, "listing the base must fail");
                (await run("echo x > " + runner.FrameDirectoryBase + "/planted")).Code.Should().NotBe(0, "writing into the base must fail");
            }

            File.WriteAllText(go, string.Empty);
            FrameRunResult result = await frame.Completion.WaitAsync(RunnerTestContext.Guard);

            result.ExitStatus.Should().Be(0);
            RunnerTestContext.OutputLines(result).Should().Equal("finished");
            File.Exists(pwned).Should().BeFalse("the injected line never ran");
            File.Exists(commandFile).Should().BeFalse();
            Directory.Exists(directory).Should().BeFalse();
            Directory.GetFileSystemEntries(runner.FrameDirectoryBase).Should().BeEmpty();
        }
        finally
        {
            frame.Kill("test over");
            File.Delete(pwned);
        }
    }

    [Fact]
    public async Task Leftovers_in_the_instance_base_are_removed_at_start_without_following_links_and_other_instances_are_untouched()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();
        _context.Options.InstanceKey = StateDirectory("state");
        string basePath = _context.Runner().FrameDirectoryBase;
        string victimDirectory = Directory.CreateDirectory(Path.Combine(_context.Root, "victim")).FullName;
        string victimFile = Path.Combine(victimDirectory, "precious");
        File.WriteAllText(victimFile, "keep");

        // What a killed run leaves: a frame user's directory with its command file, files, a subdirectory and links out.
        string crashed = Directory.CreateDirectory(Path.Combine(basePath, "frame-1")).FullName;
        File.WriteAllText(Path.Combine(crashed, "rqd-cmd-frame-1"), "echo");
        Directory.CreateDirectory(Path.Combine(crashed, "sub"));
        File.CreateSymbolicLink(Path.Combine(crashed, "sub", "flink"), victimFile);
        Directory.CreateSymbolicLink(Path.Combine(crashed, "dlink"), victimDirectory);
        (await TestUsers.RunAsync("/bin/chown", "-R", "-h", user.Uid.ToString(CultureInfo.InvariantCulture), crashed)).Code.Should().Be(0);
        File.SetUnixFileMode(crashed, (UnixFileMode)0x1C0);
        Directory.CreateDirectory(Path.Combine(basePath, "own-dir", "nested"));
        File.WriteAllText(Path.Combine(basePath, "stray-file"), "x");
        File.CreateSymbolicLink(Path.Combine(basePath, "stray-link"), victimDirectory);

        // Another instance (another state directory) in the same temp directory.
        var other = new FrameRunnerOptions { TempDirectory = _context.TempDirectory, InstanceKey = StateDirectory("other-state") };
        string otherBase = new ProcessFrameRunner(other).FrameDirectoryBase;
        File.WriteAllText(Path.Combine(otherBase, "theirs"), "x");

        var restarted = new ProcessFrameRunner(_context.Options);

        restarted.FrameDirectoryBase.Should().Be(basePath);
        Directory.GetFileSystemEntries(basePath).Should().BeEmpty();
        File.ReadAllText(victimFile).Should().Be("keep");
        File.Exists(Path.Combine(otherBase, "theirs")).Should().BeTrue();
        otherBase.Should().NotBe(basePath);
        Directory.Delete(otherBase, recursive: true);
    }

    [Fact]
    public void A_restarted_runner_reuses_the_recorded_base_also_when_the_temp_directory_ends_with_a_slash_as_Path_GetTempPath_does()
    {
        TestUsers.RequireRoot();
        _context.Options.TempDirectory = _context.TempDirectory + "/";
        var first = _context.Runner();
        string basePath = first.FrameDirectoryBase;
        Path.GetDirectoryName(basePath).Should().Be(_context.TempDirectory);
        Path.GetFileName(basePath).Should().MatchRegex("^localcue-0-[A-Za-z0-9]{6}$");
        Directory.CreateDirectory(Path.Combine(basePath, "leftover"));

        _context.Runner().FrameDirectoryBase.Should().Be(basePath);
        Directory.GetFileSystemEntries(basePath).Should().BeEmpty("the leftover of the earlier run is removed");
    }

    [Theory]
    [InlineData("symlink", "is a symbolic link")]
    [InlineData("other-owner", "is owned by uid")]
    [InlineData("writable", "is writable by group or others (mode 777)")]
    public async Task An_unsafe_base_directory_is_replaced_by_a_new_one_and_frames_still_start(string kind, string why)
    {
        TestUsers.RequireRoot();
        _context.Options.InstanceKey = StateDirectory("state");
        var logs = new ListLoggerFactory();
        _context.Options.LoggerFactory = logs;
        var runner = _context.Runner();
        string basePath = runner.FrameDirectoryBase;
        string target = Directory.CreateDirectory(Path.Combine(_context.Root, "elsewhere")).FullName;
        switch (kind)
        {
            case "symlink":
                Directory.Delete(basePath);
                Directory.CreateSymbolicLink(basePath, target);
                break;
            case "other-owner":
                TestUsers.GiveTo(basePath, 65534);
                break;
            default:
                File.SetUnixFileMode(basePath, (UnixFileMode)0x1FF);
                break;
        }

        FrameRunResult result = await runner.Start(_context.Request("echo ran")).Completion.WaitAsync(RunnerTestContext.Guard);

        result.FailedToLaunch.Should().BeFalse(RunnerTestContext.ReadLog(result));
        RunnerTestContext.OutputLines(result).Should().Equal("ran");
        runner.FrameDirectoryBase.Should().NotBe(basePath);
        Status(runner.FrameDirectoryBase).Should().Be((0, 0x1C9));
        Recorded(_context.Options.InstanceKey).Should().Be(runner.FrameDirectoryBase);
        logs.Messages.Should().Contain(m => m.Contains("the frame directory base " + basePath + " cannot be used: it " + why, StringComparison.Ordinal));
        Directory.GetFileSystemEntries(target).Should().BeEmpty("nothing is written through the link");
    }

    [Fact]
    public async Task An_attacker_taking_the_old_predictable_name_or_the_recorded_name_after_a_stop_cannot_stop_frames_from_starting()
    {
        TestUsers.RequireRoot();
        await using var attacker = await TestUsers.CreateAsync();

        // A temp directory like /tmp: anyone may create entries, nobody may remove others'.
        File.SetUnixFileMode(_context.TempDirectory, (UnixFileMode)0x3FF);
        string state = StateDirectory("state");
        _context.Options.InstanceKey = state;

        // The name earlier versions derived from the state directory, taken before LocalCue starts.
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(state)), 0, 6);
        string predictable = Path.Combine(_context.TempDirectory, "localcue-0-" + hash);
        (await attacker.ShellAsync("mkdir -m 777 " + predictable)).Code.Should().Be(0);

        var first = _context.Runner();
        (await RunEchoAsync(first)).Should().Equal("ran");
        first.FrameDirectoryBase.Should().NotBe(predictable);
        string recorded = Recorded(state)!;
        recorded.Should().Be(first.FrameDirectoryBase);
        NativeMethods.LinkStatus(Path.Combine(state, FrameDirectories.RecordFileName), out FileStatus record).Should().Be(0);
        (record.Uid, record.Permissions).Should().Be((0, 0x180), "the record is LocalCue's, 0600");

        // A clean stop removes the base; the attacker (who can list the temp directory) takes its name.
        first.Dispose();
        Directory.Exists(recorded).Should().BeFalse();
        (await attacker.ShellAsync("mkdir -m 777 " + recorded)).Code.Should().Be(0);

        var second = _context.Runner();
        (await RunEchoAsync(second)).Should().Equal("ran");
        second.FrameDirectoryBase.Should().NotBe(recorded).And.NotBe(predictable);
        Recorded(state).Should().Be(second.FrameDirectoryBase);
        Directory.GetFileSystemEntries(recorded).Should().BeEmpty("nothing of LocalCue's goes into the attacker's directory");
        second.Dispose();
    }

    private async Task<IReadOnlyList<string>> RunEchoAsync(ProcessFrameRunner runner)
    {
        FrameRunResult result = await runner.Start(_context.Request("echo ran")).Completion.WaitAsync(RunnerTestContext.Guard);
        result.FailedToLaunch.Should().BeFalse(RunnerTestContext.ReadLog(result));
        return RunnerTestContext.OutputLines(result);
    }

    /// <summary>A state directory as LocalCue keeps it: root's, 0700, outside anything a frame user owns.</summary>
    private string StateDirectory(string name)
    {
        string path = Path.Combine(_context.TempDirectory, "state-" + Guid.NewGuid().ToString("N")[..8] + "-" + name);
        Directory.CreateDirectory(path, (UnixFileMode)0x1C0);
        return path;
    }

    private static string? Recorded(string? state)
    {
        string record = Path.Combine(state!, FrameDirectories.RecordFileName);
        return File.Exists(record) ? File.ReadAllText(record).Trim() : null;
    }

    private static (int Uid, int Permissions) Status(string path)
    {
        NativeMethods.LinkStatus(path, out FileStatus status).Should().Be(0);
        return (status.Uid, status.Permissions);
    }

    private static Task<(int Code, string Output)> NobodyAsync(string command) =>
        TestUsers.RunAsync("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/sh", "-c", command);
}
