using System.Globalization;

namespace OpenCue.LocalCue.Access;

/// <summary>Who is behind a connection, as far as the kernel tells.</summary>
internal sealed class PeerIdentity
{
    private PeerIdentity(PeerTransport transport, uint? uid, string address, string? problem)
    {
        Transport = transport;
        Uid = uid;
        Address = address;
        Problem = problem;
    }

    /// <summary>How the caller connected.</summary>
    public PeerTransport Transport { get; }

    /// <summary>The caller's uid; <see langword="null"/> when it could not be identified (always for remote callers).</summary>
    public uint? Uid { get; }

    /// <summary>The caller's address (<c>127.0.0.1:40123</c>, or the socket path).</summary>
    public string Address { get; }

    /// <summary>Why the caller could not be identified, if it could not.</summary>
    public string? Problem { get; }

    /// <summary>A caller identified by the kernel.</summary>
    /// <param name="transport">How it connected.</param>
    /// <param name="uid">Its uid.</param>
    /// <param name="address">Its address.</param>
    /// <returns>The identity.</returns>
    public static PeerIdentity Identified(PeerTransport transport, uint uid, string address) => new(transport, uid, address, null);

    /// <summary>A caller that could not be identified.</summary>
    /// <param name="transport">How it connected.</param>
    /// <param name="address">Its address.</param>
    /// <param name="problem">Why.</param>
    /// <returns>The identity.</returns>
    public static PeerIdentity Unidentified(PeerTransport transport, string address, string problem) => new(transport, null, address, problem);

    /// <inheritdoc/>
    public override string ToString() => Uid is uint uid
        ? "uid " + uid.ToString(CultureInfo.InvariantCulture) + " (" + Address + ")"
        : (Transport == PeerTransport.RemoteTcp ? "remote caller " : "unidentified caller ") + Address;
}
