using System.Collections.Generic;
using System.Threading.Tasks;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Access;
using OpenCue.LocalCue.Scheduling;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>
/// Refuses control calls on jobs that are not the caller's (<see cref="AccessPolicy.OwnerRefusal"/>), with
/// PERMISSION_DENIED: every job, layer, frame and depend the parsed request names (<see cref="JobTargets"/>) is looked up in the scheduler and checked.
/// Who may call a method at all is decided once, by <see cref="AccessGate"/>, before the body is read.
/// </summary>
internal sealed class AccessInterceptor : Interceptor
{
    private readonly AccessPolicy _policy;
    private readonly CueScheduler _cue;
    private readonly ILogger<AccessInterceptor> _logger;

    public AccessInterceptor(AccessPolicy policy, CueScheduler cue, ILogger<AccessInterceptor> logger)
    {
        _policy = policy;
        _cue = cue;
        _logger = logger;
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        CheckOwners(request, context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        RefuseStreamedTargets(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        CheckOwners(request, context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        RefuseStreamedTargets(context);
        return continuation(requestStream, responseStream, context);
    }

    private void CheckOwners<TRequest>(TRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (!_policy.ChecksOwners(caller, context.Method))
        {
            return;
        }

        var targets = request is IMessage message ? JobTargets.Of(message) : new List<JobTarget>();
        if (targets.Count == 0)
        {
            Refuse(context, caller, _policy.NoTargetRefusal(caller, context.Method));
        }

        foreach (var target in targets)
        {
            if (_policy.OwnerRefusal(caller, context.Method, target, _cue.OwnerOf(target)) is { } refusal)
            {
                Refuse(context, caller, refusal);
            }
        }
    }

    // A streamed request's targets cannot be checked before the service reads them: no such call for those checked.
    private void RefuseStreamedTargets(ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (_policy.ChecksOwners(caller, context.Method))
        {
            Refuse(context, caller, _policy.NoTargetRefusal(caller, context.Method));
        }
    }

    private void Refuse(ServerCallContext context, PeerIdentity caller, string refusal)
    {
        AccessLog.Refused(_logger, context.Method, caller.ToString(), refusal);
        throw new RpcException(new Status(StatusCode.PermissionDenied, refusal));
    }
}
