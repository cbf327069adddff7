using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OpenCue.Benchmarks;

/// <summary>
/// The job of the benchmarks that take seconds an operation: one invocation an iteration
/// (<see cref="RunStrategy.Monitoring"/>), one warm-up and seven measured iterations, in process (with a
/// timeout of 30 minutes instead of the in-process toolchain's default).
/// </summary>
public class LongRunningConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public LongRunningConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(7)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithId("Monitoring"));
    }
}
