using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Intake;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>
/// Answers a gRPC request whose message is larger than the limit with <c>RESOURCE_EXHAUSTED</c>
/// naming the limit, before the request body is read: it peeks at the 5-byte gRPC message prefix
/// (compressed flag, 4-byte big-endian length) and consumes nothing. Without it, the gRPC server
/// answers with a message that does not name the limit. Only <see cref="Access.LaunchMethods"/> may send up to
/// <see cref="LocalCueOptions.MaxMessageBytes"/>; every other method (queries and control verbs, whose requests are
/// tiny) at most <see cref="SmallRequestBytes"/>, and Kestrel reads no more of its body than that either.
/// Runs after <see cref="AccessGate"/>: a refused caller's body is never peeked at.
/// </summary>
internal sealed class MessageSizeGuard
{
    /// <summary>The gRPC length-prefixed message header: 1 flag byte, 4 length bytes.</summary>
    public const int GrpcPrefixBytes = 5;

    /// <summary>The largest request message of every method but <see cref="Access.LaunchMethods"/>: 4 MiB.</summary>
    public const long SmallRequestBytes = 4L * 1024 * 1024;

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
        var path = context.Request.Path.Value ?? string.Empty;
        var launch = Access.LaunchMethods.Contains(path);
        var limit = launch ? _limit : Math.Min(_limit, SmallRequestBytes);
        var bodyLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (!launch && bodyLimit is { IsReadOnly: false })
        {
            bodyLimit.MaxRequestBodySize = limit + GrpcPrefixBytes;
        }

        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            var reader = context.Request.BodyReader;
            var result = await reader.ReadAtLeastAsync(GrpcPrefixBytes, context.RequestAborted).ConfigureAwait(false);
            var length = MessageLength(result.Buffer);
            reader.AdvanceTo(result.Buffer.Start);
            if (length > limit)
            {
                IntakeLog.RequestTooLarge(_logger, path, length, limit);
                GrpcStatusResponse.TrailersOnly(context, Grpc.Core.StatusCode.ResourceExhausted, "The request message is " + Count(length) +
                    " bytes; LocalCue accepts messages of at most " + Count(limit) + " bytes (" + Mebibytes(limit) + (launch
                        ? ", LocalCueOptions.MaxMessageBytes)."
                        : ") for " + path + ": only LaunchSpec and LaunchSpecAndWait take larger messages (up to LocalCueOptions.MaxMessageBytes)."));
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

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.##", CultureInfo.InvariantCulture) + " MiB";
}
