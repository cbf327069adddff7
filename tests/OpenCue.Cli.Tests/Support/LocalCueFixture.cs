using System.Net;
using System.Net.Sockets;
using OpenCue.Client;
using OpenCue.LocalCue;

namespace OpenCue.Cli.Tests.Support;

/// <summary>
/// A real LocalCue scheduler started in process on 127.0.0.1 (state in a temp folder, 4 cores, 64 GB),
/// shared by the test classes of the "LocalCue" collection, which run one after the other. cuerun
/// commands reach it with --server <see cref="Address"/>; <see cref="Api"/> checks what they did.
/// </summary>
public sealed class LocalCueFixture : IAsyncLifetime
{
    private LocalCuebot? _cue;
    private int _jobs;

    public string Root { get; } = Directory.CreateTempSubdirectory("cuerun-cli-test-").FullName;

    /// <summary>LocalCue's state: next to <see cref="Root"/> (which uid 1000 may own), root's own.</summary>
    public string StateDirectory => Root + ".state";

    public string Address => _cue!.Address;

    public CueApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Run as root (as in CI), LocalCue runs the tests' jobs (--uid 1000) as uid 1000.
        if (OpenCue.LocalCue.FrameOwnership.FramesRunAs(1000))
        {
            OpenCue.LocalCue.FrameOwnership.GiveTo(Root, 1000);
        }

        _cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = StateDirectory, Cores = 4, MemoryMb = 65536 });
        var options = new CueClientOptions { CallDeadline = TimeSpan.FromSeconds(30) };
        options.Hosts.Add(_cue.Address);
        Api = new CueApi(options);
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        if (_cue != null)
        {
            await _cue.DisposeAsync();
        }

        foreach (var directory in new[] { Root, StateDirectory })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>A unique outline name for a test (job names are unique among pending jobs).</summary>
    public string NewName(string prefix) => prefix + Interlocked.Increment(ref _jobs);

    /// <summary>The conformed job name of an outline named <paramref name="name"/> in <see cref="Outline"/>.</summary>
    public static string JobName(string name) => "testing-sh010-jdoe_" + name.Replace('-', '_');

    /// <summary>Writes a PyOutline JSON outline with the given layers (JSON objects) and returns its path.</summary>
    public string Outline(string name, params string[] layers)
    {
        var path = Path.Combine(Root, name + ".json");
        File.WriteAllText(path, "{\"name\": \"" + name + "\", \"show\": \"testing\", \"shot\": \"sh010\", \"user\": \"jdoe\", \"layers\": [" + string.Join(",", layers) + "]}");
        return path;
    }

    /// <summary>A Shell layer JSON object.</summary>
    public static string Layer(string name, string command, string range, string? require = null, int chunk = 1) =>
        "{\"name\": \"" + name + "\", \"module\": \"outline.modules.shell.Shell\", \"command\": \"" + command + "\", \"range\": \"" + range + "\", \"chunk\": " + chunk +
        ", \"memory\": \"256m\"" + (require is null ? string.Empty : ", \"require\": \"" + require + "\"") + "}";

    /// <summary>Runs cuerun against this scheduler: <c>--server ADDRESS</c> is appended.</summary>
    public CliResult Run(params string[] args) => CliRun.Run(args.Append("--server").Append(Address).ToArray());

    /// <summary>Launches an outline (no wait) and returns its job name.</summary>
    public string Launch(string file, params string[] extra)
    {
        var result = Run(new[] { "launch", file, "--uid", "1000" }.Concat(extra).ToArray());
        result.ExitCode.Should().Be(0, result.Stderr);
        return result.Stdout.Trim();
    }

    public async Task<CueJob> JobAsync(string name)
    {
        var search = new JobSearch { IncludeFinished = true };
        search.Jobs.Add(name);
        return (await Api.GetJobsAsync(search)).Single();
    }

    /// <summary>Polls until the condition holds; the timeout only guards against a hang.</summary>
    public async Task<CueJob> WaitUntilAsync(string name, Func<CueJob, bool> condition, int timeoutSeconds = 90)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var search = new JobSearch { IncludeFinished = true };
        search.Jobs.Add(name);
        CueJob? job;
        while ((job = (await Api.GetJobsAsync(search, guard.Token)).SingleOrDefault()) is null)
        {
            await Task.Delay(20, guard.Token); // launched by a command still running
        }

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

    /// <summary>Polls the job's frames until the condition holds.</summary>
    public async Task WaitForFramesAsync(string name, Func<IReadOnlyList<CueFrame>, bool> condition, int timeoutSeconds = 90)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (!condition(await FramesAsync(name)))
        {
            await Task.Delay(50, guard.Token);
        }
    }

    public Task<CueJob> WaitFinishedAsync(string name) => WaitUntilAsync(name, j => j.State == JobState.Finished);

    public async Task<IReadOnlyList<CueFrame>> FramesAsync(string name)
    {
        var job = await JobAsync(name);
        var frames = new List<CueFrame>();
        await foreach (var frame in job.GetFramesAsync())
        {
            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>
    /// A TCP port on 127.0.0.1 that refuses connections: bound but not listening, and held for the
    /// life of the process so that no server started by a parallel test can take it.
    /// </summary>
    public static int ClosedPort() => ClosedPortHolder.Port;

    private static class ClosedPortHolder
    {
        private static readonly Socket Socket = Bind();

        public static int Port => ((IPEndPoint)Socket.LocalEndPoint!).Port;

        private static Socket Bind()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return socket;
        }
    }
}

[CollectionDefinition("LocalCue")]
public sealed class LocalCueCollection : ICollectionFixture<LocalCueFixture>
{
}
