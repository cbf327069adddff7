using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;

namespace OpenCue.Client.Internal;

/// <summary>
/// Hosts written <c>unix:/path/to/socket</c> (or <c>unix:///path/to/socket</c>), the gRPC convention:
/// the channel connects to that Unix domain socket (LocalCue's <c>--socket</c>) instead of TCP.
/// Only the net8.0 and later builds can: the socket needs <c>SocketsHttpHandler</c>'s connect callback,
/// which .NET Framework, Mono and Unity (the netstandard2.0 build) do not have.
/// </summary>
internal static class UnixSocketHost
{
    /// <summary>The prefix of such hosts.</summary>
    public const string Prefix = "unix:";

    /// <summary>Whether a host names a Unix socket.</summary>
    /// <param name="host">The host as configured.</param>
    /// <returns>Whether it starts with <c>unix:</c>.</returns>
    public static bool IsUnixSocket(string host) => host.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The socket path of a <c>unix:</c> host.</summary>
    /// <param name="host">The host.</param>
    /// <returns>The path (<c>unix:///a/b</c> and <c>unix:/a/b</c> are both <c>/a/b</c>).</returns>
    public static string PathOf(string host)
    {
        var path = host.Substring(Prefix.Length);
        return path.StartsWith("///", StringComparison.Ordinal) ? path.Substring(2) : path;
    }

    /// <summary>Why a <c>unix:</c> host is unusable, or <see langword="null"/>.</summary>
    /// <param name="host">The host.</param>
    /// <returns>The problem.</returns>
    public static string? Problem(string host)
    {
#if NET8_0_OR_GREATER
        return Path.IsPathFullyQualified(PathOf(host)) ? null : "'" + host + "' is not unix:/absolute/path/to/socket";
#else
        return "'" + host + "' is a Unix socket, which needs the net8.0 or later build of OpenCue.Client " +
            "(this is the netstandard2.0 build, for .NET Framework and Unity); use host:port";
#endif
    }

#if NET8_0_OR_GREATER
    /// <summary>An HTTP handler whose every connection goes to the socket.</summary>
    /// <param name="path">The socket path.</param>
    /// <returns>The handler.</returns>
    public static SocketsHttpHandler CreateHandler(string path) => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
#endif
}
