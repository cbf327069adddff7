using System;

namespace OpenCue.Authoring;

/// <summary>A layer was looked up by a name the outline does not have.</summary>
public sealed class LayerNotFoundException : OutlineException
{
    /// <summary>Creates the exception.</summary>
    public LayerNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LayerNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LayerNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a missing layer of a named outline.</summary>
    /// <param name="outlineName">The outline searched.</param>
    /// <param name="layerName">The name looked up.</param>
    /// <param name="knownLayers">The names the outline has, for the message.</param>
    public LayerNotFoundException(string outlineName, string layerName, string knownLayers)
        : base("Outline '" + outlineName + "' has no layer named '" + layerName + "' (layers: " + knownLayers + ").")
    {
        OutlineName = outlineName;
        LayerName = layerName;
    }

    /// <summary>The outline searched, when known.</summary>
    public string? OutlineName { get; }

    /// <summary>The name that was not found, when known.</summary>
    public string? LayerName { get; }
}
