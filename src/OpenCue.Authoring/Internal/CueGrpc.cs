namespace OpenCue.Authoring.Internal;

/// <summary>
/// How Cuebot serves gRPC, in one place: its port when a host names none (pycue's
/// <c>cuebot.grpc_port</c>) and its message size limit (<c>cuebot.max_message_bytes</c>, used in both
/// directions). The client and LocalCue take their defaults from here.
/// </summary>
internal static class CueGrpc
{
    /// <summary>Cuebot's gRPC port.</summary>
    public const int DefaultPort = 8443;

    /// <summary>Cuebot's gRPC message size limit: 100 MiB.</summary>
    public const int MaxMessageBytes = 100 * 1024 * 1024;
}
