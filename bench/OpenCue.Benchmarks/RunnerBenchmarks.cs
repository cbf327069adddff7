using System;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Running;

namespace OpenCue.Benchmarks;

/// <summary>
/// Diagnostics for issue benchmark 3: what a memory sample of a running frame costs LocalCue's runner,
/// for a frame-like session (a shell leading its own session, with two children).
/// <see cref="ProcStatScan"/> is RQD's way, which the runner used to take for every frame as it started:
/// read /proc/N/stat of every process on the machine to find the frame's session.
/// <see cref="TreeWalk"/> is what the runner does now, at each sample tick: walk the session leader's
/// process tree (/proc/&lt;pid&gt;/task/&lt;tid&gt;/children), O(the frame's processes and threads).
/// </summary>
[MemoryDiagnoser]
public class RunnerBenchmarks
{
    private byte[] _buffer = new byte[4096];
    private Process? _frame;

    /// <summary>Starts the frame-like session; prints how many processes the scan reads.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var info = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false };
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("sleep 600 & sleep 600 & wait");
        _frame = Process.Start(info)!;
        System.Threading.Thread.Sleep(200);
        Console.WriteLine("// processes in /proc: " + System.IO.Directory.GetDirectories("/proc").Length + "; frame session " + _frame.Id);
    }

    /// <summary>Ends the session.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_frame != null)
        {
            NativeMethods.KillProcessGroup(_frame.Id, out _);
            _frame.WaitForExit();
            _frame.Dispose();
        }
    }

    /// <summary>One sample of the session by scanning every process.</summary>
    [Benchmark]
    public long ProcStatScan() => ProcessGroupStats.SampleByScan(_frame!.Id, ref _buffer);

    /// <summary>One sample of the session by walking its leader's process tree.</summary>
    [Benchmark]
    public long TreeWalk() => ProcessGroupStats.TrySampleTree(_frame!.Id, ref _buffer, out SessionSample sample) ? Math.Max(sample.RssKb, sample.PeakKb) : -1;
}
