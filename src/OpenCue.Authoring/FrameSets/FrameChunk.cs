using System;
using System.Globalization;

namespace OpenCue.Authoring;

/// <summary>
/// The frames one Cuebot frame (one dispatch) of a chunked layer runs: the values of the
/// command tokens <c>#FRAME_START#</c>/<c>#IFRAME#</c>, <c>#FRAME_END#</c> and <c>#FRAMESPEC#</c>.
/// Made by <see cref="Chunking"/>.
/// </summary>
public readonly struct FrameChunk : IEquatable<FrameChunk>
{
    private readonly string? _frameSpec;

    /// <summary>Creates a chunk description.</summary>
    /// <param name="index">The chunk's position among the layer's chunks (0-based), or -1 when the start frame is not a chunk start.</param>
    /// <param name="startFrame">The chunk-start frame.</param>
    /// <param name="endFrame">The last frame of the chunk in list order.</param>
    /// <param name="frameSpec">The chunk's frames in compact notation.</param>
    /// <param name="count">The number of frames in the chunk (at least 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="frameSpec"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is below -1 or <paramref name="count"/> below 1.</exception>
    public FrameChunk(int index, int startFrame, int endFrame, string frameSpec, int count)
    {
        if (index < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "The chunk index must be -1 or more.");
        }

        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A chunk has at least one frame.");
        }

        Index = index;
        StartFrame = startFrame;
        EndFrame = endFrame;
        _frameSpec = frameSpec ?? throw new ArgumentNullException(nameof(frameSpec));
        Count = count;
    }

    /// <summary>The chunk-start frame: <c>#FRAME_START#</c>, <c>#IFRAME#</c> (and <c>#ZFRAME#</c> zero-padded).</summary>
    public int StartFrame { get; }

    /// <summary><c>#FRAME_END#</c>: the last entry of the chunk in list order (not the largest frame).</summary>
    public int EndFrame { get; }

    /// <summary><c>#FRAMESPEC#</c>: the chunk's frames in Cuebot's compact notation, e.g. <c>5-11x2,31</c>.</summary>
    public string FrameSpec => _frameSpec ?? string.Empty;

    /// <summary>The number of frames in this chunk (may be below the layer's chunk size at the end).</summary>
    public int Count { get; }

    /// <summary>
    /// The chunk's position (0-based) among the layer's chunks, which is Cuebot's frame dispatch
    /// order; -1 when made by <see cref="Chunking.GetChunk"/> for a frame that is not a chunk start.
    /// </summary>
    public int Index { get; }

    /// <summary>Whether two chunks are equal in every property.</summary>
    /// <param name="left">A chunk.</param>
    /// <param name="right">A chunk.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(FrameChunk left, FrameChunk right) => left.Equals(right);

    /// <summary>Whether two chunks differ in any property.</summary>
    /// <param name="left">A chunk.</param>
    /// <param name="right">A chunk.</param>
    /// <returns>True when not equal.</returns>
    public static bool operator !=(FrameChunk left, FrameChunk right) => !left.Equals(right);

    /// <summary>The chunk's frames, parsed from <see cref="FrameSpec"/>.</summary>
    /// <returns>The frames in order; <see cref="FrameSet.Empty"/> for a default instance.</returns>
    public FrameSet ToFrameSet() => _frameSpec is null ? FrameSet.Empty : FrameSet.Parse(_frameSpec);

    /// <summary>Whether <paramref name="other"/> is equal in every property.</summary>
    /// <param name="other">Another chunk.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(FrameChunk other) =>
        Index == other.Index
        && StartFrame == other.StartFrame
        && EndFrame == other.EndFrame
        && Count == other.Count
        && string.Equals(FrameSpec, other.FrameSpec, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="obj"/> is an equal <see cref="FrameChunk"/>.</summary>
    /// <param name="obj">Any object.</param>
    /// <returns>True when equal.</returns>
    public override bool Equals(object? obj) => obj is FrameChunk other && Equals(other);

    /// <summary>A hash of all properties.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        unchecked
        {
            int hash = Index;
            hash = (hash * 397) ^ StartFrame;
            hash = (hash * 397) ^ EndFrame;
            hash = (hash * 397) ^ Count;
            return (hash * 397) ^ StringComparer.Ordinal.GetHashCode(FrameSpec);
        }
    }

    /// <summary>A debugging description, e.g. <c>chunk 2: 5-11x2,31 (start 5, end 31, 5 frames)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "chunk {0}: {1} (start {2}, end {3}, {4} frames)",
        Index,
        FrameSpec,
        StartFrame,
        EndFrame,
        Count);
}
