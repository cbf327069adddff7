using OpenCue.Client.Internal;

namespace OpenCue.Client.Tests;

/// <summary>Hosts written <c>unix:/path</c> (gRPC's convention) name a Unix domain socket.</summary>
public sealed class UnixSocketHostTests
{
    [Theory]
    [InlineData("unix:/run/cue.sock", "/run/cue.sock")]
    [InlineData("unix:///run/cue.sock", "/run/cue.sock")]
    public void The_path_follows_the_prefix(string host, string path)
    {
        UnixSocketHost.IsUnixSocket(host).Should().BeTrue();
        UnixSocketHost.PathOf(host).Should().Be(path);
        UnixSocketHost.Problem(host).Should().BeNull();
    }

    [Fact]
    public void Options_accept_a_socket_host_and_refuse_a_relative_one()
    {
        var good = new CueClientOptions();
        good.Hosts.Add("unix:/run/cue.sock");
        good.Validate();

        var bad = new CueClientOptions();
        bad.Hosts.Add("unix:cue.sock");
        var act = bad.Validate;
        act.Should().Throw<ArgumentException>().WithMessage("*'unix:cue.sock' is not unix:/absolute/path/to/socket*");
    }

    [Fact]
    public void Socket_hosts_get_no_port_from_the_environment_or_the_config()
    {
        var options = new CueClientOptions { Port = 7777 };
        options.Hosts.Add("unix:/run/cue.sock");
        options.Hosts.Add("cue1");

        CueHostResolver.Resolve(options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, _ => null).Hosts
            .Should().Equal("unix:/run/cue.sock", "cue1:7777");
        CueHostResolver.Resolve(new CueClientOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, n => n == "CUEBOT_HOSTS" ? "unix:/run/cue.sock" : null).Hosts
            .Should().Equal("unix:/run/cue.sock");
    }

    [Fact]
    public async Task A_missing_socket_is_unavailable_and_names_the_host()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        var options = new CueClientOptions { UnavailableRetries = 0 };
        options.Hosts.Add("unix:" + path);
        using var api = new CueApi(options);

        var act = () => api.GetJobsAsync();

        (await act.Should().ThrowAsync<CueConnectionException>()).Which.Message.Should().Contain("unix:" + path);
    }
}
