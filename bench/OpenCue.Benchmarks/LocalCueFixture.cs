using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Client;
using OpenCue.LocalCue;
using OpenCue.LocalCue.Running;

namespace OpenCue.Benchmarks;

/// <summary>A LocalCue on 127.0.0.1 with its state in a temp directory, and a client for it.</summary>
internal sealed class LocalCueFixture : IAsyncDisposable
{
    private LocalCueFixture(LocalCuebot cue, CueApi api, string root)
    {
        Cue = cue;
        Api = api;
        Root = root;
    }

    public LocalCuebot Cue { get; }

    public CueApi Api { get; }

    public string Root { get; }

    /// <summary>Whether disposing deletes <see cref="Root"/> (its database and every frame log).</summary>
    public bool DeleteRoot { get; set; } = true;

    public static async Task<LocalCueFixture> StartAsync(bool inMemory, double cores, IFrameRunner? runner = null, int framePageSize = 500)
    {
        var root = Directory.CreateTempSubdirectory("opencue-bench-").FullName;
        var options = new LocalCueOptions
        {
            StateDirectory = Path.Combine(root, "state"),
            InMemory = inMemory,
            Cores = cores,
            MemoryMb = 65536,
        };
        var cue = await LocalCuebot.StartAsync(options, runner, CancellationToken.None).ConfigureAwait(false);
        var client = new CueClientOptions { CallDeadline = TimeSpan.FromMinutes(2), FramePageSize = framePageSize };
        client.Hosts.Add(cue.Address);
        var api = new CueApi(client);

        // Opens the HTTP/2 connection, so the measured calls do not pay for it.
        await api.GetJobsAsync().ConfigureAwait(false);
        return new LocalCueFixture(cue, api, root);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Cue.DisposeAsync().ConfigureAwait(false);
        if (!DeleteRoot)
        {
            return;
        }

        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }
}
