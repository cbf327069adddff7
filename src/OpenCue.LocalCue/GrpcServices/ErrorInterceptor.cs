using System;
using System.Threading.Tasks;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Scheduling;

namespace OpenCue.LocalCue.GrpcServices
{
    /// <summary>Turns scheduler errors into the status codes Cuebot answers with.</summary>
    internal sealed class ErrorInterceptor : Interceptor
    {
        private readonly ILogger<ErrorInterceptor> _logger;

        public ErrorInterceptor(ILogger<ErrorInterceptor> logger) => _logger = logger;

        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            try
            {
                return await continuation(request, context).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
            {
                throw new RpcException(new Status(StatusCode.Unimplemented, "LocalCue does not implement " + context.Method + "."));
            }
            catch (NotFoundException e)
            {
                throw new RpcException(new Status(StatusCode.NotFound, e.Message));
            }
            catch (SpecRejectedException e)
            {
                _logger.LogWarning("Refused a job spec: {Reason}", e.Message);
                throw new RpcException(new Status(StatusCode.Internal, "Failed to launch and add job: " + e.Message));
            }
            catch (InvalidSpecTextException e)
            {
                IntakeLog.SpecTextRefused(_logger, e.Message);
                throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
            }
            catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
            {
                IntakeLog.LaunchCancelled(_logger, context.Method);
                throw new RpcException(new Status(StatusCode.Cancelled, context.Method + " was cancelled by the caller."));
            }
            catch (ArgumentException e)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
            }
            catch (Exception e) when (e is not RpcException)
            {
                _logger.LogError(e, "{Method} failed", context.Method);
                throw new RpcException(new Status(StatusCode.Internal, context.Method + " failed: " + e.Message));
            }
        }
    }
}
