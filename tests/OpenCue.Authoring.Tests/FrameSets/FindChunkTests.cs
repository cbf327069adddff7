using OpenCue.Authoring;

namespace OpenCue.Authoring.Tests.FrameSets;

/// <summary><see cref="Chunking.FindChunk"/> agrees with Cuebot's walk of the list, sorted or not, as a frame set or a plain list.</summary>
public class FindChunkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FindChunk_matches_Cuebots_walk_for_ascending_descending_and_unordered_starts(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var numbers = Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(-20, 200)).Distinct().ToList();
            switch (round % 3)
            {
                case 0: numbers.Sort(); break;
                case 1: numbers.Sort((a, b) => b.CompareTo(a)); break;
            }

            var asSet = FrameSet.Parse(string.Join(",", numbers));
            for (var n = -25; n < 210; n++)
            {
                var expected = Walk(numbers, n);
                Chunking.FindChunk(asSet, n).Should().Be(expected, "frame {0} in [{1}]", n, string.Join(",", numbers));
                Chunking.FindChunk(numbers, n).Should().Be(expected, "frame {0} in the list [{1}]", n, string.Join(",", numbers));
            }
        }
    }

    [Fact]
    public void A_frame_before_the_first_start_in_list_order_has_no_chunk()
    {
        Chunking.FindChunk(FrameSet.Parse("5-10"), 3).Should().Be(-1);
        Chunking.FindChunk(FrameSet.Parse("10,1"), 3).Should().Be(-1, "the first start in list order, 10, is already greater");
        Chunking.FindChunk(FrameSet.Parse("1,10"), 3).Should().Be(0);
        Chunking.FindChunk(FrameSet.Parse("1-9x4"), 100).Should().Be(2, "past every start: the last chunk");
        Chunking.FindChunk(Array.Empty<int>(), 1).Should().Be(-1);
    }

    // Cuebot's CueUtil.findChunk as written: the frame itself if it is a start, else the start before
    // the first greater one (none: fail), else the last; as a position, -1 for the failure.
    private static int Walk(List<int> starts, int frame)
    {
        if (starts.Contains(frame))
        {
            return starts.IndexOf(frame);
        }

        for (var i = 0; i < starts.Count; i++)
        {
            if (starts[i] > frame)
            {
                return i - 1;
            }
        }

        return starts.Count - 1;
    }
}
