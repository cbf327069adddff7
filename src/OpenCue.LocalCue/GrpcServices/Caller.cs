using Grpc.Core;
using Microsoft.AspNetCore.Http;
using OpenCue.LocalCue.Access;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>The caller of a gRPC call, from the <see cref="PeerIdentityFeature"/> of its connection.</summary>
internal static class Caller
{
    /// <summary>Who makes the call; unidentified when the connection has no identity feature.</summary>
    /// <param name="context">The call.</param>
    /// <returns>The caller.</returns>
    public static PeerIdentity Of(ServerCallContext context) => Of(context.GetHttpContext());

    /// <summary>Who makes a request, before the gRPC server has read it; unidentified when the connection has no identity feature.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The caller.</returns>
    public static PeerIdentity Of(HttpContext context) =>
        context.Features.Get<PeerIdentityFeature>()?.Identity ??
        PeerIdentity.Unidentified(PeerTransport.LoopbackTcp, (context.Connection.RemoteIpAddress?.ToString() ?? "unknown") + ":" +
            context.Connection.RemotePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "the connection carries no identity");

    /// <summary>The uid a launch is checked against (<see cref="LaunchUidRule"/>); <see langword="null"/> for an unidentified (remote) caller.</summary>
    /// <param name="context">The call.</param>
    /// <returns>The uid (uids beyond <see cref="int.MaxValue"/> come out negative and launch nothing).</returns>
    public static int? LaunchUid(ServerCallContext context) => Of(context).Uid is uint uid ? unchecked((int)uid) : null;
}
