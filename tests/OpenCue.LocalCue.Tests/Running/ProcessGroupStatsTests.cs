using System.Globalization;
using System.Threading.Tasks;
using OpenCue.LocalCue.Running;

namespace OpenCue.LocalCue.Tests.Running;

/// <summary>The memory sample walks the frame's own process tree and counts what RQD's whole-/proc scan counts.</summary>
public sealed class ProcessGroupStatsTests : IDisposable
{
    private readonly RunnerTestContext _context = new RunnerTestContext();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task The_tree_walk_counts_a_grandchild_and_leaves_out_a_descendant_in_its_own_session_as_the_scan_does()
    {
        string grandchildFile = Path.Combine(_context.Root, "grandchild.pid");
        string ownSessionFile = Path.Combine(_context.Root, "own-session.pid");

        // frame sh -> sh -c -> sleep (a grandchild, in the frame's session); frame sh -> setsid sleep (its own session).
        var request = _context.Request(
            $"sh -c 'sleep 1000 & echo $! > {grandchildFile}.tmp && mv {grandchildFile}.tmp {grandchildFile}; wait' & " +
            $"setsid sleep 1000 & echo $! > {ownSessionFile}.tmp && mv {ownSessionFile}.tmp {ownSessionFile}; wait");
        IRunningFrame frame = _context.Runner().Start(request);
        int grandchild = int.Parse(await RunnerTestContext.WaitForFileAsync(grandchildFile), CultureInfo.InvariantCulture);
        int ownSession = int.Parse(await RunnerTestContext.WaitForFileAsync(ownSessionFile), CultureInfo.InvariantCulture);
        try
        {
            int session = frame.ProcessId;
            ProcessGroupStats.TryReadStat(Proc(grandchild), out int grandchildSession, out long grandchildPages).Should().BeTrue();
            grandchildSession.Should().Be(session);
            ProcessGroupStats.TryReadStat(Proc(session), out _, out long leaderPages).Should().BeTrue();
            await WaitUntilInOwnSessionAsync(ownSession);

            // The processes only sleep, so both ways of sampling see the same pages; a few tries absorb a page fault in between.
            var buffer = new byte[64];
            long tree = 0;
            long scan = -1;
            for (int attempt = 0; attempt < 5 && tree != scan; attempt++)
            {
                ProcessGroupStats.TrySampleTree(session, ref buffer, out SessionSample sample).Should().BeTrue("this kernel has /proc/<pid>/task/<tid>/children");
                tree = Math.Max(sample.RssKb, sample.PeakKb);
                scan = ProcessGroupStats.SampleByScan(session, ref buffer);
            }

            tree.Should().Be(scan);
            long pageKb = Environment.SystemPageSize / 1024;
            tree.Should().BeGreaterThanOrEqualTo((grandchildPages + leaderPages) * pageKb);
            ProcessGroupStats.SampleMaxRssKb(session).Should().BeGreaterThan(0);
        }
        finally
        {
            frame.Kill("test over");
            await frame.Completion.WaitAsync(RunnerTestContext.Guard);
            RunnerTestContext.KillQuietly(grandchild);
            RunnerTestContext.KillQuietly(ownSession);
        }
    }

    [Fact]
    public async Task The_peak_memory_of_a_grandchild_is_the_frames_maxrss()
    {
        // About 30 MB held by a grandchild of the frame's shell (frame sh -> sh -c -> sh alloc.sh) for a second.
        string script = Path.Combine(_context.Root, "alloc.sh");
        File.WriteAllText(script, "x=$(head -c 30000000 /dev/zero | tr '\\0' a)\nsleep 1\necho ${#x}\n");

        FrameRunResult result = await _context.RunAsync(_context.Request($"sh -c 'sh {script}'"));

        result.ExitStatus.Should().Be(0);
        RunnerTestContext.OutputLines(result).Should().Equal("30000000");
        result.MaxRssKb.Should().BeGreaterThan(29000);
    }

    [Fact]
    public void A_session_that_does_not_exist_samples_as_zero()
    {
        ProcessGroupStats.SampleMaxRssKb(0).Should().Be(0);
        ProcessGroupStats.SampleMaxRssKb(int.MaxValue).Should().Be(0);
    }

    [Fact]
    public async Task The_first_sample_waits_for_the_first_tick()
    {
        // With a sample interval far longer than the frame, nothing is sampled: the start pays for no /proc reads.
        _context.Options.RssSampleInterval = TimeSpan.FromHours(1);

        FrameRunResult result = await _context.RunAsync(_context.Request("true"));

        result.ExitStatus.Should().Be(0);
        result.MaxRssKb.Should().Be(0);
    }

    private static string Proc(int pid) => "/proc/" + pid.ToString(CultureInfo.InvariantCulture);

    private static async Task WaitUntilInOwnSessionAsync(int pid)
    {
        // setsid forks or execs; wait until the sleep leads its own session.
        using var guard = new CancellationTokenSource(RunnerTestContext.Guard);
        while (!(ProcessGroupStats.TryReadStat(Proc(pid), out int session, out _) && session == pid))
        {
            await Task.Delay(20, guard.Token);
        }
    }
}
