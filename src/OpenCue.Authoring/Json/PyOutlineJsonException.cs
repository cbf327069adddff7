using System;
using System.Globalization;

namespace OpenCue.Authoring.Json;

/// <summary>
/// A PyOutline JSON outline could not be read or an outline cannot be written in that format
/// (<see cref="PyOutlineJson"/>). The message names the layer, the key and what would be accepted;
/// for JSON syntax errors it gives the line and position.
/// </summary>
public sealed class PyOutlineJsonException : OutlineException
{
    /// <summary>Creates the exception.</summary>
    public PyOutlineJsonException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public PyOutlineJsonException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PyOutlineJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem with a layer or key.</summary>
    /// <param name="message">What went wrong and what would be accepted.</param>
    /// <param name="layerName">The layer concerned, or <see langword="null"/> for the outline itself.</param>
    /// <param name="key">The JSON key concerned, or <see langword="null"/>.</param>
    /// <param name="innerException">The cause, if any.</param>
    internal PyOutlineJsonException(string message, string? layerName, string? key, Exception? innerException = null)
        : base(message, innerException!)
    {
        LayerName = layerName;
        Key = key;
    }

    /// <summary>Creates the exception for a JSON syntax error.</summary>
    /// <param name="message">The parser's description of the error.</param>
    /// <param name="lineNumber">The line, counted from 1.</param>
    /// <param name="position">The byte position in the line, counted from 1.</param>
    /// <param name="innerException">The parser's exception.</param>
    public PyOutlineJsonException(string message, long lineNumber, long position, Exception innerException)
        : base(
            "The outline is not valid JSON (line " + lineNumber.ToString(CultureInfo.InvariantCulture) + ", position " +
            position.ToString(CultureInfo.InvariantCulture) + "): " + message,
            innerException)
    {
        LineNumber = lineNumber;
        Position = position;
    }

    /// <summary>The layer concerned (its name, or <c>#n</c> when it has none), or <see langword="null"/>.</summary>
    public string? LayerName { get; }

    /// <summary>The JSON key concerned, or <see langword="null"/>.</summary>
    public string? Key { get; }

    /// <summary>For a syntax error, the line (from 1); otherwise <see langword="null"/>.</summary>
    public long? LineNumber { get; }

    /// <summary>For a syntax error, the byte position in the line (from 1); otherwise <see langword="null"/>.</summary>
    public long? Position { get; }
}
