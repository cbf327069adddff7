using System;
using System.Collections.Concurrent;
using OpenCue.Outline;

namespace OpenCue.LocalCue.Running
{
    /// <summary>
    /// Parsed layer ranges, shared by a runner's frames: every frame of a layer needs its chunk
    /// (<c>#FRAME_END#</c>, <c>#FRAMESPEC#</c>), and parsing the layer's range for each frame made a
    /// frame start O(frames in the layer). A parsed <see cref="FrameSet"/> is immutable and indexes its
    /// frames on first lookup, so a chunk is then found in O(chunk).
    /// </summary>
    internal sealed class LayerRangeCache
    {
        /// <summary>Ranges kept; past this the cache starts over (distinct ranges are few: layers share them).</summary>
        internal const int Capacity = 256;

        private readonly ConcurrentDictionary<string, FrameSet> _ranges = new(StringComparer.Ordinal);

        /// <summary>The chunk of <paramref name="layerRange"/> starting at <paramref name="startFrame"/>, as <see cref="Chunking.GetChunk"/>.</summary>
        /// <param name="layerRange">The layer's range as launched.</param>
        /// <param name="startFrame">The chunk's first frame.</param>
        /// <param name="chunkSize">The layer's chunk size.</param>
        /// <returns>The chunk.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="layerRange"/> is null.</exception>
        /// <exception cref="FormatException">The range does not parse.</exception>
        /// <exception cref="ArgumentException">The range does not hold the frame.</exception>
        internal FrameChunk GetChunk(string layerRange, int startFrame, int chunkSize)
        {
            if (layerRange is null)
            {
                throw new ArgumentNullException(nameof(layerRange));
            }

            if (!_ranges.TryGetValue(layerRange, out FrameSet? range))
            {
                range = FrameSet.Parse(layerRange);
                if (_ranges.Count >= Capacity)
                {
                    _ranges.Clear();
                }

                _ranges.TryAdd(layerRange, range);
            }

            return Chunking.GetChunk(range, startFrame, chunkSize);
        }
    }
}
