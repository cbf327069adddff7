using System;

namespace OpenCue.Client;

/// <summary>Cuebot has no such job, layer, frame or depend (gRPC NOT_FOUND).</summary>
public class EntityNotFoundException : CueException
{
    /// <summary>Creates the exception.</summary>
    public EntityNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public EntityNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public EntityNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
