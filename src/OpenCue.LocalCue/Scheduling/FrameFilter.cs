using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpenCue.Authoring;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>Cuebot's frame search criteria as a predicate (ids, names, layers, states, frame range, memory, duration).</summary>
internal sealed class FrameFilter
{
    private readonly HashSet<string>? _ids;
    private readonly HashSet<string>? _names;
    private readonly HashSet<string>? _layers;
    private readonly HashSet<PbJob.FrameState>? _states;
    private readonly Func<int, bool>? _range;

    public FrameFilter(PbJob.FrameSearchCriteria? criteria)
    {
        if (criteria is null)
        {
            return;
        }

        _ids = criteria.Ids.Count > 0 ? new HashSet<string>(criteria.Ids, StringComparer.Ordinal) : null;
        _names = criteria.Frames.Count > 0 ? new HashSet<string>(criteria.Frames, StringComparer.Ordinal) : null;
        _layers = criteria.Layers.Count > 0 ? new HashSet<string>(criteria.Layers, StringComparer.Ordinal) : null;
        _states = criteria.States != null && criteria.States.FrameStates.Count > 0 ? new HashSet<PbJob.FrameState>(criteria.States.FrameStates) : null;
        _range = ParseRange(criteria.FrameRange);
        IsEmpty = _ids is null && _names is null && _layers is null && _states is null && _range is null;
    }

    public bool IsEmpty { get; } = true;

    public bool Matches(CueFrame frame) =>
        (_ids is null || _ids.Contains(frame.Id)) &&
        (_names is null || _names.Contains(frame.Name)) &&
        (_layers is null || _layers.Contains(frame.Layer.Name)) &&
        (_states is null || _states.Contains(frame.State)) &&
        (_range is null || _range(frame.Number));

    /// <summary>"N" or "A-B" compare numbers; anything else is a frame set used when it has at most 1,000 frames.</summary>
    private static Func<int, bool>? ParseRange(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var single))
        {
            return n => n == single;
        }

        var dash = text.IndexOf('-', 1);
        if (dash > 0 && int.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var a) &&
            int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var b))
        {
            return n => n >= a && n <= b;
        }

        if (FrameSet.TryParse(text, out var set, out _) && set.Count <= 1000)
        {
            return set.Contains;
        }

        return null;
    }
}
