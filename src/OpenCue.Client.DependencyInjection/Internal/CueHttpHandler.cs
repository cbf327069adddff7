using System;
using System.Net.Http;

namespace OpenCue.Client.Internal;

/// <summary>The primary handler of the channels' HTTP client: HTTP/2 with room for many concurrent calls.</summary>
internal static class CueHttpHandler
{
    public static HttpMessageHandler Create()
    {
#if NET
        return new SocketsHttpHandler
        {
            // gRPC multiplexes calls on one connection; past its stream limit, open another instead of queueing.
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
#else
        return new HttpClientHandler();
#endif
    }
}
