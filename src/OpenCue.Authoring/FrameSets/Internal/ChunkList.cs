using System;
using System.Collections;
using System.Collections.Generic;

namespace OpenCue.Authoring.FrameSets.Internal;

/// <summary>
/// The chunks <see cref="Chunking.GetChunks"/> returns, read-only, kept in segments small enough to
/// stay off the large object heap: a layer of 100,000 frames has 14,286 chunks of 7, which in one
/// array (343 KB) would make every call start a full garbage collection sooner or later.
/// </summary>
internal sealed class ChunkList : IReadOnlyList<FrameChunk>
{
    // 2,048 chunks of 24 bytes: 48 KB a segment.
    private const int SegmentShift = 11;
    private const int SegmentSize = 1 << SegmentShift;
    private const int SegmentMask = SegmentSize - 1;

    private readonly FrameChunk[][] _segments;

    public ChunkList(int count)
    {
        Count = count;
        _segments = new FrameChunk[(count + SegmentMask) >> SegmentShift][];
        for (var i = 0; i < _segments.Length; i++)
        {
            _segments[i] = new FrameChunk[Math.Min(SegmentSize, count - (i << SegmentShift))];
        }
    }

    public int Count { get; }

    public FrameChunk this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "The index is outside the chunk list.");
            }

            return _segments[index >> SegmentShift][index & SegmentMask];
        }
    }

    /// <summary>Sets a chunk while the list is being filled.</summary>
    public void Set(int index, FrameChunk chunk) => _segments[index >> SegmentShift][index & SegmentMask] = chunk;

    public IEnumerator<FrameChunk> GetEnumerator()
    {
        foreach (var segment in _segments)
        {
            foreach (var chunk in segment)
            {
                yield return chunk;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
