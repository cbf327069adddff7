using System.Text;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.Client;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.Support;

/// <summary>
/// A LocalCue started in process on 127.0.0.1 with its state (SQLite file, frame logs) in a temp
/// directory, and a client pointed at it. Commands append "layer frame start|end" lines to an
/// events file, whose order is the evidence of dependency order. Jobs launch as uid
/// <see cref="TestUsers.FrameUid"/>, which owns the root directory.
/// </summary>
public sealed class LocalCueHarness : IAsyncDisposable
{
    private readonly bool _ownsRoot;

    private LocalCueHarness(LocalCuebot cue, string root, CueApi api, bool ownsRoot)
    {
        Cue = cue;
        Root = root;
        Api = api;
        _ownsRoot = ownsRoot;
    }

    public LocalCuebot Cue { get; }

    public string Root { get; }

    public CueApi Api { get; }

    public string EventsFile => Path.Combine(Root, "events.txt");

    internal static async Task<LocalCueHarness> StartAsync(Action<LocalCueOptions>? configure = null, string? root = null, OpenCue.LocalCue.Running.IFrameRunner? runner = null)
    {
        var ownsRoot = root is null;
        root ??= Directory.CreateTempSubdirectory("localcue-test-").FullName;

        // As root, LocalCue runs the frames as the launch uid (1000): they write their events into the root.
        TestUsers.GiveTo(Directory.CreateDirectory(root).FullName);
        // LocalCue's state stays root's, outside the folder uid 1000 owns (LocalCue refuses a state directory others control).
        var options = new LocalCueOptions { StateDirectory = StateFor(root), Cores = 4, MemoryMb = 65536 };
        configure?.Invoke(options);
        var cue = await LocalCuebot.StartAsync(options, runner, CancellationToken.None);
        var client = new CueClientOptions { CallDeadline = TimeSpan.FromSeconds(30) };
        client.Hosts.Add(cue.Address);
        return new LocalCueHarness(cue, root, new CueApi(client), ownsRoot);
    }

    /// <summary>A shell command that records its start and end, with an optional body in between.</summary>
    public string Recorder(string body = "true") =>
        "echo \"#LAYER# #IFRAME# start\" >> " + EventsFile + " && " + body + " && echo \"#LAYER# #IFRAME# end\" >> " + EventsFile;

    public Outline NewOutline(string name, int? maxCores = null) => new(name, shot: "sh010", show: "testing", user: "tester", maxCores: maxCores);

    public async Task<CueJob> LaunchAsync(Outline outline, Action<LaunchOptions>? configure = null)
    {
        var options = new LaunchOptions { Api = Api, Uid = TestUsers.FrameUid, PollInterval = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        var jobs = await Cuerun.LaunchAsync(outline, options);
        return jobs.Single();
    }

    /// <summary>Polls until the condition holds; the timeout only guards against a hang.</summary>
    public static async Task<CueJob> WaitUntilAsync(CueJob job, Func<CueJob, bool> condition, int timeoutSeconds = 90)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            while (true)
            {
                await job.RefreshAsync(guard.Token);
                if (condition(job))
                {
                    return job;
                }

                await Task.Delay(50, guard.Token);
            }
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested)
        {
            var frames = new List<string>();
            await foreach (var frame in job.GetFramesAsync())
            {
                frames.Add(frame.Name + " " + frame.State + " exit " + frame.ExitStatus + " retries " + frame.RetryCount);
            }

            throw new TimeoutException("Job " + job.Name + " (" + job.State + ") did not reach the expected state; frames: " + string.Join(", ", frames));
        }
    }

    public static Task<CueJob> WaitFinishedAsync(CueJob job, int timeoutSeconds = 90) =>
        WaitUntilAsync(job, j => j.State == JobState.Finished, timeoutSeconds);

    public async Task<IReadOnlyList<CueFrame>> FramesAsync(CueJob job, FrameSearch? search = null)
    {
        var list = new List<CueFrame>();
        await foreach (var frame in job.GetFramesAsync(search))
        {
            list.Add(frame);
        }

        return list;
    }

    /// <summary>The recorded events, in order: (layer, frame, "start"|"end").</summary>
    public IReadOnlyList<(string Layer, int Frame, string What)> Events()
    {
        if (!File.Exists(EventsFile))
        {
            return Array.Empty<(string, int, string)>();
        }

        return File.ReadAllLines(EventsFile, Encoding.UTF8).Where(l => l.Length > 0).Select(l =>
        {
            var parts = l.Split(' ');
            return (parts[0], int.Parse(parts[1]), parts[2]);
        }).ToList();
    }

    public int IndexOf(string layer, int frame, string what)
    {
        var events = Events();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] == (layer, frame, what))
            {
                return i;
            }
        }

        throw new InvalidOperationException("No event '" + layer + " " + frame + " " + what + "' in:\n" + string.Join("\n", events));
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Cue.DisposeAsync();
        if (!_ownsRoot)
        {
            return;
        }

        foreach (var directory in new[] { Root, StateFor(Root) })
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

    /// <summary>The state directory of a harness rooted at <paramref name="root"/>: next to it, LocalCue's own.</summary>
    public static string StateFor(string root) => Path.TrimEndingDirectorySeparator(root) + ".state";
}
