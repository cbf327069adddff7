using System;
using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using Google.Protobuf;
using Grpc.Core;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>
/// Reads the requests that carry a spec (<c>LaunchSpec</c>, <c>LaunchSpecAndWait</c>: field 1,
/// <c>string spec</c>) as the generated marshaller does, but answers a request it cannot read with
/// <c>INVALID_ARGUMENT</c> and the reason: Google.Protobuf refuses a string that is not UTF-8
/// ("String is invalid UTF-8") while deserializing, before any handler or interceptor runs, which
/// gRPC would otherwise answer <c>UNKNOWN "Exception was thrown by handler"</c>. For invalid UTF-8
/// the message names the byte offset, within the spec, of the first invalid byte.
/// </summary>
internal static class SpecRequestMarshaller
{
    private const int SpecFieldNumber = 1;

    /// <summary>A marshaller that serializes as <paramref name="original"/> and deserializes with <paramref name="parser"/>.</summary>
    /// <typeparam name="T">The request type.</typeparam>
    /// <param name="original">The generated marshaller.</param>
    /// <param name="parser">The generated parser.</param>
    /// <param name="method">The method, for messages (e.g. <c>LaunchSpec</c>).</param>
    /// <returns>The marshaller.</returns>
    public static Marshaller<T> Create<T>(Marshaller<T> original, MessageParser<T> parser, string method)
        where T : IMessage<T> =>
        new Marshaller<T>(original.ContextualSerializer, context => Deserialize(context, parser, method));

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or -1.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The offset, or -1 when all of it is UTF-8.</returns>
    public static long FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var scratch = new char[4096];
        long offset = 0;
        while (!bytes.IsEmpty)
        {
            var status = Utf8.ToUtf16(bytes, scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            if (status == OperationStatus.Done)
            {
                return -1;
            }

            if (status != OperationStatus.DestinationTooSmall)
            {
                return offset + read;
            }

            offset += read;
            bytes = bytes.Slice(read);
        }

        return -1;
    }

    private static T Deserialize<T>(DeserializationContext context, MessageParser<T> parser, string method)
        where T : IMessage<T>
    {
        var payload = context.PayloadAsReadOnlySequence();
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, Describe(payload, method, e)));
        }
    }

    // Why the request could not be read: the spec's first invalid UTF-8 byte when that is the reason,
    // otherwise the protobuf error (the bytes are not a request message).
    private static string Describe(ReadOnlySequence<byte> payload, string method, InvalidProtocolBufferException error)
    {
        try
        {
            var input = new CodedInputStream(payload.ToArray());
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == SpecFieldNumber && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                {
                    var spec = input.ReadBytes().Span;
                    var offset = FirstInvalidUtf8(spec);
                    if (offset >= 0)
                    {
                        return "The spec of the " + method + " request is not valid UTF-8: the byte 0x" +
                            spec[(int)offset].ToString("X2", CultureInfo.InvariantCulture) + " at byte offset " +
                            offset.ToString(CultureInfo.InvariantCulture) + " of the spec (" +
                            spec.Length.ToString(CultureInfo.InvariantCulture) + " bytes) does not start a valid UTF-8 sequence; " +
                            "a protobuf string, and a cjsl spec, must be UTF-8.";
                    }
                }
                else
                {
                    input.SkipLastField();
                }
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Not even the framing can be read: reported below.
        }

        return "The " + method + " request (" + payload.Length.ToString(CultureInfo.InvariantCulture) +
            " bytes) is not a valid protobuf message: " + error.Message;
    }
}
