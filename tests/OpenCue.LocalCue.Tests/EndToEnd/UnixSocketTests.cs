using System.Net.Sockets;
using OpenCue.Authoring;
using OpenCue.Client;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>LocalCue on a Unix socket (mode 0600) and the client's <c>unix:PATH</c> hosts. Another user's EACCES is in the CLI's RealUserAccessTests.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UnixSocketTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localcue-uds-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string SocketPath => Path.Combine(_root, "cue.sock");

    [Fact]
    public async Task A_real_client_launches_and_queries_over_the_socket_of_mode_0600()
    {
        await using var h = await LocalCueHarness.StartAsync(o => o.UnixSocketPath = SocketPath, root: Path.Combine(_root, "h"));

        h.Cue.UnixSocketAddress.Should().Be("unix:" + SocketPath);
        File.GetUnixFileMode(SocketPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFileSystemEntries(_root).Select(Path.GetFileName).Should().BeEquivalentTo(new[] { "cue.sock", "h", "h.state" }, "the private bind directory is gone");
        var options = new CueClientOptions { CallDeadline = TimeSpan.FromSeconds(30) };
        options.Hosts.Add("unix:" + SocketPath);
        using var api = new CueApi(options);
        var outline = h.NewOutline("uds");
        outline.AddLayer(new Shell("render", "true").SetFrameRange("1-2"));

        // Paused: a finished job is no longer listed, and this one would finish at once.
        var launched = (await Cuerun.LaunchAsync(outline, new LaunchOptions { Api = api, Uid = 1000, Pause = true })).Single();

        (await api.GetJobsAsync()).Select(j => j.Name).Should().Contain(launched.Name);
        (await api.FindJobAsync(launched.Name)).Id.Should().Be(launched.Id);
    }

    [Fact]
    public async Task The_socket_is_removed_at_stop_and_a_stale_one_is_replaced()
    {
        // .NET unlinks a socket it bound when it is disposed: bind elsewhere and rename, as a crashed server leaves it.
        var bound = Path.Combine(_root, "bound.sock");
        using (var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            stale.Bind(new UnixDomainSocketEndPoint(bound));
            File.Move(bound, SocketPath);
        }

        File.Exists(SocketPath).Should().BeTrue("a socket nobody listens on is left behind");
        await using (var h = await LocalCueHarness.StartAsync(o => o.UnixSocketPath = SocketPath, root: Path.Combine(_root, "h")))
        {
            File.GetUnixFileMode(SocketPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Exists(SocketPath).Should().BeFalse();
    }

    [Fact]
    public async Task A_path_that_is_not_a_socket_or_is_in_use_is_refused()
    {
        File.WriteAllText(SocketPath, "mine");
        var notSocket = () => LocalCueHarness.StartAsync(o => o.UnixSocketPath = SocketPath, root: Path.Combine(_root, "a"));
        (await notSocket.Should().ThrowAsync<IOException>()).WithMessage("*exists and is not a socket*");
        File.ReadAllText(SocketPath).Should().Be("mine");

        File.Delete(SocketPath);
        await using var first = await LocalCueHarness.StartAsync(o => o.UnixSocketPath = SocketPath, root: Path.Combine(_root, "b"));
        var inUse = () => LocalCueHarness.StartAsync(o => o.UnixSocketPath = SocketPath, root: Path.Combine(_root, "c"));
        (await inUse.Should().ThrowAsync<IOException>()).WithMessage("*is in use*");
    }
}
