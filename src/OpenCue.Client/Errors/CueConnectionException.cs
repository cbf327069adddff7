using System;

namespace OpenCue.Client;

/// <summary>No Cuebot host could be reached (gRPC UNAVAILABLE on every host).</summary>
public class CueConnectionException : CueException
{
    /// <summary>Creates the exception.</summary>
    public CueConnectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CueConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public CueConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
