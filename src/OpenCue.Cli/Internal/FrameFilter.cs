using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.Client;

namespace OpenCue.Cli.Internal;

/// <summary>The frame filters of <c>frames JOB</c>, <c>retry</c> and <c>eat</c>: <c>--layer</c>, <c>--state</c>, <c>--range</c>.</summary>
internal static class FrameFilter
{
    public static readonly OptionDefinition Layer = new("layer", "L", "only frames of layer L (repeatable, or comma-separated)", repeatable: true);

    public static readonly OptionDefinition State = new("state", "S", "only frames in state S (repeatable, or comma-separated): " + StateNames, repeatable: true);

    public static readonly OptionDefinition Range = new("range", "R", "only frames numbered in R: N, A-B, or a frame set of at most 1000 frames");

    public static readonly IReadOnlyList<OptionDefinition> Options = new[] { Layer, State, Range };

    private const string StateNames = "waiting, depend, running, succeeded, dead, eaten, checkpoint";

    private static readonly FrameState[] States =
    {
        FrameState.Waiting, FrameState.Depend, FrameState.Running, FrameState.Succeeded,
        FrameState.Dead, FrameState.Eaten, FrameState.Checkpoint, FrameState.Setup,
    };

    /// <summary>The layer names given.</summary>
    public static IReadOnlyList<string> Layers(ParsedArguments arguments) => Split(arguments.Values("layer"), "--layer");

    /// <summary>The search the filters give (empty when none is given).</summary>
    public static FrameSearch Search(ParsedArguments arguments)
    {
        var search = new FrameSearch();
        foreach (var layer in Layers(arguments))
        {
            search.Layers.Add(layer);
        }

        foreach (var name in Split(arguments.Values("state"), "--state"))
        {
            var state = States.Where(s => string.Equals(s.ToString(), name, StringComparison.OrdinalIgnoreCase)).Cast<FrameState?>().FirstOrDefault()
                ?? throw new UsageException("--state: '" + name + "' is not a frame state; accepted: " + StateNames + ".");
            if (!search.States.Contains(state))
            {
                search.States.Add(state);
            }
        }

        var range = arguments.Value("range");
        if (range != null)
        {
            if (!FrameSet.TryParse(range, out var frames, out var error))
            {
                throw new UsageException("--range: invalid frame range '" + range + "': " + error + ". " + FrameRangeHelp.Accepted);
            }

            if (!IsSimpleRange(range) && frames.Count > 1000)
            {
                throw new UsageException("--range: '" + range + "' has " + Format.Number(frames.Count) +
                    " frames; Cuebot ignores a frame-set filter of more than 1000 frames. Give N, A-B (any size), or a smaller set.");
            }

            search.Range = range;
        }

        return search;
    }

    /// <summary>What the search covers, for messages: <c>layer render, state DEAD</c>.</summary>
    public static string Describe(FrameSearch search)
    {
        if (search.IsEmpty)
        {
            return "every frame";
        }

        var parts = new List<string>();
        if (search.Layers.Count > 0)
        {
            parts.Add((search.Layers.Count == 1 ? "layer " : "layers ") + string.Join(",", search.Layers));
        }

        if (search.States.Count > 0)
        {
            parts.Add((search.States.Count == 1 ? "state " : "states ") + string.Join(",", search.States.Select(s => Format.State(s))));
        }

        if (search.Range != null)
        {
            parts.Add("range " + search.Range);
        }

        return string.Join(", ", parts);
    }

    /// <summary>The frames of the job the search matches.</summary>
    public static async Task<List<CueFrame>> ListAsync(CueJob job, FrameSearch search, CancellationToken cancellationToken)
    {
        var frames = new List<CueFrame>();
        await foreach (var frame in job.GetFramesAsync(search, cancellationToken).ConfigureAwait(false))
        {
            frames.Add(frame);
        }

        return frames;
    }

    /// <summary><c>N</c> or <c>A-B</c>, which Cuebot compares numerically at any size.</summary>
    private static bool IsSimpleRange(string range)
    {
        var dash = range.IndexOf('-', 1);
        return dash < 0 ? IsNumber(range) : IsNumber(range.Substring(0, dash)) && IsNumber(range.Substring(dash + 1));
    }

    private static bool IsNumber(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static IReadOnlyList<string> Split(IReadOnlyList<string> values, string option)
    {
        var list = new List<string>();
        foreach (var value in values)
        {
            foreach (var part in value.Split(','))
            {
                var item = part.Trim();
                if (item.Length == 0)
                {
                    throw new UsageException(option + ": an empty value in '" + value + "'; give names separated by commas, e.g. " + option + " a,b.");
                }

                if (!list.Contains(item))
                {
                    list.Add(item);
                }
            }
        }

        return list;
    }
}
