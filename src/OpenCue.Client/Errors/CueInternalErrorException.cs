using System;

namespace OpenCue.Client;

/// <summary>Cuebot reported an internal error (gRPC INTERNAL); the message is Cuebot's.</summary>
public class CueInternalErrorException : CueException
{
    /// <summary>Creates the exception.</summary>
    public CueInternalErrorException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CueInternalErrorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public CueInternalErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
