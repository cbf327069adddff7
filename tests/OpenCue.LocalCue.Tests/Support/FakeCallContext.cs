using Grpc.Core;
using Microsoft.AspNetCore.Http;
using OpenCue.LocalCue.Access;

namespace OpenCue.LocalCue.Tests.Support;

/// <summary>A gRPC call context whose connection is identified as a given caller (as PeerIdentityMiddleware sets it), for interceptor tests.</summary>
internal sealed class FakeCallContext : ServerCallContext
{
    private readonly string _method;
    private readonly Dictionary<object, object> _state = new();

    public FakeCallContext(string method, PeerIdentity caller)
    {
        _method = method;
        var http = new DefaultHttpContext();
        http.Features.Set(new PeerIdentityFeature(caller));
        _state["__HttpContext"] = http;
    }

    protected override string MethodCore => _method;

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:40000";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = new();

    protected override CancellationToken CancellationTokenCore => CancellationToken.None;

    protected override Metadata ResponseTrailersCore { get; } = new();

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, new Dictionary<string, List<AuthProperty>>());

    protected override IDictionary<object, object> UserStateCore => _state;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
