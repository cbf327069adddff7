using System;
using System.Collections.Generic;

namespace OpenCue.LocalCue.Scheduling
{
    /// <summary>
    /// A layer's chunk-start frames in dispatch order, for Cuebot's <c>CueUtil.findChunk</c>: the start
    /// that equals frame N, else the start before the first one greater than N (the last start when none
    /// is). Ascending lists (nearly every range) are searched by halving; others are walked as Cuebot does.
    /// </summary>
    internal sealed class ChunkStarts
    {
        private readonly int[] _starts;
        private readonly Dictionary<int, int> _positions;
        private readonly bool _ascending = true;

        public ChunkStarts(IReadOnlyList<CueFrame> frames)
        {
            _starts = new int[frames.Count];
            _positions = new Dictionary<int, int>(frames.Count);
            for (var i = 0; i < frames.Count; i++)
            {
                _starts[i] = frames[i].Number;
                _positions.TryAdd(_starts[i], i);
                _ascending &= i == 0 || _starts[i] > _starts[i - 1];
            }
        }

        /// <summary>The position of the chunk holding <paramref name="er"/>'s frame number.</summary>
        /// <exception cref="Intake.SpecRejectedException">The frame comes before the layer's first chunk.</exception>
        public int FindChunk(CueFrame er, CueLayer on)
        {
            if (_positions.TryGetValue(er.Number, out var position))
            {
                return position;
            }

            var firstGreater = _ascending ? FirstGreaterAscending(er.Number) : FirstGreaterInOrder(er.Number);
            if (firstGreater == 0)
            {
                throw new Intake.SpecRejectedException("Frame " + er.Name + " comes before the first frame of layer " + on.Name +
                    ": Cuebot cannot find its chunk for a FRAME_BY_FRAME depend.");
            }

            return firstGreater < 0 ? _starts.Length - 1 : firstGreater - 1;
        }

        private int FirstGreaterAscending(int frame)
        {
            var index = Array.BinarySearch(_starts, frame);
            var next = index >= 0 ? index + 1 : ~index;
            return next < _starts.Length ? next : -1;
        }

        private int FirstGreaterInOrder(int frame)
        {
            for (var i = 0; i < _starts.Length; i++)
            {
                if (_starts[i] > frame)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
