using System;
using BenchmarkDotNet.Attributes;
using OpenCue.LocalCue.Running;

namespace OpenCue.Benchmarks
{
    /// <summary>
    /// Diagnostics for issue benchmark 3: what a frame start costs LocalCue's runner besides the
    /// process itself. <see cref="ProcStatScan"/> is the memory sample every frame takes as it starts
    /// (it reads /proc/N/stat of every process on the machine to find the frame's session), which
    /// runs on the scheduler's dispatch thread.
    /// </summary>
    [MemoryDiagnoser]
    public class RunnerBenchmarks
    {
        /// <summary>Processes on the machine now (the scan is linear in them).</summary>
        [GlobalSetup]
        public void Setup() => Console.WriteLine("// processes in /proc: " + System.IO.Directory.GetDirectories("/proc").Length);

        /// <summary>One memory sample of a session (this process's).</summary>
        [Benchmark]
        public long ProcStatScan() => ProcessGroupStats.SampleMaxRssKb(Environment.ProcessId);
    }
}
