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

    [Fact]
    public async Task A_frame_shorter_than_a_sample_reports_its_peak()
    {
        // 100 MB more than LocalCue's own peak (the kernel's figure counts only above it) through a pipe into tail,
        // which holds it until end of file: a frame of some tens of milliseconds, over before the first sample.
        // Its peak comes from the kernel when the frame's leader is reaped.
        long bytes = BriefFrameBytes();
        FrameRunResult result = await _context.RunAsync(_context.Request(BriefFrameCommand(bytes)));

        result.ExitStatus.Should().Be(0);
        result.MaxRssKb.Should().BeGreaterThanOrEqualTo(bytes / 1024 * 9 / 10);
        string kb = result.MaxRssKb.ToString(CultureInfo.InvariantCulture);
        RunnerTestContext.ReadLog(result).Should().Contain("\nmaxrss              " + kb + "\n").And.Contain("\nmaxrss (KB)         " + kb + "\n");
    }

    /// <summary>100 MB more than this process's peak so far: a brief frame that allocates that much is measured exactly.</summary>
    internal static long BriefFrameBytes()
    {
        var buffer = new byte[4096];
        return (ProcessGroupStats.OwnPeakKb(ref buffer) * 1024) + (100L << 20);
    }

    /// <summary>A frame of some tens of milliseconds whose tail holds <paramref name="bytes"/> until end of file.</summary>
    internal static string BriefFrameCommand(long bytes) =>
        "head -c " + bytes.ToString(CultureInfo.InvariantCulture) + " /dev/zero | tail > /dev/null";

    [Theory]
    [InlineData("exit 7", 7)]
    [InlineData("true\nfalse", 1)]
    [InlineData("sh -c 'exit 3'", 3)]
    [InlineData("set -C; exit 4", 4)]
    [InlineData("trap 'echo own trap' EXIT; exit 6", 6)]
    [InlineData("exec sh -c 'exit 5'", 5)]
    [InlineData("kill -9 $$", 137)]
    public async Task Cpu_time_is_reported_whatever_the_command_does_and_its_exit_status_is_kept(string command, int status)
    {
        FrameRunResult result = await _context.RunAsync(_context.Request(command));

        result.ExitStatus.Should().Be(status);
        result.UserSeconds.Should().NotBeNull("the kernel reports the leader's CPU when it is reaped, whatever the shell ran");
        result.SystemSeconds.Should().NotBeNull();
    }

    [Fact]
    public async Task The_commands_line_numbers_are_its_own()
    {
        FrameRunResult result = await _context.RunAsync(_context.Request("true\nno-such-command-here\ntrue"));

        RunnerTestContext.OutputLines(result).Should().ContainSingle().Which.Should().MatchRegex(": 2: no-such-command-here: not found$");
    }

    [Fact]
    public async Task A_frame_cannot_forge_its_figures_and_leaves_no_report_file()
    {
        TestUsers.RequireRoot();

        // The figures are the kernel's, read by LocalCue when it reaps the frame: nothing the frame's user writes
        // (a report file beside its directory as the shell's times used to write, footer lines of its own) is read.
        FrameRunResult result = await _context.RunAsync(_context.Request(
            "{ printf '99m0.0s 99m0.0s\\n99m0.0s 99m0.0s\\n' > \"$PWD.times\"; } 2>/dev/null || echo not-written\n"
            + "echo 'utime               5999.00'\n"
            + "id -u"));

        result.ExitStatus.Should().Be(0);
        RunnerTestContext.OutputLines(result).Should().Equal(
            "not-written", "utime               5999.00", TestUsers.FrameUid.ToString(CultureInfo.InvariantCulture));
        result.UserSeconds.Should().BeLessThan(60);
        result.SystemSeconds.Should().BeLessThan(60);
        Directory.GetFileSystemEntries(_context.Runner().FrameDirectoryBase).Should().BeEmpty("nothing of the frame is left beside its directory");
    }

    private static string[] Footer(FrameRunResult result)
    {
        string log = RunnerTestContext.ReadLog(result);
        return log.Substring(log.LastIndexOf("RenderQ Job Complete", StringComparison.Ordinal)).Split('\n');
    }
}
