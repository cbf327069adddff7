using OpenCue.Cli.Tests.Support;
using OpenCue.Client.Tests.Support;
using OpenCue.LocalCue;
using static OpenCue.Cli.Tests.Support.LocalCueFixture;

namespace OpenCue.Cli.Tests;

/// <summary>
/// --deadline, --launch-deadline and --server-lost-timeout against real servers: a LocalCue that dies
/// or restarts while cuerun waits, and a server that accepts connections but never answers.
/// </summary>
public sealed class DeadlineAndLostServerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Outline(string name, params string[] layers) =>
        _folder.Write(name + ".json", "{\"name\": \"" + name + "\", \"show\": \"testing\", \"shot\": \"sh010\", \"user\": \"jdoe\", \"layers\": [" + string.Join(",", layers) + "]}");

    private LocalCueOptions Scheduler(string state, int port = 0) =>
        new() { StateDirectory = Path.Combine(_folder.StatePath, state), Cores = 2, MemoryMb = 4096, Port = port };

    private static Task<int> Start(string[] args, LockedWriter stdout, LockedWriter stderr) =>
        Task.Run(() => CliApp.Run(args, stdout, stderr, _ => null));

    /// <summary>The command's exit code; the timeout only guards against a hang, and shows what the command wrote.</summary>
    private static async Task<int> EndOf(Task<int> run, LockedWriter stdout, LockedWriter stderr)
    {
        var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120)));
        ended.Should().BeSameAs(run, "cuerun should end; stdout: " + stdout + "\nstderr: " + stderr);
        return await run;
    }

    [Theory]
    [InlineData("--wait", "waiting for")]
    [InlineData("--test", "testing")]
    public async Task A_LocalCue_that_dies_while_cuerun_waits_ends_the_wait_with_exit_3_naming_server_and_job(string mode, string doing)
    {
        var name = "lost-" + mode.TrimStart('-');
        var file = Outline(name, Layer("nap", "sleep 600", "1-1"));
        var cue = await LocalCuebot.StartAsync(Scheduler("state-" + name));
        var address = cue.Address;
        var stdout = new LockedWriter();
        var stderr = new LockedWriter();
        Task<int> run;
        try
        {
            run = Start(new[] { "launch", file, "--uid", "1000", "--server", address, mode, "--poll-interval", "0.1", "--server-lost-timeout", "2" }, stdout, stderr);
            await stdout.WaitForAsync("nap: 0/1 done, 1 running", run);
        }
        finally
        {
            await cue.DisposeAsync();
        }

        var code = await EndOf(run, stdout, stderr);

        code.Should().Be(ExitCodes.CueError, stderr.ToString());
        stderr.ToString().Should().Contain("cuerun launch: lost the server " + address + ": unreachable for ")
            .And.Contain(" s while " + doing + " job " + JobName(name) + "; the job may still be running there. Once it is back, 'cuerun jobs --server " + address +
                "' lists the job; --server-lost-timeout SECONDS waits longer.\n")
            .And.Contain("cuerun: warning: Cannot reach " + address + " while following " + JobName(name));
    }

    [Fact]
    public async Task A_LocalCue_restarted_within_the_limit_is_waited_for_and_the_job_finishes()
    {
        var name = "restarted";
        var marker = Path.Combine(_folder.Path, "ran-once");

        // The first run of the frame is stopped with the scheduler; the run after the restart succeeds.
        var file = Outline(name, Layer("once", "test -f " + marker + " || { touch " + marker + "; sleep 600; }", "1-1"));
        var cue = await LocalCuebot.StartAsync(Scheduler("state-" + name));
        var address = cue.Address;
        var stdout = new LockedWriter();
        var stderr = new LockedWriter();
        var run = Start(new[] { "launch", file, "--uid", "1000", "--server", address, "--wait", "--poll-interval", "0.1", "--server-lost-timeout", "600" }, stdout, stderr);
        try
        {
            await stdout.WaitForAsync("once: 0/1 done, 1 running", run);
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (!File.Exists(marker))
            {
                await Task.Delay(20, guard.Token); // the frame's process started but its shell may not have run yet
            }
        }
        finally
        {
            await cue.DisposeAsync();
        }

        await stderr.WaitForAsync("cuerun: warning: Cannot reach " + address, run);
        await using var again = await LocalCuebot.StartAsync(Scheduler("state-" + name, int.Parse(address.Split(':')[1])));
        var code = await EndOf(run, stdout, stderr);

        code.Should().Be(ExitCodes.Ok, stderr.ToString());
        stdout.ToString().Should().Contain(JobName(name) + ": FINISHED, 1/1 frames succeeded");
    }

    [Fact]
    public async Task Queries_to_a_server_that_never_answers_fail_by_the_deadline_with_exit_3()
    {
        await using var silent = new SilentServer();

        CliRun.Run("jobs", "--server", silent.Address, "--deadline", "1").ShouldFailWithCueError(
            "cuerun jobs: the Cuebot did not answer in time: job.JobInterface/GetJobs on " + silent.Address + ": ",
            "(no answer within the 1 s deadline). --deadline SECONDS waits longer.\n");
        CliRun.Run("layers", "testing-sh010-jdoe_x", "--server", silent.Address, "--deadline", "0.5")
            .ShouldFailWithCueError("cuerun layers: the Cuebot did not answer in time: job.JobInterface/FindJob on " + silent.Address, "(no answer within the 0.5 s deadline)");
        CliRun.Run("frames", "testing-sh010-jdoe_x", "--server", silent.Address, "--deadline", "0.5")
            .ShouldFailWithCueError("cuerun frames: the Cuebot did not answer in time", "(no answer within the 0.5 s deadline)");
    }

    [Fact]
    public async Task A_launch_to_a_server_that_never_answers_fails_by_the_launch_deadline_with_exit_3()
    {
        await using var silent = new SilentServer();
        var file = _folder.Write("job.json", Outlines.Pipeline);

        // The lookup of the unanswered launch waits the smaller deadline (1 s), not --deadline's default.
        CliRun.Run("launch", file, "--uid", "1000", "--server", silent.Address, "--wait", "--launch-deadline", "1").ShouldFailWithCueError(
            "cuerun launch: the Cuebot did not answer in time: the launch of job testing-sh010-jdoe_cli_pipeline got no answer (job.JobInterface/LaunchSpecAndWait on " +
            silent.Address + ": ",
            "(no answer within the 1 s deadline)), and looking the job up got none either (job.JobInterface/FindJob on " + silent.Address,
            "whether the job was created there is unknown. --launch-deadline SECONDS (the launch) and --deadline SECONDS (other calls) wait longer.\n");
    }

    [Theory]
    [InlineData("jobs --deadline 0", "--deadline: '0' is not a number of seconds; give a positive number up to 86400, e.g. --deadline 10.")]
    [InlineData("jobs --deadline -5", "--deadline: '-5' is not a number of seconds")]
    [InlineData("kill a_b --reason r --deadline soon", "--deadline: 'soon' is not a number of seconds")]
    [InlineData("frames a_b --deadline 1e3", "--deadline: '1e3' is not a number of seconds")]
    [InlineData("launch FILE --deadline 90000", "--deadline: '90000' is not a number of seconds; give a positive number up to 86400")]
    [InlineData("launch FILE --launch-deadline 0", "--launch-deadline: '0' is not a number of seconds; give a positive number up to 86400, e.g. --launch-deadline 10.")]
    [InlineData("launch FILE --wait --server-lost-timeout -1", "--server-lost-timeout: '-1' is not a number of seconds")]
    [InlineData("launch FILE --test --server-lost-timeout NaN", "--server-lost-timeout: 'NaN' is not a number of seconds")]
    public void Bad_time_values_exit_2_with_one_line_before_any_call(string commandLine, string message)
    {
        var args = commandLine.Replace("FILE", _folder.Write("job.json", Outlines.Pipeline)).Split(' ')
            .Concat(new[] { "--server", "127.0.0.1:" + ClosedPort() }).Concat(commandLine.StartsWith("launch") ? new[] { "--uid", "1000" } : Array.Empty<string>()).ToArray();

        var result = CliRun.Run(args).ShouldFailWithUsage("cuerun " + args[0] + ": " + message);

        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    [Fact]
    public void Time_options_are_refused_where_they_mean_nothing()
    {
        var file = _folder.Write("job.json", Outlines.Pipeline);

        CliRun.Run("launch", file, "--uid", "1000", "--server-lost-timeout", "5", "--server", "127.0.0.1:" + ClosedPort())
            .ShouldFailWithUsage("cuerun launch: --server-lost-timeout is for --wait and --test");
        CliRun.Run("frames", "1-10", "--deadline", "5").ShouldFailWithUsage("--deadline is for 'cuerun frames JOB'");
        CliRun.Run("jobs", "--launch-deadline", "5").ShouldFailWithUsage("unknown option '--launch-deadline'");
    }

    [Fact]
    public void Help_lists_the_time_options_with_their_defaults_and_exit_code_3()
    {
        var launch = CliRun.Run("launch", "--help").Stdout;
        launch.Should().MatchRegex(@"--deadline SECONDS +give up on a call the Cuebot has not answered within SECONDS \(exit 3\); default 20\n")
            .And.MatchRegex(@"--launch-deadline SECONDS +give up on the launch call after SECONDS .*; default 120\n")
            .And.MatchRegex(@"--server-lost-timeout SECONDS +--wait/--test: stop waiting \(exit 3\) once the Cuebot has been unreachable for SECONDS.*; default 60\n")
            .And.Contain("  3    the Cuebot could not be reached, did not answer within --deadline or --launch-deadline")
            .And.Contain("--wait/--test: the Cuebot was unreachable for --server-lost-timeout");

        foreach (var command in new[] { "jobs", "layers", "kill", "pause", "resume", "retry", "eat", "satisfy", "analyze", "frames" })
        {
            var help = CliRun.Run(command, "--help").Stdout;
            help.Should().Contain("--deadline SECONDS", command).And.Contain("did not answer within --deadline", command);
        }

        CliRun.Run("--help").Stdout.Should().Contain("launch --wait/--test lost it (unreachable for\n       --server-lost-timeout)");
    }
}
