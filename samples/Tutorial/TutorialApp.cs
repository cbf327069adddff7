using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Validation;
using OpenCue.Client;
using OpenCue.LocalCue;
using OpenCue.Samples.Tutorial.Pipelines;
using OpenCue.Samples.Tutorial.Running;

namespace OpenCue.Samples.Tutorial;

/// <summary>The sample's command line: show, print, launch or run a tutorial pipeline; analyze a job.</summary>
public static class TutorialApp
{
    /// <summary>Cuebot refuses jobs whose spec carries uid 0; this one is written instead when running as root.</summary>
    public const int RootReplacementUid = 1000;

    /// <summary>Runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Normal output.</param>
    /// <param name="stderr">Warnings and errors.</param>
    /// <param name="cancellationToken">Stops a launch or run.</param>
    /// <returns>0 success, 1 the job failed or could not be launched, 2 usage.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Length == 1 && args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(TutorialCommand.Usage).ConfigureAwait(false);
            return 0;
        }

        TutorialCommand command;
        Outline? outline = null;
        try
        {
            command = TutorialCommand.Parse(args);
            if (command.Pipeline != null)
            {
                outline = BuildOutline(command);
            }
        }
        catch (Exception e) when (e is UsageException or FormatException)
        {
            await stderr.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            await stderr.WriteLineAsync(TutorialCommand.Usage).ConfigureAwait(false);
            return 2;
        }

        try
        {
            if (command.Verb == "list")
            {
                await ListAsync(stdout).ConfigureAwait(false);
                return 0;
            }

            if (command.Verb == "analyze")
            {
                using var api = CueApi.ForHosts(command.Server!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                await PerformanceMonitoring.AnalyzePipelinePerformance(api, command.JobName!, stdout, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            return await RunPipelineAsync(command, outline!, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (OutlineValidationException e)
        {
            await stderr.WriteLineAsync("error: the job does not validate:\n" + e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (CueException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// The outline a command asks for: the pipeline, with its frame range narrowed by <c>--range</c>,
    /// optimized by <c>--optimize</c>, and with stand-ins by <c>--stand-in</c>.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <returns>The outline.</returns>
    public static Outline BuildOutline(TutorialCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var pipeline = command.Pipeline ?? throw new ArgumentException("The command names no pipeline.", nameof(command));
        var isShot = pipeline.Name == "vfx-shot";

        // For vfx-shot the range is the function's frame_range argument; for the others it is the
        // launcher's range (pycuerun --range): each layer runs the part of its own range inside it.
        var outline = pipeline.Create(new PipelineArguments(command.Shot, isShot ? command.Range : null));
        if (!isShot && command.Range != null)
        {
            outline.SetFrameRange(command.Range);
        }

        if (command.Optimize)
        {
            ResourceOptimization.Optimize(outline);
        }

        if (command.StandIn)
        {
            var options = new StandInOptions { EventsFile = command.EventsFile };
            if (command.StandInDelay is TimeSpan delay)
            {
                options.Delay = delay;
            }

            foreach (var fail in command.FailFrames)
            {
                options.FailFrames.Add(fail);
            }

            StandIn.Apply(outline, options);
        }

        return outline;
    }

    /// <summary>The uid to write: this process's, or <see cref="RootReplacementUid"/> for root.</summary>
    /// <returns>The uid.</returns>
    public static int SpecUid()
    {
        var uid = new SpecWriterOptions().EffectiveUid();
        return uid == 0 ? RootReplacementUid : uid;
    }

    /// <summary>
    /// Run as root, the embedded scheduler runs every frame as the spec's uid (<see cref="RootReplacementUid"/>),
    /// never as root: the stand-ins append to the events file as that uid, so it is created and given to it.
    /// </summary>
    private static async Task GiveEventsFileToFramesAsync(string? eventsFile, int uid, TextWriter stdout)
    {
        if (eventsFile is null || !FrameOwnership.FramesRunAs(uid))
        {
            return;
        }

        var path = Path.GetFullPath(eventsFile);
        await File.AppendAllTextAsync(path, string.Empty).ConfigureAwait(false);
        FrameOwnership.GiveTo(path, uid);
        await stdout.WriteLineAsync("Frames run as uid " + uid + ", not as root, so the events file " + path + " now belongs to uid " + uid + ".").ConfigureAwait(false);
    }

    private static async Task<int> RunPipelineAsync(TutorialCommand command, Outline outline, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var uid = SpecUid();
        var specOptions = new LaunchOptions { Uid = uid }.ToSpecWriterOptions();
        var validation = outline.Validate(specOptions);
        foreach (var warning in validation.Warnings)
        {
            await stderr.WriteLineAsync(warning.ToString()).ConfigureAwait(false);
        }

        if (!validation.IsValid)
        {
            await stderr.WriteLineAsync("error: the job does not validate:\n" + string.Join("\n", validation.Errors)).ConfigureAwait(false);
            return 1;
        }

        if (command.Spec)
        {
            await stdout.WriteLineAsync(outline.ToSpec(specOptions)).ConfigureAwait(false);
        }

        if (command.Local)
        {
            await GiveEventsFileToFramesAsync(command.EventsFile, uid, stdout).ConfigureAwait(false);
            var settings = new LocalRunSettings
            {
                StateDirectory = command.StateDirectory,
                Cores = command.Cores,
                MemoryMb = command.MemoryMb,
                BookingFactor = command.StandIn ? 4 : 1,
                Uid = uid,
            };
            var result = await LocalRunner.RunAsync(outline, settings, stdout, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0 && !command.StandIn)
            {
                await stderr.WriteLineAsync("Frames failed. The tutorial's programs (blender, maya, nuke, houdini, /shared scripts) are probably not on this machine: add --stand-in.").ConfigureAwait(false);
            }

            await stdout.WriteLineAsync(result.ExitCode == 0 ? "Every frame succeeded." : "The job did not succeed; see the dead frames and their logs above.").ConfigureAwait(false);
            return result.ExitCode;
        }

        if (command.Server != null)
        {
            using var api = CueApi.ForHosts(command.Server.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var job = await Launcher.LaunchAsync(outline, new LaunchOptions { Api = api, Uid = uid }, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync("Launched " + job.Name + " on " + command.Server + ".").ConfigureAwait(false);
            if (!command.Wait)
            {
                await stdout.WriteLineAsync("Analyze it later with: dotnet run --project samples/Tutorial -- analyze " + job.Name + " --server " + command.Server).ConfigureAwait(false);
                return 0;
            }

            var hasPost = outline.GetLayers().Any(l => l.Type == LayerType.Post);
            var outcome = await Following.FollowAsync(api, job, hasPost, killOnDead: false, TimeSpan.FromSeconds(2), stdout, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync().ConfigureAwait(false);
            await PerformanceMonitoring.AnalyzePipelinePerformance(api, job.Name, stdout, cancellationToken).ConfigureAwait(false);
            return outcome.Succeeded ? 0 : 1;
        }

        if (!command.Spec)
        {
            await DescribeAsync(command.Pipeline!, outline, stdout).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task ListAsync(TextWriter stdout)
    {
        var width = PipelineCatalog.All.Max(p => p.Name.Length);
        foreach (var pipeline in PipelineCatalog.All)
        {
            await stdout.WriteLineAsync(pipeline.Name.PadRight(width) + "  " + pipeline.Description).ConfigureAwait(false);
        }
    }

    private static async Task DescribeAsync(PipelineEntry pipeline, Outline outline, TextWriter stdout)
    {
        await stdout.WriteLineAsync(pipeline.Name + " (the tutorial's " + pipeline.Function + "): job " + outline.GetConformedJobName()).ConfigureAwait(false);
        var layers = outline.GetLayers();
        var width = Math.Max(5, layers.Max(l => l.Name.Length));
        await stdout.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, "  {0}  {1,-8} {2,5} {3,5} {4,7}  {5,-10} {6}", "layer".PadRight(width), "range", "chunk", "cores", "memory", "service", "waits for")).ConfigureAwait(false);
        foreach (var layer in layers)
        {
            var depends = string.Join(", ", layer.GetDepends().Select(d => d.DependOnLayer.Name + " (" + d.Type + ")"));
            if (layer.Type == LayerType.Post)
            {
                depends = "the whole job (post job)";
            }

            await stdout.WriteLineAsync(string.Format(
                CultureInfo.InvariantCulture,
                "  {0}  {1,-8} {2,5} {3,5} {4,7}  {5,-10} {6}",
                layer.Name.PadRight(width),
                layer.GetFrameRange() ?? "(none)",
                layer.Chunk,
                layer.MinCores?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-",
                layer.Memory ?? "-",
                layer.SpecService,
                depends)).ConfigureAwait(false);
        }

        await stdout.WriteLineAsync("Add --spec to print the spec, --local --stand-in to run it here, --server HOST:PORT to launch it to a Cuebot.").ConfigureAwait(false);
    }
}
