namespace OpenCue.LocalCue.Access;

/// <summary>How a caller reached LocalCue.</summary>
internal enum PeerTransport
{
    /// <summary>TCP from a loopback address: the caller is on this machine.</summary>
    LoopbackTcp,

    /// <summary>TCP from any other address: the caller may be anywhere.</summary>
    RemoteTcp,

    /// <summary>The Unix domain socket.</summary>
    UnixSocket,
}
