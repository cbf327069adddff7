using System;
using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>
/// The one way ASP.NET middleware answers a gRPC call with an error before the gRPC server sees it: a
/// "trailers-only" response (HTTP 200, <c>application/grpc</c>, <c>grpc-status</c> and <c>grpc-message</c>
/// in the headers, no body). The request body is left unread.
/// </summary>
internal static class GrpcStatusResponse
{
    /// <summary>Sets the response to a gRPC status.</summary>
    /// <param name="context">The request.</param>
    /// <param name="code">The status code.</param>
    /// <param name="message">The status message (percent-encoded on the wire, as gRPC requires).</param>
    public static void TrailersOnly(HttpContext context, StatusCode code, string message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }
}
