using System;
using System.Collections.Generic;
using System.Linq;
using OpenCue.Client.Internal;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client;

/// <summary>
/// Which frames a listing or an action covers (Cuebot's <c>FrameSearchCriteria</c>). Empty means
/// every frame; actions that would retry, eat or kill every frame need <see cref="All"/> to say so,
/// because Cuebot treats an empty search as "all frames, succeeded ones included".
/// </summary>
public sealed class FrameSearch
{
    /// <summary>Every frame of the job, stated explicitly.</summary>
    public static FrameSearch All => new FrameSearch { IsExplicitAll = true };

    /// <summary>Frame ids.</summary>
    public IList<string> Ids { get; } = new List<string>();

    /// <summary>Frame names, e.g. <c>0001-render</c>.</summary>
    public IList<string> Frames { get; } = new List<string>();

    /// <summary>Layer names.</summary>
    public IList<string> Layers { get; } = new List<string>();

    /// <summary>Frame states.</summary>
    public IList<FrameState> States { get; } = new List<FrameState>();

    /// <summary>Frame numbers: <c>N</c>, <c>A-B</c>, or a frame set of at most 1,000 frames.</summary>
    public string? Range { get; set; }

    /// <summary>Used memory in GB: <c>a-b</c>, or <c>a</c> for at least a.</summary>
    public string? Memory { get; set; }

    /// <summary>Run time in hours: <c>a-b</c>, or <c>a</c> for at least a.</summary>
    public string? Duration { get; set; }

    /// <summary>Stop after this many frames when listing (null: all).</summary>
    public int? MaxResults { get; set; }

    /// <summary>Whether the search was built as <see cref="All"/>.</summary>
    public bool IsExplicitAll { get; private set; }

    /// <summary>Whether no filter is set.</summary>
    public bool IsEmpty =>
        Ids.Count == 0 && Frames.Count == 0 && Layers.Count == 0 && States.Count == 0 &&
        string.IsNullOrEmpty(Range) && string.IsNullOrEmpty(Memory) && string.IsNullOrEmpty(Duration);

    /// <summary>Frames in the given states.</summary>
    /// <param name="states">The states.</param>
    /// <returns>The search.</returns>
    public static FrameSearch InStates(params FrameState[] states)
    {
        var search = new FrameSearch();
        foreach (var state in states)
        {
            search.States.Add(state);
        }

        return search;
    }

    /// <summary>Frames of the given layers.</summary>
    /// <param name="layers">Layer names.</param>
    /// <returns>The search.</returns>
    public static FrameSearch OfLayers(params string[] layers)
    {
        var search = new FrameSearch();
        foreach (var layer in layers)
        {
            search.Layers.Add(layer);
        }

        return search;
    }

    internal PbJob.FrameSearchCriteria ToProto(int page, int limit)
    {
        var criteria = new PbJob.FrameSearchCriteria { Page = page, Limit = limit };
        criteria.Ids.AddRange(Ids);
        criteria.Frames.AddRange(Frames);
        criteria.Layers.AddRange(Layers);
        if (States.Count > 0)
        {
            criteria.States = new PbJob.FrameStateSeq();
            criteria.States.FrameStates.AddRange(States.Select(ProtoMapping.ToProto));
        }

        criteria.FrameRange = Range ?? string.Empty;
        criteria.MemoryRange = Memory ?? string.Empty;
        criteria.DurationRange = Duration ?? string.Empty;
        return criteria;
    }

    /// <summary>The criteria for an action (retry, eat, kill), refusing an accidental "everything".</summary>
    internal PbJob.FrameSearchCriteria ToActionProto(string action)
    {
        if (IsEmpty && !IsExplicitAll)
        {
            throw new ArgumentException("An empty frame search makes Cuebot " + action + " every frame of the job, succeeded ones included; pass FrameSearch.All to mean that.");
        }

        return ToProto(0, 0);
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsEmpty ? "all frames" : string.Join(" ", new[]
        {
            Layers.Count > 0 ? "layers=" + string.Join(",", Layers) : null,
            States.Count > 0 ? "states=" + string.Join(",", States.Select(s => s.ToString())) : null,
            Range is null ? null : "range=" + Range,
            Frames.Count > 0 ? "frames=" + string.Join(",", Frames) : null,
        }.Where(s => s != null));
}
