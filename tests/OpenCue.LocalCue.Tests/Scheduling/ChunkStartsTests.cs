using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Scheduling;

namespace OpenCue.LocalCue.Tests.Scheduling;

/// <summary>The chunk lookup of FRAME_BY_FRAME planning agrees with Cuebot's walk of the list, sorted or not.</summary>
public class ChunkStartsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FindChunk_matches_Cuebots_walk_for_ascending_and_unordered_layers(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 300; round++)
        {
            var numbers = Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(-20, 200)).Distinct().ToList();
            if (round % 2 == 0)
            {
                numbers.Sort();
            }

            var layer = Layer(numbers);
            var starts = new ChunkStarts(layer.Frames);
            for (var n = -25; n < 210; n++)
            {
                var er = new CueFrame("er", layer, n, 0);
                var expected = Walk(numbers, n);
                if (expected is null)
                {
                    FluentActions.Invoking(() => starts.FindChunk(er, layer)).Should().Throw<SpecRejectedException>().WithMessage("*comes before the first frame*");
                }
                else
                {
                    layer.Frames[starts.FindChunk(er, layer)].Number.Should().Be(expected.Value, "frame {0} in [{1}]", n, string.Join(",", numbers));
                }
            }
        }
    }

    // Cuebot's CueUtil.findChunk, as written: the frame itself if it is a start, else the start before the first greater one, else the last.
    private static int? Walk(List<int> starts, int frame)
    {
        if (starts.Contains(frame))
        {
            return frame;
        }

        for (var i = 0; i < starts.Count; i++)
        {
            if (starts[i] > frame)
            {
                return i == 0 ? null : starts[i - 1];
            }
        }

        return starts[^1];
    }

    private static CueLayer Layer(List<int> numbers)
    {
        var definition = new LayerDefinition { Name = "on", Frames = numbers };
        var job = new CueJob("job", 0, new JobDefinition { Name = "job", Layers = new List<LayerDefinition> { definition } });
        var layer = new CueLayer("layer", job, definition);
        for (var i = 0; i < numbers.Count; i++)
        {
            layer.Frames.Add(new CueFrame("f" + i, layer, numbers[i], i));
        }

        return layer;
    }
}
