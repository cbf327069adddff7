using System.Net;

namespace OpenCue.LocalCue.Access;

/// <summary>One row of <c>/proc/net/tcp</c> or <c>/proc/net/tcp6</c>.</summary>
/// <param name="Local">The socket's local endpoint (IPv4-mapped addresses as IPv4).</param>
/// <param name="Remote">Its remote endpoint.</param>
/// <param name="State">The state in hex (<c>01</c> = ESTABLISHED).</param>
/// <param name="Uid">The uid that created the socket.</param>
internal readonly record struct TcpRow(IPEndPoint Local, IPEndPoint Remote, string State, uint Uid);
