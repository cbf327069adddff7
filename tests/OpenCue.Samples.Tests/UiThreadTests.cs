using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue;
using OpenCue.Samples.Tests.Support;

namespace OpenCue.Samples.Tests;

/// <summary>
/// The client called from a DCC's UI thread (a single-threaded <see cref="SynchronizationContext"/>)
/// against a real LocalCue: blocking that thread on the client (the synchronous <see cref="Cuerun.Launch"/>,
/// or <c>.GetAwaiter().GetResult()</c> on an async call) must not deadlock, which holds only when no
/// await inside the client resumes on the caller's context; and awaiting on the UI thread resumes the
/// caller there.
/// </summary>
public class UiThreadTests
{
    /// <summary>A hang guard, not a timing assertion: a deadlock fails the test instead of hanging the run.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Blocking_the_ui_thread_on_launch_wait_and_queries_does_not_deadlock()
    {
        await WithLocalCue(cue =>
        {
            var names = UiThread.Run(
                () =>
                {
                    // The sync API, as a MAXScript or old Maya plug-in would call it.
                    var waited = Cuerun.Launch(Job("ui-sync"), Options(cue)).Single();

                    // Async calls blocked on from the UI thread: each resumes only if the client
                    // never needs the (blocked) context.
                    var launched = Cuerun.LaunchAsync(Job("ui-async"), Options(cue)).GetAwaiter().GetResult().Single();
                    using var api = CueApi.ForHosts(cue.Address);
                    var found = api.GetJobAsync(launched.Id).GetAwaiter().GetResult();
                    var layers = found.GetLayersAsync().GetAwaiter().GetResult();
                    var frames = Collect(found.GetFramesAsync(), keepContext: false).GetAwaiter().GetResult();
                    found.RefreshAsync().GetAwaiter().GetResult();
                    return (waited.Name, found.Name, layers.Count, frames.Count, UiThread.OnUiThread);
                },
                HangGuard);

            names.Should().Be((Job("ui-sync").GetConformedJobName(), Job("ui-async").GetConformedJobName(), 1, 2, true));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task Awaiting_on_the_ui_thread_completes_and_resumes_the_caller_on_the_ui_thread()
    {
        await WithLocalCue(cue =>
        {
            var result = UiThread.Run(() => UiThread.Pump(AwaitingCaller(cue)), HangGuard);

            result.Should().Be((Job("ui-await").GetConformedJobName(), 1, 2, true));
            return Task.CompletedTask;
        });
    }

    private static async Task<(string Name, int Layers, int Frames, bool OnUiThread)> AwaitingCaller(LocalCuebot cue)
    {
        // The caller's own awaits keep the context, as UI code's do.
        var job = (await Cuerun.LaunchAsync(Job("ui-await"), Options(cue))).Single();
        using var api = CueApi.ForHosts(cue.Address);
        var found = await api.GetJobAsync(job.Id);
        var layers = await found.GetLayersAsync();
        var frames = await Collect(found.GetFramesAsync());
        return (found.Name, layers.Count, frames.Count, UiThread.OnUiThread);
    }

    private static Outline Job(string name)
    {
        var job = new Outline(name, shot: "shot010", show: "uithread", user: "artist01");
        job.AddLayer(new Shell("quick", "true").SetFrameRange("1-2"));
        return job;
    }

    private static LaunchOptions Options(LocalCuebot cue) => new()
    {
        Server = cue.Address,
        Wait = true,
        PollInterval = TimeSpan.FromMilliseconds(100),

        // CI runs as root; LocalCue runs a root caller's frames as uid 1000 (never as root).
        Uid = Environment.UserName == "root" ? 1000 : null,
    };

    /// <summary>The caller's own loop; blocked on from the UI thread, it must not need the context itself.</summary>
    private static async Task<List<CueFrame>> Collect(IAsyncEnumerable<CueFrame> frames, bool keepContext = true)
    {
        var list = new List<CueFrame>();
        await foreach (var frame in frames.ConfigureAwait(keepContext))
        {
            list.Add(frame);
        }

        return list;
    }

    private static async Task WithLocalCue(Func<LocalCuebot, Task> body)
    {
        var state = Directory.CreateTempSubdirectory("uithread-").FullName;
        try
        {
            await using var cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 4, MemoryMb = 8192 });
            await body(cue);
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }
}
