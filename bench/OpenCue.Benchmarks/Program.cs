using System;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OpenCue.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/OpenCue.Benchmarks -- [BenchmarkDotNet arguments]</c>
/// (e.g. <c>--filter '*Spec*'</c>), or <c>-- --scheduler [dispatch|depends]</c>, or <c>-- --memory</c>.
/// BenchmarkDotNet runs in process unless <c>--outOfProcess</c> is given: this program is already a
/// Release build, and the out-of-process toolchain would rebuild the whole solution in place.
/// </summary>
public static class Program
{
    /// <summary>Runs the selected benchmarks.</summary>
    /// <param name="args">Arguments.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--scheduler")
        {
            return await SchedulerHarness.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "--memory")
        {
            return await MemoryHarness.RunAsync(args.Skip(1).ToArray()).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "--child")
        {
            return await MemoryHarness.ChildAsync(args.Skip(1).ToArray()).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "--loop")
        {
            return ProfileLoop.Run(args.Skip(1).ToArray());
        }

        // In process by default: this program is already a Release build, and BenchmarkDotNet's
        // out-of-process toolchain would generate and build another project around the solution.
        // A job from the command line (--job short) gets --inProcess; otherwise a default in-process
        // job applies to the classes without a job of their own.
        var outOfProcess = args.Contains("--outOfProcess");
        var forwarded = args.Where(a => a != "--outOfProcess").ToList();
        var jobOnCommandLine = forwarded.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
        IConfig config = DefaultConfig.Instance;
        if (!outOfProcess)
        {
            if (jobOnCommandLine && !forwarded.Contains("--inProcess") && !forwarded.Contains("-i"))
            {
                forwarded.Add("--inProcess");
            }
            else if (!jobOnCommandLine)
            {
                config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault());
            }
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(forwarded.ToArray(), config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
