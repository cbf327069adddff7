using System.Globalization;
using System.Text;
using OpenCue.Authoring;

namespace OpenCue.Authoring.Tests.FrameSets;

public class FrameSetPropertyTests
{
    private const int Seed = 20240611;

    [Fact]
    public void Random_valid_ranges_match_the_reference_and_round_trip()
    {
        var random = new Random(Seed);
        for (int n = 0; n < 4000; n++)
        {
            string text = RandomRange(random);
            List<int> expected = ReferenceFrameModel.Parse(text)!;
            expected.Should().NotBeNull(text);

            FrameSet set = FrameSet.Parse(text);
            set.Should().Equal(expected, text);

            string compact = set.ToCompactString();
            if (set.IsEmpty)
            {
                compact.Should().BeEmpty();
            }
            else
            {
                FrameSet.Parse(compact).Should().Equal(set, "{0} -> {1}", text, compact);
            }

            FrameSet normalized = set.Normalize();
            normalized.Should().Equal(expected.Distinct().OrderBy(f => f), text);
            if (!normalized.IsEmpty)
            {
                FrameSet.Parse(normalized.ToString()).Equals(normalized).Should().BeTrue(text);
            }

            set.Distinct().Should().Equal(FirstOccurrences(expected), text);
            foreach (int frame in expected)
            {
                set.IndexOf(frame).Should().Be(expected.IndexOf(frame), text);
            }

            set.IndexOf(int.MaxValue).Should().Be(-1);
        }
    }

    [Fact]
    public void Random_text_is_accepted_exactly_when_the_reference_accepts_it()
    {
        var random = new Random(Seed + 1);
        int accepted = 0;
        int rejected = 0;
        for (int n = 0; n < 5000; n++)
        {
            string text = Mutate(random, RandomRange(random));
            List<int>? expected = ReferenceFrameModel.Parse(text);
            bool ok = FrameSet.TryParse(text, out FrameSet? set, out string? error);
            ok.Should().Be(expected is not null, "'{0}' ({1})", text, error);
            if (ok)
            {
                accepted++;
                set.Should().Equal(expected, text);
            }
            else
            {
                rejected++;
                error.Should().NotBeNullOrEmpty();
                Action parse = () => FrameSet.Parse(text);
                parse.Should().Throw<FormatException>().WithMessage(error);
            }
        }

        accepted.Should().BeGreaterThan(500);
        rejected.Should().BeGreaterThan(500);
    }

    [Fact]
    public void Compact_strings_of_arbitrary_lists_round_trip()
    {
        var random = new Random(Seed + 2);
        for (int n = 0; n < 5000; n++)
        {
            int[] frames = RandomList(random);
            FrameSet set = FrameSet.FromFrames(frames);
            string compact = set.ToCompactString();
            FrameSet.Parse(frames.Length == 0 ? "10-1x1" : compact).Should().Equal(frames, compact);
        }
    }

    [Fact]
    public void Compact_strings_match_Cuebot_wherever_Cuebot_is_right()
    {
        var random = new Random(Seed + 3);
        int compared = 0;
        for (int n = 0; n < 5000; n++)
        {
            int[] frames = FirstOccurrences(RandomList(random)).ToArray();
            string? cuebot = ReferenceFrameModel.CuebotFormatDistinct(frames);
            if (cuebot is null || frames.Length == 0)
            {
                continue;
            }

            compared++;
            FrameSet.FromFrames(frames).ToCompactString().Should().Be(cuebot);
        }

        compared.Should().BeGreaterThan(2000);
    }

    [Fact]
    public void Extreme_values_round_trip()
    {
        int[][] lists =
        {
            new[] { int.MaxValue, int.MinValue, int.MaxValue },
            new[] { int.MinValue, 0, int.MaxValue },
            new[] { int.MinValue, -1, int.MaxValue - 1 },
            new[] { int.MaxValue, -1, int.MinValue + 1 },
            new[] { int.MaxValue - 2, int.MaxValue - 1, int.MaxValue },
            new[] { int.MinValue + 2, int.MinValue + 1, int.MinValue, int.MinValue },
        };
        foreach (int[] frames in lists)
        {
            string compact = FrameSet.FromFrames(frames).ToCompactString();
            FrameSet.Parse(compact).Should().Equal(frames, compact);
        }

        FrameSet.FromFrames(lists[2]).ToCompactString().Should().Be("-2147483648-2147483646x2147483647");
    }

    [Fact]
    public void Intersect_matches_the_reference()
    {
        var random = new Random(Seed + 4);
        for (int n = 0; n < 2000; n++)
        {
            FrameSet a = FrameSet.Parse(RandomRange(random));
            FrameSet b = FrameSet.Parse(RandomRange(random));
            var expected = new List<int>();
            foreach (int frame in a)
            {
                if (b.ToArray().Contains(frame) && !expected.Contains(frame))
                {
                    expected.Add(frame);
                }
            }

            a.Intersect(b).Should().Equal(expected);
            a.Intersect(a).Should().Equal(FirstOccurrences(a.ToArray()));
        }
    }

    [Fact]
    public void Chunking_matches_the_reference()
    {
        var random = new Random(Seed + 5);
        int compared = 0;
        for (int n = 0; n < 2000; n++)
        {
            FrameSet set = FrameSet.Parse(RandomRange(random));
            if (set.IsEmpty)
            {
                continue;
            }

            int chunkSize = random.Next(4) == 0 ? random.Next(1, 200) : random.Next(1, 8);
            List<int> starts = ReferenceFrameModel.ChunkStarts(set.ToArray(), chunkSize);
            Chunking.GetChunkStarts(set, chunkSize).Should().Equal(starts);

            IReadOnlyList<FrameChunk> chunks = Chunking.GetChunks(set, chunkSize);
            chunks.Should().HaveCount(starts.Count);
            for (int i = 0; i < starts.Count; i++)
            {
                List<int> frames = ReferenceFrameModel.ChunkFrames(set.ToArray(), starts[i], chunkSize);
                FrameChunk chunk = chunks[i];
                chunk.Index.Should().Be(i);
                chunk.StartFrame.Should().Be(starts[i]);
                chunk.EndFrame.Should().Be(frames[^1]);
                chunk.Count.Should().Be(frames.Count);
                FrameSet.Parse(chunk.FrameSpec).Should().Equal(frames, chunk.FrameSpec);
                Chunking.GetChunk(set, starts[i], chunkSize).Should().Be(chunk);

                if (frames.Distinct().Count() == frames.Count && ReferenceFrameModel.CuebotFormatDistinct(frames) is string cuebot)
                {
                    chunk.FrameSpec.Should().Be(cuebot);
                    compared++;
                }
            }
        }

        compared.Should().BeGreaterThan(1000);
    }

    private static List<int> FirstOccurrences(IEnumerable<int> frames)
    {
        var seen = new HashSet<int>();
        return frames.Where(seen.Add).ToList();
    }

    private static string RandomRange(Random random)
    {
        int sections = random.Next(1, 5);
        var text = new StringBuilder();
        for (int i = 0; i < sections; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(RandomSection(random));
        }

        return text.ToString();
    }

    private static string RandomSection(Random random)
    {
        int a = RandomFrame(random);
        int b = RandomFrame(random);
        switch (random.Next(5))
        {
            case 0:
                return Invariant(a);
            case 1:
                return Invariant(a) + "-" + Invariant(b);
            default:
                char separator = "xy:"[random.Next(3)];
                int magnitude = random.Next(1, 13);
                int step;
                if (b > a)
                {
                    step = magnitude;
                }
                else if (b < a)
                {
                    step = random.Next(8) == 0 ? 1 : -magnitude;
                }
                else
                {
                    step = magnitude;
                }

                return Invariant(a) + "-" + Invariant(b) + separator + Invariant(step);
        }
    }

    private static int RandomFrame(Random random) =>
        random.Next(10) == 0 ? random.Next(-1000, 1001) : random.Next(-60, 61);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Inserts, deletes or replaces characters so that some results stay valid and most do not.
    private static string Mutate(Random random, string text)
    {
        const string Alphabet = "0123456789-xy:,+ \n\tXa.";
        var chars = new StringBuilder(text);
        int edits = random.Next(0, 3);
        for (int i = 0; i < edits; i++)
        {
            int position = random.Next(chars.Length + 1);
            char c = Alphabet[random.Next(Alphabet.Length)];
            switch (random.Next(3))
            {
                case 0:
                    chars.Insert(position, c);
                    break;
                case 1:
                    if (position < chars.Length)
                    {
                        chars.Remove(position, 1);
                    }

                    break;
                default:
                    if (position < chars.Length)
                    {
                        chars[position] = c;
                    }

                    break;
            }
        }

        if (random.Next(50) == 0)
        {
            chars.Append("99999999999");
        }

        return chars.ToString();
    }

    private static int[] RandomList(Random random)
    {
        int length = random.Next(0, 25);
        var frames = new int[length];
        switch (random.Next(4))
        {
            case 0:
                // Small pool: many repeats.
                for (int i = 0; i < length; i++)
                {
                    frames[i] = random.Next(-4, 5);
                }

                break;
            case 1:
                // Pieces of arithmetic runs.
                int frame = random.Next(-50, 51);
                int step = random.Next(-4, 5);
                for (int i = 0; i < length; i++)
                {
                    if (random.Next(5) == 0)
                    {
                        step = random.Next(-4, 5);
                        frame = random.Next(-50, 51);
                    }

                    frames[i] = frame;
                    frame += step;
                }

                break;
            case 2:
                for (int i = 0; i < length; i++)
                {
                    frames[i] = random.Next(-30, 31);
                }

                break;
            default:
                for (int i = 0; i < length; i++)
                {
                    frames[i] = random.Next(3) == 0
                        ? (random.Next(2) == 0 ? int.MinValue + random.Next(3) : int.MaxValue - random.Next(3))
                        : random.Next(-3, 4);
                }

                break;
        }

        return frames;
    }
}
