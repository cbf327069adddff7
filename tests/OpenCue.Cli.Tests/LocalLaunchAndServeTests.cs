using System.Text.RegularExpressions;
using OpenCue.Cli.Tests.Support;
using static OpenCue.Cli.Tests.Support.LocalCueFixture;

namespace OpenCue.Cli.Tests;

/// <summary><c>launch --local</c> (the embedded scheduler in process) and <c>serve</c>, end to end.</summary>
public sealed class LocalLaunchAndServeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Outline(string name, params string[] layers) =>
        _folder.Write(name + ".json", "{\"name\": \"" + name + "\", \"show\": \"testing\", \"shot\": \"sh010\", \"user\": \"jdoe\", \"layers\": [" + string.Join(",", layers) + "]}");

    [Fact]
    public void Launch_local_wait_runs_the_job_on_the_embedded_scheduler()
    {
        var state = _folder.StatePath;
        var file = Outline("local-job",
            Layer("make", "echo made #IFRAME# > " + Path.Combine(_folder.Path, "out.#IFRAME#.txt"), "1-2"),
            Layer("check", "cat " + Path.Combine(_folder.Path, "out.#IFRAME#.txt"), "1-2", require: "make"));

        var result = CliRun.Run("launch", file, "--local", "--wait", "--state-dir", state, "--cores", "2", "--memory", "4096", "--uid", "1000");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().StartWith("testing-sh010-jdoe_local_job\n").And.Contain("check: 2/2 done, 0 running, 0 waiting, 0 dead\n");
        result.Stdout.Should().MatchRegex(@"\ntesting-sh010-jdoe_local_job: FINISHED, 4/4 frames succeeded in \d+:\d\d:\d\d\.\n$");
        result.Stderr.Should().MatchRegex(@"cuerun launch: embedded scheduler on 127\.0\.0\.1:\d+ \(2 cores, 4096 MB\); state and frame logs in " + Regex.Escape(state));
        result.Stderr.Should().NotContain("lives only as long as this command", "--wait was given");
        File.ReadAllText(Path.Combine(_folder.Path, "out.2.txt")).Should().Be("made 2\n");
        Directory.GetFiles(state, "testing-sh010-jdoe_local_job.0002-check.rqlog", SearchOption.AllDirectories).Should().ContainSingle()
            .Which.Should().Match(f => File.ReadAllText(f).Contains("made 2"));
    }

    [Fact]
    public void Launch_local_without_wait_says_it_waits_and_stops_at_a_dead_frame()
    {
        var file = Outline("local-fail", Layer("bad", "exit 3", "1-1"), Layer("after", "true", "1-1", require: "bad"));

        var result = CliRun.Run("launch", file, "--local", "--state-dir", _folder.StatePath, "--cores", "2", "--memory", "4096",
            "--max-retries", "0", "--uid", "1000");

        result.ExitCode.Should().Be(1, result.Stderr);
        result.Stderr.Should().StartWith("cuerun launch: --local: the embedded scheduler lives only as long as this command, so cuerun waits for the job to finish (as --wait).\n");
        result.Stdout.Should().Contain("testing-sh010-jdoe_local_fail: frame 0001-bad of layer bad died (exit 3); stopping (--local).");
        result.Stderr.Should().Contain("  0001-bad (DEAD, exit 3)  log: ");
    }

    [Fact]
    public async Task Serve_runs_until_cancelled_and_answers_cuerun()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        var state = Path.Combine(_folder.StatePath, "served");
        var serving = Task.Run(() => CliApp.Run(new[] { "serve", "--port", "0", "--state-dir", state, "--cores", "2", "--memory", "4096" },
            stdout, stderr, _ => null, isTerminal: false, stop.Token));

        string? address = null;
        using (var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (address is null)
            {
                serving.IsCompleted.Should().BeFalse("serve should keep running; stderr: " + stderr);
                address = Regex.Match(stdout.ToString(), @"^LocalCue listening on (127\.0\.0\.1:\d+) \(state in ").Groups[1].Value is { Length: > 0 } a ? a : null;
                await Task.Delay(20, guard.Token);
            }
        }

        stdout.ToString().Should().Contain("(state in " + state + ", 2 cores, 4096 MB). Ctrl+C stops it.\nPoint clients at it: cuerun jobs --server " + address);
        CliRun.Run("jobs", "--server", address).Stdout.Should().Be("No pending jobs match (--all includes finished jobs).\n");
        CliRun.Run("serve", "--port", address.Split(':')[1], "--state-dir", Path.Combine(_folder.StatePath, "other"))
            .ShouldFailWithCueError("cuerun serve: the scheduler could not start on 127.0.0.1:" + address.Split(':')[1], "Give another --port (0 picks a free one)");

        await stop.CancelAsync();
        (await serving).Should().Be(0, stderr.ToString());
        stderr.ToString().Should().Contain("cuerun serve: stopping");
        File.Exists(Path.Combine(state, "localcue.db")).Should().BeTrue(string.Join(", ", Directory.GetFiles(state)));
    }

    [Theory]
    [InlineData("--port", "70000", "--port: '70000' is not a port; give 0 to 65535")]
    [InlineData("--cores", "0", "--cores: '0' is not a number of cores")]
    [InlineData("--memory", "lots", "--memory: 'lots' is not a memory size; give whole megabytes")]
    [InlineData("--bind", "localhost", "--bind: 'localhost' is not an IP address")]
    public void Serve_checks_its_options(string option, string value, string message)
    {
        CliRun.Run("serve", option, value).ShouldFailWithUsage("cuerun serve: " + message);
    }
}
