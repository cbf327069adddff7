using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue;
using OpenCue.Samples.Tutorial.Pipelines;

namespace OpenCue.Samples.Tutorial.Running;

/// <summary>How a local run goes.</summary>
public sealed class LocalRunSettings
{
    /// <summary>Where the scheduler keeps its database and frame logs; null for a new temp directory (kept afterwards, so the logs can be read).</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Keep the scheduler's database in memory (frame logs still go under <see cref="StateDirectory"/>).</summary>
    public bool InMemory { get; set; }

    /// <summary>
    /// Cores the scheduler may book; null for enough: this machine's, at least the largest layer's
    /// minimum (a layer asking for more than the host has could never start), times
    /// <see cref="BookingFactor"/>.
    /// </summary>
    public double? Cores { get; set; }

    /// <summary>Memory the scheduler may book, in MB; null for enough, as <see cref="Cores"/>.</summary>
    public long? MemoryMb { get; set; }

    /// <summary>
    /// How many of the largest layer's frames may run at once, at least, when <see cref="Cores"/> and
    /// <see cref="MemoryMb"/> are automatic (default 1). Booking units are not real load: stand-ins only
    /// sleep, so the sample books 4 with <c>--stand-in</c>.
    /// </summary>
    public int BookingFactor { get; set; } = 1;

    /// <summary>The uid written to the spec (Cuebot refuses 0).</summary>
    public int Uid { get; set; } = 1000;

    /// <summary>How often progress is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gives up after this long (null: never).</summary>
    public TimeSpan? Timeout { get; set; }
}

/// <summary>The result of a local run.</summary>
public sealed class LocalRunResult
{
    /// <summary>0 when every frame (and post job frame) succeeded, 1 otherwise.</summary>
    public int ExitCode { get; init; }

    /// <summary>The conformed job name.</summary>
    public string JobName { get; init; } = string.Empty;

    /// <summary>The scheduler's state directory.</summary>
    public string StateDirectory { get; init; } = string.Empty;

    /// <summary>Where the job's frame logs are.</summary>
    public string LogDirectory { get; init; } = string.Empty;

    /// <summary>How the job ended.</summary>
    public FollowOutcome Outcome { get; init; } = new FollowOutcome();

    /// <summary>The tutorial's analysis of the job.</summary>
    public PipelineAnalysis? Analysis { get; init; }
}

/// <summary>
/// Runs a tutorial pipeline on the embedded local scheduler (<see cref="LocalCuebot"/>): starts it in
/// this process, launches through <see cref="Cuerun"/> exactly as to a Cuebot, follows the job (and
/// its post job) with per-layer progress, prints the tutorial's analytics table, and stops the scheduler.
/// </summary>
public static class LocalRunner
{
    /// <summary>Memory a layer without its own gets from Cuebot's <c>default</c> service, in MB (3355443 KB).</summary>
    private const long DefaultServiceMemoryMb = 3277;

    /// <summary>Runs the job.</summary>
    /// <param name="outline">The job (stand-ins already applied if wanted).</param>
    /// <param name="settings">How.</param>
    /// <param name="output">Where progress and the analysis are printed.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="OpenCue.Authoring.Validation.OutlineValidationException">The outline has errors.</exception>
    public static async Task<LocalRunResult> RunAsync(Outline outline, LocalRunSettings settings, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);

        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Timeout is TimeSpan timeout)
        {
            guard.CancelAfter(timeout);
        }

        var token = guard.Token;
        var stateDirectory = settings.StateDirectory ?? Directory.CreateTempSubdirectory("opencue-tutorial-").FullName;
        var (cores, memoryMb) = Capacity(outline, settings);
        var options = new LocalCueOptions
        {
            StateDirectory = stateDirectory,
            InMemory = settings.InMemory,
            Cores = cores,
            MemoryMb = memoryMb,
        };

        await using var cue = await LocalCuebot.StartAsync(options, token).ConfigureAwait(false);
        await output.WriteLineAsync("Local scheduler on " + cue.Address + ", booking " + cores + " cores and " + memoryMb + " MB (booking units, not a measure of this machine).").ConfigureAwait(false);
        await output.WriteLineAsync("State and frame logs under " + stateDirectory).ConfigureAwait(false);

        using var api = CueApi.ForHosts(cue.Address);
        var job = await Launcher.LaunchAsync(outline, new LaunchOptions { Api = api, Uid = settings.Uid }, token).ConfigureAwait(false);
        await output.WriteLineAsync("Launched " + job.Name + " (" + outline.GetLayers().Count + " layers); frame logs in " + job.LogDirectory).ConfigureAwait(false);

        var hasPost = outline.GetLayers().Any(l => l.Type == LayerType.Post);
        var outcome = await Following.FollowAsync(api, job, hasPost, killOnDead: true, settings.PollInterval, output, token).ConfigureAwait(false);

        await output.WriteLineAsync().ConfigureAwait(false);
        var analysis = await PerformanceMonitoring.AnalyzePipelinePerformance(api, job.Name, output, token).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Frame logs: " + job.LogDirectory).ConfigureAwait(false);

        return new LocalRunResult
        {
            ExitCode = outcome.Succeeded ? 0 : 1,
            JobName = job.Name,
            StateDirectory = stateDirectory,
            LogDirectory = job.LogDirectory,
            Outcome = outcome,
            Analysis = analysis,
        };
    }

    /// <summary>The cores and memory the scheduler books: the settings', or enough for the largest layer.</summary>
    /// <param name="outline">The job.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>Cores and MB.</returns>
    public static (double Cores, long MemoryMb) Capacity(Outline outline, LocalRunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(settings);
        var layers = outline.GetLayers();
        var factor = Math.Max(1, settings.BookingFactor);
        var largestCores = layers.Count == 0 ? 1 : layers.Max(l => l.MinCores ?? 1);
        var largestMemory = layers.Count == 0 ? DefaultServiceMemoryMb : layers.Max(l => l.MinMemoryMegabytes ?? DefaultServiceMemoryMb);
        var machineMemory = Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024));
        var cores = settings.Cores ?? Math.Max(Environment.ProcessorCount, Math.Ceiling(largestCores)) * factor;
        var memory = settings.MemoryMb ?? Math.Max(machineMemory, largestMemory) * factor;
        return (cores, memory);
    }
}
