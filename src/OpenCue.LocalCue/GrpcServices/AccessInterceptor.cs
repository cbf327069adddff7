using System.Threading.Tasks;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Access;

namespace OpenCue.LocalCue.GrpcServices
{
    /// <summary>
    /// Refuses control calls (anything not in <see cref="ReadOnlyMethods"/>) from callers the
    /// <see cref="AccessPolicy"/> does not allow, with PERMISSION_DENIED naming the caller, the rule and how to widen it.
    /// </summary>
    internal sealed class AccessInterceptor : Interceptor
    {
        private readonly AccessPolicy _policy;
        private readonly ILogger<AccessInterceptor> _logger;

        public AccessInterceptor(AccessPolicy policy, ILogger<AccessInterceptor> logger)
        {
            _policy = policy;
            _logger = logger;
        }

        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            Check(context);
            return continuation(request, context);
        }

        public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Check(context);
            return continuation(requestStream, context);
        }

        public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Check(context);
            return continuation(request, responseStream, context);
        }

        public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Check(context);
            return continuation(requestStream, responseStream, context);
        }

        private void Check(ServerCallContext context)
        {
            if (ReadOnlyMethods.Contains(context.Method))
            {
                return;
            }

            var caller = Caller.Of(context);
            var refusal = _policy.Refusal(caller, context.Method);
            if (refusal != null)
            {
                AccessLog.Refused(_logger, context.Method, caller.ToString(), refusal);
                throw new RpcException(new Status(StatusCode.PermissionDenied, refusal));
            }
        }
    }
}
