using System;
using System.Collections.Generic;
using System.Globalization;
using OpenCue.Authoring;
using OpenCue.Samples.Tutorial.Pipelines;
using OpenCue.Samples.Tutorial.Running;

namespace OpenCue.Samples.Tutorial;

/// <summary>A command-line mistake: the message says what is wrong and what would be accepted (exit code 2).</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what would be accepted.</param>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The parsed command line.</summary>
public sealed class TutorialCommand
{
    /// <summary>The usage text.</summary>
    public const string Usage =
        "usage: dotnet run --project samples/Tutorial -- <pipeline> [--spec] [--server HOST:PORT [--wait]] [--local [--stand-in]] [--range R] [options]\n" +
        "       dotnet run --project samples/Tutorial -- list\n" +
        "       dotnet run --project samples/Tutorial -- analyze JOB --server HOST:PORT\n" +
        "\n" +
        "pipelines: basic, parallel, frame-dependent, fault-tolerant, vfx-shot, animation-feature\n" +
        "With no action option the pipeline's layers and depends are shown.\n" +
        "\n" +
        "  --spec                 print the XML job spec Cuebot receives\n" +
        "  --server HOST:PORT     launch to a Cuebot (several: comma-separated); --wait follows the job to its end\n" +
        "  --local                run on the embedded local scheduler: progress per layer, then the analysis\n" +
        "  --stand-in             swap blender, maya, nuke, houdini, ffmpeg and /shared scripts for a stand-in that\n" +
        "                         prints its argv into the frame log and sleeps a moment\n" +
        "  --stand-in-delay S     seconds per stand-in frame (default 0.3, or $" + StandInOptions.DelayVariable + ")\n" +
        "  --stand-in-fail L:F    frame F of layer L fails on every attempt (repeatable), to watch retries and dead frames\n" +
        "  --events FILE          stand-ins append 'layer frame start|end' lines to FILE\n" +
        "  --range R              launch only frames R, e.g. 1-10 (for vfx-shot: the shot's frame range)\n" +
        "  --shot NAME            the shot of vfx-shot (default " + PipelineCatalog.DefaultShot + "), the sequence of animation-feature (default " + PipelineCatalog.DefaultSequence + ")\n" +
        "  --optimize             apply the tutorial's OptimizeLayerResources and ApplySmartChunking first\n" +
        "  --state-dir DIR        the local scheduler's state and frame logs (default: a new temp directory)\n" +
        "  --cores N, --memory MB what the local scheduler may book (default: enough for the largest layer)\n" +
        "\n" +
        "exit codes: 0 success, 1 the job failed (or could not be launched), 2 usage";

    /// <summary><c>list</c>, <c>analyze</c>, or a pipeline name.</summary>
    public string Verb { get; set; } = string.Empty;

    /// <summary>The pipeline, when <see cref="Verb"/> names one.</summary>
    public PipelineEntry? Pipeline { get; set; }

    /// <summary>The job to analyze.</summary>
    public string? JobName { get; set; }

    /// <summary>Print the spec.</summary>
    public bool Spec { get; set; }

    /// <summary>The Cuebot hosts.</summary>
    public string? Server { get; set; }

    /// <summary>Follow a job launched to <see cref="Server"/>.</summary>
    public bool Wait { get; set; }

    /// <summary>Run on the embedded scheduler.</summary>
    public bool Local { get; set; }

    /// <summary>Swap DCC programs for stand-ins.</summary>
    public bool StandIn { get; set; }

    /// <summary>The stand-in delay, when given.</summary>
    public TimeSpan? StandInDelay { get; set; }

    /// <summary>Frames failing on purpose, <c>layer:frame</c>.</summary>
    public IList<string> FailFrames { get; } = new List<string>();

    /// <summary>The stand-ins' events file.</summary>
    public string? EventsFile { get; set; }

    /// <summary>The frame range.</summary>
    public string? Range { get; set; }

    /// <summary>The shot or sequence.</summary>
    public string? Shot { get; set; }

    /// <summary>Apply the tutorial's optimizations.</summary>
    public bool Optimize { get; set; }

    /// <summary>The local state directory.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Cores to book.</summary>
    public double? Cores { get; set; }

    /// <summary>Memory to book, MB.</summary>
    public long? MemoryMb { get; set; }

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The command.</returns>
    /// <exception cref="UsageException">The arguments are wrong.</exception>
    public static TutorialCommand Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            throw new UsageException("Name a pipeline (basic, parallel, frame-dependent, fault-tolerant, vfx-shot, animation-feature), 'list' or 'analyze JOB'.");
        }

        var command = new TutorialCommand { Verb = args[0] };
        var start = 1;
        if (command.Verb == "analyze")
        {
            if (args.Count < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException("analyze needs the job name: analyze JOB --server HOST:PORT.");
            }

            command.JobName = args[1];
            start = 2;
        }
        else if (command.Verb != "list")
        {
            command.Pipeline = PipelineCatalog.Find(command.Verb)
                ?? throw new UsageException("Unknown pipeline '" + command.Verb + "'; use basic, parallel, frame-dependent, fault-tolerant, vfx-shot, animation-feature, list or analyze.");
        }

        for (var i = start; i < args.Count; i++)
        {
            var option = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException(option + " needs a value.");
                }

                return args[++i];
            }

            switch (option)
            {
                case "--spec": command.Spec = true; break;
                case "--server": command.Server = Value(); break;
                case "--wait": command.Wait = true; break;
                case "--local": command.Local = true; break;
                case "--stand-in": command.StandIn = true; break;
                case "--stand-in-delay":
                    var delay = Value();
                    command.StandInDelay = StandInOptions.ParseDelay(delay)
                        ?? throw new UsageException("--stand-in-delay: '" + delay + "' is not a number of seconds from 0 to 3600 (e.g. 0.2).");
                    break;
                case "--stand-in-fail":
                    var fail = Value();
                    var parts = fail.Split(':');
                    if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        throw new UsageException("--stand-in-fail: '" + fail + "' is not LAYER:FRAME (e.g. main-render:3).");
                    }

                    command.FailFrames.Add(parts[0] + ":" + int.Parse(parts[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                    break;
                case "--events": command.EventsFile = Value(); break;
                case "--range":
                    var range = Value();
                    if (!FrameSet.TryParse(range, out _, out var error))
                    {
                        throw new UsageException("--range: '" + range + "' is not a frame range (" + error + "); e.g. 1-10, 1-100x5, 1,5,9.");
                    }

                    command.Range = range;
                    break;
                case "--shot": command.Shot = Value(); break;
                case "--optimize": command.Optimize = true; break;
                case "--state-dir": command.StateDirectory = Value(); break;
                case "--cores":
                    var cores = Value();
                    command.Cores = double.TryParse(cores, NumberStyles.Float, CultureInfo.InvariantCulture, out var c) && c > 0
                        ? c
                        : throw new UsageException("--cores: '" + cores + "' is not a positive number.");
                    break;
                case "--memory":
                    var memory = Value();
                    command.MemoryMb = long.TryParse(memory, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0
                        ? m
                        : throw new UsageException("--memory: '" + memory + "' is not a positive number of MB.");
                    break;
                default:
                    throw new UsageException("Unknown option '" + option + "'.");
            }
        }

        command.Check();
        return command;
    }

    private void Check()
    {
        if (Verb == "analyze" && Server is null)
        {
            throw new UsageException("analyze needs --server HOST:PORT (the Cuebot the job ran on).");
        }

        if (Local && Server != null)
        {
            throw new UsageException("Use --local or --server, not both.");
        }

        if (Wait && Server is null)
        {
            throw new UsageException("--wait follows a job launched with --server; --local always follows.");
        }

        var standInOnly = StandInDelay.HasValue || FailFrames.Count > 0 || EventsFile != null;
        if (standInOnly && !StandIn)
        {
            throw new UsageException("--stand-in-delay, --stand-in-fail and --events only apply with --stand-in.");
        }

        if (!Local && (StateDirectory != null || Cores.HasValue || MemoryMb.HasValue))
        {
            throw new UsageException("--state-dir, --cores and --memory only apply with --local.");
        }

        if (Pipeline is null && (Spec || Local || StandIn || Optimize || Range != null || Shot != null || Wait))
        {
            throw new UsageException("Options such as --spec, --local, --range apply to a pipeline, not to '" + Verb + "'.");
        }
    }
}
