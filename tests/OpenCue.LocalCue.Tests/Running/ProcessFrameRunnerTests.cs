using System.Globalization;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.Running;

public sealed class ProcessFrameRunnerTests : IDisposable
{
    private readonly RunnerTestContext _context = new RunnerTestContext();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Tokens_are_substituted_for_a_frame_of_a_chunked_layer()
    {
        var request = _context.Request(
            "echo \"#FRAMESPEC# #FRAME_END# #FRAME_CHUNK# #ZFRAME# #IFRAME# #FRAME_START# #LAYER# #JOB# #FRAME#\"",
            range: "1-10",
            frame: 4,
            chunk: 3);

        FrameRunResult result = await _context.RunAsync(request);

        result.ExitStatus.Should().Be(0);
        RunnerTestContext.OutputLines(result).Should().Equal("4-6 6 3 0004 4 4 render testing-sh01-user_job 0004-render");
        RunnerTestContext.ReadLog(result).Should().Contain(
            "command              echo \"4-6 6 3 0004 4 4 render testing-sh01-user_job 0004-render\"\n");
    }

    [Fact]
    public async Task The_environment_is_fresh_with_Cuebot_values_on_top()
    {
        Environment.SetEnvironmentVariable("LOCALCUE_RUNNER_TEST_LEAK", "leaked");
        var env = new List<KeyValuePair<string, string>>
        {
            new("FROM_JOB", "job"),
            new("SHARED", "job"),
            new("SHARED", "layer"),
            new("PATH", "/opt/extra/bin"),
            new("CUE_IFRAME", "overridden-by-cuebot"),
            new("TERM", "xterm"),
        };
        // A uid without a passwd entry: USER and LOGNAME are the job's user wherever the test runs.
        var request = _context.Request("env | sed 's/^/ENV:/'", range: "1-10", frame: 4, chunk: 3, env: env, uid: TestUsers.FreeUid());

        FrameRunResult result = await _context.RunAsync(request);

        var vars = RunnerTestContext.OutputLines(result)
            .Where(l => l.StartsWith("ENV:", StringComparison.Ordinal))
            .Select(l => l.Substring(4))
            .Where(l => l.Contains('='))
            .ToDictionary(l => l.Substring(0, l.IndexOf('=')), l => l.Substring(l.IndexOf('=') + 1));

        vars.Should().NotContainKey("LOCALCUE_RUNNER_TEST_LEAK");
        vars["PATH"].Should().Be("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/extra/bin");
        vars["FROM_JOB"].Should().Be("job");
        vars["SHARED"].Should().Be("layer");
        vars["TERM"].Should().Be("xterm");
        vars["USER"].Should().Be("someone");
        vars["LOGNAME"].Should().Be("someone");
        vars["mcp"].Should().Be("1");
        vars["show"].Should().Be("testing");
        vars["shot"].Should().Be("sh01");
        vars["jobid"].Should().Be("testing-sh01-user_job");
        vars["jobhost"].Should().Be("testhost");
        vars["frame"].Should().Be("0004-render");
        vars["zframe"].Should().Be("0004-render");
        vars["logfile"].Should().Be("testing-sh01-user_job.0004-render.rqlog");
        vars["maxframetime"].Should().Be("0");
        vars["minspace"].Should().Be("200");
        vars["SP_NOMYCSHRC"].Should().Be("1");
        vars["CUE3"].Should().Be("1");
        vars["CUE_THREADS"].Should().Be("2");
        vars["CUE_MEMORY"].Should().Be("3355443");
        vars["CUE_GPUS"].Should().Be("0");
        vars["CUE_GPU_MEMORY"].Should().Be("0");
        vars["CUE_LOG_PATH"].Should().Be(_context.LogDirectory);
        vars["CUE_RANGE"].Should().Be("1-10");
        vars["CUE_CHUNK"].Should().Be("3");
        vars["CUE_IFRAME"].Should().Be("4");
        vars["CUE_LAYER"].Should().Be("render");
        vars["CUE_JOB"].Should().Be("testing-sh01-user_job");
        vars["CUE_FRAME"].Should().Be("0004-render");
        vars["CUE_SHOW"].Should().Be("testing");
        vars["CUE_SHOT"].Should().Be("sh01");
        vars["CUE_USER"].Should().Be("someone");
        vars["CUE_JOB_ID"].Should().Be("00000000-0000-0000-0000-00000000000a");
        vars["CUE_LAYER_ID"].Should().Be("00000000-0000-0000-0000-00000000000b");
        vars["CUE_FRAME_ID"].Should().Be("00000000-0000-0000-0000-00000000000c");
        vars["CUE_THREADABLE"].Should().Be("1");
        vars.Should().NotContainKey("CUE_PARENT_JOB_ID");
    }

    [Fact]
    public async Task The_exit_status_passes_through()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("echo failing; exit 3"));

        result.ExitStatus.Should().Be(3);
        result.ExitSignal.Should().Be(0);
        result.KillMessage.Should().BeNull();
        result.FailedToLaunch.Should().BeFalse();
        result.TimedOut.Should().BeFalse();
        result.LluTimedOut.Should().BeFalse();
        RunnerTestContext.ReadLog(result).Should().Contain("\nexitStatus          3\nexitSignal          0\n");
    }

    [Fact]
    public async Task A_command_killed_by_a_signal_inside_the_shell_is_a_normal_exit_of_128_plus_the_signal()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("sh -c 'kill -9 $$'"));

        result.ExitStatus.Should().Be(137);
        result.ExitSignal.Should().Be(0);
        result.KillMessage.Should().BeNull();
    }

    [Fact]
    public async Task Kill_kills_the_whole_process_group_and_reports_1_and_9()
    {
        string pidFile = Path.Combine(_context.Root, "grandchild.pid");
        var request = _context.Request(
            $"sleep 1000 & echo started; echo $! > {pidFile}.tmp && mv {pidFile}.tmp {pidFile}; sleep 1000; wait");
        IRunningFrame frame = _context.Runner().Start(request);
        int grandchild = int.Parse(await RunnerTestContext.WaitForFileAsync(pidFile), CultureInfo.InvariantCulture);

        try
        {
            // The frame's process leads its own session and process group.
            frame.ProcessId.Should().BeGreaterThan(0);
            ProcessGroupStats.TryReadStat("/proc/" + frame.ProcessId.ToString(CultureInfo.InvariantCulture), out int session, out _)
                .Should().BeTrue();
            session.Should().Be(frame.ProcessId);
            ProcessGroupStats.TryReadStat("/proc/" + grandchild.ToString(CultureInfo.InvariantCulture), out int grandchildSession, out _)
                .Should().BeTrue();
            grandchildSession.Should().Be(frame.ProcessId);

            frame.Kill("Killed by a test");
            FrameRunResult result = await frame.Completion.WaitAsync(RunnerTestContext.Guard);

            result.ExitStatus.Should().Be(1);
            result.ExitSignal.Should().Be(9);
            result.KillMessage.Should().Be("Killed by a test");
            result.TimedOut.Should().BeFalse();
            await RunnerTestContext.WaitUntilGoneAsync(grandchild);
            string log = RunnerTestContext.ReadLog(result);
            log.Should().Contain("started\n");
            log.Should().Contain("\nexitStatus          1\nexitSignal          9\nkillMessage         Killed by a test\n");
        }
        finally
        {
            RunnerTestContext.KillQuietly(grandchild);
        }
    }

    [Fact]
    public async Task Kill_after_the_frame_ended_does_nothing()
    {
        IRunningFrame frame = _context.Runner().Start(_context.Request("true"));
        FrameRunResult result = await frame.Completion.WaitAsync(RunnerTestContext.Guard);

        frame.Kill("too late");

        result.ExitStatus.Should().Be(0);
        result.KillMessage.Should().BeNull();
    }

    [Fact]
    public async Task A_frame_over_its_timeout_is_killed()
    {
        _context.Options.TimeoutOverride = TimeSpan.FromMilliseconds(200);

        FrameRunResult result = await _context.RunAsync(_context.Request("echo running; sleep 1000", timeoutMinutes: 1));

        result.TimedOut.Should().BeTrue();
        result.LluTimedOut.Should().BeFalse();
        result.ExitStatus.Should().Be(1);
        result.ExitSignal.Should().Be(9);
        result.KillMessage.Should().Be("Frame timed out");
        RunnerTestContext.ReadLog(result).Should().Contain("killMessage         Frame timed out\n");
    }

    [Fact]
    public async Task A_frame_whose_log_stops_changing_is_killed_for_LLU()
    {
        _context.Options.LluTimeoutOverride = TimeSpan.FromMilliseconds(300);

        FrameRunResult result = await _context.RunAsync(_context.Request("echo running; sleep 1000", timeoutLluMinutes: 1));

        result.LluTimedOut.Should().BeTrue();
        result.TimedOut.Should().BeFalse();
        result.ExitStatus.Should().Be(1);
        result.ExitSignal.Should().Be(9);
        result.KillMessage.Should().Be("Frame LLU timed out");
    }

    [Fact]
    public async Task Previous_logs_are_kept_as_numbered_files()
    {
        FrameRunResult first = await _context.RunAsync(_context.Request("echo run-1"));
        FrameRunResult second = await _context.RunAsync(_context.Request("echo run-2"));
        FrameRunResult third = await _context.RunAsync(_context.Request("echo run-3"));

        string path = Path.Combine(_context.LogDirectory, "testing-sh01-user_job.0001-render.rqlog");
        first.LogPath.Should().Be(path);
        second.LogPath.Should().Be(path);
        third.LogPath.Should().Be(path);
        RunnerTestContext.Output(File.ReadAllText(path + ".1")).Should().Be("run-1\n");
        RunnerTestContext.Output(File.ReadAllText(path + ".2")).Should().Be("run-2\n");
        RunnerTestContext.Output(File.ReadAllText(path)).Should().Be("run-3\n");
        File.Exists(path + ".3").Should().BeFalse();
    }

    [Fact]
    public async Task The_log_has_RQDs_header_and_footer()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("echo hello"));

        string[] lines = RunnerTestContext.ReadLog(result).Split('\n');
        lines[0].Should().Be(RunnerTestContext.Rule);
        lines[1].Should().StartWith("RenderQ JobSpec      ").And.EndWith(" ");
        lines[2].Should().BeEmpty();
        lines[3].Should().Be("proxy                rqd.rqnetwork.RunningFrame/00000000-0000-0000-0000-00000000000c -t:tcp -h testhost -p 10021");
        lines[4].Should().Be("command              echo hello");
        lines[5].Should().MatchRegex("^uid {18}[0-9]+$");
        lines[6].Should().MatchRegex("^gid {18}[0-9]+$");
        lines[7].Should().Be("logDestination       " + result.LogPath);
        lines[8].Should().StartWith("cwd                  " + _context.Runner().FrameDirectoryBase + "/", "the real working directory: the frame's private directory");
        lines[9].Should().Be("renderHost           testhost");
        lines[10].Should().Be("jobId                00000000-0000-0000-0000-00000000000a");
        lines[11].Should().Be("frameId              00000000-0000-0000-0000-00000000000c");
        var envLines = lines.Skip(12).TakeWhile(l => l.StartsWith("env ", StringComparison.Ordinal)).ToList();
        envLines.Should().Contain("env                  CUE_FRAME=0001-render");
        envLines.Select(l => l.Substring(21)).Should().BeInAscendingOrder(StringComparer.Ordinal);
        lines[12 + envLines.Count].Should().Be(RunnerTestContext.Rule);
        lines[13 + envLines.Count].Should().Be("hello");

        var footer = lines.Skip(14 + envLines.Count).ToList();
        footer[0].Should().BeEmpty();
        footer[1].Should().Be(RunnerTestContext.Rule);
        footer[2].Should().Be("RenderQ Job Complete");
        footer[3].Should().BeEmpty();
        footer[4].Should().Be("exitStatus          0");
        footer[5].Should().Be("exitSignal          0");
        footer[6].Should().StartWith("startTime           ");
        footer[7].Should().StartWith("endTime             ");
        footer[8].Should().MatchRegex("^maxrss {14}[0-9]+$");
        footer[9].Should().Be("maxUsedGpuMemory    0");
        footer[10].Should().MatchRegex("^utime {15}[0-9]+\\.[0-9]{2}$", "the shell's times report, as RQD's time -p");
        footer[11].Should().MatchRegex("^stime {15}[0-9]+\\.[0-9]{2}$");
        footer[12].Should().Be("renderhost          testhost");
        footer[13].Should().MatchRegex("^maxrss \\(KB\\) {9}[0-9]+$");
        footer[14].Should().Be(RunnerTestContext.Rule);
        footer[15].Should().BeEmpty();
        footer.Should().HaveCount(16);
    }

    [Fact]
    public async Task Arguments_joined_by_ShellQuoting_reach_the_program_intact()
    {
        string[] arguments =
        {
            "a b", "it's", "$HOME", "`id`", "*", string.Empty, "semi;colon", "back\\slash", "\"double\"",
            "tab\there", "A=b", "#not-a-comment", "~", "{x,y}", "#FRAME#", "$(echo x)", "&", "|",
        };
        string command = ShellQuoting.Join(new[] { "printf", "<%s>\\n" }.Concat(arguments));

        FrameRunResult result = await _context.RunAsync(_context.Request(command));

        result.ExitStatus.Should().Be(0);
        var expected = arguments.Select(a => "<" + (a == "#FRAME#" ? "0001-render" : a) + ">");
        RunnerTestContext.OutputLines(result).Should().Equal(expected);
    }

    [Fact]
    public async Task The_command_runs_from_a_0400_file_in_a_private_0700_directory_which_is_deleted_afterwards()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("echo \"$0\"; stat -c %a \"$0\"; stat -c %a \"$(dirname \"$0\")\"; pwd"));

        var lines = RunnerTestContext.OutputLines(result);
        lines.Should().HaveCount(4);
        string directory = Path.GetDirectoryName(lines[0])!;
        Path.GetDirectoryName(directory).Should().Be(_context.Runner().FrameDirectoryBase);
        Path.GetDirectoryName(_context.Runner().FrameDirectoryBase).Should().Be(_context.TempDirectory);
        Path.GetFileName(lines[0]).Should().MatchRegex("^rqd-cmd-00000000-0000-0000-0000-00000000000c-[0-9]+$");
        lines[1].Should().Be("400");
        lines[2].Should().Be("700");
        lines[3].Should().Be(directory, "the frame starts in its private directory, not in the shared temp directory");
        File.Exists(lines[0]).Should().BeFalse();
        Directory.Exists(directory).Should().BeFalse();
    }

    [Fact]
    public async Task Stdout_and_stderr_both_reach_the_log_line_by_line()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("echo to-out; echo to-err >&2; echo more-out"));

        // Lines from the two pipes are written as they arrive; only each pipe's own order is certain.
        var lines = RunnerTestContext.OutputLines(result);
        lines.Should().BeEquivalentTo("to-out", "to-err", "more-out");
        lines.Where(l => l.EndsWith("-out", StringComparison.Ordinal)).Should().Equal("to-out", "more-out");
    }

    [Fact]
    public async Task A_last_line_without_a_newline_is_kept()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("echo first; printf 'no newline'"));

        RunnerTestContext.Output(RunnerTestContext.ReadLog(result)).Should().Be("first\nno newline");
    }

    [Fact]
    public async Task Stdin_is_empty()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("cat; echo after-cat"));

        result.ExitStatus.Should().Be(0);
        RunnerTestContext.OutputLines(result).Should().Equal("after-cat");
    }

    [Fact]
    public async Task Peak_memory_is_sampled()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("sleep 1"));

        result.MaxRssKb.Should().BeGreaterThan(0);
        RunnerTestContext.ReadLog(result).Should().Contain("maxrss (KB)         " + result.MaxRssKb.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    [Fact]
    public async Task A_background_process_left_holding_the_output_does_not_block_completion()
    {
        string pidFile = Path.Combine(_context.Root, "orphan.pid");
        FrameRunResult result = await _context.RunAsync(
            _context.Request($"sleep 1000 & echo $! > {pidFile}; echo done"));
        int orphan = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);

        try
        {
            result.ExitStatus.Should().Be(0);
            RunnerTestContext.OutputLines(result).Should().Equal("done");
            RunnerTestContext.IsGone(orphan).Should().BeFalse("RQD leaves a frame's background processes running");
        }
        finally
        {
            RunnerTestContext.KillQuietly(orphan);
        }
    }

    [Fact]
    public async Task KillProcessGroupOnExit_kills_what_the_frame_left_behind()
    {
        _context.Options.KillProcessGroupOnExit = true;
        string pidFile = Path.Combine(_context.Root, "orphan.pid");
        FrameRunResult result = await _context.RunAsync(
            _context.Request($"sleep 1000 > /dev/null 2>&1 & echo $! > {pidFile}; echo done"));
        int orphan = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);

        try
        {
            result.ExitStatus.Should().Be(0);
            result.ExitSignal.Should().Be(0);
            await RunnerTestContext.WaitUntilGoneAsync(orphan);
        }
        finally
        {
            RunnerTestContext.KillQuietly(orphan);
        }
    }

    [Fact]
    public async Task A_missing_shell_is_a_failed_launch()
    {
        _context.Options.ShellPath = "/nonexistent/sh";

        FrameRunResult result = await _context.RunAsync(_context.Request("echo never"));

        result.FailedToLaunch.Should().BeTrue();
        result.ExitStatus.Should().Be(256);
        string log = RunnerTestContext.ReadLog(result);
        log.Should().Contain("Failed to launch the frame").And.Contain("exitStatus          256\n");
        Directory.GetFiles(_context.TempDirectory).Should().BeEmpty();
        Directory.GetFileSystemEntries(_context.Runner().FrameDirectoryBase).Should().BeEmpty("the command file and its directory are deleted");
    }

    [Fact]
    public async Task An_unusable_temp_directory_is_a_failed_launch()
    {
        _context.Options.TempDirectory = Path.Combine(_context.Root, "missing", "tmp");

        FrameRunResult result = await _context.RunAsync(_context.Request("echo never"));

        result.FailedToLaunch.Should().BeTrue();
        result.ExitStatus.Should().Be(256);
    }

    [Fact]
    public async Task An_unusable_log_directory_is_a_failed_launch()
    {
        string blocker = Path.Combine(_context.Root, "a-file");
        File.WriteAllText(blocker, "not a directory");

        FrameRunResult result = await _context.RunAsync(_context.Request("echo never", logDirectory: Path.Combine(blocker, "logs")));

        result.FailedToLaunch.Should().BeTrue();
        result.ExitStatus.Should().Be(256);
        result.ExitSignal.Should().Be(0);
    }

    [Fact]
    public async Task A_frame_outside_its_layer_range_is_a_failed_launch()
    {
        IRunningFrame frame = _context.Runner().Start(_context.Request("echo never", range: "1-10", frame: 11));
        FrameRunResult result = await frame.Completion.WaitAsync(RunnerTestContext.Guard);

        frame.ProcessId.Should().Be(0);
        result.FailedToLaunch.Should().BeTrue();
        result.ExitStatus.Should().Be(256);
    }

    [Fact]
    public void Start_rejects_a_null_request()
    {
        Action act = () => _context.Runner().Start(null!);

        act.Should().Throw<ArgumentNullException>();
    }
}
