using System;
using System.Collections.Generic;
using System.Globalization;
using OpenCue.Authoring.FrameSets.Internal;

namespace OpenCue.Authoring;

/// <summary>
/// Cuebot's chunking of a layer's frame range: which frames become Cuebot frames
/// (<c>CueUtil.normalizeFrameRange</c>) and which frames each of them runs
/// (<c>FrameSet.getChunk</c> as used when a frame is dispatched).
/// </summary>
public static class Chunking
{
    /// <summary>
    /// The chunk-start frames of a layer in dispatch order, as Cuebot's
    /// <c>normalizeFrameRange(range, chunk)</c>: the frames de-duplicated keeping first
    /// occurrences (not sorted), then those at positions 0, c, 2c, ... When
    /// <paramref name="chunkSize"/> exceeds the number of listed frames (duplicates counted)
    /// the result is the first frame alone.
    /// </summary>
    /// <param name="range">The layer's frames in list order.</param>
    /// <param name="chunkSize">Frames per chunk, at least 1.</param>
    /// <returns>The chunk-start frames (the returned object is an immutable <see cref="FrameSet"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="range"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="range"/> is empty and <paramref name="chunkSize"/> is above 1: Cuebot fails
    /// there ("the range ... is invalid"); with a chunk size of 1 an empty range gives no frames.
    /// </exception>
    internal static IReadOnlyList<int> GetChunkStarts(FrameSet range, int chunkSize) => ChunkStarts(range, chunkSize);

    /// <summary>
    /// Cuebot's <c>CueUtil.findChunk</c>, which places frame <paramref name="frame"/> of a
    /// FRAME_BY_FRAME depend-er layer among the depend-on layer's chunks: the frame's own position
    /// when it starts a chunk; else the position before the first start (in list order) greater
    /// than it; else the last position.
    /// </summary>
    /// <param name="chunkStarts">The depend-on layer's chunk starts (<see cref="GetChunkStarts"/>).</param>
    /// <param name="frame">The depend-er frame.</param>
    /// <returns>
    /// The position in <paramref name="chunkStarts"/>, or -1 when the first start greater than the
    /// frame is the first start: Cuebot cannot find the chunk and fails the launch.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="chunkStarts"/> is null.</exception>
    internal static int FindChunk(IReadOnlyList<int> chunkStarts, int frame)
    {
        if (chunkStarts is null)
        {
            throw new ArgumentNullException(nameof(chunkStarts));
        }

        if (chunkStarts.Count == 0)
        {
            return -1;
        }

        var set = chunkStarts as FrameSet;
        int own = set is null ? IndexOf(chunkStarts, frame) : set.IndexOf(frame);
        if (own >= 0)
        {
            return own;
        }

        int firstGreater = chunkStarts.Count;
        if (set != null && set.IsStrictlyMonotonic)
        {
            // Sorted starts (nearly every range): ascending ones are halved; in descending ones only
            // the first start can be the first greater one.
            int[] starts = set.Frames;
            if (starts.Length == 1 || starts[1] > starts[0])
            {
                int search = Array.BinarySearch(starts, frame);
                firstGreater = search >= 0 ? search + 1 : ~search;
            }
            else if (starts[0] > frame)
            {
                firstGreater = 0;
            }
        }
        else
        {
            for (int i = 0; i < chunkStarts.Count; i++)
            {
                if (chunkStarts[i] > frame)
                {
                    firstGreater = i;
                    break;
                }
            }
        }

        return firstGreater == 0 ? -1 : firstGreater == chunkStarts.Count ? chunkStarts.Count - 1 : firstGreater - 1;
    }

    private static int IndexOf(IReadOnlyList<int> frames, int frame)
    {
        for (int i = 0; i < frames.Count; i++)
        {
            if (frames[i] == frame)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><see cref="GetChunkStarts"/> typed as the <see cref="FrameSet"/> it is; <paramref name="range"/> itself when every frame starts a chunk.</summary>
    internal static FrameSet ChunkStarts(FrameSet range, int chunkSize)
    {
        if (range is null)
        {
            throw new ArgumentNullException(nameof(range));
        }

        int[]? positions = StartPositions(range, chunkSize, out int count);
        int[] frames = range.Frames;
        if (positions is null && chunkSize == 1)
        {
            return range;
        }

        var starts = new int[count];
        for (int i = 0; i < count; i++)
        {
            starts[i] = frames[positions is null ? i * chunkSize : positions[i]];
        }

        return FrameSet.Wrap(starts);
    }

    /// <summary>
    /// The chunk that starts at <paramref name="startFrame"/>, as Cuebot computes it when it
    /// dispatches that frame: from the first position of the frame in the raw list (duplicates
    /// included), <paramref name="chunkSize"/> consecutive entries, fewer at the end.
    /// </summary>
    /// <param name="range">The layer's frames in list order, duplicates included.</param>
    /// <param name="startFrame">The chunk-start frame (normally one of <see cref="GetChunkStarts"/>).</param>
    /// <param name="chunkSize">The layer's chunk size, at least 1.</param>
    /// <returns>
    /// The chunk; its <see cref="FrameChunk.Index"/> is its position among
    /// <see cref="GetChunkStarts"/>, or -1 when <paramref name="startFrame"/> is not a chunk start.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="range"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="startFrame"/> is not in <paramref name="range"/>.</exception>
    public static FrameChunk GetChunk(FrameSet range, int startFrame, int chunkSize)
    {
        CheckArguments(range, chunkSize);
        int position = range.IndexOf(startFrame);
        if (position < 0)
        {
            throw new ArgumentException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Frame {0} is not in the frame range {1}.",
                    startFrame,
                    ErrorText.Quote(range.ToCompactString())),
                nameof(startFrame));
        }

        return MakeChunk(range.Frames, position, chunkSize, ChunkIndex(range, position, chunkSize));
    }

    /// <summary>
    /// Every chunk of a layer in dispatch order: one per <see cref="GetChunkStarts"/> frame,
    /// each as <see cref="GetChunk"/> computes it, with <see cref="FrameChunk.Index"/> 0, 1, 2, ...
    /// Linear in the number of frames.
    /// </summary>
    /// <param name="range">The layer's frames in list order.</param>
    /// <param name="chunkSize">Frames per chunk, at least 1.</param>
    /// <returns>The chunks.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="range"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="range"/> is empty and <paramref name="chunkSize"/> is above 1 (see <see cref="GetChunkStarts"/>).</exception>
    public static IReadOnlyList<FrameChunk> GetChunks(FrameSet range, int chunkSize)
    {
        if (range is null)
        {
            throw new ArgumentNullException(nameof(range));
        }

        int[]? positions = StartPositions(range, chunkSize, out int count);
        int[] frames = range.Frames;
        var chunks = new ChunkList(count);
        for (int i = 0; i < count; i++)
        {
            chunks.Set(i, MakeChunk(frames, positions is null ? i * chunkSize : positions[i], chunkSize, i));
        }

        return chunks;
    }

    private static void CheckArguments(FrameSet range, int chunkSize)
    {
        if (range is null)
        {
            throw new ArgumentNullException(nameof(range));
        }

        if (chunkSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "The chunk size must be at least 1.");
        }
    }

    // Raw-list positions (first occurrences) of the chunk-start frames, and how many there are.
    // Null when they are 0, c, 2c, ...: a strictly monotonic list has no repeats, so the rank of
    // every frame is its position, and no lookup of first positions is needed.
    private static int[]? StartPositions(FrameSet range, int chunkSize, out int count)
    {
        CheckArguments(range, chunkSize);
        int[] frames = range.Frames;
        if (frames.Length == 0)
        {
            if (chunkSize == 1)
            {
                count = 0;
                return null;
            }

            throw new ArgumentException("The frame range is empty; Cuebot rejects it with a chunk size above 1.", nameof(range));
        }

        if (chunkSize > frames.Length)
        {
            count = 1;
            return null;
        }

        if (range.IsStrictlyMonotonic)
        {
            count = ((frames.Length - 1) / chunkSize) + 1;
            return null;
        }

        var positions = new List<int>((frames.Length / chunkSize) + 1);
        int rank = 0;
        for (int i = 0; i < frames.Length; i++)
        {
            if (range.IndexOf(frames[i]) != i)
            {
                continue;
            }

            if (rank % chunkSize == 0)
            {
                positions.Add(i);
            }

            rank++;
        }

        count = positions.Count;
        return positions.ToArray();
    }

    // The chunk number of the frame first listed at rawPosition, or -1 if it starts no chunk.
    private static int ChunkIndex(FrameSet range, int rawPosition, int chunkSize)
    {
        int[] frames = range.Frames;
        if (chunkSize > frames.Length)
        {
            return rawPosition == 0 ? 0 : -1;
        }

        int rank = rawPosition;
        if (!range.IsDistinct)
        {
            rank = 0;
            for (int i = 0; i < rawPosition; i++)
            {
                if (range.IndexOf(frames[i]) == i)
                {
                    rank++;
                }
            }
        }

        return rank % chunkSize == 0 ? rank / chunkSize : -1;
    }

    private static FrameChunk MakeChunk(int[] frames, int position, int chunkSize, int index)
    {
        int count = Math.Min(chunkSize, frames.Length - position);
        string spec = CompactFrameFormatter.Format(frames, position, count);
        return new FrameChunk(index, frames[position], frames[position + count - 1], spec, count);
    }
}
