using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Intake;

namespace OpenCue.LocalCue.GrpcServices
{
    /// <summary>
    /// Answers a gRPC request whose message is larger than the limit with <c>RESOURCE_EXHAUSTED</c>
    /// naming the limit, before the request body is read: it peeks at the 5-byte gRPC message prefix
    /// (compressed flag, 4-byte big-endian length) and consumes nothing. Without it, the gRPC server
    /// answers with a message that does not name the limit.
    /// </summary>
    internal sealed class MessageSizeGuard
    {
        /// <summary>The gRPC length-prefixed message header: 1 flag byte, 4 length bytes.</summary>
        public const int GrpcPrefixBytes = 5;

        private readonly long _limit;
        private readonly ILogger _logger;

        public MessageSizeGuard(long limit, ILogger logger)
        {
            _limit = limit;
            _logger = logger;
        }

        /// <summary>The middleware.</summary>
        /// <param name="context">The request.</param>
        /// <param name="next">The rest of the pipeline.</param>
        /// <returns>A task.</returns>
        public async Task InvokeAsync(HttpContext context, RequestDelegate next)
        {
            if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
            {
                var reader = context.Request.BodyReader;
                var result = await reader.ReadAtLeastAsync(GrpcPrefixBytes, context.RequestAborted).ConfigureAwait(false);
                var length = MessageLength(result.Buffer);
                reader.AdvanceTo(result.Buffer.Start);
                if (length > _limit)
                {
                    IntakeLog.RequestTooLarge(_logger, context.Request.Path.Value ?? string.Empty, length, _limit);
                    Refuse(context, "The request message is " + Count(length) + " bytes; LocalCue accepts messages of at most " + Count(_limit) +
                        " bytes (" + Mebibytes(_limit) + ", LocalCueOptions.MaxMessageBytes).");
                    return;
                }
            }

            await next(context).ConfigureAwait(false);
        }

        private static long MessageLength(ReadOnlySequence<byte> buffer)
        {
            if (buffer.Length < GrpcPrefixBytes)
            {
                return -1;
            }

            Span<byte> prefix = stackalloc byte[GrpcPrefixBytes];
            buffer.Slice(0, GrpcPrefixBytes).CopyTo(prefix);
            return BinaryPrimitives.ReadUInt32BigEndian(prefix.Slice(1));
        }

        // A gRPC "trailers-only" response: HTTP 200, the status in the headers, no body.
        private static void Refuse(HttpContext context, string message)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = ((int)Grpc.Core.StatusCode.ResourceExhausted).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        }

        private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.##", CultureInfo.InvariantCulture) + " MiB";
    }
}
