using OpenCue.Authoring;

namespace OpenCue.Authoring.Tests.FrameSets;

public class ChunkingTests
{
    [Theory]
    [InlineData("1-100", 9, 3, "10-12", 10, 12, 3)]
    [InlineData("1-100x3", 9, 3, "28-34x3", 28, 34, 3)]
    [InlineData("1-10x2,11-100x20,103-108", 5, 5, "11-91x20", 11, 91, 5)]
    [InlineData("1-10x2,11-100x20,103-108", 2, 5, "5-11x2,31", 5, 31, 5)]
    [InlineData("1-10x2,11-100x20,103-108", 9, 3, "91,103,104", 91, 104, 3)]
    [InlineData("55-60", 0, 10, "55-60", 55, 60, 6)]
    [InlineData("1-10x2", 0, 3, "1-5x2", 1, 5, 3)]
    [InlineData("1-10x2", 3, 3, "7,9", 7, 9, 2)]
    [InlineData("1", 0, 3, "1", 1, 1, 1)]
    [InlineData("1-100", 4, 1, "5", 5, 5, 1)]
    [InlineData("10-1", 0, 3, "10-8x-1", 10, 8, 3)]
    public void Get_chunk_matches_Cuebot(string range, int position, int chunkSize, string spec, int start, int end, int count)
    {
        FrameSet set = FrameSet.Parse(range);
        FrameChunk chunk = Chunking.GetChunk(set, set[position], chunkSize);
        chunk.FrameSpec.Should().Be(spec);
        chunk.StartFrame.Should().Be(start);
        chunk.EndFrame.Should().Be(end);
        chunk.Count.Should().Be(count);
    }

    [Fact]
    public void Get_chunk_uses_the_raw_list_and_the_first_position()
    {
        // Raw list 1,2,3,4,5,3,4,5,6,7,8: the chunk of 5 runs 5 then 3.
        FrameSet set = FrameSet.Parse("1-5,3-8");
        FrameChunk chunk = Chunking.GetChunk(set, 5, 2);
        chunk.FrameSpec.Should().Be("5,3");
        chunk.EndFrame.Should().Be(3);
        chunk.Index.Should().Be(2);

        FrameChunk three = Chunking.GetChunk(set, 3, 4);
        three.FrameSpec.Should().Be("3-5,3");
        three.EndFrame.Should().Be(3);
        three.Count.Should().Be(4);
    }

    [Fact]
    public void Frame_end_is_the_last_entry_not_the_largest()
    {
        FrameChunk chunk = Chunking.GetChunk(FrameSet.Parse("1-10:5"), 1, 4);
        chunk.FrameSpec.Should().Be("1,6,3,5");
        chunk.EndFrame.Should().Be(5);
        chunk.StartFrame.Should().Be(1);
    }

    [Fact]
    public void Get_chunk_index_is_the_dispatch_position_or_minus_one()
    {
        FrameSet set = FrameSet.Parse("1-10");
        Chunking.GetChunk(set, 1, 3).Index.Should().Be(0);
        Chunking.GetChunk(set, 7, 3).Index.Should().Be(2);
        Chunking.GetChunk(set, 10, 3).Index.Should().Be(3);
        Chunking.GetChunk(set, 2, 3).Index.Should().Be(-1);
        Chunking.GetChunk(set, 1, 50).Index.Should().Be(0);
        Chunking.GetChunk(set, 2, 50).Index.Should().Be(-1);
        Chunking.GetChunk(FrameSet.Parse("1,1,1,2,3"), 2, 2).Index.Should().Be(-1);
        Chunking.GetChunk(FrameSet.Parse("1,1,1,2,3"), 3, 2).Index.Should().Be(1);
    }

    [Fact]
    public void Get_chunk_rejects_bad_arguments()
    {
        FrameSet set = FrameSet.Parse("1-10");
        Action missing = () => Chunking.GetChunk(set, 11, 3);
        missing.Should().Throw<ArgumentException>().WithParameterName("startFrame");
        Action zero = () => Chunking.GetChunk(set, 1, 0);
        zero.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("chunkSize");
        Action nullRange = () => Chunking.GetChunk(null!, 1, 1);
        nullRange.Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData("1-10", 1, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [InlineData("1-10", 3, new[] { 1, 4, 7, 10 })]
    [InlineData("1-10", 5, new[] { 1, 6 })]
    [InlineData("1-10", 10, new[] { 1 })]
    [InlineData("1-10", 11, new[] { 1 })]
    [InlineData("1-10", 1000000, new[] { 1 })]
    [InlineData("10-1", 4, new[] { 10, 6, 2 })]
    [InlineData("1-10:5", 3, new[] { 1, 5, 2, 10 })]
    [InlineData("1-5,3-8", 1, new[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData("1-5,3-8", 3, new[] { 1, 4, 7 })]
    [InlineData("5,1,5,2", 2, new[] { 5, 2 })]
    [InlineData("5,5,5,5", 2, new[] { 5 })]
    [InlineData("5,5,5,1", 3, new[] { 5 })]
    [InlineData("-3-3", 2, new[] { -3, -1, 1, 3 })]
    public void Chunk_starts_deduplicate_then_take_every_chunk_th(string range, int chunkSize, int[] expected)
    {
        Chunking.GetChunkStarts(FrameSet.Parse(range), chunkSize).Should().Equal(expected);
    }

    [Fact]
    public void Chunk_starts_of_an_empty_range()
    {
        Chunking.GetChunkStarts(FrameSet.Empty, 1).Should().BeEmpty();
        Chunking.GetChunks(FrameSet.Empty, 1).Should().BeEmpty();
        Action chunked = () => Chunking.GetChunkStarts(FrameSet.Parse("10-1x1"), 2);
        chunked.Should().Throw<ArgumentException>().WithParameterName("range");
        chunked = () => Chunking.GetChunks(FrameSet.Empty, 5);
        chunked.Should().Throw<ArgumentException>().WithParameterName("range");
    }

    [Fact]
    public void Chunk_starts_reject_bad_arguments()
    {
        Action zero = () => Chunking.GetChunkStarts(FrameSet.Parse("1"), 0);
        zero.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("chunkSize");
        Action negative = () => Chunking.GetChunks(FrameSet.Parse("1"), -1);
        negative.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("chunkSize");
        Action nullRange = () => Chunking.GetChunkStarts(null!, 1);
        nullRange.Should().Throw<ArgumentNullException>();
        nullRange = () => Chunking.GetChunks(null!, 1);
        nullRange.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Get_chunks_lists_one_chunk_per_start_in_dispatch_order()
    {
        FrameSet set = FrameSet.Parse("1-10x2,11-100x20,103-108");
        IReadOnlyList<FrameChunk> chunks = Chunking.GetChunks(set, 5);
        chunks.Select(c => c.FrameSpec).Should().Equal("1-9x2", "11-91x20", "103-107", "108");
        chunks.Select(c => c.Index).Should().Equal(0, 1, 2, 3);
        chunks.Select(c => c.StartFrame).Should().Equal(1, 11, 103, 108);
        chunks.Select(c => c.EndFrame).Should().Equal(9, 91, 107, 108);
        chunks.Select(c => c.Count).Should().Equal(5, 5, 5, 1);
    }

    [Fact]
    public void Get_chunks_with_duplicates_start_chunks_at_first_positions()
    {
        FrameSet set = FrameSet.Parse("1-5,3-8");
        Chunking.GetChunks(set, 3).Select(c => c.FrameSpec).Should().Equal("1-3", "4-5,3", "7-8");
    }

    [Fact]
    public void Get_chunks_of_a_large_range()
    {
        FrameSet set = FrameSet.Parse("1-100000");
        IReadOnlyList<FrameChunk> chunks = Chunking.GetChunks(set, 7);
        chunks.Count.Should().Be(14286);
        chunks[0].FrameSpec.Should().Be("1-7");
        chunks[^1].FrameSpec.Should().Be("99996-100000");
        chunks[^1].Count.Should().Be(5);
        chunks[^1].Index.Should().Be(14285);
    }

    [Fact]
    public void Frame_chunk_value_semantics()
    {
        var a = new FrameChunk(2, 5, 31, "5-11x2,31", 5);
        var b = new FrameChunk(2, 5, 31, "5-11x2,31", 5);
        var c = new FrameChunk(3, 5, 31, "5-11x2,31", 5);
        (a == b).Should().BeTrue();
        (a != c).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.ToString().Should().Be("chunk 2: 5-11x2,31 (start 5, end 31, 5 frames)");
        a.ToFrameSet().Should().Equal(5, 7, 9, 11, 31);
        default(FrameChunk).FrameSpec.Should().BeEmpty();
        default(FrameChunk).ToFrameSet().Should().BeSameAs(FrameSet.Empty);

        Action nullSpec = () => _ = new FrameChunk(0, 1, 1, null!, 1);
        nullSpec.Should().Throw<ArgumentNullException>();
        Action noFrames = () => _ = new FrameChunk(0, 1, 1, "1", 0);
        noFrames.Should().Throw<ArgumentOutOfRangeException>();
        Action badIndex = () => _ = new FrameChunk(-2, 1, 1, "1", 1);
        badIndex.Should().Throw<ArgumentOutOfRangeException>();
    }
}
