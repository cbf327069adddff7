using OpenCue.Cli.Tests.Support;

namespace OpenCue.Cli.Tests;

/// <summary>Usage errors exit 2 and an unreachable Cuebot exits 3, always with nothing on stdout.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Job() => _folder.Write("job.json", Outlines.Pipeline);

    [Fact]
    public void An_unreachable_Cuebot_exits_3_with_nothing_on_stdout()
    {
        var server = "127.0.0.1:" + LocalCueFixture.ClosedPort();

        CliRun.Run("jobs", "--server", server).ShouldFailWithCueError("cuerun jobs: cannot reach the Cuebot: ", "(tried " + server + ")", "give --server HOST:PORT");
        CliRun.Run("launch", Job(), "--server", server, "--uid", "1000", "--wait").ShouldFailWithCueError("cuerun launch: cannot reach the Cuebot");
        CliRun.Run("kill", "testing-sh010-jdoe_x", "--reason", "r", "--server", server).ShouldFailWithCueError("cuerun kill: cannot reach the Cuebot");
        CliRun.Run("frames", "testing-sh010-jdoe_x", "--server", server).ShouldFailWithCueError("cuerun frames: cannot reach the Cuebot");
        CliRun.Run("analyze", "testing-sh010-jdoe_x", "--server", server + "," + server).ShouldFailWithCueError("cannot reach the Cuebot");
    }

    [Theory]
    [InlineData("jobs --server http://cue:8443", "--server: 'http://cue:8443' has a scheme; give host:port without one")]
    [InlineData("jobs --server cue:99999", "--server: '99999' in 'cue:99999' is not a port (1-65535).")]
    [InlineData("jobs --server cue:8443,,cue2", "--server: an empty host.")]
    [InlineData("jobs a b", "one NAME-SUBSTRING is accepted")]
    [InlineData("layers", "missing JOB. JOB is a full job name")]
    [InlineData("layers a_b c_d", "one JOB is accepted, got 2 arguments: a_b c_d.")]
    [InlineData("kill a_b", "--reason is required")]
    [InlineData("retry a_b", "retry needs a filter")]
    [InlineData("retry a_b --range 1-5000x1,7", "Cuebot ignores a frame-set filter of more than 1000 frames")]
    [InlineData("eat a_b --layer ,", "--layer: an empty value in ','")]
    [InlineData("frames 1-10 --layer x", "--layer is for 'cuerun frames JOB'; '1-10' is read as a frame range")]
    [InlineData("frames a_b --chunk 2", "--chunk is for 'cuerun frames RANGE'; 'a_b' is a job")]
    [InlineData("satisfy a_b --layer \"\"", "--layer is empty")]
    [InlineData("pause a_b --bogus", "unknown option '--bogus'. Accepted: --json, --server H:P[,H:P], --deadline SECONDS, --help.")]
    public void Usage_errors_exit_2_before_any_call(string commandLine, string message)
    {
        var args = System.Text.RegularExpressions.Regex.Matches(commandLine, "\"[^\"]*\"|\\S+").Select(m => m.Value.Trim('"')).ToArray();

        // A closed port: reaching the network would exit 3, so exit 2 proves the check came first.
        var server = args.Contains("--server") ? Array.Empty<string>() : new[] { "--server", "127.0.0.1:" + LocalCueFixture.ClosedPort() };
        CliRun.Run(args.Concat(server).ToArray()).ShouldFailWithUsage(message);
    }

    [Theory]
    [InlineData("--local --server 127.0.0.1:1", "--local and --server exclude each other")]
    [InlineData("--wait --test", "--wait and --test exclude each other")]
    [InlineData("--state-dir /tmp/x", "--state-dir is for --local")]
    [InlineData("--cores 2", "--cores is for --local")]
    [InlineData("--fail-on-dead", "--fail-on-dead is for --wait")]
    [InlineData("--local --pause", "--pause with --local would wait forever")]
    [InlineData("--priority -1", "--priority: '-1' is not accepted; give a whole number from 0, e.g. --priority 100.")]
    [InlineData("--max-retries 17", "--max-retries: '17' is not accepted; give a whole number from 0 to 16")]
    [InlineData("--env NOVALUE", "--env: 'NOVALUE' is not KEY=VALUE")]
    [InlineData("--poll-interval 0", "--poll-interval: '0' is not a number of seconds from 0.01 to 3600")]
    [InlineData("--range 1-x", "--range: invalid frame range '1-x'")]
    [InlineData("--local --cores many", "--cores: 'many' is not a number of cores")]
    public void Launch_flags_are_checked_before_anything_is_sent(string flags, string message)
    {
        var args = new[] { "launch", Job(), "--uid", "1000" }.Concat(flags.Split(' ')).ToArray();
        var server = args.Contains("--server") || args.Contains("--local") ? Array.Empty<string>() : new[] { "--server", "127.0.0.1:" + LocalCueFixture.ClosedPort() };

        CliRun.Run(args.Concat(server).ToArray()).ShouldFailWithUsage("cuerun launch: " + message);
    }

    [Fact]
    public void An_argument_of_frames_without_an_underscore_is_a_frame_range()
    {
        CliRun.Run("frames", "nojob").ShouldFailWithUsage("invalid frame range 'nojob'", "(Or give a JOB: a full job name show-shot-user_name, or a job id.)");
        CliRun.Run("frames", "1-3", "--server", "cue:8443").ShouldFailWithUsage("--server is for 'cuerun frames JOB'; '1-3' is read as a frame range");
    }

    [Fact]
    public void Launch_of_a_missing_file_exits_2()
    {
        CliRun.Run("launch", Path.Combine(_folder.Path, "none.json")).ShouldFailWithUsage("file not found: ");
        CliRun.Run("launch").ShouldFailWithUsage("missing FILE");
    }
}
