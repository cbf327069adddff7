using System.Net;
using System.Net.Sockets;
using OpenCue.LocalCue.Access;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Tests.Access;

/// <summary>Finding the owner of a loopback connection's client socket in /proc/net/tcp and tcp6.</summary>
public sealed class ProcNetTcpTests
{
    private const string Header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    // Server 127.0.0.1:8080 (1F90), client 127.0.0.1:40000 (9C40). The server's own row (uid 0) is the reverse.
    private static readonly string[] Ipv4 =
    {
        Header,
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 23456 1 0000000000000000 100 0 0 10 0",
        "   1: 0100007F:1F90 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 23458 1 0000000000000000 20 4 30 10 -1",
        "   2: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1001        0 23457 1 0000000000000000 20 4 30 10 -1",
    };

    private static IPEndPoint Server => new(IPAddress.Loopback, 8080);

    private static IPEndPoint Client => new(IPAddress.Loopback, 40000);

    [Fact]
    public void The_client_row_is_taken_not_the_servers_reverse_row()
    {
        ProcNetTcp.FindOwner(Ipv4, Client, Server, out var problem).Should().Be(1001u, problem);
    }

    [Fact]
    public void A_mapped_IPv6_client_row_in_tcp6_matches_an_IPv4_endpoint_and_the_reverse()
    {
        string[] tcp6 =
        {
            "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0000000000000000FFFF00000100007F:9C40 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 00:00000000 00000000  1002        0 9 1 0000000000000000 20 4 30 10 -1",
        };

        ProcNetTcp.FindOwner(tcp6, Client, Server, out _).Should().Be(1002u);
        var mappedClient = new IPEndPoint(IPAddress.Loopback.MapToIPv6(), 40000);
        var mappedServer = new IPEndPoint(IPAddress.Loopback.MapToIPv6(), 8080);
        ProcNetTcp.FindOwner(tcp6, mappedClient, mappedServer, out _).Should().Be(1002u);
        ProcNetTcp.FindOwner(Ipv4, mappedClient, mappedServer, out _).Should().Be(1001u);
    }

    [Fact]
    public void An_IPv6_loopback_row_parses()
    {
        string[] tcp6 =
        {
            "   0: 00000000000000000000000001000000:9C40 00000000000000000000000001000000:1F90 01 00000000:00000000 00:00000000 00000000  1003        0 9 1 0000000000000000 20 4 30 10 -1",
        };

        ProcNetTcp.FindOwner(tcp6, new IPEndPoint(IPAddress.IPv6Loopback, 40000), new IPEndPoint(IPAddress.IPv6Loopback, 8080), out _).Should().Be(1003u);
    }

    [Fact]
    public void Rows_not_established_do_not_count()
    {
        // A TIME_WAIT row (06) shows uid 0 whoever owned the socket: it must never make a caller root.
        string[] rows =
        {
            "   0: 0100007F:9C40 0100007F:1F90 06 00000000:00000000 03:0000065F 00000000     0        0 0 3 0000000000000000",
        };

        ProcNetTcp.FindOwner(rows, Client, Server, out var problem).Should().BeNull();
        problem.Should().Contain("127.0.0.1:40000");
    }

    [Fact]
    public void Owners_that_disagree_leave_the_caller_unidentified()
    {
        var rows = Ipv4.Append("   3: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1004        0 1 1 0 20 4 30 10 -1");

        ProcNetTcp.FindOwner(rows, Client, Server, out var problem).Should().BeNull();
        problem.Should().Contain("several sockets");
    }

    [Theory]
    [InlineData("0100007F:1F9")]
    [InlineData("0100007G:1F90")]
    [InlineData("100007F:1F90")]
    [InlineData("0100007F:1F900")]
    [InlineData("0000000000000000FFFF00000100007F")]
    [InlineData("")]
    public void Malformed_endpoints_do_not_parse(string text)
    {
        ProcNetTcp.TryParseEndpoint(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Malformed_rows_and_the_header_do_not_parse()
    {
        ProcNetTcp.TryParseRow(Header, out _).Should().BeFalse();
        ProcNetTcp.TryParseRow("   2: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  -5 0 1", out _).Should().BeFalse();
        ProcNetTcp.TryParseRow(new string('0', ProcNetTcp.MaxLineLength + 1), out _).Should().BeFalse();
        ProcNetTcp.TryParseEndpoint("0100007F:1F90", out var endpoint).Should().BeTrue();
        endpoint.Should().Be(new IPEndPoint(IPAddress.Loopback, 8080));
    }

    [Fact]
    public void Too_many_rows_leave_the_caller_unidentified()
    {
        var rows = Enumerable.Repeat(Ipv4[1], ProcNetTcp.MaxRows + 5).Concat(Ipv4);

        ProcNetTcp.FindOwner(rows, Client, Server, out var problem).Should().BeNull();
        problem.Should().Contain("rows");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_real_loopback_connection_is_owned_by_this_process_user(bool dualModeClient)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = dualModeClient ? new TcpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } } : new TcpClient(AddressFamily.InterNetwork);
        var accept = listener.AcceptTcpClientAsync();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await accept;

        var uid = ProcNetTcp.FindOwner((IPEndPoint)accepted.Client.RemoteEndPoint!, (IPEndPoint)accepted.Client.LocalEndPoint!, out var problem);

        uid.Should().Be((uint)NativeMethods.GetEffectiveUserId(), problem);
    }
}
