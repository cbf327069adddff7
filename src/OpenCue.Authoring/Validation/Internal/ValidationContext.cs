using System;
using System.Collections.Generic;
using OpenCue.Authoring.Specs;

namespace OpenCue.Authoring.Validation.Internal;

/// <summary>What the rules share: the outline, the options, each layer's effective frames, and the problems found.</summary>
internal sealed class ValidationContext
{
    private readonly List<ValidationProblem> _problems = new List<ValidationProblem>();

    // Layers by position; the rules keep per-layer state in arrays indexed by it (one table, sized once).
    private readonly Dictionary<Layer, int> _index;
    private readonly LayerFrames?[] _frames;
    private Dictionary<Layer, LayerFrames>? _framesOfOthers;
    private Func<double, string, bool>? _checkedCores;
    private long _checkedCoresBits;
    private bool _checkedCoresResult;

    // Layers with the same effective range share their (immutable) frames.
    private readonly Dictionary<string, LayerFrames> _byRange = new Dictionary<string, LayerFrames>(StringComparer.Ordinal);

    public ValidationContext(Outline outline, SpecWriterOptions options)
    {
        Outline = outline;
        Options = options;
        var layers = outline.LayerList.ToArray();
        Layers = layers;
        _frames = new LayerFrames?[layers.Length];
        _index = new Dictionary<Layer, int>(layers.Length);
        for (var i = 0; i < layers.Length; i++)
        {
            if (!_index.ContainsKey(layers[i]))
            {
                _index.Add(layers[i], i);
            }
        }
    }

    public Outline Outline { get; }

    public SpecWriterOptions Options { get; }

    public IReadOnlyList<Layer> Layers { get; }

    public IReadOnlyList<ValidationProblem> Problems => _problems;

    public void Error(string code, Layer? layer, string? value, string message) =>
        _problems.Add(new ValidationProblem(ValidationSeverity.Error, code, Outline.Name, layer?.Name, value, message));

    public void Warning(string code, Layer? layer, string? value, string message) =>
        _problems.Add(new ValidationProblem(ValidationSeverity.Warning, code, Outline.Name, layer?.Name, value, message));

    /// <summary>
    /// <paramref name="check"/> of a layer's cores and their text, remembered for the last cores
    /// value checked: layers nearly always share it, and the check formats a number.
    /// </summary>
    public bool RememberCoresCheck(double cores, string text, Func<double, string, bool> check)
    {
        var bits = BitConverter.DoubleToInt64Bits(cores);
        if (_checkedCores is null || _checkedCoresBits != bits || !ReferenceEquals(_checkedCores, check))
        {
            _checkedCores = check;
            _checkedCoresBits = bits;
            _checkedCoresResult = check(cores, text);
        }

        return _checkedCoresResult;
    }

    /// <summary>The position of a layer in <see cref="Layers"/>, or -1 when it is not in the outline.</summary>
    public int IndexOf(Layer layer) => _index.TryGetValue(layer, out var index) ? index : -1;

    /// <summary>The frames a layer will have in the spec, computed once.</summary>
    public LayerFrames FramesOf(Layer layer)
    {
        var index = IndexOf(layer);
        if (index >= 0)
        {
            return _frames[index] ??= LayerFrames.Compute(layer, _byRange);
        }

        _framesOfOthers ??= new Dictionary<Layer, LayerFrames>();
        if (!_framesOfOthers.TryGetValue(layer, out var frames))
        {
            frames = LayerFrames.Compute(layer, _byRange);
            _framesOfOthers[layer] = frames;
        }

        return frames;
    }
}

/// <summary>
/// A layer's effective range as written, its frames and its chunk starts (Cuebot's frames). Depends
/// only on the range and the chunk, so layers with equal ones share an instance (and layers with the
/// same range but another chunk share the frames).
/// </summary>
internal sealed class LayerFrames
{
    private HashSet<int>? _chunkStartSet;
    private int _negative;
    private int _chunk;

    private LayerFrames(string? range, FrameSet? frames, FrameSet? chunkStarts, string? error)
    {
        Range = range;
        Frames = frames;
        ChunkStarts = chunkStarts;
        Error = error;
    }

    /// <summary>The range written, or null when the layer is left out or a range is invalid.</summary>
    public string? Range { get; }

    public FrameSet? Frames { get; }

    /// <summary>Cuebot's frames of the layer (one per chunk), or null when the range or chunk is invalid.</summary>
    public FrameSet? ChunkStarts { get; }

    /// <summary>Why the range could not be computed (a FormatException message).</summary>
    public string? Error { get; }

    /// <summary>Whether the layer is written to the spec (its range intersects the outline's).</summary>
    public bool IsWritten => Error is null && Range != null;

    /// <summary>Whether a frame is negative (computed once).</summary>
    public bool HasNegativeFrame
    {
        get
        {
            if (_negative == 0)
            {
                _negative = 2;
                foreach (var frame in Frames!.Frames)
                {
                    if (frame < 0)
                    {
                        _negative = 1;
                        break;
                    }
                }
            }

            return _negative == 1;
        }
    }

    /// <summary>The chunk starts as a set, made on first use and kept.</summary>
    public HashSet<int> ChunkStartSet()
    {
        if (_chunkStartSet is null)
        {
            var starts = ChunkStarts!.Frames;
            var set = new HashSet<int>();
            foreach (var frame in starts)
            {
                set.Add(frame);
            }

            _chunkStartSet = set;
        }

        return _chunkStartSet;
    }

    public static LayerFrames Compute(Layer layer, Dictionary<string, LayerFrames> byRange)
    {
        string? range;
        try
        {
            range = layer.GetFrameRange();
        }
        catch (FormatException e)
        {
            return new LayerFrames(null, null, null, e.Message);
        }

        if (range is null)
        {
            return new LayerFrames(null, null, null, null);
        }

        FrameSet? frames;
        if (byRange.TryGetValue(range, out var shared))
        {
            if (shared.Error != null || shared._chunk == layer.Chunk)
            {
                return shared;
            }

            frames = shared.Frames!;
        }
        else if (!FrameSet.TryParse(range, out frames, out var error))
        {
            var invalid = new LayerFrames(null, null, null, error);
            byRange[range] = invalid;
            return invalid;
        }

        var starts = layer.Chunk >= 1 && !frames.IsEmpty ? Chunking.ChunkStarts(frames, layer.Chunk) : null;
        var computed = new LayerFrames(range, frames, starts, null) { _chunk = layer.Chunk };
        if (shared is null)
        {
            byRange[range] = computed;
        }

        return computed;
    }
}
