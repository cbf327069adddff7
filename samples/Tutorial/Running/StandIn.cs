using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using OpenCue.Authoring;

namespace OpenCue.Samples.Tutorial.Running;

/// <summary>How stand-ins behave.</summary>
public sealed class StandInOptions
{
    /// <summary>The environment variable that sets the default <see cref="Delay"/>, in seconds (e.g. <c>0.2</c>).</summary>
    public const string DelayVariable = "TUTORIAL_STAND_IN_DELAY";

    /// <summary>The delay when neither the option nor the variable sets one.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(0.3);

    /// <summary>How long each stand-in frame takes ("a moment"); zero for none.</summary>
    public TimeSpan Delay { get; set; } = DelayFromEnvironment() ?? DefaultDelay;

    /// <summary>
    /// A file each stand-in frame appends <c>&lt;layer&gt; &lt;frame&gt; start</c> and <c>... end</c> lines
    /// to (<c>... fail</c> when it fails on purpose), so the order frames ran in can be read afterwards.
    /// Null: none.
    /// </summary>
    public string? EventsFile { get; set; }

    /// <summary>Frames that fail on purpose (exit 1) on every attempt, as <c>layer:frame</c>, e.g. <c>main-render:3</c>.</summary>
    public ISet<string> FailFrames { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Reads <see cref="DelayVariable"/>.</summary>
    /// <returns>The delay, or null when unset.</returns>
    /// <exception cref="FormatException">The variable is not a number of seconds from 0 to 3600.</exception>
    public static TimeSpan? DelayFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(DelayVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return ParseDelay(text) ?? throw new FormatException(DelayVariable + " must be a number of seconds from 0 to 3600 (was '" + text + "').");
    }

    /// <summary>Parses a delay in seconds (<c>0</c>, <c>0.25</c>, <c>2</c>).</summary>
    /// <param name="seconds">The text.</param>
    /// <returns>The delay, or null when the text is not a number from 0 to 3600.</returns>
    public static TimeSpan? ParseDelay(string seconds) =>
        double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= 3600
            ? TimeSpan.FromSeconds(value)
            : null;
}

/// <summary>
/// Swaps the programs a laptop cannot run (Blender, Maya, Nuke, Houdini, ffmpeg, the pipeline's
/// Python scripts under <c>/shared</c>) for a harmless stand-in, so a tutorial pipeline's structure
/// runs anywhere: every layer, frame and dependency as launched, only the work is pretend.
/// </summary>
/// <remarks>
/// A layer whose argument list is <c>[program, args...]</c> becomes
/// <c>["/bin/sh", "-c", script, program, args...]</c>. <c>sh -c</c> gives the script the original
/// argv as <c>$0 $1 ...</c>; the script prints <c>stand-in: program args...</c> into the frame log
/// (Cuebot's tokens such as <c>#IFRAME#</c> already replaced, arguments with spaces in double
/// quotes), optionally records start and end in an events file, sleeps <see cref="StandInOptions.Delay"/>,
/// and exits 0. The spec writer quotes the script as one argument, as any other.
/// </remarks>
public static class StandIn
{
    /// <summary>Program names (the last path component) that are swapped.</summary>
    public static IReadOnlyCollection<string> Programs { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "blender", "maya", "mayapy", "mayabatch", "Render", "nuke", "houdini", "hython", "hbatch", "ffmpeg", "katana", "prman", "kick",
    };

    /// <summary>Arguments starting with this are pipeline files that only exist on a studio's shared storage.</summary>
    public const string SharedPrefix = "/shared/";

    /// <summary>
    /// Whether a command needs a stand-in: its program is one of <see cref="Programs"/>, or any of its
    /// words is under <see cref="SharedPrefix"/> (e.g. <c>python /shared/scripts/x.py</c>, or
    /// <c>timeout 3600 python /shared/...</c>).
    /// </summary>
    /// <param name="arguments">Program and arguments.</param>
    /// <returns>Whether to swap it.</returns>
    public static bool NeedsStandIn(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            return false;
        }

        var program = arguments[0];
        var slash = program.LastIndexOf('/');
        var name = slash >= 0 ? program.Substring(slash + 1) : program;
        return Programs.Contains(name) || arguments.Any(a => a.Contains(SharedPrefix, StringComparison.Ordinal));
    }

    /// <summary>The stand-in argument list for one layer's command.</summary>
    /// <param name="layerName">The layer (as named in the outline; written to the events file).</param>
    /// <param name="arguments">The original program and arguments.</param>
    /// <param name="options">Delay, events file, failures.</param>
    /// <returns><c>["/bin/sh", "-c", script, program, args...]</c>.</returns>
    public static IReadOnlyList<string> Wrap(string layerName, IReadOnlyList<string> arguments, StandInOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(layerName);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        if (arguments.Count == 0)
        {
            throw new ArgumentException("The command is empty.", nameof(arguments));
        }

        var result = new List<string>(arguments.Count + 3) { "/bin/sh", "-c", Script(layerName, options) };
        result.AddRange(arguments);
        return result;
    }

    /// <summary>Swaps the command of every layer that needs it.</summary>
    /// <param name="outline">The job.</param>
    /// <param name="options">Delay, events file, failures.</param>
    /// <returns>The names of the layers swapped.</returns>
    public static IReadOnlyList<string> Apply(Outline outline, StandInOptions options)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentNullException.ThrowIfNull(options);
        var swapped = new List<string>();
        foreach (var layer in outline.GetLayers())
        {
            // Command lines given as one string are left alone: they are the author's own shell.
            var arguments = layer.Command?.Arguments;
            if (arguments is null || !NeedsStandIn(arguments))
            {
                continue;
            }

            layer.Command = LayerCommand.FromArguments(Wrap(layer.Name, arguments, options));
            swapped.Add(layer.Name);
        }

        return swapped;
    }

    /// <summary>
    /// The script. One line, POSIX sh (dash), double quotes only, so the spec stays readable. #IFRAME#
    /// is Cuebot's token: replaced by the frame number before the shell runs the command.
    /// </summary>
    private static string Script(string layerName, StandInOptions options)
    {
        var script = new StringBuilder();
        string Event(string what) => "echo \"" + layerName + " #IFRAME# " + what + "\" >> \"$ev\"; ";
        if (options.EventsFile != null)
        {
            script.Append("ev=").Append(ShellQuoting.Quote(Path.GetFullPath(options.EventsFile))).Append("; ");
            script.Append(Event("start"));
        }

        script.Append("printf \"stand-in: %s\" \"$0\"; ");
        script.Append("for a in \"$@\"; do case $a in *\" \"*|\"\") printf \" \\\"%s\\\"\" \"$a\";; *) printf \" %s\" \"$a\";; esac; done; echo; ");

        var failing = options.FailFrames
            .Select(f => f.Split(':'))
            .Where(p => p.Length == 2 && string.Equals(p[0], layerName, StringComparison.Ordinal))
            .Select(p => p[1])
            .ToList();
        if (failing.Count > 0)
        {
            script.Append("case #IFRAME# in ").Append(string.Join("|", failing)).Append(") ");
            if (options.EventsFile != null)
            {
                script.Append(Event("fail"));
            }

            script.Append("echo \"stand-in: frame #IFRAME# of ").Append(layerName).Append(" fails on purpose\" >&2; exit 1;; esac; ");
        }

        if (options.Delay > TimeSpan.Zero)
        {
            script.Append("sleep ").Append(options.Delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)).Append("; ");
        }

        if (options.EventsFile != null)
        {
            script.Append(Event("end"));
        }

        script.Append("exit 0");
        return script.ToString();
    }
}
