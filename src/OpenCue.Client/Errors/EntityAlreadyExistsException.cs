using System;

namespace OpenCue.Client;

/// <summary>The entity already exists on the Cuebot (gRPC ALREADY_EXISTS).</summary>
public class EntityAlreadyExistsException : CueException
{
    /// <summary>Creates the exception.</summary>
    public EntityAlreadyExistsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public EntityAlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public EntityAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
