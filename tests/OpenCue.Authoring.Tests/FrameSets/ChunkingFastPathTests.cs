using System.Globalization;
using System.Text;
using OpenCue.Authoring.FrameSets.Internal;

namespace OpenCue.Authoring.Tests.FrameSets;

/// <summary>
/// The fast paths of chunking and of the compact notation give what the general ones give:
/// chunk starts of strictly monotonic lists (no first-position lookup) and chunks that are one
/// arithmetic run (no builder), against the naive model and the formatter as it was before.
/// </summary>
public class ChunkingFastPathTests
{
    private const int Seed = 20261124;

    [Theory]
    [InlineData("1-3000", 7)]
    [InlineData("1-3000", 1)]
    [InlineData("100-1", 3)]
    [InlineData("1-100x3", 4)]
    [InlineData("100-1x-7", 2)]
    [InlineData("-50--10", 6)]
    [InlineData("5", 1)]
    [InlineData("5", 9)]
    [InlineData("1-10", 10)]
    [InlineData("1-10", 11)]
    [InlineData("1-10", 9)]
    public void Chunks_of_monotonic_ranges_match_the_reference(string range, int chunkSize)
    {
        FrameSet set = FrameSet.Parse(range);
        set.IsStrictlyMonotonic.Should().BeTrue();
        AssertChunksMatchReference(set, chunkSize);
    }

    [Theory]
    [InlineData("1-10,20-11", 3)] // distinct, not monotonic: the general path
    [InlineData("1-5,3-8", 2)] // repeats
    [InlineData("1-10:5", 4)] // interleave
    [InlineData("1,1,1,2,3", 2)]
    [InlineData("3,2,2,1", 1)]
    [InlineData("1-10y3", 2)] // ascending after all
    public void Chunks_of_other_lists_match_the_reference(string range, int chunkSize)
    {
        AssertChunksMatchReference(FrameSet.Parse(range), chunkSize);
    }

    [Fact]
    public void Monotonic_and_general_paths_agree_on_random_lists()
    {
        var random = new Random(Seed);
        int monotonic = 0;
        for (int n = 0; n < 3000; n++)
        {
            int[] frames = RandomList(random);
            if (frames.Length == 0)
            {
                continue;
            }

            FrameSet set = FrameSet.FromFrames(frames);
            bool ascending = frames.Zip(frames.Skip(1), (a, b) => b > a).All(x => x);
            bool descending = frames.Zip(frames.Skip(1), (a, b) => b < a).All(x => x);
            set.IsStrictlyMonotonic.Should().Be(ascending || descending);
            if (ascending || descending)
            {
                monotonic++;
            }

            AssertChunksMatchReference(set, random.Next(4) == 0 ? random.Next(1, 60) : random.Next(1, 8));
        }

        monotonic.Should().BeGreaterThan(500);
    }

    [Fact]
    public void Chunk_starts_with_chunk_1_of_a_monotonic_range_are_the_range_itself()
    {
        FrameSet set = FrameSet.Parse("1-50");
        Chunking.GetChunkStarts(set, 1).Should().BeSameAs(set);
        Chunking.GetChunkStarts(FrameSet.Parse("1-5,3-8"), 1).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
    }

    [Fact]
    public void Compact_notation_matches_the_former_formatter_on_random_lists_and_chunks()
    {
        var random = new Random(Seed + 1);
        for (int n = 0; n < 20000; n++)
        {
            int[] frames = n % 3 == 0 ? RandomRun(random) : RandomList(random);
            int start = frames.Length == 0 ? 0 : random.Next(frames.Length);
            int count = random.Next(0, frames.Length - start + 1);
            string expected = FormerFormatter.Format(frames, start, count);
            CompactFrameFormatter.Format(frames, start, count).Should().Be(expected, "frames {0} from {1}, {2} of them", string.Join(",", frames), start, count);
            CompactFrameFormatter.Format(frames, 0, frames.Length).Should().Be(FormerFormatter.Format(frames, 0, frames.Length));
        }
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, "1-2")]
    [InlineData(new[] { 2, 1 }, "2,1")]
    [InlineData(new[] { 3, 2, 1 }, "3-1x-1")]
    [InlineData(new[] { 1, 3 }, "1,3")]
    [InlineData(new[] { 1, 3, 5 }, "1-5x2")]
    [InlineData(new[] { 9, 6, 3 }, "9-3x-3")]
    [InlineData(new[] { -3, -2, -1, 0, 1 }, "-3-1")]
    [InlineData(new[] { 4, 4 }, "4,4")]
    [InlineData(new[] { int.MinValue, -1, int.MaxValue - 1 }, "-2147483648-2147483646x2147483647")]
    [InlineData(new[] { int.MaxValue, int.MinValue }, "2147483647,-2147483648")]
    [InlineData(new[] { int.MaxValue, int.MinValue, -1 }, "2147483647,-2147483648,-1")]
    [InlineData(new[] { 1, 2, 3, 7, 8, 9 }, "1-3,7-9")]
    public void Runs_are_written_as_before(int[] frames, string expected)
    {
        FormerFormatter.Format(frames, 0, frames.Length).Should().Be(expected);
        CompactFrameFormatter.Format(frames, 0, frames.Length).Should().Be(expected);
    }

    [Fact]
    public void Chunks_of_a_large_range_are_their_runs_and_allocate_little()
    {
        FrameSet set = FrameSet.Parse("1-100000");
        Chunking.GetChunks(set, 7); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        IReadOnlyList<FrameChunk> chunks = Chunking.GetChunks(set, 7);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        chunks.Should().HaveCount(14286);
        chunks[0].FrameSpec.Should().Be("1-7");
        chunks[14284].FrameSpec.Should().Be("99989-99995");
        chunks[14285].FrameSpec.Should().Be("99996-100000");

        // 14,286 chunks and their texts, nothing per frame (the former formatter allocated 3.8 MB).
        allocated.Should().BeLessThan(1_200_000);

        // Kept in segments (off the large object heap); enumerating and indexing agree across them.
        int n = 0;
        foreach (FrameChunk chunk in chunks)
        {
            chunk.Should().Be(chunks[n]);
            chunk.Index.Should().Be(n);
            chunk.StartFrame.Should().Be((7 * n) + 1);
            n++;
        }

        n.Should().Be(14286);
        Action outside = () => _ = chunks[14286];
        outside.Should().Throw<ArgumentOutOfRangeException>();
        Action negative = () => _ = chunks[-1];
        negative.Should().Throw<ArgumentOutOfRangeException>();
        Chunking.GetChunks(FrameSet.Parse("1-10"), 1).Should().HaveCount(10);
        Chunking.GetChunks(FrameSet.Empty, 1).Should().BeEmpty();
    }

    private static void AssertChunksMatchReference(FrameSet set, int chunkSize)
    {
        int[] frames = set.ToArray();
        List<int> starts = ReferenceFrameModel.ChunkStarts(frames, chunkSize);
        Chunking.GetChunkStarts(set, chunkSize).Should().Equal(starts);
        IReadOnlyList<FrameChunk> chunks = Chunking.GetChunks(set, chunkSize);
        chunks.Should().HaveCount(starts.Count);
        for (int i = 0; i < starts.Count; i++)
        {
            List<int> chunkFrames = ReferenceFrameModel.ChunkFrames(frames, starts[i], chunkSize);
            FrameChunk chunk = chunks[i];
            chunk.Index.Should().Be(i);
            chunk.StartFrame.Should().Be(starts[i]);
            chunk.EndFrame.Should().Be(chunkFrames[^1]);
            chunk.Count.Should().Be(chunkFrames.Count);
            chunk.FrameSpec.Should().Be(FormerFormatter.Format(chunkFrames.ToArray(), 0, chunkFrames.Count));
            Chunking.GetChunk(set, starts[i], chunkSize).Should().Be(chunk);
        }
    }

    // Ascending or descending runs (some with steps, some at the ends of int), broken now and then.
    private static int[] RandomRun(Random random)
    {
        int length = random.Next(1, 40);
        long step = random.Next(6) switch
        {
            0 => 1,
            1 => -1,
            2 => random.Next(2, 9),
            3 => -random.Next(2, 9),
            4 => random.Next(2) == 0 ? int.MaxValue : -(long)int.MaxValue,
            _ => 0,
        };
        long first = random.Next(4) == 0 ? (random.Next(2) == 0 ? int.MinValue : int.MaxValue) : random.Next(-100, 101);
        var frames = new List<int>();
        long frame = first;
        for (int i = 0; i < length && frame >= int.MinValue && frame <= int.MaxValue; i++)
        {
            frames.Add((int)frame);
            frame += step;
            if (random.Next(15) == 0)
            {
                frame += random.Next(-3, 4);
            }
        }

        return frames.ToArray();
    }

    private static int[] RandomList(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return RandomRun(random);
            case 1:
                int[] run = RandomRun(random);
                return run.Concat(RandomRun(random)).ToArray();
            default:
                int length = random.Next(0, 30);
                int spread = random.Next(1, 40);
                return Enumerable.Range(0, length).Select(_ => random.Next(-spread, spread + 1)).ToArray();
        }
    }

    /// <summary>The compact formatter as it was before its fast paths (a builder, long.ToString per number): the oracle.</summary>
    private static class FormerFormatter
    {
        public static string Format(int[] frames, int start, int count)
        {
            if (count <= 0)
            {
                return string.Empty;
            }

            if (count == 1)
            {
                return frames[start].ToString(CultureInfo.InvariantCulture);
            }

            var builder = new StringBuilder(count * 4);
            int state = 0; // 0 fresh, 1 run, 2 pairs
            long runStart = frames[start];
            long runLast = runStart;
            long step = 0;
            int runCount = 1;
            int end = start + count;
            for (int i = start + 1; i < end; i++)
            {
                long frame = frames[i];
                switch (state)
                {
                    case 0:
                        if (frame == runStart)
                        {
                            AppendSingle(builder, runStart);
                            runStart = frame;
                        }
                        else
                        {
                            state = 1;
                            step = frame - runStart;
                            runLast = frame;
                            runCount = 2;
                        }

                        break;
                    case 1:
                        if (frame - runLast == step)
                        {
                            runLast = frame;
                            runCount++;
                        }
                        else if (runCount >= 3 || step == 1)
                        {
                            AppendRun(builder, runStart, runLast, step);
                            state = 0;
                            runStart = frame;
                        }
                        else
                        {
                            AppendSingle(builder, runStart);
                            state = 2;
                            runStart = runLast;
                            runLast = frame;
                        }

                        break;
                    default:
                        if (frame == runStart + 1 && (runLast == runStart + 1 || runLast == runStart - 1))
                        {
                            AppendRun(builder, runStart, runLast, 1);
                            state = 0;
                            runStart = frame;
                        }
                        else
                        {
                            AppendSingle(builder, runStart);
                            runStart = runLast;
                            runLast = frame;
                        }

                        break;
                }
            }

            if (state == 0)
            {
                AppendSingle(builder, runStart);
            }
            else if (state == 2 || (runCount == 2 && step != 1))
            {
                AppendSingle(builder, runStart);
                AppendSingle(builder, runLast);
            }
            else
            {
                AppendRun(builder, runStart, runLast, step);
            }

            return builder.ToString();
        }

        private static void AppendSingle(StringBuilder builder, long frame)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(frame.ToString(CultureInfo.InvariantCulture));
        }

        private static void AppendRun(StringBuilder builder, long first, long last, long step)
        {
            AppendSingle(builder, first);
            builder.Append('-').Append(last.ToString(CultureInfo.InvariantCulture));
            if (step != 1)
            {
                builder.Append('x').Append(step.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
