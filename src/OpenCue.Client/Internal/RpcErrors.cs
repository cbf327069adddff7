using System;
using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;

namespace OpenCue.Client.Internal;

/// <summary>Turns gRPC failures into the client's typed exceptions, as pycue maps status codes.</summary>
internal static class RpcErrors
{
    /// <summary>The typed exception for a failed call; <paramref name="deadline"/>, when given, is named in a deadline error.</summary>
    public static CueException Map(RpcException e, string method, string host, bool launch = false, TimeSpan? deadline = null)
    {
        var detail = string.IsNullOrEmpty(e.Status.Detail) ? e.Status.StatusCode.ToString() : e.Status.Detail;
        var message = method + " on " + host + ": " + detail;
        var code = e.StatusCode;
        var unknown = code == StatusCode.DeadlineExceeded || code == StatusCode.Unknown ||
            (code == StatusCode.Unavailable && !NeverSent(e)) ||
            IsTransportFailure(e);
        return code switch
        {
            StatusCode.NotFound => new EntityNotFoundException(message, e) { StatusCode = code, Host = host, Method = method, OutcomeUnknown = unknown },
            StatusCode.AlreadyExists => new EntityAlreadyExistsException(message, e) { StatusCode = code, Host = host, Method = method, OutcomeUnknown = unknown },
            StatusCode.DeadlineExceeded => new CueDeadlineExceededException(message + (deadline is TimeSpan d ? " (no answer within the " + Durations.Format(d) + " deadline)" : " (deadline exceeded)"), e) { StatusCode = code, Host = host, Method = method, OutcomeUnknown = unknown },
            StatusCode.Unavailable => new CueConnectionException(message, e) { StatusCode = code, Host = host, Method = method, OutcomeUnknown = unknown },
            StatusCode.Internal when launch && e.Status.DebugException is null => new JobLaunchException("Cuebot refused the job spec: " + detail, e) { StatusCode = code, Host = host, Method = method, OutcomeUnknown = unknown },
            StatusCode.Internal => new CueInternalErrorException(message, e) { StatusCode = code, Host = host, Method = method, OutcomeUnknown = unknown },
            _ => new CueException(message + " (" + code + ")", e) { StatusCode = code, Host = host, Method = method, OutcomeUnknown = unknown },
        };
    }

    /// <summary>
    /// Whether the call failed in the client's transport rather than in the server (gRPC INTERNAL with a
    /// client-side exception, e.g. the connection closed by a server going down): no answer came back.
    /// </summary>
    public static bool IsTransportFailure(RpcException e) => e.StatusCode == StatusCode.Internal && e.Status.DebugException != null;

    /// <summary>
    /// Whether the call certainly never reached the server: the connection was refused or could
    /// not be opened, so nothing was sent and retrying elsewhere cannot duplicate work.
    /// </summary>
    public static bool NeverSent(RpcException e)
    {
        if (e.StatusCode != StatusCode.Unavailable)
        {
            return false;
        }

        for (Exception? inner = e.Status.DebugException; inner != null; inner = inner.InnerException)
        {
#if NET8_0_OR_GREATER
            if (inner is HttpRequestException http && http.HttpRequestError == HttpRequestError.ConnectionError)
            {
                return true;
            }
#endif

            // WinHttpHandler (.NET Framework) reports a refused connection as a Win32 error inside the
            // HttpRequestException: ERROR_WINHTTP_CANNOT_CONNECT (12029) or NAME_NOT_RESOLVED (12007).
            if (inner is System.ComponentModel.Win32Exception win32 && (win32.NativeErrorCode == 12029 || win32.NativeErrorCode == 12007))
            {
                return true;
            }

            if (inner is SocketException socket &&
                (socket.SocketErrorCode == SocketError.ConnectionRefused || socket.SocketErrorCode == SocketError.HostNotFound ||
                 socket.SocketErrorCode == SocketError.HostUnreachable || socket.SocketErrorCode == SocketError.NetworkUnreachable))
            {
                return true;
            }
        }

        return false;
    }
}
