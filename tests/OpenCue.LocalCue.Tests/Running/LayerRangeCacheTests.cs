using System.Globalization;
using OpenCue.LocalCue.Running;
using OpenCue.Outline;

namespace OpenCue.LocalCue.Tests.Running
{
    /// <summary>The runner parses a layer's range once and finds each frame's chunk as <see cref="Chunking.GetChunk"/> does.</summary>
    public sealed class LayerRangeCacheTests
    {
        [Theory]
        [InlineData("1-10", 3)]
        [InlineData("1-100x3", 1)]
        [InlineData("10-1", 4)]
        [InlineData("1-20:5", 2)]
        [InlineData("5,3,9,1,7", 2)]
        public void Every_chunk_is_the_one_Chunking_computes(string range, int chunk)
        {
            var cache = new LayerRangeCache();
            var frames = FrameSet.Parse(range);

            foreach (var start in Chunking.GetChunkStarts(frames, chunk))
            {
                var expected = Chunking.GetChunk(FrameSet.Parse(range), start, chunk);
                cache.GetChunk(range, start, chunk).Should().Be(expected);

                // Again, from the cache.
                cache.GetChunk(range, start, chunk).Should().Be(expected);
            }
        }

        [Fact]
        public void A_frame_outside_the_range_is_refused_whether_or_not_the_range_is_cached()
        {
            var cache = new LayerRangeCache();

            FluentActions.Invoking(() => cache.GetChunk("1-10", 11, 1)).Should().Throw<ArgumentException>();
            cache.GetChunk("1-10", 10, 1).FrameSpec.Should().Be("10");
            FluentActions.Invoking(() => cache.GetChunk("1-10", 11, 1)).Should().Throw<ArgumentException>();
            FluentActions.Invoking(() => cache.GetChunk("not a range", 1, 1)).Should().Throw<FormatException>();
            FluentActions.Invoking(() => cache.GetChunk(null!, 1, 1)).Should().Throw<ArgumentNullException>();
        }

        [Fact]
        public void Past_its_capacity_the_cache_starts_over_and_stays_right()
        {
            var cache = new LayerRangeCache();
            for (int i = 1; i <= LayerRangeCache.Capacity * 2 + 3; i++)
            {
                string range = "1-" + i.ToString(CultureInfo.InvariantCulture);
                var chunk = cache.GetChunk(range, 1, 2);
                chunk.EndFrame.Should().Be(Math.Min(2, i));
            }

            cache.GetChunk("1-7", 7, 2).FrameSpec.Should().Be("7");
        }
    }
}
