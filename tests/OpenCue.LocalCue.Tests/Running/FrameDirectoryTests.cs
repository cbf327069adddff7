using System.Globalization;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Tests.Running
{
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
            _context.Options.InstanceKey = Path.Combine(_context.Root, "state");
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
            var other = new FrameRunnerOptions { TempDirectory = _context.TempDirectory, InstanceKey = Path.Combine(_context.Root, "other-state") };
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

        [Theory]
        [InlineData("symlink", "is a symbolic link")]
        [InlineData("other-owner", "is owned by uid")]
        [InlineData("writable", "is writable by group or others (mode 777)")]
        public async Task An_unsafe_base_directory_is_refused_and_no_frame_starts(string kind, string why)
        {
            TestUsers.RequireRoot();
            string basePath = FrameDirectories.BasePathFor(_context.TempDirectory, _context.TempDirectory, 0);
            string target = Directory.CreateDirectory(Path.Combine(_context.Root, "elsewhere")).FullName;
            switch (kind)
            {
                case "symlink":
                    Directory.CreateSymbolicLink(basePath, target);
                    break;
                case "other-owner":
                    Directory.CreateDirectory(basePath);
                    File.SetUnixFileMode(basePath, (UnixFileMode)0x1C9);
                    TestUsers.GiveTo(basePath, 65534);
                    break;
                default:
                    Directory.CreateDirectory(basePath);
                    File.SetUnixFileMode(basePath, (UnixFileMode)0x1FF);
                    break;
            }

            var runner = _context.Runner();
            IRunningFrame frame = runner.Start(_context.Request("echo ran"));
            FrameRunResult result = await frame.Completion.WaitAsync(RunnerTestContext.Guard);

            runner.FrameDirectoryBase.Should().Be(basePath);
            result.FailedToLaunch.Should().BeTrue();
            string log = RunnerTestContext.ReadLog(result);
            log.Should().Contain("the frame directory base " + basePath + " cannot be used: it " + why);
            log.Should().NotContain("ran\n");
            Directory.GetFileSystemEntries(target).Should().BeEmpty("nothing is written through the link");
        }

        private static (int Uid, int Permissions) Status(string path)
        {
            NativeMethods.LinkStatus(path, out FileStatus status).Should().Be(0);
            return (status.Uid, status.Permissions);
        }

        private static Task<(int Code, string Output)> NobodyAsync(string command) =>
            TestUsers.RunAsync("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/sh", "-c", command);
    }
}
