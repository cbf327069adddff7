using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.Running;

/// <summary>A frame of a few seconds is measured: its processes' peak and current memory, and the CPU they used.</summary>
public sealed class FrameMeasurementTests : IDisposable
{
    // coreutils tail keeps a pipe's input without a newline whole until end of file: 200 MB resident, held while the writer sleeps.
    internal const string Hold200MbCommand = "{ head -c 209715200 /dev/zero; sleep 2; } | tail > /dev/null";
    internal const long AtLeast150MbKb = 150 * 1024;

    private readonly RunnerTestContext _context = new RunnerTestContext();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task A_frame_holding_200_MB_for_two_seconds_reports_its_peak_in_the_result_and_the_footer()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request(Hold200MbCommand));

        result.ExitStatus.Should().Be(0);
        result.MaxRssKb.Should().BeGreaterThanOrEqualTo(AtLeast150MbKb);
        string log = RunnerTestContext.ReadLog(result);
        string kb = result.MaxRssKb.ToString(CultureInfo.InvariantCulture);
        log.Should().Contain("\nmaxrss              " + kb + "\n").And.Contain("\nmaxrss (KB)         " + kb + "\n");
    }

    [Fact]
    public async Task A_running_frame_reports_the_memory_its_processes_use_now()
    {
        string ready = Path.Combine(_context.Root, "ready");
        string go = Path.Combine(_context.Root, "go");

        // 200 MB held by tail until the test says go.
        IRunningFrame frame = _context.Runner().Start(_context.Request(
            $"{{ head -c 209715200 /dev/zero; echo 1 > {ready}; while [ ! -e {go} ]; do sleep 0.05; done; }} | tail > /dev/null"));
        try
        {
            await RunnerTestContext.WaitForFileAsync(ready);
            using var guard = new CancellationTokenSource(RunnerTestContext.Guard);
            while (frame.CurrentRssKb < AtLeast150MbKb)
            {
                await Task.Delay(20, guard.Token);
            }
        }
        finally
        {
            File.WriteAllText(go, string.Empty);
        }

        FrameRunResult result = await frame.Completion.WaitAsync(RunnerTestContext.Guard);
        result.ExitStatus.Should().Be(0);
        result.MaxRssKb.Should().BeGreaterThanOrEqualTo(AtLeast150MbKb);
        frame.CurrentRssKb.Should().Be(0, "a frame that has ended uses nothing");
    }

    [Fact]
    public async Task A_cpu_busy_frame_reports_user_time_in_the_result_and_the_footer()
    {
        // A shell loop in a child of the frame's shell (counted as its waited-for child), then a little in the shell itself.
        FrameRunResult result = await _context.RunAsync(_context.Request(
            "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'\nj=0; while [ $j -lt 1000 ]; do j=$((j+1)); done\necho done"));

        result.ExitStatus.Should().Be(0);
        RunnerTestContext.OutputLines(result).Should().Equal("done");
        result.UserSeconds.Should().BeGreaterThan(0);
        result.SystemSeconds.Should().NotBeNull();
        string[] footer = Footer(result);
        footer.Should().Contain("utime               " + result.UserSeconds!.Value.ToString("0.00", CultureInfo.InvariantCulture));
        footer.Should().Contain("stime               " + result.SystemSeconds!.Value.ToString("0.00", CultureInfo.InvariantCulture));
        double.Parse(footer.Single(l => l.StartsWith("utime ", StringComparison.Ordinal)).Substring(20), CultureInfo.InvariantCulture).Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("exit 7", 7)]
    [InlineData("true\nfalse", 1)]
    [InlineData("sh -c 'exit 3'", 3)]
    [InlineData("set -C; exit 4", 4)]
    public async Task The_times_report_keeps_the_commands_exit_status(string command, int status)
    {
        FrameRunResult result = await _context.RunAsync(_context.Request(command));

        result.ExitStatus.Should().Be(status);
        result.UserSeconds.Should().NotBeNull("the shell's EXIT trap wrote the report, noclobber or not");
    }

    [Fact]
    public async Task The_commands_line_numbers_are_its_own()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("true\nno-such-command-here\ntrue"));

        RunnerTestContext.OutputLines(result).Should().ContainSingle().Which.Should().MatchRegex(": 2: no-such-command-here: not found$");
    }

    [Fact]
    public async Task A_frame_cannot_redirect_its_times_report_and_a_huge_forged_one_is_not_read()
    {
        TestUsers.RequireRoot();

        // The report is <frame directory>.times, beside the frame's own directory (its working directory), in
        // LocalCue's base: the frame's user may write the file, not replace it with a link nor remove it.
        FrameRunResult result = await _context.RunAsync(_context.Request(
            "f=\"$PWD.times\"; trap - EXIT\n"
            + "if ln -sf /etc/shadow \"$f\" 2>/dev/null; then echo linked; else echo not-linked; fi\n"
            + "if rm -f \"$f\" 2>/dev/null && [ ! -e \"$f\" ]; then echo removed; else echo kept; fi\n"
            + "head -c 10000000 /dev/zero | tr '\\0' 9 >| \"$f\"\n"
            + "id -u"));

        result.ExitStatus.Should().Be(0);
        RunnerTestContext.OutputLines(result).Should().Equal("not-linked", "kept", TestUsers.FrameUid.ToString(CultureInfo.InvariantCulture));
        result.UserSeconds.Should().BeNull("10 MB of digits is not a times report; LocalCue reads at most its first 512 bytes");
        Footer(result).Should().Contain("utime               0").And.Contain("stime               0");
        Directory.GetFileSystemEntries(_context.Runner().FrameDirectoryBase).Should().BeEmpty("the forged report goes with the frame");
    }

    [Fact]
    public async Task A_command_that_replaces_the_shell_runs_as_before_and_reports_no_cpu_time()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("exec sh -c 'echo replaced; exit 5'"));

        result.ExitStatus.Should().Be(5);
        RunnerTestContext.OutputLines(result).Should().Equal("replaced");
        result.UserSeconds.Should().BeNull();
        Footer(result).Should().Contain("utime               0").And.Contain("stime               0");
        Directory.GetFileSystemEntries(_context.Runner().FrameDirectoryBase).Should().BeEmpty("the times file goes with the frame's directory");
    }

    [Theory]
    [InlineData("0m0.000000s 0m0.010000s\n0m1.430000s 0m0.250000s\n", 1.43, 0.26)]
    [InlineData("0m0.004s 0m0.008s\n1m2.500s 0m0.000s\n", 62.504, 0.008)]
    public void The_report_of_dash_and_bash_is_read(string report, double user, double system)
    {
        ShellTimes.TryParse(report, out double u, out double s).Should().BeTrue();
        u.Should().BeApproximately(user, 1e-9);
        s.Should().BeApproximately(system, 1e-9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0m0.000000s 0m0.010000s\n")]
    [InlineData("0m0.0s 0m0.0s\n0m1.4s x\n")]
    [InlineData("-1m0.0s 0m0.0s\n0m1.4s 0m0.0s\n")]
    public void A_report_that_is_not_times_output_is_not_read(string report)
    {
        ShellTimes.TryParse(report, out _, out _).Should().BeFalse();
    }

    private static string[] Footer(FrameRunResult result)
    {
        string log = RunnerTestContext.ReadLog(result);
        return log.Substring(log.LastIndexOf("RenderQ Job Complete", StringComparison.Ordinal)).Split('\n');
    }
}
