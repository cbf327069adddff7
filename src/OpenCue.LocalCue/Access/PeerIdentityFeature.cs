using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace OpenCue.LocalCue.Access;

/// <summary>
/// The identity of one connection's caller, set on the connection by <see cref="PeerIdentityMiddleware"/>
/// and looked up at most once, the first time a call needs it (HTTP/2 calls on the connection share it).
/// </summary>
internal sealed class PeerIdentityFeature
{
    /// <summary>SOL_SOCKET.</summary>
    private const int SocketLevel = 1;

    /// <summary>SO_PEERCRED.</summary>
    private const int PeerCredentials = 17;

    private readonly Lazy<PeerIdentity> _identity;

    /// <summary>Creates the feature for a connection.</summary>
    /// <param name="connection">The connection.</param>
    public PeerIdentityFeature(ConnectionContext connection) =>
        _identity = new Lazy<PeerIdentity>(() => Identify(connection), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Creates the feature of a caller already identified (tests, and connections identified elsewhere).</summary>
    /// <param name="identity">The caller.</param>
    internal PeerIdentityFeature(PeerIdentity identity) => _identity = new Lazy<PeerIdentity>(identity);

    /// <summary>The caller, identified on first use.</summary>
    public PeerIdentity Identity => _identity.Value;

    /// <summary>Identifies the caller of a connection.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>Who it is.</returns>
    internal static PeerIdentity Identify(ConnectionContext connection)
    {
        var socket = connection.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (connection.LocalEndPoint is UnixDomainSocketEndPoint || socket?.AddressFamily == AddressFamily.Unix)
        {
            return FromPeerCredentials(socket, "the Unix socket");
        }

        if (connection.RemoteEndPoint is not IPEndPoint remote || connection.LocalEndPoint is not IPEndPoint server)
        {
            return PeerIdentity.Unidentified(PeerTransport.RemoteTcp, connection.RemoteEndPoint?.ToString() ?? "unknown", "not a TCP or Unix socket connection");
        }

        var address = ProcNetTcp.Normalize(remote.Address) + ":" + remote.Port.ToString(CultureInfo.InvariantCulture);
        if (!IPAddress.IsLoopback(ProcNetTcp.Normalize(remote.Address)))
        {
            return PeerIdentity.Unidentified(PeerTransport.RemoteTcp, address, "not a loopback address");
        }

        var uid = ProcNetTcp.FindOwner(remote, server, out var problem);
        return uid is uint found
            ? PeerIdentity.Identified(PeerTransport.LoopbackTcp, found, address)
            : PeerIdentity.Unidentified(PeerTransport.LoopbackTcp, address, problem ?? "no owner found");
    }

    private static PeerIdentity FromPeerCredentials(Socket? socket, string path)
    {
        if (socket is null)
        {
            return PeerIdentity.Unidentified(PeerTransport.UnixSocket, path, "the connection exposes no socket");
        }

        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> credentials = stackalloc byte[12];
        try
        {
            if (socket.GetRawSocketOption(SocketLevel, PeerCredentials, credentials) != credentials.Length)
            {
                return PeerIdentity.Unidentified(PeerTransport.UnixSocket, path, "SO_PEERCRED returned a short answer");
            }
        }
        catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is PlatformNotSupportedException)
        {
            return PeerIdentity.Unidentified(PeerTransport.UnixSocket, path, "SO_PEERCRED failed: " + e.Message);
        }

        return PeerIdentity.Identified(PeerTransport.UnixSocket, BitConverter.ToUInt32(credentials.Slice(4, 4)), path);
    }
}
