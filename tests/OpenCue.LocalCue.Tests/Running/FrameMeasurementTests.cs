using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.LocalCue.Running;

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
}
