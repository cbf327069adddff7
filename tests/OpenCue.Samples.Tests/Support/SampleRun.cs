using System.Text;
using OpenCue.Client;
using OpenCue.Samples.Tutorial;
using OpenCue.Samples.Tutorial.Running;

namespace OpenCue.Samples.Tests.Support;

/// <summary>
/// Runs a tutorial pipeline the way <c>--local --stand-in</c> does, in this process, through the
/// sample's own code (command-line parsing, outline building, stand-ins, the local runner), with no
/// stand-in delay and an events file whose line order is the evidence of dependency order.
/// </summary>
public sealed class SampleRun
{
    private SampleRun(LocalRunResult result, IReadOnlyList<(string Layer, int Frame, string What)> events, string output)
    {
        Result = result;
        Events = events;
        Output = output;
    }

    public LocalRunResult Result { get; }

    /// <summary>The stand-ins' events, in order: (layer as named in the outline, frame, "start"|"end"|"fail").</summary>
    public IReadOnlyList<(string Layer, int Frame, string What)> Events { get; }

    /// <summary>What the run printed.</summary>
    public string Output { get; }

    public IReadOnlyList<FrameOutcome> Frames => Result.Outcome.Frames;

    public static async Task<SampleRun> LocalAsync(string pipeline, params string[] extraArguments)
    {
        var root = Directory.CreateTempSubdirectory("tutorial-sample-test-").FullName;

        // Run as root (as in CI), the scheduler runs the frames as uid 1000: they append to the events file in root.
        if (OpenCue.LocalCue.FrameOwnership.FramesRunAs(TutorialApp.RootReplacementUid))
        {
            OpenCue.LocalCue.FrameOwnership.GiveTo(root, TutorialApp.RootReplacementUid);
        }
        try
        {
            var events = Path.Combine(root, "events.txt");
            var args = new[] { pipeline, "--local", "--stand-in", "--stand-in-delay", "0", "--events", events }.Concat(extraArguments).ToArray();
            var command = TutorialCommand.Parse(args);
            var outline = TutorialApp.BuildOutline(command);
            var settings = new LocalRunSettings
            {
                StateDirectory = root + ".state",
                InMemory = true,
                BookingFactor = 4,
                Uid = TutorialApp.RootReplacementUid,
                PollInterval = TimeSpan.FromMilliseconds(50),

                // Only a guard against a hang; nothing is asserted about time.
                Timeout = TimeSpan.FromMinutes(3),
            };
            var output = new StringWriter();
            var result = await LocalRunner.RunAsync(outline, settings, output);
            return new SampleRun(result, ReadEvents(events), output.ToString());
        }
        finally
        {
            foreach (var directory in new[] { root, root + ".state" })
            {
                try
                {
                    Directory.Delete(directory, true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    public int IndexOf(string layer, int frame, string what)
    {
        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i] == (layer, frame, what))
            {
                return i;
            }
        }

        throw new InvalidOperationException("No event '" + layer + " " + frame + " " + what + "' in:\n" + string.Join("\n", Events));
    }

    /// <summary>Positions of a layer's events of one kind.</summary>
    public IReadOnlyList<int> IndexesOf(string layer, string what) =>
        Events.Select((e, i) => (e, i)).Where(x => x.e.Layer == layer && x.e.What == what).Select(x => x.i).ToList();

    public IReadOnlyList<FrameOutcome> FramesOf(string conformedLayer) => Frames.Where(f => f.Layer == conformedLayer).ToList();

    public void ShouldHaveSucceededEveryFrame(int expectedFrames)
    {
        Result.ExitCode.Should().Be(0, Output);
        Frames.Should().HaveCount(expectedFrames);
        Frames.Should().OnlyContain(f => f.State == FrameState.Succeeded && f.ExitStatus == 0);

        // Every frame ran exactly once, start then end.
        Events.Where(e => e.What == "start").Should().OnlyHaveUniqueItems();
        Events.Count(e => e.What == "start").Should().Be(Events.Count(e => e.What == "end"));
    }

    private static IReadOnlyList<(string, int, string)> ReadEvents(string file) =>
        !File.Exists(file)
            ? Array.Empty<(string, int, string)>()
            : File.ReadAllLines(file, Encoding.UTF8).Where(l => l.Length > 0).Select(l =>
            {
                var parts = l.Split(' ');
                return (parts[0], int.Parse(parts[1]), parts[2]);
            }).ToList();
}
