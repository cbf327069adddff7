using System;
using System.Threading.Tasks;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Scheduling;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>Turns scheduler errors into the status codes Cuebot answers with.</summary>
internal sealed class ErrorInterceptor : Interceptor
{
    /// <summary>
    /// Longest status message sent. The message travels in an HTTP/2 header (trailer); a spec can make
    /// it quote a value of up to 64 KiB, which a client may refuse to read, so longer messages are cut.
    /// </summary>
    internal const int MaxDetailLength = 4096;

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
            throw Fail(StatusCode.Unimplemented, "LocalCue does not implement " + context.Method + ".");
        }
        catch (Access.AccessDeniedException e)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, e.Message));
        }
        catch (NotFoundException e)
        {
            throw Fail(StatusCode.NotFound, e.Message);
        }
        catch (SpecRejectedException e)
        {
            IntakeLog.SpecRefused(_logger, e.Message);
            throw Fail(StatusCode.Internal, "Failed to launch and add job: " + e.Message);
        }
        catch (LaunchRefusedException e)
        {
            IntakeLog.SpecRefused(_logger, e.Message);
            throw Fail(StatusCode.Internal, "Failed to launch and add job: " + e.Message);
        }
        catch (InvalidSpecTextException e)
        {
            IntakeLog.SpecTextRefused(_logger, e.Message);
            throw Fail(StatusCode.InvalidArgument, e.Message);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            IntakeLog.LaunchCancelled(_logger, context.Method);
            throw Fail(StatusCode.Cancelled, context.Method + " was cancelled by the caller.");
        }
        catch (ArgumentException e)
        {
            throw Fail(StatusCode.InvalidArgument, e.Message);
        }
        catch (Exception e) when (e is not RpcException)
        {
            IntakeLog.CallFailed(_logger, e, context.Method);
            throw Fail(StatusCode.Internal, context.Method + " failed: " + e.Message);
        }
    }

    private static RpcException Fail(StatusCode code, string detail) =>
        new RpcException(new Status(code, detail.Length <= MaxDetailLength
            ? detail
            : detail.Substring(0, MaxDetailLength) + "... (" + detail.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) +
                " characters, cut)"));
}
