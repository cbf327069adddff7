using System.Globalization;
using System.Text.Json;
using OpenCue.Cli.Tests.Support;
using OpenCue.Client;
using static OpenCue.Cli.Tests.Support.LocalCueFixture;

namespace OpenCue.Cli.Tests;

/// <summary>A frame's peak memory, measured by LocalCue, reaches the client's CueFrame, the layer and job stats, the log footer and <c>cuerun frames --json</c>.</summary>
[Collection("LocalCue")]
public sealed class FrameMeasurementTests
{
    private const long AtLeast150MbKb = 150 * 1024;
    private readonly LocalCueFixture _cue;

    public FrameMeasurementTests(LocalCueFixture cue) => _cue = cue;

    [Fact]
    public async Task A_frame_holding_200_MB_for_two_seconds_reports_it_everywhere()
    {
        // coreutils tail keeps a pipe's input without a newline whole until end of file: 200 MB held while the writer sleeps.
        string name = _cue.NewName("hold");
        string job = _cue.Launch(_cue.Outline(name, Layer("hold", "sh -c '{ head -c 209715200 /dev/zero; sleep 2; } | tail > /dev/null'", "1-1")));
        var finished = await _cue.WaitFinishedAsync(job);

        var frame = (await _cue.FramesAsync(job)).Single();
        frame.ExitStatus.Should().Be(0);
        frame.MaxRss.Should().BeGreaterThanOrEqualTo(AtLeast150MbKb);
        frame.UsedMemory.Should().Be(0, "a frame that is not running uses nothing");
        finished.Stats.MaxRss.Should().Be(frame.MaxRss);

        var json = JsonDocument.Parse(_cue.Run("frames", job, "--json").Stdout).RootElement;
        json.EnumerateArray().Single().GetProperty("max_rss_kb").GetInt64().Should().Be(frame.MaxRss);

        string log = File.ReadAllText(Path.Combine(finished.LogDirectory, job + ".0001-hold.rqlog"));
        string kb = frame.MaxRss.ToString(CultureInfo.InvariantCulture);
        log.Should().Contain("\nmaxrss              " + kb + "\n").And.Contain("\nmaxrss (KB)         " + kb + "\n");
        AnalyzedMemoryMb(job, "hold").Should().BeGreaterThanOrEqualTo(AtLeast150MbKb / 1024.0);
    }

    [Fact]
    public async Task A_frame_shorter_than_a_memory_sample_reports_its_peak_everywhere()
    {
        // 100 MB more than the embedded LocalCue's own peak (this process: the kernel's figure counts only above it)
        // through a pipe into tail, held until head ends: tens of milliseconds, over before the first sample.
        var buffer = new byte[4096];
        long bytes = (OpenCue.LocalCue.Running.ProcessGroupStats.OwnPeakKb(ref buffer) * 1024) + (100L << 20);
        long atLeastKb = bytes / 1024 * 9 / 10;
        string name = _cue.NewName("brief");
        string job = _cue.Launch(_cue.Outline(name, Layer("brief", "sh -c 'head -c " + bytes.ToString(CultureInfo.InvariantCulture) + " /dev/zero | tail > /dev/null'", "1-1")));
        var finished = await _cue.WaitFinishedAsync(job);

        var frame = (await _cue.FramesAsync(job)).Single();
        frame.ExitStatus.Should().Be(0);
        frame.MaxRss.Should().BeGreaterThanOrEqualTo(atLeastKb);
        finished.Stats.MaxRss.Should().Be(frame.MaxRss);

        var json = JsonDocument.Parse(_cue.Run("frames", job, "--json").Stdout).RootElement;
        json.EnumerateArray().Single().GetProperty("max_rss_kb").GetInt64().Should().Be(frame.MaxRss);

        string log = File.ReadAllText(Path.Combine(finished.LogDirectory, job + ".0001-brief.rqlog"));
        log.Should().Contain("\nmaxrss (KB)         " + frame.MaxRss.ToString(CultureInfo.InvariantCulture) + "\n");
        AnalyzedMemoryMb(job, "brief").Should().BeGreaterThanOrEqualTo(atLeastKb / 1024.0);
    }

    [Fact]
    public async Task A_running_frame_reports_the_memory_its_processes_use_as_used_memory()
    {
        string name = _cue.NewName("using");
        string go = Path.Combine(_cue.Root, name + ".go");
        string job = _cue.Launch(_cue.Outline(name, Layer("use", "sh -c '{ head -c 209715200 /dev/zero; while [ ! -e " + go + " ]; do sleep 0.05; done; } | tail > /dev/null'", "1-1")));
        try
        {
            // Not the reservation (256 MB): what the frame's processes hold now.
            await _cue.WaitForFramesAsync(job, frames => frames.Single() is { UsedMemory: >= AtLeast150MbKb } f && f.UsedMemory != f.ReservedMemory);

            // As on Cuebot, max_rss rises while the frame runs, not only when it ends.
            var running = (await _cue.FramesAsync(job)).Single();
            running.State.Should().Be(FrameState.Running);
            running.MaxRss.Should().BeGreaterThanOrEqualTo(AtLeast150MbKb);
        }
        finally
        {
            File.WriteAllText(go, string.Empty);
        }

        await _cue.WaitFinishedAsync(job);
        var frame = (await _cue.FramesAsync(job)).Single();
        frame.UsedMemory.Should().Be(0);
        frame.MaxRss.Should().BeGreaterThanOrEqualTo(AtLeast150MbKb);
    }

    private double AnalyzedMemoryMb(string job, string layer)
    {
        var analysis = _cue.Run("analyze", job, "--json");
        analysis.ExitCode.Should().Be(0, analysis.Stderr);
        return JsonDocument.Parse(analysis.Stdout).RootElement.GetProperty("layers").EnumerateArray()
            .Single(l => l.GetProperty("layer").GetString() == layer).GetProperty("average_memory_used_mb").GetDouble();
    }
}
