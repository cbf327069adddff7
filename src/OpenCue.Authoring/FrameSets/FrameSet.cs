using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using OpenCue.Authoring.FrameSets.Internal;

namespace OpenCue.Authoring;

/// <summary>
/// An immutable, ordered list of frame numbers parsed from Cuebot's frame range grammar
/// (<c>1-100</c>, <c>1-100x3</c>, <c>1-10y3</c>, <c>1-10:5</c>, comma lists of those).
/// Order and duplicates are kept exactly as Cuebot's <c>FrameSet</c> lists them.
/// </summary>
/// <remarks>
/// Grammar: sections separated by <c>,</c>; each section is <c>N</c>, <c>A-B</c> (unit step toward
/// B), <c>A-BxS</c> (A toward B by S), <c>A-ByS</c> (the frames of A..B that <c>A-BxS</c> leaves
/// out) or <c>A-B:S</c> (interleave: steps S, S/2, ... 1, each pass restarting at A and adding
/// unseen frames, in Cuebot's order). Integers may have a leading <c>-</c>; no <c>+</c>, no
/// whitespace anywhere, no empty section, 32-bit values only. A step of 0, a step above 1 with
/// B &lt; A and a negative step with B &gt;= A are errors; a step of 1 with B &lt; A is an empty
/// section. Instances are immutable and safe to share between threads.
/// </remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named after Cuebot's and pycue's FrameSet.")]
public sealed class FrameSet : IReadOnlyList<int>, IEquatable<FrameSet>
{
    /// <summary>The most frames <see cref="Parse"/> expands a text to; larger ranges are rejected.</summary>
    public const int MaxParsedCount = 10_000_000;

    // Below this size IndexOf scans instead of building a lookup.
    private const int LinearSearchLimit = 16;

    private readonly int[] _frames;
    private Dictionary<int, int>? _firstPositions;
    private string? _compact;
    private int _hashCode;

    // 0 = not known yet, 1 = strictly ascending or strictly descending, 2 = neither.
    private int _monotonic;

    private FrameSet(int[] frames)
    {
        _frames = frames;
    }

    /// <summary>The frame set without frames (<c>""</c> as a compact string).</summary>
    public static FrameSet Empty { get; } = new FrameSet(Array.Empty<int>());

    /// <summary>The number of frames, duplicates included.</summary>
    public int Count => _frames.Length;

    /// <summary>Whether the set has no frames (e.g. parsed from <c>10-1x1</c>).</summary>
    public bool IsEmpty => _frames.Length == 0;

    /// <summary>The frame at <paramref name="index"/> in list order.</summary>
    /// <param name="index">A position from 0 to <see cref="Count"/> - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    public int this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_frames.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "The index is outside the frame list.");
            }

            return _frames[index];
        }
    }

    /// <summary>The frames, not copied; callers in this assembly must not modify them.</summary>
    internal int[] Frames => _frames;

    /// <summary>Whether no frame appears twice.</summary>
    internal bool IsDistinct => _frames.Length <= 1 || IsStrictlyMonotonic || FirstPositions().Count == _frames.Length;

    /// <summary>
    /// Whether the frames are strictly ascending or strictly descending (so none repeats, and a
    /// frame's first position is its position), as nearly every range is; computed once.
    /// </summary>
    internal bool IsStrictlyMonotonic
    {
        get
        {
            int known = Volatile.Read(ref _monotonic);
            if (known == 0)
            {
                known = IsStrictlyAscending(_frames, _frames.Length) || IsStrictlyDescending(_frames) ? 1 : 2;
                Volatile.Write(ref _monotonic, known);
            }

            return known == 1;
        }
    }

    /// <summary>Whether two frame sets hold the same frames in the same order.</summary>
    /// <param name="left">A frame set or null.</param>
    /// <param name="right">A frame set or null.</param>
    /// <returns>True when both are null or equal.</returns>
    public static bool operator ==(FrameSet? left, FrameSet? right) =>
        ReferenceEquals(left, right) || (left is not null && left.Equals(right));

    /// <summary>Whether two frame sets differ in frames or order.</summary>
    /// <param name="left">A frame set or null.</param>
    /// <param name="right">A frame set or null.</param>
    /// <returns>True when they are not equal.</returns>
    public static bool operator !=(FrameSet? left, FrameSet? right) => !(left == right);

    /// <summary>Parses a frame range such as <c>1-10x2,20,30-25</c>.</summary>
    /// <param name="text">The frame range; not trimmed.</param>
    /// <returns>The frames in Cuebot's order, duplicates kept.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid frame range; the message names the bad section.</exception>
    public static FrameSet Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (!FrameRangeParser.TryParse(text, MaxParsedCount, out int[]? frames, out string? error))
        {
            throw new FormatException(error);
        }

        return Wrap(frames);
    }

    /// <summary>Parses a frame range without throwing.</summary>
    /// <param name="text">The frame range; not trimmed.</param>
    /// <param name="frameSet">The frames when the text is valid, else null.</param>
    /// <param name="error">Why the text is invalid, naming the bad section; null on success.</param>
    /// <returns>True when the text is a valid frame range.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FrameSet? frameSet, [NotNullWhen(false)] out string? error)
    {
        frameSet = null;
        if (text is null)
        {
            error = "frame range is null";
            return false;
        }

        if (!FrameRangeParser.TryParse(text, MaxParsedCount, out int[]? frames, out error))
        {
            return false;
        }

        frameSet = Wrap(frames);
        return true;
    }

    /// <summary>Makes a frame set of the given frames, keeping their order and duplicates.</summary>
    /// <param name="frames">The frames.</param>
    /// <returns>A frame set holding a copy of the frames.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frames"/> is null.</exception>
    public static FrameSet FromFrames(IEnumerable<int> frames)
    {
        if (frames is null)
        {
            throw new ArgumentNullException(nameof(frames));
        }

        if (frames is FrameSet frameSet)
        {
            return frameSet;
        }

        int[] copy;
        if (frames is ICollection<int> collection)
        {
            copy = new int[collection.Count];
            collection.CopyTo(copy, 0);
        }
        else
        {
            copy = new List<int>(frames).ToArray();
        }

        return Wrap(copy);
    }

    /// <summary>Wraps an array this assembly will not modify again.</summary>
    internal static FrameSet Wrap(int[] frames) => frames.Length == 0 ? Empty : new FrameSet(frames);

    /// <summary>The first position of <paramref name="frame"/>, or -1 when absent.</summary>
    /// <param name="frame">A frame number.</param>
    /// <returns>A position in list order, or -1.</returns>
    public int IndexOf(int frame)
    {
        if (_frames.Length <= LinearSearchLimit)
        {
            return Array.IndexOf(_frames, frame);
        }

        return FirstPositions().TryGetValue(frame, out int position) ? position : -1;
    }

    /// <summary>Whether the set lists <paramref name="frame"/>.</summary>
    /// <param name="frame">A frame number.</param>
    /// <returns>True when the frame is listed at least once.</returns>
    public bool Contains(int frame) => IndexOf(frame) >= 0;

    /// <summary>The frames without repeats, each at its first occurrence.</summary>
    /// <returns>This instance when it has no repeats, else a new set.</returns>
    public FrameSet Distinct()
    {
        if (IsDistinct)
        {
            return this;
        }

        Dictionary<int, int> first = FirstPositions();
        var result = new int[first.Count];
        int count = 0;
        for (int i = 0; i < _frames.Length; i++)
        {
            if (first[_frames[i]] == i)
            {
                result[count++] = _frames[i];
            }
        }

        return new FrameSet(result);
    }

    /// <summary>The frames sorted ascending without repeats (pycue's <c>normalize</c>).</summary>
    /// <returns>This instance when already sorted and distinct, else a new set.</returns>
    public FrameSet Normalize()
    {
        if (IsStrictlyAscending(_frames, _frames.Length))
        {
            return this;
        }

        var sorted = (int[])_frames.Clone();
        Array.Sort(sorted);
        int count = 1;
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[count - 1])
            {
                sorted[count++] = sorted[i];
            }
        }

        if (count < sorted.Length)
        {
            Array.Resize(ref sorted, count);
        }

        return new FrameSet(sorted);
    }

    /// <summary>
    /// The frames of this set, in this set's order, that <paramref name="other"/> also lists,
    /// each once (PyOutline's <c>intersect_frame_set</c> without normalizing).
    /// </summary>
    /// <param name="other">The frames to keep.</param>
    /// <returns>This instance when every frame is kept and none repeats, else a new set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public FrameSet Intersect(FrameSet other)
    {
        if (other is null)
        {
            throw new ArgumentNullException(nameof(other));
        }

        var kept = new List<int>();
        for (int i = 0; i < _frames.Length; i++)
        {
            int frame = _frames[i];
            if (IndexOf(frame) == i && other.Contains(frame))
            {
                kept.Add(frame);
            }
        }

        return kept.Count == _frames.Length ? this : Wrap(kept.ToArray());
    }

    /// <summary>A copy of the frames in list order.</summary>
    /// <returns>A new array (empty for <see cref="Empty"/>).</returns>
    public int[] ToArray() => _frames.Length == 0 ? Array.Empty<int>() : (int[])_frames.Clone();

    /// <summary>
    /// The same frames in the same order (duplicates kept) in Cuebot's compact chunk notation,
    /// e.g. <c>1-10</c>, <c>28-34x3</c>, <c>5-11x2,31</c>, <c>91,103,104</c>; <c>""</c> when empty.
    /// Parsing the result gives back an equal set.
    /// </summary>
    /// <returns>The compact frame range text.</returns>
    public string ToCompactString()
    {
        string? compact = Volatile.Read(ref _compact);
        if (compact is null)
        {
            compact = CompactFrameFormatter.Format(_frames, 0, _frames.Length);
            Volatile.Write(ref _compact, compact);
        }

        return compact;
    }

    /// <summary>The compact frame range text; see <see cref="ToCompactString"/>.</summary>
    /// <returns>The compact frame range text.</returns>
    public override string ToString() => ToCompactString();

    /// <summary>Whether <paramref name="other"/> holds the same frames in the same order.</summary>
    /// <param name="other">Another frame set or null.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(FrameSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._frames.Length != _frames.Length)
        {
            return false;
        }

        int mine = Volatile.Read(ref _hashCode);
        int theirs = Volatile.Read(ref other._hashCode);
        if (mine != 0 && theirs != 0 && mine != theirs)
        {
            return false;
        }

        for (int i = 0; i < _frames.Length; i++)
        {
            if (_frames[i] != other._frames[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="obj"/> is a frame set with the same frames in the same order.</summary>
    /// <param name="obj">Any object.</param>
    /// <returns>True when equal.</returns>
    public override bool Equals(object? obj) => Equals(obj as FrameSet);

    /// <summary>A hash of the frames and their order.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode()
    {
        int hash = Volatile.Read(ref _hashCode);
        if (hash == 0)
        {
            unchecked
            {
                uint h = 2166136261u;
                foreach (int frame in _frames)
                {
                    h = (h ^ (uint)frame) * 16777619u;
                    h ^= h >> 15;
                }

                hash = h == 0 ? 1 : (int)h;
            }

            Volatile.Write(ref _hashCode, hash);
        }

        return hash;
    }

    /// <summary>Enumerates the frames in list order without allocating.</summary>
    /// <returns>A struct enumerator.</returns>
    public Enumerator GetEnumerator() => new Enumerator(_frames);

    IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsStrictlyAscending(int[] frames, int count)
    {
        for (int i = 1; i < count; i++)
        {
            if (frames[i] <= frames[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsStrictlyDescending(int[] frames)
    {
        for (int i = 1; i < frames.Length; i++)
        {
            if (frames[i] >= frames[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private Dictionary<int, int> FirstPositions()
    {
        Dictionary<int, int>? positions = Volatile.Read(ref _firstPositions);
        if (positions is not null)
        {
            return positions;
        }

        positions = new Dictionary<int, int>(_frames.Length);
        for (int i = 0; i < _frames.Length; i++)
        {
#if NETSTANDARD2_0
            if (!positions.ContainsKey(_frames[i]))
            {
                positions.Add(_frames[i], i);
            }
#else
            positions.TryAdd(_frames[i], i);
#endif
        }

        // A fully built dictionary is published once; concurrent readers only read it.
        return Interlocked.CompareExchange(ref _firstPositions, positions, null) ?? positions;
    }

    /// <summary>Enumerates a <see cref="FrameSet"/> in list order.</summary>
    [SuppressMessage("Performance", "CA1815:Override equals and operator equals on value types", Justification = "Enumerators are not compared.")]
    public struct Enumerator : IEnumerator<int>
    {
        private readonly int[] _frames;
        private int _index;

        internal Enumerator(int[] frames)
        {
            _frames = frames;
            _index = -1;
        }

        /// <summary>The frame at the current position.</summary>
        public readonly int Current => _frames[_index];

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next frame.</summary>
        /// <returns>False after the last frame.</returns>
        public bool MoveNext()
        {
            if (_frames is null)
            {
                return false;
            }

            int next = _index + 1;
            if (next < _frames.Length)
            {
                _index = next;
                return true;
            }

            _index = _frames.Length;
            return false;
        }

        /// <summary>Moves back before the first frame.</summary>
        public void Reset() => _index = -1;

        /// <summary>Does nothing; nothing to release.</summary>
        public readonly void Dispose()
        {
        }
    }
}
