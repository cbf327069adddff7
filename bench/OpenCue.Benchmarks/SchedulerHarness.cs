using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.LocalCue.Running;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Benchmarks;

/// <summary>
/// Issue benchmark 3, a Stopwatch harness (<c>-- --scheduler</c>): each run takes seconds and starts
/// thousands of processes, so BenchmarkDotNet's many iterations would take an hour and its
/// statistics add nothing to a ratio measured in alternating rounds.
/// <list type="bullet">
/// <item><c>dispatch</c>: 2,000 frames of <c>true</c> (one layer, chunk 1, 1 core a frame) through LocalCue with
/// Cores = parallelism, against a plain loop starting the same 2,000 processes the way the runner does
/// (command file, <c>setsid /bin/sh cmdfile</c>, fresh environment, pipes drained, command file
/// deleted) with the same parallelism; rounds alternate plain / LocalCue. Target: LocalCue within 1.3x.</item>
/// <item><c>depends</c>: jobs of 1,000 / 10,000 / 100,000 frames run with a runner that ends every frame at
/// once, in three shapes (a FrameByFrame chain of 50-frame layers, two layers FrameByFrame, one layer
/// without depends): the scheduler's cost per completed frame must not grow with job size.</item>
/// </list>
/// </summary>
internal static class SchedulerHarness
{
    private static bool DisposePipes { get; set; }

    /// <summary>With <c>--keep-state</c>: LocalCue state directories (database, frame logs) deleted at the end of the run, not after each round.</summary>
    private static List<string>? KeptRoots { get; set; }

    public static async Task<int> RunAsync(string[] args)
    {
        var part = "all";
        var frames = 2000;
        var parallelism = Environment.ProcessorCount;
        var rounds = 3;
        var inMemory = false;
        var sizes = new[] { 1000, 10_000, 100_000 };
        var shapes = new[] { "chain50", "wide2", "flat" };
        var instrument = false;
        var offload = false;
        var plainOnly = false;
        var freshLogs = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
            switch (args[i])
            {
                case "dispatch":
                case "depends":
                case "all": part = args[i]; break;
                case "--frames": frames = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--parallelism": parallelism = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--store": inMemory = Value() == "memory"; break;
                case "--sizes": sizes = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--shapes": shapes = Value().Split(','); break;
                case "--instrument": instrument = true; break;
                case "--offload": offload = true; break;
                case "--plain-only": plainOnly = true; break;
                case "--fresh-logs": freshLogs = true; break;
                case "--keep-state": KeptRoots = new List<string>(); break;
                case "--dispose-pipes": DisposePipes = true; break;
                default:
                    Console.Error.WriteLine("usage: --scheduler [dispatch|depends|all] [--frames N] [--parallelism P] [--rounds R] [--store file|memory] [--sizes 1000,10000,100000] [--shapes chain50,wide2,flat] [--instrument] [--offload] [--plain-only] [--fresh-logs] [--keep-state] [--dispose-pipes]");
                    return 2;
            }
        }

        Console.WriteLine("# machine: " + Environment.ProcessorCount + " cores, load " + LoadAverage() + ", " + DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture));
        if (part is "dispatch" or "all")
        {
            if (plainOnly)
            {
                var scratch = Directory.CreateTempSubdirectory("opencue-bench-plain-").FullName;
                for (var r = 0; r < rounds; r++)
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var seconds = await PlainLoopAsync(frames, parallelism, scratch, false).ConfigureAwait(false);
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    Console.WriteLine($"plain loop{(DisposePipes ? " (pipes disposed)" : string.Empty)}: {seconds:F2} s, CPU of this process {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s");
                }

                Directory.Delete(scratch, true);
            }
            else if (instrument)
            {
                await InstrumentedDispatchAsync(frames, parallelism, rounds, inMemory, offload).ConfigureAwait(false);
            }
            else
            {
                await DispatchAsync(frames, parallelism, rounds, inMemory, offload, freshLogs).ConfigureAwait(false);
            }
        }

        if (part is "depends" or "all")
        {
            await DependsAsync(sizes, shapes, Math.Max(1, rounds - 1), inMemory).ConfigureAwait(false);
        }

        foreach (var root in KeptRoots ?? new List<string>())
        {
            Directory.Delete(root, true);
        }

        return 0;
    }

    /// <param name="freshLogs">The plain+log variant creates its log files anew every round, in a directory deleted after
    /// the round, as LocalCue creates every frame's log (by default it overwrites the files of the round before).</param>
    private static async Task DispatchAsync(int frames, int parallelism, int rounds, bool inMemory, bool offload, bool freshLogs)
    {
        Console.WriteLine($"## dispatch: {frames} frames of `true`, parallelism {parallelism}, LocalCue store {(inMemory ? "memory" : "file")}{(offload ? ", EXPERIMENT: starts offloaded from the dispatch thread" : string.Empty)}");
        var scratch = Directory.CreateTempSubdirectory("opencue-bench-plain-").FullName;
        try
        {
            // Warm-up: JIT, page cache, the first Kestrel start.
            await PlainLoopAsync(100, parallelism, scratch, false).ConfigureAwait(false);
            await LocalCueRunAsync(ReferenceJob.Chain(1, 100, chained: false), parallelism, inMemory, RealRunner(offload)).ConfigureAwait(false);

            var plain = new List<double>();
            var plainLog = new List<double>();
            var local = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                var p = await PlainLoopAsync(frames, parallelism, scratch, false).ConfigureAwait(false);
                var pl = freshLogs ? await FreshLogLoopAsync(frames, parallelism).ConfigureAwait(false) : await PlainLoopAsync(frames, parallelism, scratch, true).ConfigureAwait(false);
                var (l, intake) = await LocalCueRunAsync(ReferenceJob.Chain(1, frames, chained: false), parallelism, inMemory, RealRunner(offload)).ConfigureAwait(false);
                plain.Add(p);
                plainLog.Add(pl);
                local.Add(l);
                Console.WriteLine($"round {r + 1}: plain {p:F2} s, plain+log file {pl:F2} s, LocalCue {l:F2} s (intake {intake * 1000:F0} ms), load {LoadAverage()}");
            }

            var mp = ReferenceJob.Median(plain);
            var mpl = ReferenceJob.Median(plainLog);
            var ml = ReferenceJob.Median(local);
            Console.WriteLine($"median: plain {mp:F2} s ({mp / frames * 1e3:F2} ms/frame), plain+log{(freshLogs ? " (fresh files)" : string.Empty)} {mpl:F2} s, LocalCue {ml:F2} s ({ml / frames * 1e3:F2} ms/frame)");
            Console.WriteLine($"ratio LocalCue / plain = {ml / mp:F2}x; LocalCue / plain+log = {ml / mpl:F2}x (target <= 1.3x)");
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    /// <summary>LocalCue alone with the real runner wrapped in a <see cref="TimingRunner"/>: where the time goes.</summary>
    private static async Task InstrumentedDispatchAsync(int frames, int parallelism, int rounds, bool inMemory, bool offload)
    {
        Console.WriteLine($"## dispatch, instrumented: {frames} frames of `true`, parallelism {parallelism}, LocalCue store {(inMemory ? "memory" : "file")}{(offload ? ", starts offloaded from the dispatch thread" : string.Empty)}");
        for (var r = 0; r < rounds; r++)
        {
            var timing = new TimingRunner(RealRunner(false));
            var (seconds, intake) = await LocalCueRunAsync(ReferenceJob.Chain(1, frames, chained: false), parallelism, inMemory, offload ? new OffloadingRunner(timing) : timing).ConfigureAwait(false);
            var wall = (seconds - intake) * 1000;
            Console.WriteLine($"round {r + 1}: {seconds:F2} s (intake {intake * 1000:F0} ms); IFrameRunner.Start {timing.StartMs / timing.Starts:F2} ms a frame (on pool threads, in parallel), " +
                $"{timing.StartMs / wall * 100:F0}% of the run; Start to completion {timing.LifeMs / timing.Starts:F2} ms a frame; " +
                $"slots busy {timing.LifeMs / (wall * parallelism) * 100:F0}%; most running at once {timing.MaxConcurrent}; load {LoadAverage()}");
        }
    }

    private static async Task DependsAsync(int[] sizes, string[] shapes, int rounds, bool inMemory)
    {
        Console.WriteLine($"## depends: no-op runner, LocalCue store {(inMemory ? "memory" : "file")}, 2 cores, best of {rounds}");
        Console.WriteLine("| shape | frames | layers | intake ms | run s | us/frame |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");

        // Warm-up.
        await LocalCueRunAsync(ReferenceJob.Chain(4, 50), 2, inMemory, new NoOpRunner()).ConfigureAwait(false);
        foreach (var shape in shapes)
        {
            foreach (var size in sizes)
            {
                var (layers, perLayer, chained) = shape switch
                {
                    "chain50" => (size / 50, 50, true),
                    "wide2" => (2, size / 2, true),
                    "flat" => (1, size, false),
                    _ => throw new ArgumentException("unknown shape " + shape),
                };
                var best = double.MaxValue;
                var bestIntake = 0.0;
                for (var r = 0; r < rounds; r++)
                {
                    var (seconds, intake) = await LocalCueRunAsync(ReferenceJob.Chain(layers, perLayer, chained: chained), 2, inMemory, new NoOpRunner()).ConfigureAwait(false);
                    var run = seconds - intake;
                    if (run < best)
                    {
                        best = run;
                        bestIntake = intake;
                    }
                }

                Console.WriteLine($"| {shape} | {size} | {layers} | {bestIntake * 1000:F0} | {best:F2} | {best / size * 1e6:F1} |");
            }
        }
    }

    /// <summary>The runner LocalCue uses by default (its options as LocalCuebot sets them), optionally offloaded.</summary>
    private static IFrameRunner RealRunner(bool offload)
    {
        var runner = new ProcessFrameRunner(new FrameRunnerOptions { HostName = Environment.MachineName });
        return offload ? new OffloadingRunner(runner) : runner;
    }

    /// <summary>Launches the outline over gRPC, waits in process for the job to finish; (seconds from launch, seconds of intake).</summary>
    private static async Task<(double Seconds, double Intake)> LocalCueRunAsync(Outline outline, int cores, bool inMemory, IFrameRunner? runner)
    {
        var spec = outline.ToSpec(ReferenceJob.Options());
        await using var fixture = await LocalCueFixture.StartAsync(inMemory, cores, runner).ConfigureAwait(false);
        if (KeptRoots != null)
        {
            fixture.DeleteRoot = false;
            KeptRoots.Add(fixture.Root);
        }
        var watch = Stopwatch.StartNew();
        var job = (await fixture.Api.LaunchSpecAndWaitAsync(spec).ConfigureAwait(false)).Single();
        var intake = watch.Elapsed.TotalSeconds;
        var scheduler = fixture.Cue.Scheduler;
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        OpenCue.LocalCue.Scheduling.JobSnapshot state;
        while ((state = scheduler.GetJob(job.Id)).State != PbJob.JobState.Finished)
        {
            ReferenceJob.Check(state.Counts.Dead == 0, "a frame died; see " + fixture.Root);
            await Task.Delay(2, guard.Token).ConfigureAwait(false);
        }

        watch.Stop();
        ReferenceJob.Check(state.Counts.Succeeded == state.Counts.Total, "not every frame succeeded");
        return (watch.Elapsed.TotalSeconds, intake);
    }

    /// <summary>The plain loop with a log file per frame created anew, in a directory made for the round and deleted after it.</summary>
    private static async Task<double> FreshLogLoopAsync(int frames, int parallelism)
    {
        var directory = Directory.CreateTempSubdirectory("opencue-bench-plainlog-").FullName;
        try
        {
            return await PlainLoopAsync(frames, parallelism, directory, true).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    /// <summary>Starts the processes as the runner does, <paramref name="parallelism"/> at a time.</summary>
    private static async Task<double> PlainLoopAsync(int frames, int parallelism, string directory, bool logFile)
    {
        var next = -1;
        var failures = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < frames)
            {
                if (await RunOneAsync(i, directory, logFile).ConfigureAwait(false) != 0)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        watch.Stop();
        ReferenceJob.Check(failures == 0, failures + " plain processes failed");
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task<int> RunOneAsync(int index, string directory, bool logFile)
    {
        var command = Path.Combine(directory, "rqd-cmd-" + index.ToString(CultureInfo.InvariantCulture));
        await File.WriteAllTextAsync(command, "true", new UTF8Encoding(false)).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(command, (UnixFileMode)0x1FF);
        }
        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add(command);
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        info.Environment["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/";
        info.Environment["CUE_FRAME"] = index.ToString(CultureInfo.InvariantCulture);
        FileStream? log = logFile ? new FileStream(Path.Combine(directory, "frame-" + index.ToString(CultureInfo.InvariantCulture) + ".rqlog"), FileMode.Create) : null;
        try
        {
            using var process = Process.Start(info)!;
            process.StandardInput.Close();
            var pumps = Task.WhenAll(PumpAsync(process.StandardOutput.BaseStream, log), PumpAsync(process.StandardError.BaseStream, log));
            await process.WaitForExitAsync().ConfigureAwait(false);
            await pumps.ConfigureAwait(false);
            if (DisposePipes)
            {
                process.StandardOutput.Dispose();
                process.StandardError.Dispose();
            }

            return process.ExitCode;
        }
        finally
        {
            if (log != null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }

            File.Delete(command);
        }
    }

    private static async Task PumpAsync(Stream stream, FileStream? log)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (log != null)
            {
                lock (log)
                {
                    log.Write(buffer, 0, read);
                }
            }
        }
    }

    internal static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
