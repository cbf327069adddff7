using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenCue.Cli.Internal;

/// <summary>Writes the one-line JSON documents of <c>--json</c> (snake_case field names, readable non-ASCII).</summary>
internal static class Json
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds a document with <paramref name="write"/> and returns it as text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A time as epoch seconds, or null when there is none yet.</summary>
    public static void WriteTime(this Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteNumber(name, value.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
